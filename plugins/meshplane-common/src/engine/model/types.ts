/**
 * Public types of the Meshplane engine. The JSON shapes mirror DESIGN §4.1
 * (`meshplane analyze --output json`), so the CLI, the backend API and the UI
 * all exchange exactly these objects.
 */

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
 * Names one object in a fleet. `namespace` is `null` for cluster-scoped
 * objects and for objects whose YAML has no namespace.
 * @public
 */
export interface ObjectRef {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
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

/** Severity of a finding, as istioctl prints it. @public */
export type MessageLevel = 'Error' | 'Warning' | 'Info';

/** One finding (IST…, KIA…, MPL… code). @public */
export interface Message {
  code: string;
  level: MessageLevel;
  /** istioctl analyzer name, `kiali` for Kiali checks, `meshplane.<check>` for MPL codes. */
  analyzer: string;
  message: string;
  resource: ObjectRef;
  /** Field path in the object, e.g. `spec.http[0].route[0].destination.host`. */
  path?: string;
}

/** Kiali's mTLS status names (mesh / namespace / workload). @public */
export type MtlsStatus =
  | 'MTLS_ENABLED'
  | 'MTLS_PARTIALLY_ENABLED'
  | 'MTLS_NOT_ENABLED'
  | 'MTLS_DISABLED'
  | 'UNSET'
  | 'UNSET_INHERITED_STRICT'
  | 'UNSET_INHERITED_DISABLED';

/** Effective server-side (PeerAuthentication) mode. @public */
export type ServerMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** A policy that decided a workload's (or port's) mode. @public */
export interface PolicyDecision {
  kind: 'PeerAuthentication';
  namespace: string;
  name: string;
  scope: 'mesh' | 'namespace' | 'workload' | 'port';
  cluster?: string;
}

/** mTLS posture of one workload. @public */
export interface WorkloadPosture {
  cluster: string;
  namespace: string;
  /** Name of the top owner (Deployment…), the pod for bare pods, the WorkloadEntry for VMs. */
  name: string;
  kind: string;
  sidecar: boolean;
  /** Kiali workload-level status. */
  status: MtlsStatus;
  mode: ServerMode;
  ports: Array<{ port: number; mode: ServerMode }>;
  decidedBy: PolicyDecision[];
  /**
   * Set for gateway proxies (`sidecar: false`): PeerAuthentication does not apply to their
   * listeners; `mode`/`ports` say what the listeners of the Gateways selecting them accept.
   */
  note?: string;
}

/** Kiali namespace status in one cluster. @public */
export interface NamespacePosture {
  cluster: string;
  namespace: string;
  status: MtlsStatus;
}

/** Client TLS modes. @public */
export type ClientTlsMode = 'ISTIO_MUTUAL' | 'MUTUAL' | 'SIMPLE' | 'DISABLE';

/** What a connection does. @public */
export type EdgeOutcome = 'mtls' | 'plaintext' | 'fail' | 'excluded';

/** A client workload → service port (→ destination cluster, subset) connection. @public */
export interface Edge {
  from: { cluster: string; namespace: string; workload: string };
  to: {
    cluster: string;
    namespace: string;
    service: string;
    port: number;
    subset?: string;
  };
  clientTls: ClientTlsMode;
  clientTlsSource: 'destinationRule' | 'auto';
  outcome: EdgeOutcome;
  crossCluster: boolean;
  crossNetwork: boolean;
  reason: string;
}

/** The report of `meshplane analyze` (DESIGN §4.1). @public */
export interface AnalysisReport {
  apiVersion: 'meshplane.io/v1alpha1';
  kind: 'AnalysisReport';
  clusters: string[];
  messages: Message[];
  mtls: {
    mesh: { status: MtlsStatus };
    namespaces: NamespacePosture[];
    workloads: WorkloadPosture[];
    edges?: Edge[];
  };
}
