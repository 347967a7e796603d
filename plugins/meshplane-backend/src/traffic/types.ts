import type {
  MetricsSourceStatus,
  TrafficObservations,
  TrafficWindow,
} from '@meshplane/plugin-meshplane-common';
import type { TrafficSubject } from './trafficPromql';

// How a metrics source is doing, its failure and its status: the REST models of
// openapi.yaml (`MetricsSourceState`, `MetricsSourceError`, `MetricsSourceStatus`).
export type {
  MetricsSourceError,
  MetricsSourceState,
  MetricsSourceStatus,
} from '@meshplane/plugin-meshplane-common';

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
