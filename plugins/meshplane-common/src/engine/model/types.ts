/**
 * Public types of the Meshplane engine. Its input (Kubernetes objects, mesh
 * config, snapshots) is declared here; its output, the JSON of DESIGN §4.1
 * (`meshplane analyze --output json`) that the CLI, the backend API and the UI
 * all exchange, is declared once, as schemas of the backend's openapi.yaml,
 * and these are the models generated from them.
 */
export type {
  AnalysisReport,
  ClientTlsMode,
  Edge,
  EdgeOutcome,
  EntityPosture,
  Message,
  MessageLevel,
  MtlsStatus,
  NamespacePosture,
  ObjectRef,
  ObservedEdge,
  ObservedTraffic,
  PolicyDecision,
  ServerMode,
  TopologyGateway,
  TrafficDestination,
  TrafficLatency,
  TrafficObservation,
  TrafficObservations,
  TrafficProtocol,
  TrafficReporter,
  TrafficSource,
  TrafficSummary,
  TrafficTlsShares,
  TrafficWindow,
  WorkloadPosture,
} from '../../schema/openapi';

/**
 * A Kubernetes object as read from YAML/JSON or from an informer cache.
 * Only the fields the engine reads are typed; everything else is kept.
 * @public
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  spec?: any;
  status?: any;
  data?: Record<string, string>;
  [field: string]: unknown;
}

/** Object metadata fields the engine reads. @public */
export interface KubeObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  uid?: string;
  resourceVersion?: string;
  ownerReferences?: Array<{
    kind: string;
    name: string;
    apiVersion?: string;
    uid?: string;
    controller?: boolean;
  }>;
  [field: string]: unknown;
}

/**
 * The subset of Istio's MeshConfig the engine uses (any other field is kept).
 * @public
 */
export interface MeshConfig {
  rootNamespace: string;
  trustDomain: string;
  enableAutoMtls: boolean;
  ingressService: string;
  ingressControllerMode: string;
  defaultDestinationRuleExportTo?: string[];
  defaultVirtualServiceExportTo?: string[];
  defaultServiceExportTo?: string[];
  serviceSettings?: Array<{
    settings?: { clusterLocal?: boolean };
    hosts?: string[];
  }>;
  sidecarInjectorWebhook?: { enableNamespacesByDefault?: boolean };
  defaultConfig?: {
    proxyMetadata?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Istio MeshNetworks (`networks: {name: {endpoints, gateways}}`). @public */
export interface MeshNetworks {
  networks?: Record<
    string,
    {
      endpoints?: Array<{ fromRegistry?: string; fromCidr?: string }>;
      gateways?: Array<{
        registryServiceName?: string;
        address?: string;
        port?: number;
      }>;
    }
  >;
}

/** One cluster of a snapshot. @public */
export interface ClusterInput {
  name: string;
  /** Network of the cluster; default: the `topology.istio.io/network` label of the control-plane namespace. */
  network?: string;
  region?: string;
  /**
   * For an Istio remote cluster: the cluster whose Istio configuration (PeerAuthentication,
   * DestinationRule, …) its proxies receive (istio-semantics.md §e).
   */
  configCluster?: string;
  objects: KubeObject[];
}

/** Everything the engine analyses in one go. @public */
export interface MeshSnapshot {
  clusters: ClusterInput[];
  /** Merged over Istio's defaults (see {@link mergeMeshConfig}). */
  meshConfig?: Partial<MeshConfig>;
  meshNetworks?: MeshNetworks;
}
