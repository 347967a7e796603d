import type { KubeObject } from '../objects';
import type { TrafficSpec } from '../traffic';

/**
 * The Istio control plane a cluster runs (from `cluster.yaml`).
 *
 * @public
 */
export interface IstioInstallation {
  /** Istio revision, e.g. `1-28`. */
  revision: string;
  /** Istio version, e.g. `1.28.1`. */
  version: string;
  /** Mesh id shared by the clusters of one mesh. */
  meshId: string;
  /** `primary` runs istiod; `remote` is configured by `primaryCluster`'s istiod. */
  role: 'primary' | 'remote';
  /** For a remote cluster: the primary cluster that manages it. */
  primaryCluster?: string;
}

/**
 * A cluster's metadata, as written in its `cluster.yaml`.
 *
 * @public
 */
export interface ClusterMetadata {
  name: string;
  network?: string;
  region?: string;
  environment?: string;
  /** Absent when the cluster has no Istio: its Istio CRDs are not served. */
  istio?: IstioInstallation;
}

/**
 * One RBAC-like rule of a token: the token may use `verbs` on `resources` of
 * `apiGroups` in `namespaces`. `*` matches everything; absent `apiGroups` or
 * `namespaces` match everything too (namespaces absent = cluster-wide).
 *
 * @public
 */
export interface AccessRule {
  verbs: string[];
  resources: string[];
  apiGroups?: string[];
  namespaces?: string[];
}

/**
 * An identity the simulated API servers accept, with its rules: a bearer
 * token, an AWS access key (EKS-style `k8s-aws-v1.` tokens, as
 * aws-iam-authenticator verifies them, for the cluster named in their
 * `x-k8s-aws-id`), or both.
 *
 * @public
 */
export interface FleetToken {
  /** Short name, used in the user name `system:serviceaccount:fleet-sim:<name>`. */
  name: string;
  /** Bearer token sent as is. */
  token?: string;
  /** AWS access key whose presigned STS GetCallerIdentity tokens authenticate as this identity. */
  aws?: { accessKeyId: string; secretAccessKey: string };
  rules: AccessRule[];
}

/**
 * One cluster of a fleet: metadata, initial objects and the tokens it accepts
 * (besides the fleet-wide ones).
 *
 * @public
 */
export interface ClusterDefinition {
  metadata: ClusterMetadata;
  objects: KubeObject[];
  tokens: FleetToken[];
}

/**
 * An in-memory fleet: what `loadFleet` reads and `generateFleet` builds.
 *
 * @public
 */
export interface FleetDefinition {
  clusters: ClusterDefinition[];
  /** Tokens every cluster of the fleet accepts. */
  tokens: FleetToken[];
  /** Who calls whom (the folder's `traffic.yaml`): drives the simulated Istio metrics. */
  traffic?: TrafficSpec;
}
