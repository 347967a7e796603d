import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  MAX_TRAFFIC_OBSERVATIONS,
  type TrafficObservation,
  type TrafficWindow,
} from '@meshplane/plugin-meshplane-common';
import type {
  PrometheusSourceSettings,
  TrafficSettings,
} from '../config/readTrafficConfig';
import { PrometheusClient, PrometheusSample } from './PrometheusClient';
import { PrometheusQueryError } from './PrometheusQueryError';
import {
  readTrafficRows,
  toTrafficObservations,
  TrafficRow,
} from './toTrafficObservations';
import {
  checkClusterName,
  checkRateOverride,
  checkTrafficSubject,
  checkTrafficWindow,
  istioMetricsProbe,
  RateOverride,
  REQUIRED_LABELS,
  TRAFFIC_FAMILIES,
  trafficQueries,
  TrafficSubject,
} from './trafficPromql';
import type {
  MetricsSourceError,
  MetricsSourceState,
  MetricsSourceStatus,
  TrafficAnswer,
  TrafficRequest,
} from './types';

/** How long a source's "does it hold Istio's metrics" check is trusted. */
const PROBE_TTL_MS = 60_000;
/** Most answers kept; the oldest go first. */
const MAX_CACHED = 2_000;

/** One configured metrics source. */
interface Source {
  /** Its config key: the id statuses and the merge use. */
  id: string;
  settings: PrometheusSourceSettings;
  client: PrometheusClient;
}

/** One source's answer for one subject and window (shared while cached). */
interface SourceResult {
  status: Exclude<MetricsSourceState, 'not-configured'>;
  /** The evaluation time of its queries. */
  time: Date;
  checkedAt: string;
  durationMs?: number;
  /** Its series, when it answered usable figures. */
  rows?: TrafficRow[];
  error?: MetricsSourceError;
}

/** What a source was last seen doing, for statuses and for logging changes. */
interface SourceState {
  status: Exclude<MetricsSourceState, 'not-configured'>;
  checkedAt: string;
  lastAnswerAt?: string;
  durationMs?: number;
  lastError?: MetricsSourceError;
}

interface CacheEntry<T> {
  value: Promise<T>;
  /** Infinity while in flight: every caller of the same key shares the one promise. */
  expiresAt: number;
}

/** Options of {@link TrafficMetrics}. */
export interface TrafficMetricsOptions {
  /** `readMeshplaneConfig(config).traffic`. */
  settings: TrafficSettings;
  logger: LoggerService;
  /** See {@link RateOverride}: for tests and demos whose Prometheus has only just started. */
  rateOverride?: RateOverride;
  /** The fetch implementation; default the global one. */
  fetch?: typeof fetch;
  /** The clock (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/**
 * The backend's live traffic: Istio's standard metrics read from the
 * configured Prometheus-compatible sources (DESIGN §9), as a
 * `TrafficObservations` document per entity or namespace, with each source's
 * status beside it.
 *
 * Per subject and window, each source asked gets one query per metric
 * family (requests, latency, TCP bytes, TCP connections), whatever the
 * number of edges; answers are cached for `meshplane.traffic.cacheTtl` and
 * shared: concurrent viewers of the same subject and window wait on the same
 * queries. A source that fails is reported `down` beside the others' figures;
 * {@link TrafficMetrics.observe} throws only for invalid input.
 */
export class TrafficMetrics {
  private readonly logger: LoggerService;
  private readonly fleetSource?: Source;
  private readonly clusterSources = new Map<string, Source>();
  private readonly cacheTtlMs: number;
  private readonly rateOverride?: RateOverride;
  private readonly now: () => number;
  private readonly answers = new Map<string, CacheEntry<SourceResult>>();
  private readonly probes = new Map<string, CacheEntry<SourceResult>>();
  private readonly merged = new Map<
    string,
    { parts: SourceResult[]; answer: Omit<TrafficAnswer, 'sources'> }
  >();
  private readonly states = new Map<string, SourceState>();

  constructor(options: TrafficMetricsOptions) {
    const { settings } = options;
    this.logger = options.logger;
    this.cacheTtlMs = settings.cacheTtlMs;
    const rate = options.rateOverride ?? settings.rate;
    this.rateOverride = rate ? checkRateOverride(rate) : undefined;
    this.now = options.now ?? Date.now;
    const source = (s: PrometheusSourceSettings): Source => ({
      id: s.configKey,
      settings: s,
      client: new PrometheusClient({ settings: s, fetch: options.fetch }),
    });
    if (settings.fleetSource) this.fleetSource = source(settings.fleetSource);
    for (const [cluster, s] of settings.clusterSources) {
      this.clusterSources.set(cluster, source(s));
    }
  }

