import type {
  GatewayGroupSettings,
  KubeObject,
} from '@meshplane/plugin-meshplane-common';
import { groupObjectMeta, type RenderTarget } from './groupObjectMeta';
import { renderJwtPolicies } from './renderGatewayGroup';

/** The Gateway API's group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The GatewayClass istiod creates for its gateway controller (`istio.io/gateway-controller`). */
export const ISTIO_GATEWAY_CLASS = 'istio';

/**
 * The listener TLS option Istio reads for client certificates
 * (pilot/pkg/config/kube/gateway/conversion.go `gatewayTLSTerminateModeKey`):
 * `MUTUAL` makes a `Terminate` listener require them, the CA taken from the
 * certificate's Secret (`ca.crt`), as for an Istio Gateway's credentialName.
 */
export const ISTIO_TLS_TERMINATE_MODE = 'gateway.istio.io/tls-terminate-mode';

/**
 * The Gateway API's limits that a gateway group can reach: listeners of a
 * Gateway (one per host), hostnames and rules of an HTTPRoute (one per route).
 */
export const GATEWAY_API_LIMITS = {
  listeners: 64,
  hostnames: 16,
  rules: 16,
} as const;

/**
 * Renders a BRIDGED gateway group for one namespace with the Kubernetes
 * Gateway API (istio-semantics.md §h), for workspaces configured with
 * `gatewayApi: gateway-api`:
 *
 * - a `Gateway` of class `istio` in the group's namespace, for which istiod
 *   deploys a gateway of its own (Deployment and Service `<name>-istio`):
 *   one listener per host, HTTP, or HTTPS terminating TLS with the group's
 *   Secret (MUTUAL through Istio's `gateway.istio.io/tls-terminate-mode`
 *   option), admitting routes of its own namespace only;
 * - an `HTTPRoute` attached to it for the hosts, one rule per route with a
 *   `PathPrefix` match and the workspace Service as backend. The Gateway API
 *   picks the longest matching prefix whatever the order; the rules keep the
 *   Istio renderer's order (longest first) so the output is stable;
 * - a `ReferenceGrant` in each other namespace a route sends traffic to,
 *   letting HTTPRoutes of the group's namespace refer to those Services
 *   (without it Istio refuses the backend: RefNotPermitted, HTTP 500);
 * - with JWT: the same RequestAuthentication and DENY AuthorizationPolicy as
 *   for Istio's Gateway, attached to the Gateway by `targetRefs`, since a
 *   workload selector does not apply to a Gateway API gateway (IST0166).
 *
 * Every field the API server would default is set, so that a preview against
 * the object read back from a cluster finds nothing to change.
 */
export function renderGatewayApiGroup(
  settings: GatewayGroupSettings,
  target: RenderTarget,
): KubeObject[] {
  const name = target.groupName;
  const https = settings.tls !== undefined;
  const port = settings.port ?? (https ? 443 : 80);
  const protocol = https ? 'HTTPS' : 'HTTP';

  const listeners = settings.hosts.map((hostname, index) => {
    const listener: Record<string, unknown> = {
      name: `${protocol.toLowerCase()}-${index}`,
      hostname,
      port,
      protocol,
      allowedRoutes: { namespaces: { from: 'Same' } },
    };
    if (settings.tls) {
      listener.tls = {
        mode: 'Terminate',
        certificateRefs: [
          { group: '', kind: 'Secret', name: settings.tls.credentialName },
        ],
        ...(settings.tls.mode === 'MUTUAL'
          ? { options: { [ISTIO_TLS_TERMINATE_MODE]: 'MUTUAL' } }
          : {}),
      };
    }
    return listener;
  });

  const routes = [...settings.routes].sort(
    (a, b) => (b.pathPrefix ?? '/').length - (a.pathPrefix ?? '/').length,
  );
  const rules = routes.map(route => {
    const backendNamespace = route.namespace ?? target.namespace;
    return {
      matches: [
        { path: { type: 'PathPrefix', value: route.pathPrefix ?? '/' } },
      ],
      backendRefs: [
        {
          group: '',
          kind: 'Service',
          name: route.service,
          ...(backendNamespace !== target.namespace
            ? { namespace: backendNamespace }
            : {}),
          port: route.port,
          weight: 1,
        },
      ],
    };
  });

  const objects: KubeObject[] = [
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'Gateway',
      metadata: groupObjectMeta(target, name),
      spec: { gatewayClassName: ISTIO_GATEWAY_CLASS, listeners },
    },
    {
      apiVersion: `${GATEWAY_API_GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: groupObjectMeta(target, name),
      spec: {
        parentRefs: [{ group: GATEWAY_API_GROUP, kind: 'Gateway', name }],
        hostnames: settings.hosts,
        rules,
      },
    },
  ];

  // Services of other namespaces, per namespace, each named once.
  const grants = new Map<string, Set<string>>();
  for (const route of routes) {
    const namespace = route.namespace ?? target.namespace;
    if (namespace === target.namespace) continue;
    const services = grants.get(namespace) ?? new Set<string>();
    services.add(route.service);
    grants.set(namespace, services);
  }
  for (const namespace of [...grants.keys()].sort()) {
    objects.push({
      apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: {
        ...groupObjectMeta(target, referenceGrantName(target)),
        namespace,
      },
      spec: {
        from: [
          {
            group: GATEWAY_API_GROUP,
            kind: 'HTTPRoute',
            namespace: target.namespace,
          },
        ],
        to: [...grants.get(namespace)!].sort().map(service => ({
          group: '',
          kind: 'Service',
          name: service,
        })),
      },
    });
  }

  objects.push(
    ...renderJwtPolicies(settings, target, {
      targetRefs: [{ group: GATEWAY_API_GROUP, kind: 'Gateway', name }],
    }),
  );
  return objects;
}

/**
 * Name of the ReferenceGrant a group's routes of one namespace need in
 * another: `<group>-from-<namespace>`, so that the grants of one group
 * selecting several namespaces of a cluster do not overwrite each other.
 */
export function referenceGrantName(target: RenderTarget): string {
  return `${target.groupName}-from-${target.namespace}`;
}
