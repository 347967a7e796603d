import type { ClusterConnectionStatus } from './clusters';

/**
 * Why a cluster's data is missing or stale, as the backend classifies the
 * last failure talking to its API server.
 *
 * - `unreachable`: connection refused, reset or DNS failure;
 * - `timeout`: no answer within the request timeout;
 * - `unauthorized`: 401, the configured credentials were rejected;
 * - `forbidden`: 403, the credentials may not list or watch a kind;
 * - `not-found`: 404 for a kind the discovery announced;
 * - `gone`: 410, the watch fell behind and a relist is running;
 * - `server-error`: 5xx answers;
 * - `malformed`: the answer was not the JSON Kubernetes sends (or an object lacked
 *   `metadata.name`);
 * - `tls`: the server certificate failed verification;
 * - `config`: the cluster's configuration is unusable (bad URL, unreadable token file…).
 *
 * @public
 */
export type ClusterErrorReason =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'server-error'
  | 'malformed'
  | 'tls'
  | 'config';

/**
 * A failure talking to a cluster, sanitised: it never carries a token, a
 * client key, a request header or a full URL with credentials.
 *
 * @public
 */
export interface ClusterError {
  /** Classification of the failure. */
  reason: ClusterErrorReason;
  /** Human-readable message naming what failed, e.g. `list Pod: 403 Forbidden`. */
  message: string;
  /** Kind (`Pod`, `VirtualService`…) whose list or watch failed; absent for cluster-wide failures. */
  kind?: string;
  /** HTTP status of the failed answer, when there was one. */
  statusCode?: number;
  /** When the failure happened (ISO 8601). */
  at: string;
}

/**
 * A cluster whose data is missing, incomplete or stale, reported next to the
 * results of a request instead of failing it. Every response that reads
 * cluster data carries the problems of the clusters it read.
 *
 * @public
 */
export interface ClusterProblem {
  /** Cluster name as configured. */
  cluster: string;
  /** Connection status of the cluster at the time of the answer. */
  status: ClusterConnectionStatus;
  /**
   * `true` when the answer still contains the cluster's last known objects
   * (the cluster was synced before and is now degraded or unreachable);
   * `false` when the cluster contributed nothing (never synced).
   */
  stale: boolean;
  /** Last synced time (ISO 8601) of the data served for this cluster, if it ever synced. */
  lastSync?: string;
  /** The failure that makes the cluster's data incomplete. */
  error?: ClusterError;
}

/**
 * Paging of a list response: `offset`-based, stable for a fixed fleet state.
 *
 * @public
 */
export interface PageInfo {
  /** Items matching the filter, over all pages. */
  totalItems: number;
  /** Index of the first returned item within the filtered list. */
  offset: number;
  /** Maximum number of items requested. */
  limit: number;
}

/**
 * The answer of `GET /api/meshplane/health` (no credentials needed).
 *
 * @public
 */
export interface HealthResponse {
  /** Always `ok` when the plugin answers. */
  status: 'ok';
  /** Plugin id, `meshplane`. */
  plugin: string;
  /** Version of `@meshplane/plugin-meshplane-backend`. */
  version: string;
  /** Seconds since the plugin started. */
  uptimeSeconds: number;
  /** When the plugin started (ISO 8601). */
  startedAt: string;
}
