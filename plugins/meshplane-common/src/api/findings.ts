import type { Message, MessageLevel } from '../engine/model/types';
import type { ClusterProblem, PageInfo } from './common';
import type { FindingCounts, ServiceRef } from './services';

/**
 * A validation finding: an engine {@link Message} (Istio `IST…`, Kiali `KIA…`
 * or Meshplane `MPL…` code) with the object it concerns. The same shape
 * `meshplane analyze --output json` prints in `messages`; `GET /findings` adds
 * the logical service the object concerns, when it concerns one.
 *
 * @public
 */
export type Finding = Message & {
  /**
   * The logical service the finding's object concerns (the Service itself,
   * the host a VirtualService or DestinationRule routes to or configures, a
   * Service selecting the workload or the policy's workloads). Set by
   * `GET /findings`; absent for namespace- and mesh-wide objects.
   */
  service?: ServiceRef;
};

/**
 * Query parameters of `GET /api/meshplane/findings`. Every filter is optional;
 * several filters combine with AND.
 *
 * @public
 */
export interface FindingsQuery {
  /** Only findings at or above this level (`Error` > `Warning` > `Info`). */
  level?: MessageLevel;
  /** Only these codes (comma-separated in the query string), e.g. `IST0101,KIA0501`. */
  code?: string[];
  /** Only findings on objects of this cluster. */
  cluster?: string;
  /** Only findings on objects of this namespace. */
  namespace?: string;
  /** Only findings on objects of this kind (`VirtualService`…). */
  kind?: string;
  /** Case-insensitive substring of the message, the object name or the code. */
  q?: string;
  /** Page size, 1–1000; default 100. */
  limit?: number;
  /** Index of the first item; default 0. */
  offset?: number;
}

/**
 * The answer of `GET /api/meshplane/findings`: fleet-wide findings, sorted by
 * level (errors first), then code, cluster, namespace, kind and name.
 *
 * @public
 */
export interface FindingsResponse extends PageInfo {
  /** The page of findings. */
  items: Finding[];
  /** Counts of every finding matching the filter except `level`, by level. */
  counts: FindingCounts;
  /** Clusters whose data is missing or stale in this answer. */
  problems: ClusterProblem[];
}
