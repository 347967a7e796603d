/*
 * The entity API with live traffic (issue 16), the traffic phase of `yarn bench`: a real
 * Prometheus scrapes the Istio metrics the fleet simulator serves for the clusters the bench
 * entity's edges touch, and a second backend (in a process of its own, trafficProcess.ts)
 * reads it through `meshplane.prometheus`. Measured: how long until the entity's answer is
 * joined; the answer's size by default (`callers=observed`) and with `?callers=all`, next to
 * the answer without a metrics source; the entity API at 16 clients and the floor in rounds
 * between its rounds, on the same backend.
 *
 * `MESHPLANE_BENCH_TRAFFIC_DUMP=<file>` writes every request's end and latency of both loads
 * and Prometheus' scrape durations, to tell what a slow tail coincides with.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  PrometheusUnavailableError,
  startPrometheus,
} from '@meshplane/fleet-sim';
import type {
  ClusterListResponse,
  EntityMeshView,
} from '@meshplane/plugin-meshplane-common';
import fs from 'node:fs';
import { load, loadInterleaved, loadSummary, until } from './load';
import { startProfile } from './profile';
import { startBenchBackend } from './startBenchBackend';

/** The size of one entity answer and the edges its posture lists. */
export interface AnswerFigures {
  bytes: number;
  /** `posture.inbound.length` and `posture.outbound.length`. */
  inbound: number;
  outbound: number;
}

/** An answer joined with traffic: its listed edges that carry `observed`, its parts' bytes and its topology's size. */
export interface JoinedAnswerFigures extends AnswerFigures {
  observedInbound: number;
  observedOutbound: number;
  parts: Record<string, number>;
  /** The topology's nodes and edges by type. */
  topologyNodes: Record<string, number>;
  topologyEdges: Record<string, number>;
}

const countBy = (items: Array<{ type: string }>) => {
  const counts: Record<string, number> = {};
  for (const { type } of items) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};

type LoadFigures = ReturnType<typeof loadSummary>;

/** Issue 16: the bench entity's default answer is at most a quarter of the 263 KB it had before. */
const ISSUE_ANSWER_BYTES = 263_000 / 4;

/** `meshplane.traffic.cacheTtl`'s default (the bench leaves it unset). */
const CACHE_TTL_MS = 15_000;

/** What `results[].traffic` of `yarn bench` holds. */
export type TrafficResult =
  | { skipped: string }
  /** The phase failed (the rest of the run's figures are kept). */
  | { failed: string }
  | {
      prometheus: {
        clusters: string[];
        scrapeIntervalSeconds: number;
        rate: { function: 'irate'; range: string };
        /** Samples of one scrape of one cluster (the largest), and the slowest scrape. */
        samplesPerScrape: number;
        scrapeSeconds: number;
      };
      /** From starting Prometheus: the backend synced, every cluster scraped twice, the first joined answer. */
      backendSyncedMs: number;
      scrapedTwiceMs: number;
      startToJoinedMs: number;
      /** The first joined answer's request (the backend asks Prometheus, joins and serialises). */
      firstJoinedAnswerMs: number;
      /** After the load, one answer whose traffic is not cached yet (`?window=1h`), and its sources' query time. */
      uncachedAnswerMs: number;
      uncachedPrometheusMs: number;
      answers: {
        /** The answer without a metrics source (the main run's `entityResponseBytes`). */
        before: AnswerFigures;
        /** The default answer with traffic (`callers=observed`). */
        observed: JoinedAnswerFigures;
        /** `?callers=all`: every permitted caller besides the observed ones. */
        all: JoinedAnswerFigures;
      };
      /** observed bytes / before bytes. */
      observedToBefore: number;
      entityAt16: LoadFigures;
      /** How long the entity load ran: at least the traffic cache's lifetime (15 s, the default). */
      entityLoadSeconds: number;
      /** Rounds of 400 entity requests, each followed by 400 floor requests. */
      rounds: number;
      /** The floor (GET /api/kubernetes/clusters) @16 in rounds between the entity's, same backend. */
      floorAt16: LoadFigures;
      /** entity p99 @16 / floor p99 @16 (issue 16: at most 1.5). */
      p99RatioToFloor: number;
    };

export const answerFigures = (view: EntityMeshView): AnswerFigures => ({
  bytes: JSON.stringify(view).length,
  inbound: view.posture.inbound.length,
  outbound: view.posture.outbound.length,
});

/** Bytes of each top-level part of an answer (the bench's profile of an answer's size). */
export const answerParts = (view: EntityMeshView): Record<string, number> =>
  Object.fromEntries(
    Object.entries(view).map(([key, value]) => [
      key,
      JSON.stringify(value).length,
    ]),
  );

const joinedFigures = (view: EntityMeshView): JoinedAnswerFigures => ({
  ...answerFigures(view),
  observedInbound: view.posture.inbound.filter(e => e.observed).length,
  observedOutbound: view.posture.outbound.filter(e => e.observed).length,
  parts: answerParts(view),
  topologyNodes: countBy(view.topology.nodes),
  topologyEdges: countBy(view.topology.edges),
});

