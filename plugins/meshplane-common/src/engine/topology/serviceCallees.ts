import { compareStrings } from '../model/compare';
import type { MeshService } from './services';
import { serviceNodeId, type Topology, workloadNodeId } from './topology';

/**
 * The logical services a service calls according to its configuration, from
 * a topology that holds it (the fleet's, or one built around it): the
 * destinations of VirtualService routes on its host (mesh routes, from its
 * node) and the hosts its workloads' Sidecar egress names; never the service
 * itself. Sorted by namespace and name. Without traffic data this is what
 * the engine knows of a service's callees: its outbound edges go to these.
 * @public
 */
export function serviceCallees(
  topology: Topology,
  service: MeshService,
): Array<{ namespace: string; name: string }> {
  const self = serviceNodeId(service);
  const ownWorkloads = new Set(
    service.clusters.flatMap(c => c.workloads.map(workloadNodeId)),
  );
  const byId = new Map(topology.nodes.map(n => [n.id, n]));
  const out = new Map<string, { namespace: string; name: string }>();
  for (const e of topology.edges) {
    const fromService =
      (e.from === self && (e.source === 'route' || e.source === 'subset')) ||
      (ownWorkloads.has(e.from) && e.source === 'egress');
    const target = byId.get(e.to);
    if (!fromService || target?.type !== 'service' || e.to === self) continue;
    out.set(e.to, { namespace: target.namespace ?? '', name: target.name });
  }
  return [...out.values()].sort(
    (a, b) =>
      compareStrings(a.namespace, b.namespace) ||
      compareStrings(a.name, b.name),
  );
}
