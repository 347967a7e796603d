import {
  checkSidecarHost,
  claimCovers,
  type GatewayGroupSettings,
  type KubeObject,
  type SecurityGroupSettings,
  type TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import type { GatewayApiMode, WorkspaceClaims } from '../workspaces';
import type { GroupTarget } from '../workspaces';
import {
  DEFAULT_GATEWAY_SELECTOR,
  GATEWAY_API_GROUP,
  GATEWAY_API_LIMITS,
} from '../render';
import type { FieldErrorCollector } from '../fieldErrors';

/** What the checks know about the workspace and the live fleet. */
export interface SettingsCheckContext {
  workspace: WorkspaceClaims;
  otherWorkspaces: WorkspaceClaims[];
  targets: GroupTarget[];
  /** What the workspace's gateway groups render to (`meshplane.workspaces`); `istio` when absent. */
  gatewayApi?: GatewayApiMode;
  /** Live objects of a cluster; `undefined` when the cluster's objects are unknown. */
  liveObjects(cluster: string): KubeObject[] | undefined;
  errors: FieldErrorCollector;
}

const SETTINGS = 'group.settings';

function ownsNamespace(
  context: SettingsCheckContext,
  cluster: string,
  namespace: string,
) {
  return (
    context.workspace.claims.some(claim =>
      claimCovers(claim, cluster, namespace),
    ) &&
    !context.otherWorkspaces.some(other =>
      other.claims.some(claim => claimCovers(claim, cluster, namespace)),
    )
  );
}

function labelsMatch(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
) {
  return Object.entries(selector).every(
    ([key, value]) => labels?.[key] === value,
  );
}

function hostsOverlap(a: string, b: string): boolean {
  const matches = (pattern: string, host: string) =>
    pattern === host ||
    pattern === '*' ||
    (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));
  return matches(a, b) || matches(b, a);
}

function checkGateway(
  settings: GatewayGroupSettings,
  context: SettingsCheckContext,
) {
  const { errors, targets } = context;
  const clusters = [...new Set(targets.map(target => target.cluster))];

  settings.routes.forEach((route, index) => {
    if (route.namespace === undefined) return;
    const outside = clusters.filter(
      cluster => !ownsNamespace(context, cluster, route.namespace!),
    );
    if (outside.length > 0) {
      errors.add(
        `${SETTINGS}.routes[${index}].namespace`,
        `namespace ${route.namespace} is outside workspace ${
          context.workspace.ref
        } in ${outside.join(
          ', ',
        )}: a gateway group routes only to the workspace's own services`,
      );
    }
  });

  if (context.gatewayApi === 'gateway-api') {
    checkGatewayApi(settings, context, clusters);
    return;
  }

  // A host served by another workspace's Gateway on the same gateway
  // workload would make Istio merge or reject the servers
  // (gateway.ConflictingGatewayAnalyzer, IST0145): refuse it up front.
  const selector = settings.selector ?? DEFAULT_GATEWAY_SELECTOR;
  settings.hosts.forEach((host, index) => {
    const taken = new Set<string>();
    for (const cluster of clusters) {
      for (const object of context.liveObjects(cluster) ?? []) {
        if (
          object.kind !== 'Gateway' ||
          !object.apiVersion.startsWith('networking.istio.io/')
        )
          continue;
        const namespace = object.metadata.namespace ?? 'default';
        if (ownsNamespace(context, cluster, namespace)) continue;
        if (
          !labelsMatch(selector, object.spec?.selector) ||
          !labelsMatch(object.spec?.selector ?? {}, selector)
        )
          continue;
        const servers: Array<{ hosts?: string[] }> = object.spec?.servers ?? [];
        if (
          servers.some(server =>
            (server.hosts ?? []).some(h =>
              hostsOverlap(h.split('/').pop()!, host),
            ),
          )
        ) {
          taken.add(`${cluster}/${namespace}/${object.metadata.name}`);
        }
      }
    }
    if (taken.size > 0) {
      errors.add(
        `${SETTINGS}.hosts[${index}]`,
        `host ${host} is served outside the workspace by Gateway ${[
          ...taken,
        ].join(', ')} on the same gateway workload`,
      );
    }
  });

  if (settings.jwt) {
    // Istio applies a policy's workload selector only to workloads of the
    // policy's own namespace (pilot/pkg/model/policyattachment.go), so a
    // gateway JWT needs the gateway workload in the group's namespace.
    const elsewhere = targets.filter(target => {
      const pods = (context.liveObjects(target.cluster) ?? []).filter(
        object =>
          object.kind === 'Pod' &&
          labelsMatch(selector, object.metadata.labels),
      );
      return (
        pods.length > 0 &&
        !pods.some(pod => pod.metadata.namespace === target.namespace)
      );
    });
    if (elsewhere.length > 0) {
      errors.add(
        `${SETTINGS}.jwt`,
        `the gateway workload (${Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}) does not run in ${elsewhere
          .map(t => `${t.cluster}/${t.namespace}`)
          .join(
            ', ',
          )}; Istio applies a RequestAuthentication's selector only in its own namespace, so deploy a gateway in the namespace or ask the platform team for JWT on the shared gateway`,
      );
    }
  }
}