async function promQuery(
  url: string,
  query: string,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await fetch(
    `${url}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  const body = (await res.json()) as {
    status: string;
    error?: string;
    data?: { result: any[] };
  };
  if (body.status !== 'success')
    throw new Error(`Prometheus: ${query}: ${body.error ?? res.status}`);
  return body.data!.result;
}

/** One number of an instant query's answer (0 when it is empty). */
const promNumber = async (url: string, query: string) =>
  Number((await promQuery(url, query))[0]?.value[1] ?? 0);

/** What the traffic phase needs (sent to trafficProcess.ts over IPC, so plain data). */
export interface TrafficOptions {
  clusters: Array<{
    name: string;
    url: string;
    caData: string;
    token: string;
    network?: string;
    region?: string;
    metricsUrl?: string;
  }>;
  /** The clusters the entity's edges touch: its own (generated callers live in their callee's cluster). */
  entityClusters: string[];
  entity: Entity;
  entityPath: string;
  before: AnswerFigures;
  scrapeIntervalSeconds: number;
  preset: string;
}

/**
 * The traffic phase; run it in a process of its own (trafficProcess.ts): a backend stopped in
 * this process stays in its heap, and its major collections would stall the figures.
 */
export async function measureTraffic(
  options: TrafficOptions,
): Promise<TrafficResult> {
  const scraped = options.clusters.filter(
    c => options.entityClusters.includes(c.name) && c.metricsUrl,
  );
  if (scraped.length === 0) {
    return { skipped: 'the fleet serves no metrics for the entity’s clusters' };
  }
  const interval = options.scrapeIntervalSeconds;
  // irate reads the last two samples within the range: a bit more than two scrape intervals.
  const rate = {
    function: 'irate' as const,
    range: `${Math.ceil(interval * 2.5)}s`,
  };
  const startedAt = performance.now();
  const since = () => Math.round(performance.now() - startedAt);
  let prometheus;
  try {
    prometheus = await startPrometheus({
      targets: scraped.map(c => ({ cluster: c.name, url: c.metricsUrl! })),
      scrapeIntervalSeconds: interval,
    });
  } catch (error) {
    if (error instanceof PrometheusUnavailableError)
      return { skipped: error.message };
    throw error;
  }
  const { backend, baseUrl, token } = await startBenchBackend({
    clusters: options.clusters,
    entities: [options.entity],
    meshplane: {
      prometheus: { url: prometheus.url },
      traffic: { rate },
    },
  });
  try {
    const headers = { Authorization: `Bearer ${token}` };
    const getJson = async <T>(p: string): Promise<T> => {
      const res = await fetch(`${baseUrl}/api/meshplane${p}`, { headers });
      if (!res.ok)
        throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    await until(
      async () => {
        const list = await getJson<ClusterListResponse>('/clusters');
        return list.items.every(c => c.status === 'synced') ? true : undefined;
      },
      10 * 60_000,
      'initial sync (traffic backend)',
      50,
    );
    const backendSyncedMs = since();
    // Ask the entity only once Prometheus holds two samples of every cluster: its first
    // answer is then the join, not an empty answer the backend would share for its cacheTtl.
    await until(
      async () =>
        (await promNumber(
          prometheus.url,
          'count(sum_over_time(up[5m]) >= 2)',
        )) >= scraped.length
          ? true
          : undefined,
      5 * 60_000,
      'two scrapes of every cluster',
      200,
    );
    const scrapedTwiceMs = since();
    let firstJoinedAnswerMs = NaN;
    let lastSeen = '';
    await until(
      async () => {
        const t = performance.now();
        const view = await getJson<EntityMeshView>(options.entityPath);
        lastSeen = JSON.stringify(view.metrics);
        const observed = [...view.posture.inbound, ...view.posture.outbound];
        if (!view.metrics?.joined || !observed.some(e => e.observed))
          return undefined;
        firstJoinedAnswerMs = performance.now() - t;
        return true;
      },
      3 * 60_000,
      'the entity answer joined with observed edges',
      500,
    ).catch(error => {
      throw new Error(`${(error as Error).message}; last metrics: ${lastSeen}`);
    });
    const startToJoinedMs = since();
    const samplesPerScrape = await promNumber(
      prometheus.url,
      'max(scrape_samples_scraped)',
    );
    const scrapeSeconds = await promNumber(
      prometheus.url,
      'max(max_over_time(scrape_duration_seconds[5m]))',
    );
    console.log(
      `   traffic: Prometheus scrapes ${scraped
        .map(c => c.name)
        .join(', ')} every ${interval} s (${samplesPerScrape} samples, ${
        Math.round(scrapeSeconds * 100) / 100
      } s per scrape at most); irate over ${
        rate.range
      }; backend synced after ${(backendSyncedMs / 1000).toFixed(
        1,
      )} s, two scrapes after ${(scrapedTwiceMs / 1000).toFixed(
        1,
      )} s, metrics.joined after ${(startToJoinedMs / 1000).toFixed(
        1,
      )} s (first joined answer ${Math.round(firstJoinedAnswerMs)} ms)`,
    );

    const observedView = await getJson<EntityMeshView>(options.entityPath);
    if (observedView.metrics?.callers !== 'observed')
      throw new Error(
        `the default answer lists ${observedView.metrics?.callers} callers`,
      );
    const observed = joinedFigures(observedView);
    const allView = await getJson<EntityMeshView>(
      `${options.entityPath}?callers=all`,
    );
    if (!allView.metrics?.joined || allView.metrics.callers !== 'all')
      throw new Error(
        `?callers=all: not joined: ${JSON.stringify(allView.metrics)}`,
      );
    const all = joinedFigures(allView);
    const edges = (a: AnswerFigures) => `${a.inbound} in/${a.outbound} out`;
    console.log(
      `   traffic: entity answer bytes (edges listed): before ${
        options.before.bytes
      } (${edges(options.before)}), observed ${observed.bytes} (${edges(
        observed,
      )}), callers=all ${all.bytes} (${edges(
        all,
      )}); observed parts ${JSON.stringify(
        observed.parts,
      )}, topology nodes ${JSON.stringify(
        observed.topologyNodes,
      )}, edges ${JSON.stringify(observed.topologyEdges)}; default answer ${
        observed.bytes <= ISSUE_ANSWER_BYTES ? 'within' : 'ABOVE'
      } a quarter of 263 KB`,
    );

    const url = `${baseUrl}/api/meshplane${options.entityPath}`;
    await load({ url, method: 'GET', headers, workers: 4, total: 50 });
    // Entity and floor in alternating rounds, so that both meet the same background (the
    // scrapes of the simulator's ~23 MB endpoints and the backend's major collections stall
    // both for up to a second on this machine). The entity's rounds span the traffic cache's
    // lifetime, so that its requests include the ones that wait for a refresh (Prometheus'
    // answer and the join).
    const stopProfile = await startProfile();
    const {
      a: entityRun,
      b: floorRun,
      aMs: entityLoadMs,
      rounds,
    } = await loadInterleaved(
      { url, method: 'GET', headers, workers: 16 },
      {
        url: `${baseUrl}/api/kubernetes/clusters`,
        method: 'GET',
        headers,
        workers: 16,
      },
      { chunk: 400, minRounds: 4, minDurationMs: CACHE_TTL_MS + 1000 },
    );
    await stopProfile(`entity16-traffic-${options.preset}`);
    const entityAt16 = loadSummary(entityRun);
    const floorAt16 = loadSummary(floorRun);
    const entityLoadSeconds = Math.round(entityLoadMs / 100) / 10;
    if (process.env.MESHPLANE_BENCH_TRAFFIC_DUMP) {
      const scrapes = await promQuery(
        prometheus.url,
        'scrape_duration_seconds[2m]',
      );
      fs.writeFileSync(
        process.env.MESHPLANE_BENCH_TRAFFIC_DUMP,
        JSON.stringify({
          entity: entityRun.endedAt.map((e, i) => [e, entityRun.latencies[i]]),
          floor: floorRun.endedAt.map((e, i) => [e, floorRun.latencies[i]]),
          scrapes,
        }),
      );
    }
    const p99RatioToFloor =
      Math.round((entityAt16.p99 / floorAt16.p99) * 100) / 100;
    const t = performance.now();
    const uncached = await getJson<EntityMeshView>(
      `${options.entityPath}?window=1h`,
    );
    const uncachedAnswerMs = Math.round(performance.now() - t);
    const prometheusMs = Math.max(
      ...(uncached.metrics?.sources ?? []).map(x => x.durationMs ?? NaN),
    );
    if (!uncached.metrics?.joined)
      console.log(
        `   traffic: ?window=1h not joined: ${JSON.stringify(
          uncached.metrics,
        )}`,
      );
    console.log(
      `   traffic: entity API p50/p99 @16 ${entityAt16.p50}/${
        entityAt16.p99
      } ms (${entityLoadSeconds} s in ${rounds} rounds of 400), floor @16 in rounds between them ${
        floorAt16.p50
      }/${floorAt16.p99} ms; p99 / floor p99 ${p99RatioToFloor}× (${
        p99RatioToFloor <= 1.5 ? 'within' : 'ABOVE'
      } 1.5×); an answer not cached yet (?window=1h) ${uncachedAnswerMs} ms, of which Prometheus ${prometheusMs} ms`,
    );
    return {
      prometheus: {
        clusters: scraped.map(c => c.name),
        scrapeIntervalSeconds: interval,
        rate,
        samplesPerScrape,
        scrapeSeconds: Math.round(scrapeSeconds * 1000) / 1000,
      },
      backendSyncedMs,
      scrapedTwiceMs,
      startToJoinedMs,
      firstJoinedAnswerMs: Math.round(firstJoinedAnswerMs),
      uncachedAnswerMs,
      uncachedPrometheusMs: prometheusMs,
      answers: { before: options.before, observed, all },
      observedToBefore:
        Math.round((observed.bytes / options.before.bytes) * 1000) / 1000,
      entityAt16,
      entityLoadSeconds,
      rounds,
      floorAt16,
      p99RatioToFloor,
    };
  } finally {
    await backend.stop();
    await prometheus.stop();
  }
}
