import { kialiMeshStatus, kialiNamespaceStatus } from '../kiali/mtlsStatus';
import { K, WORKLOAD_KINDS } from '../model/kinds';
import {
  Message,
  MtlsStatus,
  NamespacePosture,
  WorkloadPosture,
} from '../model/types';
import { workloadPosture } from '../posture/workloadPosture';
import type { MeshIndex } from '../snapshot/MeshIndex';
import { Analyzer } from '../validation/Analyzer';

/** What one unit of analysis produced. */
export interface UnitOutput {
  messages: Message[];
  workloads: WorkloadPosture[];
  namespaces: NamespacePosture[];
  meshStatus?: MtlsStatus;
}

/** A recomputable piece of analysis with the dependencies its last run recorded. */
export interface Unit {
  id: string;
  type: 'analyzer' | 'posture' | 'mesh';
  analyzer?: Analyzer;
  cluster: string;
  namespace: string;
  deps: string[];
  output?: UnitOutput;
  /** Version at which the output last changed. */
  changedAt: number;
  /** Position among the analyzer's units (they are never removed). */
  seq?: number;
}

const EMPTY: UnitOutput = { messages: [], workloads: [], namespaces: [] };

export function runUnit(index: MeshIndex, unit: Unit): UnitOutput {
  switch (unit.type) {
    case 'analyzer': {
      const messages = unit.analyzer!.run({
        index,
        cluster: unit.cluster,
        namespace: unit.namespace,
      });
      return messages.length ? { ...EMPTY, messages } : EMPTY;
    }
    case 'mesh':
      return index.hasIstio(unit.cluster)
        ? { ...EMPTY, meshStatus: kialiMeshStatus(index, unit.cluster) }
        : EMPTY;
    case 'posture': {
      if (!index.namespaceExists(unit.cluster, unit.namespace)) return EMPTY;
      const workloads = index
        .workloads(unit.cluster, unit.namespace)
        .map(w => workloadPosture(index, w));
      // Namespace-less YAML has workloads but no namespace to give a Kiali status to.
      if (!unit.namespace) return { ...EMPTY, workloads };
      const meshStatus = kialiMeshStatus(index, unit.cluster);
      const namespaces: NamespacePosture[] = [
        {
          cluster: unit.cluster,
          namespace: unit.namespace,
          status: kialiNamespaceStatus(
            index,
            unit.cluster,
            unit.namespace,
            meshStatus,
          ),
        },
      ];
      return { messages: [], workloads, namespaces };
    }
    default:
      return EMPTY;
  }
}

/** Units for a (cluster, namespace) that holds an object of kind `kk` (storage namespace). */
export function unitIdsFor(
  analyzers: readonly Analyzer[],
  cluster: string,
  kk: string,
  namespace: string,
  scopeNs: string,
): Array<Omit<Unit, 'deps' | 'changedAt'>> {
  const out: Array<Omit<Unit, 'deps' | 'changedAt'>> = [];
  for (const a of analyzers) {
    if (a.scope !== 'namespace' || !a.subjects.includes(kk)) continue;
    out.push({
      id: `a|${a.name}|${cluster}|${namespace}`,
      type: 'analyzer',
      analyzer: a,
      cluster,
      namespace,
    });
  }
  if (kk === K.Namespace)
    out.push({
      id: `p|${cluster}|${scopeNs}`,
      type: 'posture',
      cluster,
      namespace: scopeNs,
    });
  else if (namespace || WORKLOAD_KINDS.has(kk))
    out.push({
      id: `p|${cluster}|${namespace}`,
      type: 'posture',
      cluster,
      namespace,
    });
  return out;
}
