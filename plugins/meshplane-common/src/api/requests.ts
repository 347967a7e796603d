import type {
  Edge,
  KubeObject,
  Message,
  MtlsStatus,
} from '../engine/model/types';
import type { ClusterProblem } from './common';

/**
 * The three kinds of groups a team requests for its workspace (Tetrate
 * Service Bridge's model, DESIGN §6).
 *
 * - `gateway`: Istio Gateway, VirtualService (+ RequestAuthentication and
 *   AuthorizationPolicy for JWT);
 * - `traffic`: Sidecar (reachability), DestinationRule, VirtualService;
 * - `security`: PeerAuthentication, AuthorizationPolicy.
 *
 * @public
 */
export type MeshGroupType = 'gateway' | 'traffic' | 'security';

/**
 * `BRIDGED`: compact settings that Meshplane renders to Istio objects;
 * `DIRECT`: Istio objects supplied as-is, validated before anything else.
 *
 * @public
 */
export type MeshGroupMode = 'BRIDGED' | 'DIRECT';

/**
 * TLS of a gateway group's server: `SIMPLE` (server certificate) or
 * `MUTUAL` (client certificates too), from the Kubernetes Secret
 * `credentialName` in the gateway workload's namespace.
 *
 * @public
 */
export interface GatewayTlsSettings {
  mode?: 'SIMPLE' | 'MUTUAL';
  credentialName: string;
}

/**
 * A route of a gateway group: requests whose path starts with `pathPrefix`
 * go to `service:port`. The service lives in the group's namespace, or in
 * `namespace` when that namespace belongs to the workspace too.
 *
 * @public
 */
export interface GatewayRouteSettings {
  pathPrefix?: string;
  service: string;
  namespace?: string;
  port: number;
}

/**
 * End-user authentication at the gateway: a RequestAuthentication for the
 * issuer, and with `required` (the default) an AuthorizationPolicy that
 * rejects requests without a valid token.
 *
 * @public
 */
export interface GatewayJwtSettings {
  issuer: string;
  jwksUri: string;
  audiences?: string[];
  required?: boolean;
}

/**
 * BRIDGED settings of a gateway group.
 *
 * @public
 */
export interface GatewayGroupSettings {
  /** External host names (`shop.example.com`, `*.example.com`). */
  hosts: string[];
  /** Server port; 443 with TLS, 80 without, by default. */
  port?: number;
  /** Terminate TLS with this secret; plain HTTP when absent. */
  tls?: GatewayTlsSettings;
  /** Labels of the gateway workload (`Gateway.spec.selector`); `istio: ingressgateway` by default. */
  selector?: Record<string, string>;
  routes: GatewayRouteSettings[];
  jwt?: GatewayJwtSettings;
}

/**
 * Which hosts a traffic group's workloads may call (Sidecar egress):
 * `NAMESPACE` (their own namespace), `WORKSPACE` (every namespace of the
 * workspace in the same cluster), `CLUSTER` (every namespace), `CUSTOM`
 * (`hosts`, in Sidecar `namespace/dnsName` form). The control-plane namespace
 * is always reachable.
 *
 * @public
 */
export interface ReachabilitySettings {
  mode: 'NAMESPACE' | 'WORKSPACE' | 'CLUSTER' | 'CUSTOM';
  hosts?: string[];
}

/**
 * Connection pool limits (DestinationRule `trafficPolicy.connectionPool`).
 *
 * @public
 */
export interface ConnectionPoolSettings {
  maxConnections?: number;
  connectTimeout?: string;
  http1MaxPendingRequests?: number;
  http2MaxRequests?: number;
  maxRequestsPerConnection?: number;
}

/**
 * Outlier detection (DestinationRule `trafficPolicy.outlierDetection`).
 *
 * @public
 */
export interface OutlierDetectionSettings {
  consecutive5xxErrors?: number;
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
}

/**
 * Retries of a route (VirtualService `http[].retries`).
 *
 * @public
 */
export interface RetrySettings {
  attempts: number;
  perTryTimeout?: string;
  retryOn?: string;
}

/**
 * Resilience of the services of a traffic group. Connection pool and outlier
 * detection go to DestinationRules; timeout and retries to VirtualService
 * routes (so only per service).
 *
 * @public
 */
export interface ResilienceSettings {
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetectionSettings;
  timeout?: string;
  retries?: RetrySettings;
}

/**
 * A subset of a service's workloads, selected by labels, with its share of
 * the traffic (weights of a service's subsets add up to 100).
 *
 * @public
 */
export interface SubsetSettings {
  name: string;
  labels: Record<string, string>;
  weight?: number;
}

/**
 * Locality failover: when the endpoints of `from` are unhealthy, send
 * traffic to `to` (region names, or `region/zone`). Needs outlier detection.
 *
 * @public
 */
export interface LocalityFailoverSettings {
  from: string;
  to: string;
}