  /** Whether any metrics source is configured. */
  get configured(): boolean {
    return Boolean(this.fleetSource) || this.clusterSources.size > 0;
  }

  /**
   * The observed traffic of a subject over a window, from the sources of the
   * given clusters. The answer is shared with other callers: do not change it.
   *
   * @throws InputError for an invalid name, cluster name or window; never for a source's failure
   */
  async observe(request: TrafficRequest): Promise<TrafficAnswer> {
    const window = checkTrafficWindow(request.window ?? '5m');
    const subject = checkTrafficSubject(request.subject);
    const { groups, unconfigured } = this.sourcesOf(request.clusters);
    const subjectKey = JSON.stringify([subject, window]);
    const parts = await Promise.all(
      groups.map(({ source }) =>
        this.remember(
          this.answers,
          `${source.id}\u0000${subjectKey}`,
          this.cacheTtlMs,
          () => this.querySource(source, subject, window),
        ),
      ),
    );
    const answer = this.merge(
      `${subjectKey}\u0000${groups.map(g => g.source.id).join('\u0000')}`,
      groups.map(g => g.source),
      parts,
      window,
    );
    return {
      ...answer,
      sources: [
        ...groups.map(({ source, clusters }, i) =>
          this.statusOf(source, clusters, parts[i]),
        ),
        ...(unconfigured.length ? [notConfigured(unconfigured)] : []),
      ],
    };
  }

  /**
   * The status of the sources of the given clusters (the fleet page's
   * list): the last one seen, or — when a source was not asked for a minute —
   * a check that it answers and holds Istio's metrics with their labels.
   *
   * @throws InputError for an invalid cluster name
   */
  async sourceStatuses(
    clusters: readonly string[],
  ): Promise<MetricsSourceStatus[]> {
    const { groups, unconfigured } = this.sourcesOf(clusters);
    const statuses = await Promise.all(
      groups.map(async ({ source, clusters: covered }) => {
        const state = this.states.get(source.id);
        if (!state || this.now() - Date.parse(state.checkedAt) > PROBE_TTL_MS) {
          const probed = await this.probe(source);
          const latest = this.states.get(source.id);
          if (
            !latest ||
            Date.parse(latest.checkedAt) < Date.parse(probed.checkedAt)
          )
            this.record(source, probed);
        }
        return this.statusOf(source, covered);
      }),
    );
    return [
      ...statuses,
      ...(unconfigured.length ? [notConfigured(unconfigured)] : []),
    ];
  }

  private sourceFor(cluster: string): Source | undefined {
    return this.clusterSources.get(cluster) ?? this.fleetSource;
  }

  /** The sources of the clusters (each with the clusters it answers for), and the clusters without one. */
  private sourcesOf(clusters: readonly string[]) {
    const bySource = new Map<string, { source: Source; clusters: string[] }>();
    const unconfigured: string[] = [];
    for (const cluster of [...new Set(clusters.map(checkClusterName))].sort()) {
      const source = this.sourceFor(cluster);
      if (!source) {
        unconfigured.push(cluster);
        continue;
      }
      let group = bySource.get(source.id);
      if (!group) bySource.set(source.id, (group = { source, clusters: [] }));
      group.clusters.push(cluster);
    }
    return { groups: [...bySource.values()], unconfigured };
  }

  /**
   * The promise cached under `key`, else `load()`'s, kept from its settling
   * for `ttlMs` (in flight, every caller shares it).
   */
  private remember<T>(
    cache: Map<string, CacheEntry<T>>,
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const entry: CacheEntry<T> = { value: load(), expiresAt: Infinity };
    cache.delete(key);
    cache.set(key, entry);
    entry.value.then(
      () => {
        entry.expiresAt = this.now() + ttlMs;
      },
      () => {
        if (cache.get(key) === entry) cache.delete(key);
      },
    );
    for (const oldest of cache.keys()) {
      if (cache.size <= MAX_CACHED) break;
      cache.delete(oldest);
    }
    return entry.value;
  }

  /** Asks one source the subject's queries; never rejects. */
  private async querySource(
    source: Source,
    subject: TrafficSubject,
    window: TrafficWindow,
  ): Promise<SourceResult> {
    try {
      return await this.askSource(source, subject, window);
    } catch (error) {
      const result = this.down(
        new Date(Math.floor(this.now() / 1000) * 1000),
        sourceError(error, this.now()),
      );
      this.record(source, result);
      return result;
    }
  }

