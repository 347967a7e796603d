import type {
  Edge,
  EdgeOutcome,
  NamespacePosture,
  WorkloadPosture,
} from '../engine/model/types';
import type { ClusterConnectionStatus } from './clusters';
import type { ClusterProblem } from './common';
import type { Finding } from './findings';
import type { FindingCounts, ServiceSummary } from './services';
import type { MeshTopology } from './topology';

/**
 * The annotation through which an entity is linked to mesh objects
 * (DESIGN §5, in this order of precedence):
 *
 * - `meshplane.io/services`: comma-separated `namespace/name` logical services;
 * - `backstage.io/kubernetes-id`: Services labelled `backstage.io/kubernetes-id: <id>`
 *   (in `backstage.io/kubernetes-namespace` when set), in any cluster;
 * - `meshplane.io/workload-entry`: the services selecting a VM's WorkloadEntry (`virtual-machine` Resources);
 * - `meshplane.io/cluster`: every service of one cluster (cluster Resources);
 * - `meshplane.io/claims`: every service of the claimed `cluster/namespace` pairs (Systems).
 *
 * @public
 */
export type EntityLinkSource =
  | 'meshplane.io/services'
  | 'backstage.io/kubernetes-id'
  | 'meshplane.io/workload-entry'
  | 'meshplane.io/cluster'
  | 'meshplane.io/claims';

/**
 * How the backend resolved an entity to mesh objects.
 *
 * @public
 */
export interface EntityLink {
  /** The annotation used. */
  source: EntityLinkSource;
  /** Its value, as written on the entity. */
  value: string;
}

/**
 * How a workload is proxied: an injected sidecar, an Istio gateway, or no proxy.
 *
 * @public
 */
export type WorkloadProxy = 'sidecar' | 'gateway' | 'none';

/**
 * A workload of the entity in one cluster: the top owner of its pods
 * (Deployment, StatefulSet, DaemonSet), a bare pod, or a VM (WorkloadEntry).
 *
 * @public
 */
export interface EntityWorkload {
  /** Cluster name. */
  cluster: string;
  /** Namespace. */
  namespace: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Pod`, `WorkloadEntry`… */
  kind: string;
  /** Workload name. */
  name: string;
  /** Ready pods (a VM counts as one). */
  ready: number;
  /** Pods (a VM counts as one). */
  total: number;
  /** `true` when the workload runs an Istio proxy (sidecar or gateway). */
  sidecar: boolean;
  /** The proxy kind. */
  proxy: WorkloadProxy;
  /** Why the engine decided the proxy (observed container, injection rule…). */
  proxyReason: string;
  /** Kubernetes service account (the workload's mTLS identity). */
  serviceAccount?: string;
  /** `true` for WorkloadEntry VMs. */
  vm: boolean;
  /** Istio network of the endpoint, when labelled or configured. */
  network?: string;
  /** Istio revision of the proxy (`istio.io/rev` label), when set. */
  istioRevision?: string;
  /** Names of the Services (same cluster and namespace) that select the workload. */
  services: string[];
}

/**
 * Where the entity runs: one entry per cluster that has any of its services.
 *
 * @public
 */
export interface EntityCluster {
  /** Cluster name. */
  name: string;
  /** Connection status of the cluster. */
  status: ClusterConnectionStatus;
  /** Istio network. */
  network?: string;
  /** Region. */
  region?: string;
  /** Environment. */
  environment?: string;
  /** Istio revision of the cluster's control plane. */
  istioRevision?: string;
  /** Istio version of that revision. */
  istioVersion?: string;
  /** Services of the entity present in this cluster. */
  services: number;
  /** Workloads of the entity in this cluster. */
  workloads: number;
  /** Ready pods over those workloads. */
  readyPods: number;
  /** Pods over those workloads. */
  totalPods: number;
  /**
   * When the cluster was last in sync (ISO 8601); absent before its first full
   * sync. While it is `synced` its data is live and this is the last
   * confirmation (to the minute); otherwise the counts above are as of it.
   */
  lastSync?: string;
  /**
   * Kinds whose cached objects may be out of date (see
   * `ClusterSummary.staleKinds`); absent when every kind is live.
   */
  staleKinds?: string[];
}

/**
 * mTLS posture of the entity: effective server modes of its workloads with
 * the policies that decided them, its namespaces' Kiali status, and the
 * connections that involve it, each with its outcome and reason.
 *
 * @public
 */
export interface EntityPosture {
  /** Posture of each of the entity's workloads. */
  workloads: WorkloadPosture[];
  /** Kiali status of each namespace (per cluster) the entity's services live in. */
  namespaces: NamespacePosture[];
  /**
   * Callers → the entity's services whose connection is not mutual TLS
   * (`fail`, `plaintext`, `excluded`), per caller workload, destination
   * cluster, port and subset, worst first (at most 500). Every other
   * potential caller in the mesh gets mTLS and is only counted in `outcomes`.
   */
  inbound: Edge[];
  /** The entity's workloads → the services they route to (VirtualService routes, Sidecar egress), at most 500. */
  outbound: Edge[];
  /** Number of inbound (every potential caller) plus outbound edges per outcome. */
  outcomes: Record<EdgeOutcome, number>;
}

/**
 * Everything the entity tabs need for one catalog entity, as
 * `GET /api/meshplane/entity/:kind/:namespace/:name` returns it.
 * Answered from the backend's cache: no cluster round trip.
 *
 * @public
 */
export interface EntityMeshView {
  /** The entity, as a full ref (`component:default/reviews`). */
  entityRef: string;
  /** Annotations that linked the entity; empty when the entity has none (everything else is then empty). */
  links: EntityLink[];
  /** Linked logical services, sorted by namespace and name. */
  services: ServiceSummary[];
  /** Workloads of those services in every cluster, sorted by cluster, namespace, name. */
  workloads: EntityWorkload[];
  /** Clusters where the entity runs. */
  clusters: EntityCluster[];
  /** The entity's workloads and services with their callers and callees one hop out. */
  topology: MeshTopology;
  /** mTLS posture and edges. */
  posture: EntityPosture;
  /** Findings on the objects of the linked services, most severe first. */
  findings: Finding[];
  /** Findings by level. */
  findingCounts: FindingCounts;
  /** Clusters whose data is missing or stale in this answer; the rest of the answer is still valid. */
  problems: ClusterProblem[];
  /**
   * `true` when a scope (a cluster or a claim) linked more services than the
   * backend expands per request (`meshplane.entity.maxServices`); `services`
   * then holds the first ones and the rest is left out.
   */
  truncated: boolean;
  /** When the answer was computed (ISO 8601). */
  generatedAt: string;
}
