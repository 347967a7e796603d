import type {
  ClusterProblem,
  MeshAnalyzer,
} from '@meshplane/plugin-meshplane-common';
import type { ClusterApplier } from '../rollout';

/** A cluster as the requests see it. */
export interface RequestFleetCluster {
  name: string;
  /** Namespaces of the cluster; `undefined` while its namespaces are unknown (never synced). */
  namespaces?: string[];
  /** Istio's control-plane (root) namespace of the cluster. */
  controlPlaneNamespace: string;
  /** Set when the cluster's data is stale or missing. */
  problem?: ClusterProblem;
}

/**
 * What the requests need from the fleet: its clusters, the live objects the
 * engine analyses (for validation against live state and for previews), and
 * a way to write to a cluster (server-side apply with the cluster's own
 * credentials, which never leave the backend).
 */
export interface RequestFleet {
  clusters(): RequestFleetCluster[];
  /**
   * The backend's live analyzer (every cluster's objects, the mesh config).
   * Read only: a preview forks it to apply the rendered objects.
   */
  analyzer(): MeshAnalyzer;
  /** The applier of a cluster; `undefined` for a cluster the backend does not know. */
  applier(cluster: string): ClusterApplier | undefined;
}
