import type {
  GatewayGroupSettings,
  KubeObject,
} from '@meshplane/plugin-meshplane-common';
import {
  groupObjectMeta,
  serviceHost,
  type RenderTarget,
} from './groupObjectMeta';

/** Istio's default ingress gateway labels (the `istio-ingressgateway` chart). */
export const DEFAULT_GATEWAY_SELECTOR: Record<string, string> = {
  istio: 'ingressgateway',
};

/**
 * Renders a BRIDGED gateway group for one namespace (TSB IngressGateway):
 *
 * - a Gateway with one server for the hosts (HTTPS with the TLS secret, or
 *   HTTP), selecting the gateway workload by labels;
 * - a VirtualService bound to that Gateway with one route per path prefix to
 *   a service of the workspace, longest prefix first (Istio evaluates HTTP
 *   routes in order, so `/` must come last);
 * - with JWT: a RequestAuthentication for the issuer on the gateway workload
 *   and, unless `required: false`, a DENY AuthorizationPolicy for requests
 *   to the group's hosts without a request principal (Istio's documented
 *   "require JWT" pattern). Both select the gateway workload, which Istio
 *   only matches in the policies' own namespace.
 */
export function renderGatewayGroup(
  settings: GatewayGroupSettings,
  target: RenderTarget,
): KubeObject[] {
  const selector = settings.selector ?? DEFAULT_GATEWAY_SELECTOR;
  const https = settings.tls !== undefined;
  const port = settings.port ?? (https ? 443 : 80);
  const protocol = https ? 'HTTPS' : 'HTTP';

  const server: Record<string, unknown> = {
    port: {
      number: port,
      name: `${protocol.toLowerCase()}-${target.groupName}`,
      protocol,
    },
    hosts: settings.hosts,
  };
  if (settings.tls) {
    server.tls = {
      mode: settings.tls.mode ?? 'SIMPLE',
      credentialName: settings.tls.credentialName,
    };
  }

  const routes = [...settings.routes].sort(
    (a, b) => (b.pathPrefix ?? '/').length - (a.pathPrefix ?? '/').length,
  );

  const objects: KubeObject[] = [
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: groupObjectMeta(target, target.groupName),
      spec: { selector, servers: [server] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: groupObjectMeta(target, target.groupName),
      spec: {
        hosts: settings.hosts,
        gateways: [`${target.namespace}/${target.groupName}`],
        http: routes.map(route => ({
          match: [{ uri: { prefix: route.pathPrefix ?? '/' } }],
          route: [
            {
              destination: {
                host: serviceHost(
                  route.service,
                  route.namespace ?? target.namespace,
                ),
                port: { number: route.port },
              },
            },
          ],
        })),
      },
    },
  ];

  objects.push(
    ...renderJwtPolicies(settings, target, {
      selector: { matchLabels: selector },
    }),
  );
  return objects;
}

/**
 * The JWT policies of a gateway group: a RequestAuthentication for the issuer and, unless
 * `required: false`, a DENY AuthorizationPolicy for requests to the group's hosts without a request
 * principal (Istio's documented "require JWT" pattern), both attached to the group's gateway by
 * `attach` (a workload `selector`, or `targetRefs` for a Gateway API Gateway, where selectors do not
 * apply: IST0166).
 */
export function renderJwtPolicies(
  settings: GatewayGroupSettings,
  target: RenderTarget,
  attach: Record<string, unknown>,
): KubeObject[] {
  if (!settings.jwt) return [];
  const jwtName = `${target.groupName}-jwt`;
  const objects: KubeObject[] = [
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: groupObjectMeta(target, jwtName),
      spec: {
        ...attach,
        jwtRules: [
          {
            issuer: settings.jwt.issuer,
            jwksUri: settings.jwt.jwksUri,
            ...(settings.jwt.audiences?.length
              ? { audiences: settings.jwt.audiences }
              : {}),
          },
        ],
      },
    },
  ];
  if (settings.jwt.required !== false) {
    objects.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: groupObjectMeta(target, jwtName),
      spec: {
        ...attach,
        action: 'DENY',
        rules: [
          {
            from: [{ source: { notRequestPrincipals: ['*'] } }],
            to: [{ operation: { hosts: settings.hosts } }],
          },
        ],
      },
    });
  }
  return objects;
}