/** The port a gateway group's server or listeners use. */
function gatewayPort(settings: GatewayGroupSettings): number {
  return settings.port ?? (settings.tls ? 443 : 80);
}

/**
 * A gateway group of a workspace in Gateway API mode: what the Gateway API
 * allows (listeners, hostnames and rules per object), no workload selector
 * (istiod deploys the Gateway's own), and no host that a Gateway API Gateway
 * outside the workspace already has a listener for on the same port (Kiali
 * KIA1501: two Gateways for one host and port, whose addresses clients
 * cannot both reach by that name).
 */
function checkGatewayApi(
  settings: GatewayGroupSettings,
  context: SettingsCheckContext,
  clusters: string[],
) {
  const { errors } = context;
  if (settings.selector !== undefined) {
    errors.add(
      `${SETTINGS}.selector`,
      `workspace ${context.workspace.ref} renders gateway groups to the Gateway API (meshplane.workspaces): istiod deploys a gateway for the group's Gateway of class istio in its namespace, so there is no gateway workload to select; remove selector`,
    );
  }
  if (settings.hosts.length > GATEWAY_API_LIMITS.hostnames) {
    errors.add(
      `${SETTINGS}.hosts`,
      `${settings.hosts.length} hosts: an HTTPRoute takes at most ${GATEWAY_API_LIMITS.hostnames} hostnames; split the hosts into several gateway groups`,
    );
  }
  if (settings.routes.length > GATEWAY_API_LIMITS.rules) {
    errors.add(
      `${SETTINGS}.routes`,
      `${settings.routes.length} routes: an HTTPRoute takes at most ${GATEWAY_API_LIMITS.rules} rules (one per route); split the routes into several gateway groups`,
    );
  }
  settings.hosts.forEach((host, index) => {
    if (settings.hosts.indexOf(host) !== index) {
      errors.add(
        `${SETTINGS}.hosts[${index}]`,
        `host ${host} is listed twice: a Gateway takes one listener per host and port`,
      );
    }
  });

  const port = gatewayPort(settings);
  settings.hosts.forEach((host, index) => {
    const taken = new Set<string>();
    for (const cluster of clusters) {
      for (const object of context.liveObjects(cluster) ?? []) {
        if (
          object.kind !== 'Gateway' ||
          !object.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)
        )
          continue;
        const namespace = object.metadata.namespace ?? 'default';
        if (ownsNamespace(context, cluster, namespace)) continue;
        const listeners: Array<{
          name?: string;
          hostname?: string;
          port?: number;
        }> = Array.isArray(object.spec?.listeners) ? object.spec.listeners : [];
        for (const listener of listeners) {
          if (
            listener?.port === port &&
            typeof listener.hostname === 'string' &&
            hostsOverlap(listener.hostname, host)
          ) {
            taken.add(
              `${cluster}/${namespace}/${object.metadata.name} (listener ${listener.name}, port ${port})`,
            );
          }
        }
      }
    }
    if (taken.size > 0) {
      errors.add(
        `${SETTINGS}.hosts[${index}]`,
        `host ${host} is served outside the workspace by Gateway ${[
          ...taken,
        ].join(
          ', ',
        )}: a second Gateway for the same host and port gets an address of its own that clients of ${host} do not reach (Kiali KIA1501)`,
      );
    }
  });
}

