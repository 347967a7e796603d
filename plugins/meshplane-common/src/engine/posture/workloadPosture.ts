import { ServerMode, WorkloadPosture } from '../model/types';
import { kialiWorkloadStatus } from '../kiali/mtlsStatus';
import type { MeshIndex } from '../snapshot/MeshIndex';
import { Workload } from '../snapshot/workloads';
import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { servicePorts, targetPortOf } from './servicePorts';
import { modeForPort } from './peerAuthentication';
import { serverPosture } from './serverPosture';

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
    status: kialiWorkloadStatus(index, w.cluster, w.namespace, w.labels),
    mode,
    ports,
    decidedBy: proxied ? pa.decidedBy : [],
  };
  if (pa.note) posture.note = pa.note;
  return posture;
}
