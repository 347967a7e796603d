import type {
  ClusterProblem,
  KubeObject,
  MeshAnalyzer,
  PostureReader,
} from '@meshplane/plugin-meshplane-common';

/** A cluster as the requests see it. */
export interface RequestFleetCluster {
  name: string;
  /** Namespaces of the cluster; `undefined` while its namespaces are unknown (never synced). */
  namespaces?: string[];
  /** Istio's control-plane (root) namespace of the cluster. */
  controlPlaneNamespace: string;
  /** Set when the cluster's data is stale or missing. */
  problem?: ClusterProblem;
  /**
   * Custom resource kinds (`group/Kind`) that discovery found the cluster
   * does not serve (CRDs not installed); empty or absent while unknown.
   */
  absentKinds?: string[];
}

/**
 * The live state the requests read, never change: its objects (validation against live state),
 * its workloads (a workspace's inventory), a copy to apply a request to and what a preview
 * compares of the two (the posture impact).
 */
export type LiveMesh = Pick<
  MeshAnalyzer,
  'snapshot' | 'workloads' | 'fork' | 'trafficEdges'
> &
  PostureReader;

/**
 * What the requests need from the fleet: its clusters, the live objects the
 * engine analyses (for validation against live state and for previews), and
 * a way to write to a cluster (server-side apply with the cluster's own
 * credentials, which never leave the backend). The requests reach the fleet
 * only through this port; `fleetRequestFleet` is its one adapter over
 * the backend's fleet, so the requests can be tested with a fleet of their own.
 */
export interface RequestFleet {
  clusters(): RequestFleetCluster[];
  /** The live state: every cluster's objects and the mesh config, read only. */
  live(): LiveMesh;
  /** The applier of a cluster; `undefined` for a cluster the backend does not know. */
  applier(cluster: string): ClusterApplier | undefined;
}

/** An object in a cluster, by its identity. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Writes objects to one cluster. */
export interface ClusterApplier {
  /** Server-side applies an object; resolves with the stored object's resourceVersion. */
  apply(object: KubeObject): Promise<{ resourceVersion?: string }>;
  /**
   * The objects of the given kinds (`group/Kind`) in every namespace whose
   * labels match every label given, with their annotations.
   */
  list(
    kinds: string[],
    labels: Record<string, string>,
  ): Promise<Array<ObjectIdentity & { annotations: Record<string, string> }>>;
  /** Deletes an object; an object already gone is fine. */
  delete(object: ObjectIdentity): Promise<void>;
}
