import { Message } from '../model/types';
import type { MeshIndex } from '../snapshot/MeshIndex';

/**
 * One analyzer, named as `istioctl analyze --list-analyzers` names it.
 * `namespace` analyzers run once per (cluster, namespace) holding objects of
 * their `subjects`; `cluster` analyzers once per cluster; `fleet` analyzers once.
 * Every index query they make is recorded as a dependency, so a change reruns
 * only the units that read what changed.
 */
export interface Analyzer {
  name: string;
  scope: 'namespace' | 'cluster' | 'fleet';
  /** Kinds (`group/Kind`) whose objects the analyzer reports on (namespace scope: unit creation). */
  subjects: string[];
  run(ctx: AnalyzerContext): Message[];
}

/** What an analyzer run sees. */
export interface AnalyzerContext {
  index: MeshIndex;
  /** Set for cluster and namespace scope. */
  cluster: string;
  /** Set for namespace scope (`''` for cluster-scoped objects). */
  namespace: string;
}
