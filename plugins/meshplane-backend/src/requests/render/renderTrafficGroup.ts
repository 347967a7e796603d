import type {
  ConnectionPoolSettings,
  KubeObject,
  ResilienceSettings,
  ServiceTrafficSettings,
  TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import {
  CLUSTER_DOMAIN,
  groupObjectMeta,
  serviceHost,
  type RenderTarget,
} from './groupObjectMeta';

function egressHosts(
  reachability: NonNullable<TrafficGroupSettings['reachability']>,
  target: RenderTarget,
): string[] {
  // The control plane stays reachable: without istiod's namespace in the
  // egress hosts, proxies lose the control-plane services they call.
  const controlPlane = `${target.rootNamespace}/*`;
  switch (reachability.mode) {
    case 'NAMESPACE':
      return ['./*', controlPlane];
    case 'WORKSPACE':
      return [
        ...[...target.workspaceNamespaces]
          .sort()
          .map(namespace => `${namespace}/*`),
        controlPlane,
      ].filter((host, i, all) => all.indexOf(host) === i);
    case 'CLUSTER':
      return ['*/*'];
    default:
      return [...(reachability.hosts ?? []), controlPlane].filter(
        (host, i, all) => all.indexOf(host) === i,
      );
  }
}

function connectionPool(pool: ConnectionPoolSettings | undefined) {
  if (!pool) return undefined;
  const tcp = {
    maxConnections: pool.maxConnections,
    connectTimeout: pool.connectTimeout,
  };
  const http = {
    http1MaxPendingRequests: pool.http1MaxPendingRequests,
    http2MaxRequests: pool.http2MaxRequests,
    maxRequestsPerConnection: pool.maxRequestsPerConnection,
  };
  const defined = (value: object) =>
    Object.values(value).some(v => v !== undefined) ? prune(value) : undefined;
  return prune({ tcp: defined(tcp), http: defined(http) });
}

/** Drops `undefined` fields so rendered YAML shows only what was asked for. */
function prune<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function trafficPolicy(
  resilience:
    | Pick<ResilienceSettings, 'connectionPool' | 'outlierDetection'>
    | undefined,
  failover: ServiceTrafficSettings['localityFailover'],
) {
  const policy = prune({
    connectionPool: connectionPool(resilience?.connectionPool),
    outlierDetection:
      resilience?.outlierDetection && prune(resilience.outlierDetection),
    loadBalancer:
      failover && failover.length > 0
        ? {
            localityLbSetting: {
              enabled: true,
              failover: failover.map(({ from, to }) => ({ from, to })),
            },
          }
        : undefined,
  });
  return Object.keys(policy).length > 0 ? policy : undefined;
}

function mergeResilience(
  group: TrafficGroupSettings['resilience'],
  service: ResilienceSettings | undefined,
): ResilienceSettings {
  return {
    ...service,
    connectionPool:
      group?.connectionPool || service?.connectionPool
        ? { ...group?.connectionPool, ...service?.connectionPool }
        : undefined,
    outlierDetection:
      group?.outlierDetection || service?.outlierDetection
        ? { ...group?.outlierDetection, ...service?.outlierDetection }
        : undefined,
  };
}

function renderService(
  service: ServiceTrafficSettings,
  group: TrafficGroupSettings,
  target: RenderTarget,
): KubeObject[] {
  const host = serviceHost(service.service, target.namespace);
  const name = `${target.groupName}-${service.service}`;
  const resilience = mergeResilience(group.resilience, service.resilience);
  const objects: KubeObject[] = [];

  const policy = trafficPolicy(resilience, service.localityFailover);
  const subsets = service.subsets ?? [];
  if (policy || subsets.length > 0) {
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: groupObjectMeta(target, name),
      spec: prune({
        host,
        trafficPolicy: policy,
        subsets:
          subsets.length > 0
            ? subsets.map(subset => ({
                name: subset.name,
                labels: subset.labels,
              }))
            : undefined,
      }),
    });
  }

  const weighted = subsets.filter(subset => subset.weight !== undefined);
  if (weighted.length > 0 || resilience.timeout || resilience.retries) {
    const route =
      weighted.length > 0
        ? weighted.map(subset => ({
            destination: { host, subset: subset.name },
            weight: subset.weight,
          }))
        : [{ destination: { host } }];
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: groupObjectMeta(target, name),
      spec: {
        hosts: [host],
        http: [
          prune({
            route,
            timeout: resilience.timeout,
            retries: resilience.retries && prune(resilience.retries),
          }),
        ],
      },
    });
  }
  return objects;
}

/**
 * Renders a BRIDGED traffic group for one namespace (TSB TrafficSetting,
 * ServiceTrafficSetting and ServiceRoute):
 *
 * - reachability → a namespace-wide Sidecar (no workload selector) whose
 *   egress lists the hosts the namespace's workloads may call;
 * - group resilience → a DestinationRule for `*.<namespace>.svc.cluster.local`
 *   (connection pool, outlier detection);
 * - per service → a DestinationRule for the service host (resilience merged
 *   over the group's, locality failover, subsets) and, for subset weights,
 *   timeouts or retries, a VirtualService for the same host.
 *
 * The DestinationRules set no `tls`, so clients keep Istio's auto mTLS.
 */
export function renderTrafficGroup(
  settings: TrafficGroupSettings,
  target: RenderTarget,
): KubeObject[] {
  const objects: KubeObject[] = [];
  if (settings.reachability) {
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: groupObjectMeta(target, target.groupName),
      spec: { egress: [{ hosts: egressHosts(settings.reachability, target) }] },
    });
  }
  const namespacePolicy = trafficPolicy(settings.resilience, undefined);
  if (namespacePolicy) {
    objects.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: groupObjectMeta(target, target.groupName),
      spec: {
        host: `*.${target.namespace}.svc.${CLUSTER_DOMAIN}`,
        trafficPolicy: namespacePolicy,
      },
    });
  }
  for (const service of settings.services ?? []) {
    objects.push(...renderService(service, settings, target));
  }
  return objects;
}