  private async askSource(
    source: Source,
    subject: TrafficSubject,
    window: TrafficWindow,
  ): Promise<SourceResult> {
    const time = new Date(Math.floor(this.now() / 1000) * 1000);
    const queries = trafficQueries(subject, window, this.rateOverride);
    const settled = await Promise.allSettled(
      TRAFFIC_FAMILIES.map(f => source.client.query(queries[f], { time })),
    );
    const failure = settled.find(
      (s): s is PromiseRejectedResult => s.status === 'rejected',
    );
    let result: SourceResult;
    if (failure) {
      result = this.down(time, sourceError(failure.reason, this.now()));
    } else {
      const answers = Object.fromEntries(
        TRAFFIC_FAMILIES.map((f, i) => [
          f,
          (
            settled[i] as PromiseFulfilledResult<{
              samples: PrometheusSample[];
            }>
          ).value.samples,
        ]),
      ) as Record<(typeof TRAFFIC_FAMILIES)[number], PrometheusSample[]>;
      const durationMs = Math.round(
        Math.max(
          ...settled.map(
            s =>
              (s as PromiseFulfilledResult<{ durationMs: number }>).value
                .durationMs,
          ),
        ),
      );
      const read = readTrafficRows(answers);
      let unusable: MetricsSourceError | undefined;
      if (read.incompleteSeries) {
        unusable = labelsError(
          source,
          `${
            read.incompleteSeries
          } series without Istio's label(s) ${read.missingLabels.join(', ')}`,
          this.now(),
        );
      } else if (read.rows.length === 0) {
        unusable = (await this.probe(source)).error;
      }
      result = unusable
        ? this.down(time, unusable, durationMs)
        : {
            status:
              durationMs > source.settings.slowThresholdMs ? 'slow' : 'ok',
            time,
            checkedAt: new Date(this.now()).toISOString(),
            durationMs,
            rows: read.rows,
          };
    }
    this.record(source, result);
    return result;
  }

  private down(
    time: Date,
    error: MetricsSourceError,
    durationMs?: number,
  ): SourceResult {
    return {
      status: 'down',
      time,
      checkedAt: new Date(this.now()).toISOString(),
      ...(durationMs !== undefined ? { durationMs } : {}),
      error,
    };
  }

  /**
   * Whether a source holds Istio's standard metrics with the labels an edge
   * needs: asked when a subject's queries found nothing (to tell "no traffic"
   * from "no Istio metrics here") and for {@link TrafficMetrics.sourceStatuses};
   * cached a minute. Never rejects.
   */
  private probe(source: Source): Promise<SourceResult> {
    return this.remember(this.probes, source.id, PROBE_TTL_MS, async () => {
      const time = new Date(Math.floor(this.now() / 1000) * 1000);
      let answer;
      try {
        answer = await source.client.query(istioMetricsProbe(), { time });
      } catch (e) {
        return this.down(time, sourceError(e, this.now()));
      }
      const durationMs = Math.round(answer.durationMs);
      const counts = new Map(
        answer.samples.map(s => [s.labels.meshplane_probe, s.value]),
      );
      const missing = REQUIRED_LABELS.filter(l => !(counts.get(l)! > 0));
      if (!(counts.get('series')! > 0)) {
        return this.down(
          time,
          {
            reason: 'no-istio-metrics',
            message: `Prometheus at ${source.client.host}: answers, but holds none of Istio's standard metrics (istio_requests_total, istio_tcp_connections_opened_total): does it scrape the proxies?`,
            at: new Date(this.now()).toISOString(),
          },
          durationMs,
        );
      }
      if (missing.length) {
        return this.down(
          time,
          labelsError(
            source,
            `Istio's metrics without the label(s) ${missing.join(', ')}`,
            this.now(),
          ),
          durationMs,
        );
      }
      return {
        status: durationMs > source.settings.slowThresholdMs ? 'slow' : 'ok',
        time,
        checkedAt: new Date(this.now()).toISOString(),
        durationMs,
        rows: [],
      };
    });
  }

