import type { Edge, ObservedEdge } from '../model/types';
import {
  EdgeCalculator,
  LogicalService,
  logicalService,
} from '../posture/edges';
import type { MeshIndex } from '../snapshot/MeshIndex';
import {
  isCaller,
  syntheticWorkload,
  type Workload,
} from '../snapshot/workloads';
import { joinTraffic, type TrafficJoin } from './joinObservedTraffic';
import { ObservedTrafficIndex, UNKNOWN_WORKLOAD } from './observedTraffic';

/**
 * A caller Istio cannot name (`source_workload="unknown"`, istio-semantics.md §i): out of the
 * mesh — no proxy, no identity — in the cluster its traffic arrived in (a caller without a
 * proxy reaches only its own cluster's endpoints).
 */
function outOfMeshCaller(cluster: string, namespace: string): Workload {
  return syntheticWorkload({
    id: `${cluster}|${namespace}|${UNKNOWN_WORKLOAD}`,
    cluster,
    namespace,
    name: UNKNOWN_WORKLOAD,
    proxy: 'none',
    proxyReason: 'observed without a proxy (source_workload="unknown")',
  });
}

/**
 * The configured edges of observed traffic, joined with it: for every observed caller → service
 * → destination cluster that `concerns` accepts, the edges the configuration gives that caller
 * to that service's endpoints in that cluster (one per port and subset, as `EdgeCalculator`
 * computes them), each with `observed`. An out-of-mesh caller (`workload: unknown`) gets the
 * edges of a caller without a proxy whose traffic reached that cluster, with the observed source
 * as `from`. Observations whose caller or service the fleet does not hold are observed-only.
 * Series whose source is Istio's infrastructure (control plane, ztunnel, a waypoint) are legs of
 * the edges drawn through their `via`, not edges of their own: they are left out.
 */
export function observedCallerEdges(
  index: MeshIndex,
  traffic: ObservedTrafficIndex,
  concerns: (o: ObservedEdge) => boolean = () => true,
): TrafficJoin {
  const calc = new EdgeCalculator(index);
  const services = new Map<string, LogicalService | undefined>();
  const infrastructure = new Set<ObservedEdge>();
  const configured: Edge[] = [];
  for (const o of traffic.edges()) {
    if (!concerns(o)) continue;
    const key = `${o.to.namespace}/${o.to.service}`;
    if (!services.has(key))
      services.set(key, logicalService(index, o.to.namespace, o.to.service));
    const svc = services.get(key);
    if (!svc) continue;
    const unknown = o.from.workload === UNKNOWN_WORKLOAD;
    let client: Workload | undefined;
    if (unknown) {
      if (index.clusters.has(o.to.cluster))
        client = outOfMeshCaller(o.to.cluster, o.from.namespace);
    } else if (index.clusters.has(o.from.cluster))
      client = index
        .workloads(o.from.cluster, o.from.namespace)
        .find(w => w.name === o.from.workload);
    if (!client) continue;
    if (!isCaller(client)) {
      infrastructure.add(o);
      continue;
    }
    for (const e of calc.edges(client, svc))
      if (e.to.cluster === o.to.cluster)
        configured.push(unknown ? { ...e, from: { ...o.from } } : e);
  }
  return joinTraffic(
    configured,
    traffic,
    o => concerns(o) && !infrastructure.has(o),
  );
}