/**
 * Settings of one service of a traffic group (a Service of the group's
 * namespace), merged over the group's resilience.
 *
 * @public
 */
export interface ServiceTrafficSettings {
  service: string;
  resilience?: ResilienceSettings;
  subsets?: SubsetSettings[];
  localityFailover?: LocalityFailoverSettings[];
}

/**
 * BRIDGED settings of a traffic group.
 *
 * @public
 */
export interface TrafficGroupSettings {
  reachability?: ReachabilitySettings;
  /** Connection pool and outlier detection for every service of the namespace. */
  resilience?: Pick<ResilienceSettings, 'connectionPool' | 'outlierDetection'>;
  services?: ServiceTrafficSettings[];
}

/**
 * Who may call the workloads of a security group (TSB's authorization
 * modes): `NAMESPACE` (the same namespace), `WORKSPACE` (any namespace of
 * the workspace), `CLUSTER` (any mesh identity of the cluster's trust
 * domain), `CUSTOM` (the listed `namespace/serviceAccount` identities),
 * `DISABLED` (no authorization policy).
 *
 * @public
 */
export interface AuthorizationSettings {
  mode: 'NAMESPACE' | 'WORKSPACE' | 'CLUSTER' | 'CUSTOM' | 'DISABLED';
  serviceAccounts?: string[];
}

/**
 * BRIDGED settings of a security group. `trafficMode` `REQUIRED` renders a
 * STRICT PeerAuthentication, `OPTIONAL` a PERMISSIVE one.
 *
 * @public
 */
export interface SecurityGroupSettings {
  trafficMode?: 'REQUIRED' | 'OPTIONAL';
  authorization?: AuthorizationSettings;
}

/**
 * What a team asks for: a group of one type over `cluster/namespace`
 * selectors inside the workspace's claims.
 *
 * @public
 */
export interface MeshGroupSpec {
  type: MeshGroupType;
  /** Group name, a DNS label; the rendered objects are named after it. */
  name: string;
  mode: MeshGroupMode;
  /** `cluster/namespace` selectors (`*\/bookinfo`, `east/bookinfo`), each within the workspace's claims. */
  namespaces: string[];
  /** BRIDGED settings of the group's type. */
  settings?:
    | GatewayGroupSettings
    | TrafficGroupSettings
    | SecurityGroupSettings;
  /** DIRECT mode: Istio objects as YAML (several documents); objects without a namespace go to every selected namespace. */
  objects?: string;
}

/**
 * Body of `POST /requests` and `POST /requests/render`.
 *
 * @public
 */
export interface CreateMeshRequest {
  /** The workspace: a System entity ref (`system:default/bookinfo`, or `bookinfo`). */
  workspace: string;
  group: MeshGroupSpec;
  /** Why the team asks (shown to approvers). */
  description?: string;
}

/**
 * One input problem, named by its field path in {@link CreateMeshRequest}
 * (`group.settings.hosts[1]`, `group.namespaces[0]`, `group.objects[2].spec.mtls.mode`).
 *
 * @public
 */
export interface RequestFieldError {
  field: string;
  message: string;
}

/**
 * A rendered Istio object and the cluster it goes to.
 *
 * @public
 */
export interface RenderedObject {
  cluster: string;
  object: KubeObject;
}

/**
 * How one rendered object compares with the live object of the same name.
 *
 * @public
 */
export interface ObjectDiff {
  kind: string;
  namespace: string;
  name: string;
  change: 'create' | 'update' | 'unchanged';
  /** Unified diff of the live spec against the rendered spec (YAML); empty for `unchanged`. */
  diff: string;
}

/**
 * An mTLS edge whose outcome the request changes.
 *
 * @public
 */
export interface EdgeChange {
  before: Edge;
  after: Edge;
}

/**
 * What a request changes in one cluster's posture: edges that start failing,
 * edges that stop being mTLS, edges that get better, findings that appear or
 * go away, namespaces whose Kiali status changes.
 *
 * @public
 */
export interface PostureImpact {
  startFailing: EdgeChange[];
  stopMtls: EdgeChange[];
  improved: EdgeChange[];
  findingsAdded: Message[];
  findingsRemoved: Message[];
  namespaces: Array<{
    namespace: string;
    before: MtlsStatus;
    after: MtlsStatus;
  }>;
}

/**
 * The preview of a request in one cluster.
 *
 * @public
 */
export interface ClusterPreview {
  cluster: string;
  objects: ObjectDiff[];
  impact: PostureImpact;
  /** Set when the cluster's live data is stale or missing: the diff is against what is known. */
  problem?: ClusterProblem;
}

/**
 * A request's preview: per cluster, the diff against live objects and the
 * impact on posture.
 *
 * @public
 */
