import { ServerMode, WorkloadPosture } from '../model/types';
import { kialiWorkloadStatus } from '../kiali/mtlsStatus';
import type { MeshIndex } from '../snapshot/MeshIndex';
import { Workload } from '../snapshot/workloads';
import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { servicePorts, targetPortOf } from './servicePorts';
import { modeForPort } from './peerAuthentication';
import { serverPosture } from './serverPosture';
import { resolveWaypoint } from '../snapshot/dataplane';

/** The data plane a workload takes part in (DESIGN §4.1 `workloads[].dataplane`). */
export function dataplaneOf(w: Workload): WorkloadPosture['dataplane'] {
  if (w.proxy === 'ambient') return 'ambient';
  return w.proxy === 'none' ? 'none' : 'sidecar';
}

/**
 * The waypoint that service traffic to a workload goes through: that of a Service selecting it,
 * else the workload's own (`istio.io/use-waypoint`, istio-semantics.md §g.3). Only for ambient
 * workloads (waypoints themselves never get one).
 */
function waypointOf(
  index: MeshIndex,
  w: Workload,
): WorkloadPosture['waypoint'] {
  if (w.proxy !== 'ambient' || w.role) return undefined;
  for (const svc of index.list(w.cluster, K.Service, w.namespace)) {
    const sel = svc.obj.spec?.selector;
    if (!sel || !Object.keys(sel).length || !selectorMatches(sel, w.labels))
      continue;
    const bound = resolveWaypoint(
      index,
      w.cluster,
      w.namespace,
      svc.obj.metadata.labels ?? {},
      'service',
    ).waypoint;
    if (bound) return bound;
  }
  return resolveWaypoint(index, w.cluster, w.namespace, w.labels, 'workload')
    .waypoint;
}

/** The workload ports to report: container ports, target ports of selecting Services, port-level PA keys. */
function workloadPorts(
  index: MeshIndex,
  w: Workload,
  portLevel: Iterable<number>,
): number[] {
  const ports = new Set<number>(w.containerPorts);
  for (const svc of index.list(w.cluster, K.Service, w.namespace)) {
    const sel = svc.obj.spec?.selector;
    if (!sel || !Object.keys(sel).length || !selectorMatches(sel, w.labels))
      continue;
    for (const p of servicePorts(svc)) ports.add(targetPortOf(p, w));
  }
  for (const p of portLevel) ports.add(p);
  return [...ports].sort((a, b) => a - b);
}

/** mTLS posture of one workload (DESIGN §4.1 `mtls.workloads[]`). */
export function workloadPosture(
  index: MeshIndex,
  w: Workload,
): WorkloadPosture {
  // A gateway's listeners come from its Gateways, not from PeerAuthentication (serverPosture).
  const pa = serverPosture(index, w);
  const proxied = w.proxy !== 'none';
  // Without a proxy nothing enforces the policy: the workload takes plaintext only.
  const mode: ServerMode = proxied ? pa.mode : 'DISABLE';
  const ports = workloadPorts(index, w, pa.portModes.keys()).map(port => ({
    port,
    mode: proxied ? modeForPort(pa, port) : ('DISABLE' as ServerMode),
  }));
  const posture: WorkloadPosture = {
    cluster: w.cluster,
    namespace: w.namespace,
    name: w.name,
    kind: w.kind,
    sidecar: w.proxy === 'sidecar',
    dataplane: dataplaneOf(w),
    ...(w.role ? { role: w.role } : {}),
    status: kialiWorkloadStatus(index, w.cluster, w.namespace, w.labels),
    mode,
    ports,
    decidedBy: proxied ? pa.decidedBy : [],
  };
  const waypoint = waypointOf(index, w);
  if (waypoint) posture.waypoint = waypoint;
  if (pa.note) posture.note = pa.note;
  return posture;
}
