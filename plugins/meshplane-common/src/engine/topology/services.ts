import { K } from '../model/kinds';
import { hostMatches, serviceFqdn } from '../model/hosts';
import { selectorMatches } from '../model/labels';
import { ObjectRef } from '../model/types';
import { serviceEndpoints, servicePorts } from '../posture/servicePorts';
import { DNS_DOMAIN, MeshIndex } from '../snapshot/MeshIndex';
import { Workload } from '../snapshot/workloads';
import type { WorkloadProxy, WorkloadRole } from '../../schema/openapi';

/** A workload as the UI and catalog see it. @public */
export interface MeshWorkload {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  labels: Record<string, string>;
  /** `sidecar`, `gateway` (a gateway proxy) or `none`. */
  proxy: WorkloadProxy;
  /** Istio infrastructure (istiod, ztunnel, a waypoint, a gateway); absent for applications. */
  role?: WorkloadRole;
  /** Why it has (or lacks) a proxy. */
  proxyReason: string;
  serviceAccount?: string;
  readyPods: number;
  totalPods: number;
  /** True for VM workloads (WorkloadEntry). */
  vm: boolean;
  network?: string;
}

/** One logical service (same namespace/name in every cluster). @public */
export interface MeshService {
  namespace: string;
  name: string;
  host: string;
  clusters: Array<{
    cluster: string;
    network?: string;
    region?: string;
    type: string;
    ports: Array<{
      name?: string;
      port: number;
      targetPort?: number | string;
      protocol?: string;
      appProtocol?: string;
    }>;
    workloads: MeshWorkload[];
    readyPods: number;
    totalPods: number;
  }>;
  /** Istio config that targets the service (VirtualServices, DestinationRules, policies selecting its workloads). */
  config: ObjectRef[];
}

export function toMeshWorkload(index: MeshIndex, w: Workload): MeshWorkload {
  return {
    cluster: w.cluster,
    namespace: w.namespace,
    kind: w.kind,
    name: w.name,
    labels: { ...w.labels },
    proxy: w.proxy,
    proxyReason: w.proxyReason,
    ...(w.role ? { role: w.role } : {}),
    serviceAccount: w.serviceAccount,
    readyPods: w.readyPods,
    totalPods: w.totalPods,
    vm: w.vm,
    network: index.endpointNetwork(w),
  };
}

function configFor(
  index: MeshIndex,
  host: string,
  namespace: string,
  workloads: Workload[],
): ObjectRef[] {
  const refs = new Map<string, ObjectRef>();
  for (const cluster of index.clusterNames()) {
    for (const vs of index.listAll(cluster, K.VirtualService)) {
      const { hosts, destinations } = index.resolvedVsHosts(vs);
      if (
        hosts.some(h => hostMatches(h, host) && !h.startsWith('*')) ||
        destinations.includes(host)
      )
        refs.set(
          `${cluster}|vs|${vs.namespace}|${vs.obj.metadata.name}`,
          vs.ref,
        );
    }
    // The cluster's DestinationRules for the host (indexed), in list order.
    const drs = new Set(index.destinationRulesByFqdn(cluster, host));
    for (const dr of drs.size
      ? index.listAll(cluster, K.DestinationRule)
      : []) {
      if (drs.has(dr))
        refs.set(
          `${cluster}|dr|${dr.namespace}|${dr.obj.metadata.name}`,
          dr.ref,
        );
    }
    for (const kk of [
      K.PeerAuthentication,
      K.AuthorizationPolicy,
      K.RequestAuthentication,
      K.Sidecar,
    ]) {
      for (const p of index.list(cluster, kk, namespace)) {
        const sel =
          p.obj.spec?.selector?.matchLabels ??
          p.obj.spec?.workloadSelector?.labels;
        if (!sel || !Object.keys(sel).length) continue;
        if (
          workloads.some(
            w => w.cluster === cluster && selectorMatches(sel, w.labels),
          )
        )
          refs.set(
            `${cluster}|${kk}|${p.namespace}|${p.obj.metadata.name}`,
            p.ref,
          );
      }
    }
  }
  return [...refs.values()];
}

/** Logical services of the fleet (or only the given ones). */
export function buildLogicalServices(
  index: MeshIndex,
  only?: Array<{ namespace: string; name: string }>,
): MeshService[] {
  const hosts = only
    ? only.map(r => serviceFqdn(r.name, r.namespace, DNS_DOMAIN))
    : [...index.serviceHostNames()].sort();
  const out: MeshService[] = [];
  for (const host of hosts) {
    const instances = index.servicesByHost(host);
    if (!instances.length) continue;
    const first = instances[0].service;
    const allWorkloads: Workload[] = [];
    const clusters = instances.map(({ cluster, service }) => {
      const endpoints = serviceEndpoints(index, service);
      allWorkloads.push(...endpoints);
      const meta = index.clusters.get(cluster)?.meta;
      return {
        cluster,
        network: index.clusterNetwork(cluster),
        region: meta?.region,
        type: String(service.obj.spec?.type ?? 'ClusterIP'),
        ports: servicePorts(service).map(p => ({ ...p })),
        workloads: endpoints.map(w => toMeshWorkload(index, w)),
        readyPods: endpoints.reduce((n, w) => n + w.readyPods, 0),
        totalPods: endpoints.reduce((n, w) => n + w.totalPods, 0),
      };
    });
    out.push({
      namespace: first.namespace,
      name: first.obj.metadata.name,
      host,
      clusters,
      config: configFor(index, host, first.namespace, allWorkloads),
    });
  }
  return out;
}
