import type { MessageLevel } from '../engine/model/types';
import type { ClusterProblem, PageInfo } from './common';

/**
 * Names a logical service: the same namespace/name in every cluster (Istio's
 * namespace sameness).
 *
 * @public
 */
export interface ServiceRef {
  /** Kubernetes namespace. */
  namespace: string;
  /** Kubernetes Service name. */
  name: string;
}

/**
 * A port of a Kubernetes Service, as declared.
 *
 * @public
 */
export interface ServicePortSummary {
  /** Port name (Istio infers the protocol from its prefix). */
  name?: string;
  /** Service port. */
  port: number;
  /** Target port (number or container port name). */
  targetPort?: number | string;
  /** `TCP`, `UDP` or `SCTP`. */
  protocol?: string;
  /** `appProtocol`, which Istio prefers over the name prefix. */
  appProtocol?: string;
}

/**
 * A VM workload (WorkloadEntry) behind a service.
 *
 * @public
 */
export interface VmWorkloadSummary {
  /** WorkloadEntry name. */
  name: string;
  /** `spec.address` of the WorkloadEntry. */
  address?: string;
  /** Network of the VM (`spec.network` or the network label). */
  network?: string;
  /** Service account the VM's proxy runs as. */
  serviceAccount?: string;
  /** Whether the VM runs an Istio proxy (tlsMode istio). */
  sidecar: boolean;
}

/**
 * Sidecar coverage of a service's workloads in one cluster.
 * `all`: every workload has a proxy; `some`: a mix; `none`: none has one; `no-workloads`: nothing selected.
 *
 * @public
 */
export type SidecarCoverage = 'all' | 'some' | 'none' | 'no-workloads';

/**
 * The instance of a logical service in one cluster.
 *
 * @public
 */
export interface ServiceClusterInstance {
  /** Cluster name. */
  cluster: string;
  /** Istio network of the cluster. */
  network?: string;
  /** Service type (`ClusterIP`, `LoadBalancer`…). */
  type?: string;
  /** Ports of the Service in this cluster. */
  ports: ServicePortSummary[];
  /** Workloads the Service selects (Deployments, StatefulSets, DaemonSets, bare pods, VMs). */
  workloads: number;
  /** Ready pods over all selected workloads (a VM counts as one ready pod). */
  readyPods: number;
  /** Pods over all selected workloads (a VM counts as one pod). */
  totalPods: number;
  /** Sidecar coverage of the selected workloads. */
  sidecar: SidecarCoverage;
  /** VM workloads (WorkloadEntry) selected by the Service. */
  vms: VmWorkloadSummary[];
  /** `meshplane.io/owner` label of the namespace in this cluster, if set. */
  owner?: string;
  /** `meshplane.io/system` label of the namespace in this cluster, if set. */
  system?: string;
}

/**
 * Counts of findings by level.
 *
 * @public
 */
export type FindingCounts = Record<MessageLevel, number>;

/**
 * A logical service (namespace/name across clusters) as `GET /api/meshplane/services` lists it.
 *
 * @public
 */
export interface ServiceSummary extends ServiceRef {
  /** In-mesh host name, `<name>.<namespace>.svc.cluster.local`. */
  host: string;
  /** One entry per cluster where the Service exists, sorted by cluster name. */
  clusters: ServiceClusterInstance[];
  /** `true` when the selected workloads are Istio gateways (ingress, egress, east-west). */
  gateway: boolean;
  /** `backstage.io/kubernetes-id` label of the Service, when any cluster's Service carries one. */
  kubernetesId?: string;
  /** Logical services this service's workloads route to through their VirtualServices and known callees. */
  calls: ServiceRef[];
  /** Findings on objects of this service's namespace that concern the service, by level. */
  findings: FindingCounts;
}

/**
 * Query parameters of `GET /api/meshplane/services`.
 *
 * @public
 */
export interface ServiceListQuery {
  /** Case-insensitive substring of `namespace/name`. */
  q?: string;
  /** Only services in this namespace. */
  namespace?: string;
  /** Only services present in this cluster. */
  cluster?: string;
  /** Page size, 1–1000; default 100. */
  limit?: number;
  /** Index of the first item; default 0. */
  offset?: number;
}

/**
 * The answer of `GET /api/meshplane/services`, sorted by namespace then name.
 * The response carries an `ETag`; send it back as `If-None-Match` to get a
 * `304` while the fleet has not changed.
 *
 * @public
 */
export interface ServiceListResponse extends PageInfo {
  /** The page of services. */
  items: ServiceSummary[];
  /** Clusters whose data is missing or stale in this answer. */
  problems: ClusterProblem[];
}
