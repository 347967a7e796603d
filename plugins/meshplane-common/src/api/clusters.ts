import type { MtlsStatus, NamespacePosture } from '../engine/model/types';
import type { ClusterError } from './common';

/**
 * Connection status of one cluster.
 *
 * - `connecting`: the first list of every kind has not completed yet;
 * - `synced`: every watched kind is listed and its watch is live;
 * - `degraded`: the cluster answers, but some kinds cannot be read
 *   (403/404/5xx/malformed) or are being relisted after a failure — the other kinds are fresh;
 * - `unreachable`: the API server cannot be reached (or rejects the
 *   credentials); the last known objects are kept and served as stale.
 *
 * @public
 */
export type ClusterConnectionStatus =
  | 'connecting'
  | 'synced'
  | 'degraded'
  | 'unreachable';

/**
 * Role of a cluster in its mesh (Istio multi-primary / primary-remote models).
 * Free text is accepted for other topologies; these are the documented values.
 *
 * @public
 */
export type MeshRole = 'primary' | 'remote' | 'config' | (string & {});

/**
 * One Istio control-plane revision found in a cluster.
 *
 * @public
 */
export interface IstioRevision {
  /** Revision name (`istio.io/rev`), `default` for an unrevisioned install. */
  revision: string;
  /** Istio version, when the control plane reveals it (istiod labels or image tag). */
  version?: string;
}

/**
 * A cluster as `GET /api/meshplane/clusters` lists it. Credentials never
 * appear: only the API server host is shown.
 *
 * @public
 */
export interface ClusterSummary {
  /** Cluster name as configured (unique in the fleet). */
  name: string;
  /** Host (and port) of the API server URL, e.g. `api.east-1.example.com:6443`. No path, no credentials. */
  host: string;
  /** Istio network of the cluster: configured, else the `topology.istio.io/network` label of the control-plane namespace. */
  network?: string;
  /** Region, as configured. */
  region?: string;
  /** Environment (`production`, `staging`…), as configured. */
  environment?: string;
  /** Role in the mesh, as configured (`primary`, `remote`…). */
  meshRole?: MeshRole;
  /** Istio revision of the control plane the cluster's workloads use (the `default` revision when several exist). */
  istioRevision?: string;
  /** Istio version of that revision, when known. */
  istioVersion?: string;
  /** Every Istio control-plane revision found in the cluster. */
  istioRevisions: IstioRevision[];
  /** Connection status. */
  status: ClusterConnectionStatus;
  /**
   * When every kind was last known to be in sync (ISO 8601); absent before the
   * first full sync. While the cluster is `synced` its data is live and this
   * is the last confirmation (a watch event or bookmark); otherwise it is the
   * time the served objects are as of.
   */
  lastSync?: string;
  /**
   * The failure that explains the status, sanitised (no tokens, no headers):
   * discovery's, else that of the first failing kind in watch order. Absent
   * while everything is healthy.
   */
  lastError?: ClusterError;
  /** Number of cached objects per kind (`Pod`, `Service`, `VirtualService`…). */
  objectCounts: Record<string, number>;
  /**
   * Kinds whose cached objects may be out of date, so their counts are as of
   * `lastSync`: every kind while the cluster is `unreachable`, else those
   * whose list or watch fails. Absent when every kind is live.
   */
  staleKinds?: string[];
  /**
   * Whether the API server serves the Istio CRDs (networking.istio.io, security.istio.io).
   * A cluster without them is a cluster without mesh config, not an error.
   */
  istioCrdsPresent: boolean;
  /** API server version (`gitVersion` of `/version`), e.g. `v1.32.2`. */
  apiServerVersion?: string;
}

/**
 * Sync state of one watched kind in one cluster.
 *
 * - `listing`: the initial list (or a relist) is running;
 * - `watching`: listed, watch live;
 * - `absent`: the API server does not serve the kind (Istio CRDs not installed);
 * - `error`: list or watch fails (see `lastError`); retried with backoff.
 *
 * @public
 */
export type KindSyncState = 'listing' | 'watching' | 'absent' | 'error';

/**
 * One watched kind of a cluster, for diagnosis on the fleet page.
 *
 * @public
 */
export interface ClusterKindStatus {
  /** `apiVersion` used to list and watch the kind, e.g. `networking.istio.io/v1`. */
  apiVersion: string;
  /** Kind, e.g. `VirtualService`. */
  kind: string;
  /** Sync state. */
  state: KindSyncState;
  /** Number of cached objects of the kind. */
  count: number;
  /** When the kind was last in sync (ISO 8601). */
  lastSync?: string;
  /** Last failure listing or watching the kind, sanitised. */
  lastError?: ClusterError;
  /** Relists since the backend started because a watch fell behind (`410 Gone`). */
  relists: number;
}

/**
 * A cluster with its per-kind sync state and its mTLS posture, as
 * `GET /api/meshplane/clusters/:name` returns it.
 *
 * @public
 */
export interface ClusterDetail extends ClusterSummary {
  /** Per watched kind: sync state, object count, last error. */
  kinds: ClusterKindStatus[];
  /** Kiali-style mTLS status of the cluster's mesh and of each namespace. */
  mtls: {
    /** Mesh-wide status from the root-namespace PeerAuthentication and DestinationRules. */
    mesh: MtlsStatus;
    /** One entry per namespace of the cluster. */
    namespaces: NamespacePosture[];
  };
  /** Namespaces with the ownership labels the catalog reads (`meshplane.io/owner`, `meshplane.io/system`). */
  namespaces: ClusterNamespace[];
  /** When the backend started this connection (ISO 8601). */
  connectedSince: string;
  /** How long the first complete sync took after `connectedSince`, once it happened. */
  initialSyncMs?: number;
}

/**
 * A namespace of a cluster and the catalog ownership its labels declare.
 *
 * @public
 */
export interface ClusterNamespace {
  /** Namespace name. */
  name: string;
  /** Value of the `meshplane.io/owner` label (a catalog Group name), if set. */
  owner?: string;
  /** Value of the `meshplane.io/system` label (a catalog System name), if set. */
  system?: string;
  /** Istio network of the namespace (`topology.istio.io/network` label), if set. */
  network?: string;
  /** Sidecar injection as the namespace labels request it: `enabled`, `disabled`, a revision, or absent. */
  injection?: string;
}

/**
 * The answer of `GET /api/meshplane/clusters`.
 *
 * @public
 */
export interface ClusterListResponse {
  /** Every configured cluster, sorted by name, whatever its status. */
  items: ClusterSummary[];
}