  /** Keeps a source's latest status, and logs when it goes down or comes back. */
  private record(source: Source, result: SourceResult): void {
    const previous = this.states.get(source.id);
    const name = `Metrics source ${source.id} (${source.client.host})`;
    if (result.status === 'down' && previous?.status !== 'down') {
      this.logger.warn(`${name} is down: ${result.error!.message}`, {
        source: source.id,
        reason: result.error!.reason,
      });
    } else if (result.status !== 'down' && previous?.status === 'down') {
      this.logger.info(`${name} answers again`, { source: source.id });
    }
    this.states.set(source.id, {
      status: result.status,
      checkedAt: result.checkedAt,
      durationMs: result.durationMs,
      lastAnswerAt: result.rows ? result.checkedAt : previous?.lastAnswerAt,
      lastError: result.error,
    });
  }

  private statusOf(
    source: Source,
    clusters: string[],
    result?: SourceResult,
  ): MetricsSourceStatus {
    const state = this.states.get(source.id);
    const seen = result ?? state;
    const lastAnswerAt = result?.rows ? result.checkedAt : state?.lastAnswerAt;
    const error = result ? result.error : state?.lastError;
    return {
      source: source.id,
      clusters,
      host: source.client.host,
      status: seen?.status ?? 'ok',
      ...(seen ? { checkedAt: seen.checkedAt } : {}),
      ...(lastAnswerAt ? { lastAnswerAt } : {}),
      ...(seen?.durationMs !== undefined
        ? { durationMs: seen.durationMs }
        : {}),
      ...(error ? { lastError: error } : {}),
    };
  }

  /**
   * The document of the sources' answers, kept while the same cached answers
   * are merged again (concurrent viewers share it as they share the answers).
   */
  private merge(
    key: string,
    sources: Source[],
    parts: SourceResult[],
    window: TrafficWindow,
  ): Omit<TrafficAnswer, 'sources'> {
    const held = this.merged.get(key);
    if (
      held &&
      held.parts.length === parts.length &&
      held.parts.every((p, i) => p === parts[i])
    ) {
      return held.answer;
    }
    const answered = parts
      .map((part, i) => ({ part, source: sources[i] }))
      .filter(({ part }) => part.rows);
    let edges = toTrafficObservations(
      answered.map(({ part, source }) => ({
        source: source.id,
        rows: part.rows!,
      })),
      cluster => this.sourceFor(cluster)?.id,
    );
    let truncated = false;
    if (edges.length > MAX_TRAFFIC_OBSERVATIONS) {
      const kept = new Set(
        [...edges]
          .sort((a, b) => volume(b) - volume(a))
          .slice(0, MAX_TRAFFIC_OBSERVATIONS),
      );
      edges = edges.filter(e => kept.has(e));
      truncated = true;
    }
    const observedAt = answered.length
      ? Math.min(...answered.map(({ part }) => part.time.getTime()))
      : Math.floor(this.now() / 1000) * 1000;
    const answer: Omit<TrafficAnswer, 'sources'> = {
      observations: {
        apiVersion: 'meshplane.io/v1alpha1',
        kind: 'TrafficObservations',
        window,
        observedAt: new Date(observedAt).toISOString(),
        edges,
      },
      ...(truncated ? { truncated } : {}),
    };
    this.merged.delete(key);
    this.merged.set(key, { parts, answer });
    for (const oldest of this.merged.keys()) {
      if (this.merged.size <= MAX_CACHED) break;
      this.merged.delete(oldest);
    }
    return answer;
  }
}

function volume(o: TrafficObservation): number {
  return (
    o.requestsPerSecond ?? o.connectionsPerSecond ?? o.tcpBytesPerSecond ?? 0
  );
}

function sourceError(error: unknown, now: number): MetricsSourceError {
  const at = new Date(now).toISOString();
  if (error instanceof PrometheusQueryError) {
    return {
      reason: error.reason,
      message: error.message,
      ...(error.statusCode !== undefined
        ? { statusCode: error.statusCode }
        : {}),
      ...(error.errorType !== undefined ? { errorType: error.errorType } : {}),
      at,
    };
  }
  // Not expected (the client classifies every failure); reported without its text.
  return {
    reason: 'malformed',
    message: `the answer could not be read (${
      (error as Error)?.name ?? 'error'
    })`,
    at,
  };
}

function labelsError(
  source: Source,
  detail: string,
  now: number,
): MetricsSourceError {
  return {
    reason: 'missing-labels',
    message: `Prometheus at ${source.client.host}: answered ${detail} (a relabelling that drops them, or another exporter using Istio's metric names?)`,
    at: new Date(now).toISOString(),
  };
}

function notConfigured(clusters: string[]): MetricsSourceStatus {
  return { clusters, status: 'not-configured' };
}