function checkTraffic(
  settings: TrafficGroupSettings,
  context: SettingsCheckContext,
) {
  const { errors } = context;
  if (
    !settings.reachability &&
    !settings.resilience &&
    !settings.services?.length
  ) {
    errors.add(
      SETTINGS,
      'set reachability, resilience or services: the group would render nothing',
    );
  }
  const reachability = settings.reachability;
  if (reachability?.mode === 'CUSTOM') {
    if (!reachability.hosts?.length) {
      errors.add(
        `${SETTINGS}.reachability.hosts`,
        'CUSTOM reachability needs the hosts the workloads may call (namespace/host)',
      );
    }
    reachability.hosts?.forEach((host, index) => {
      errors.add(
        `${SETTINGS}.reachability.hosts[${index}]`,
        checkSidecarHost(host),
      );
    });
  } else if (reachability?.hosts?.length) {
    errors.add(
      `${SETTINGS}.reachability.hosts`,
      `hosts are only used with CUSTOM reachability, not ${reachability.mode}`,
    );
  }

  const seen = new Set<string>();
  settings.services?.forEach((service, index) => {
    const field = `${SETTINGS}.services[${index}]`;
    if (seen.has(service.service)) {
      errors.add(
        `${field}.service`,
        `service ${service.service} is listed twice`,
      );
    }
    seen.add(service.service);

    const subsets = service.subsets ?? [];
    const names = subsets.map(subset => subset.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        errors.add(
          `${field}.subsets[${i}].name`,
          `subset ${name} is defined twice`,
        );
      }
    });
    const weighted = subsets.filter(subset => subset.weight !== undefined);
    const total = weighted.reduce(
      (sum, subset) => sum + (subset.weight ?? 0),
      0,
    );
    if (weighted.length > 0 && total !== 100) {
      errors.add(
        `${field}.subsets`,
        `subset weights add up to ${total}, not 100`,
      );
    }

    if (service.localityFailover?.length) {
      // Envoy only fails over between localities when outlier detection
      // ejects unhealthy endpoints (Istio: pilot/pkg/networking/core/loadbalancer/loadbalancer.go
      // applies locality failover only with outlier detection set).
      if (
        !service.resilience?.outlierDetection &&
        !settings.resilience?.outlierDetection
      ) {
        errors.add(
          `${field}.localityFailover`,
          "locality failover needs outlier detection (in the service's or the group's resilience): without it Envoy never fails over",
        );
      }
      service.localityFailover.forEach((failover, i) => {
        if (failover.from === failover.to) {
          errors.add(
            `${field}.localityFailover[${i}]`,
            `failover from ${failover.from} to itself`,
          );
        }
      });
    }
  });
}

function checkSecurity(
  settings: SecurityGroupSettings,
  context: SettingsCheckContext,
) {
  const { errors } = context;
  if (!settings.trafficMode && !settings.authorization) {
    errors.add(
      SETTINGS,
      'set trafficMode or authorization: the group would render nothing',
    );
  }
  const authorization = settings.authorization;
  if (
    authorization?.mode === 'CUSTOM' &&
    !authorization.serviceAccounts?.length
  ) {
    errors.add(
      `${SETTINGS}.authorization.serviceAccounts`,
      'CUSTOM authorization needs the service accounts allowed to call (namespace/name)',
    );
  }
  if (
    authorization &&
    authorization.mode !== 'CUSTOM' &&
    authorization.serviceAccounts?.length
  ) {
    errors.add(
      `${SETTINGS}.authorization.serviceAccounts`,
      `service accounts are only used with CUSTOM authorization, not ${authorization.mode}`,
    );
  }
}

/**
 * Checks what the shape cannot: settings against the workspace (routes to
 * namespaces outside it, hosts another workspace serves) and against Istio's
 * behaviour (weights, failover without outlier detection, Sidecar host form).
 */
export function checkGroupSettings(
  type: 'gateway' | 'traffic' | 'security',
  settings: GatewayGroupSettings | TrafficGroupSettings | SecurityGroupSettings,
  context: SettingsCheckContext,
): void {
  if (type === 'gateway')
    checkGateway(settings as GatewayGroupSettings, context);
  if (type === 'traffic')
    checkTraffic(settings as TrafficGroupSettings, context);
  if (type === 'security')
    checkSecurity(settings as SecurityGroupSettings, context);
}
