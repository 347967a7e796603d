import type {
  TrafficObservations,
  TrafficWindow,
} from '@meshplane/plugin-meshplane-common';
import type { MetricsSourceErrorReason } from './PrometheusQueryError';
import type { TrafficSubject } from './trafficPromql';

/**
 * How a metrics source is doing, as a cluster's connection status says it for
 * the API server:
 *
 * - `ok`: it answered in time;
 * - `slow`: it answered, slower than its `slowThreshold` (the figures are used);
 * - `down`: unreachable, timed out, answered an error or garbage, or holds no
 *   Istio metrics with their labels (`lastError` says which);
 * - `not-configured`: no `meshplane.prometheus` and no
 *   `meshplane.clusters[].prometheus` for these clusters.
 */
export type MetricsSourceState = 'ok' | 'slow' | 'down' | 'not-configured';

/** A metrics source's failure, sanitised: no header value, no query text. */
export interface MetricsSourceError {
  reason: MetricsSourceErrorReason;
  /** Human-readable, naming the source's host: `Prometheus at prom:9090: HTTP 503 (unavailable): …`. */
  message: string;
  /** HTTP status of an error answer. */
  statusCode?: number;
  /** Prometheus' `errorType` of an error answer. */
  errorType?: string;
  /** When it happened (ISO 8601). */
  at: string;
}

/** The status of one metrics source, for the clusters it answers for. */
export interface MetricsSourceStatus {
  /**
   * The source's config key (`meshplane.prometheus`,
   * `meshplane.clusters[1].prometheus`); absent for `not-configured`.
   */
  source?: string;
  /** The clusters (of the request) whose metrics this source answers for. */
  clusters: string[];
  /** Host and port of the source's URL; no path, no credentials. */
  host?: string;
  status: MetricsSourceState;
  /** When the source was last asked (ISO 8601); absent if never. */
  checkedAt?: string;
  /** When it last answered usable figures (ISO 8601). */
  lastAnswerAt?: string;
  /** How long its last answer took. */
  durationMs?: number;
  /** The failure that explains `down`; absent otherwise. */
  lastError?: MetricsSourceError;
}

/** What to observe. */
export interface TrafficRequest {
  subject: TrafficSubject;
  /** Default `5m`. */
  window?: TrafficWindow;
  /**
   * The clusters whose metrics sources to ask: every cluster the entity's
   * configured edges touch (its own, its callers', the clusters its routes
   * reach). With one fleet-wide source they all map to it; with a source per
   * cluster this bounds the fan-out (DESIGN §9).
   */
  clusters: readonly string[];
}

/** The observed traffic of a subject, and how each source asked did. */
export interface TrafficAnswer {
  /**
   * The observations, as openapi.yaml's `TrafficObservations` (the document
   * `meshplane analyze --traffic` reads): empty `edges` when no source
   * answered. `observedAt` is the evaluation time of the oldest answer used.
   */
  observations: TrafficObservations;
  /** One per source asked, and one `not-configured` for the clusters without a source. */
  sources: MetricsSourceStatus[];
  /** Set when more observations were found than a document holds; the busiest are kept. */
  truncated?: boolean;
}