export interface RequestPreview {
  computedAt: string;
  clusters: ClusterPreview[];
  /** `true` when some edge would start failing or stop being mTLS. */
  breaking: boolean;
}

/**
 * Answer of `POST /requests/render`: what a request would apply, without storing it.
 *
 * @public
 */
export interface RenderResponse {
  objects: RenderedObject[];
  preview: RequestPreview;
}

/**
 * Approval of a request.
 *
 * @public
 */
export type RequestApprovalState = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * TSB's resource status: `ACCEPTED` (validated and stored, not yet in every
 * cluster), `READY` (applied in every target cluster), `PARTIAL` (applied in
 * some), `FAILED` (applied in none; errors).
 *
 * @public
 */
export type RequestStatus = 'ACCEPTED' | 'READY' | 'PARTIAL' | 'FAILED';

/**
 * Rollout of a request in one cluster: `ACCEPTED` (waiting or applying),
 * `READY` (every object applied), `FAILED` (see `lastError`; retry when the
 * cluster is back).
 *
 * @public
 */
export interface ClusterRollout {
  cluster: string;
  status: 'ACCEPTED' | 'READY' | 'FAILED';
  objectCount: number;
  appliedCount: number;
  attempts: number;
  lastError?: string;
  updatedAt: string;
}

/**
 * A stored request, as `GET /requests` lists it.
 *
 * @public
 */
export interface MeshRequest {
  id: string;
  /** System entity ref of the workspace. */
  workspace: string;
  /** Owner entity ref of the workspace's System when the request was made. */
  workspaceOwner: string;
  group: MeshGroupSpec;
  description?: string;
  /** User entity ref of the requester. */
  requester: string;
  createdAt: string;
  updatedAt: string;
  approval: {
    state: RequestApprovalState;
    decidedBy?: string;
    decidedAt?: string;
    comment?: string;
  };
  status: RequestStatus;
  clusters: ClusterRollout[];
}

/**
 * One audit record of a request: who did what, when.
 *
 * @public
 */
export interface RequestEvent {
  at: string;
  actor: string;
  action:
    | 'created'
    | 'previewed'
    | 'approved'
    | 'rejected'
    | 'applied'
    | 'apply-failed'
    | 'retried';
  cluster?: string;
  message: string;
}

/**
 * A request with everything its page shows.
 *
 * @public
 */
export interface MeshRequestDetail extends MeshRequest {
  objects: RenderedObject[];
  preview?: RequestPreview;
  events: RequestEvent[];
  /** What the caller may do with it. */
  actions: { approve: boolean; retry: boolean };
  /**
   * Whether requesters may approve their own requests in this portal
   * (`meshplane.permissions.allowSelfApproval`), so the page can say who
   * approves without reading backend config.
   */
  selfApproval: boolean;
}

/**
 * Answer of `GET /requests`.
 *
 * @public
 */
export interface MeshRequestListResponse {
  items: MeshRequest[];
}

/**
 * Query of `GET /requests`.
 *
 * @public
 */
export interface MeshRequestListQuery {
  workspace?: string;
  approval?: RequestApprovalState;
  status?: RequestStatus;
  limit?: number;
}

/**
 * A cluster/namespace pair of a workspace, present in the fleet.
 *
 * @public
 */
export interface WorkspaceNamespace {
  cluster: string;
  namespace: string;
}

/**
 * A workspace: a System with `meshplane.io/claims`, its claims, the
 * namespaces of the fleet they cover, and claims another System holds too.
 *
 * @public
 */
export interface Workspace {
  ref: string;
  title?: string;
  owner: string;
  claims: string[];
  namespaces: WorkspaceNamespace[];
  conflicts: Array<{
    claim: string;
    otherWorkspace: string;
    otherClaim: string;
  }>;
}

/**
 * Answer of `GET /workspaces`.
 *
 * @public
 */
export interface WorkspaceListResponse {
  items: Workspace[];
}

/**
 * A Service of a workspace namespace in one cluster, with its ports.
 *
 * @public
 */
export interface WorkspaceService {
  cluster: string;
  namespace: string;
  name: string;
  ports: Array<{ port: number; name?: string; protocol?: string }>;
}

/**
 * A service account of a workspace namespace in one cluster: a ServiceAccount
 * object, or the account workloads run as; `workloads` names those workloads
 * (`Deployment reviews-v1`).
 *
 * @public
 */
export interface WorkspaceServiceAccount {
  cluster: string;
  namespace: string;
  name: string;
  workloads: string[];
}

/**
 * Answer of `GET /workspaces/:namespace/:name/inventory`: what the request
 * forms pick from, read from the backend's cache of the clusters — the
 * Services and service accounts of every namespace the workspace owns.
 *
 * @public
 */
export interface WorkspaceInventory {
  /** System entity ref of the workspace. */
  workspace: string;
  services: WorkspaceService[];
  serviceAccounts: WorkspaceServiceAccount[];
}
