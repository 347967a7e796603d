import type {
  TrafficObservation,
  TrafficObservations,
  TrafficWindow,
} from '@meshplane/plugin-meshplane-common';
import type { TrafficMetrics } from './TrafficMetrics';
import type { MetricsSourceStatus, TrafficAnswer } from './types';

/** Observed traffic of several services, merged, with the status of each source asked. */
export interface ServicesTraffic {
  observations: TrafficObservations;
  sources: MetricsSourceStatus[];
  /** Set when a source found more observations than a document holds (the busiest are kept). */
  truncated: boolean;
  /** Whether some source answered (ok or slow): the observations can be joined. */
  answered: boolean;
  /** Changes with every fresh answer of a source (for caches of what is computed from it). */
  stamp: string;
}

/** Most services asked one by one; more are asked per namespace (one question each). */
const MAX_SERVICE_SUBJECTS = 8;

const STATUS_RANK: Record<MetricsSourceStatus['status'], number> = {
  'not-configured': 0,
  ok: 1,
  slow: 2,
  down: 3,
};

/** The status of each source over several answers: its worst, for the clusters of all. */
function mergeSourceStatuses(
  lists: MetricsSourceStatus[][],
): MetricsSourceStatus[] {
  const merged = new Map<string, MetricsSourceStatus>();
  for (const status of lists.flat()) {
    const key = status.source ?? '';
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...status, clusters: [...status.clusters] });
      continue;
    }
    const clusters = [
      ...new Set([...seen.clusters, ...status.clusters]),
    ].sort();
    merged.set(
      key,
      STATUS_RANK[status.status] > STATUS_RANK[seen.status]
        ? { ...status, clusters }
        : { ...seen, clusters },
    );
  }
  return [...merged.values()].sort((a, b) =>
    (a.source ?? '~').localeCompare(b.source ?? '~'),
  );
}

/** A document without observations. */
export function noObservations(window: TrafficWindow): TrafficObservations {
  return {
    apiVersion: 'meshplane.io/v1alpha1',
    kind: 'TrafficObservations',
    window,
    observedAt: new Date().toISOString(),
    edges: [],
  };
}

/** One document of several answers' observations (a series two answers share counted once). */
function mergeObservations(
  answers: TrafficAnswer[],
  window: TrafficWindow,
): TrafficObservations {
  if (answers.length === 0) return noObservations(window);
  if (answers.length === 1) return answers[0].observations;
  const edges = new Map<string, TrafficObservation>();
  for (const answer of answers) {
    for (const o of answer.observations.edges) {
      edges.set(
        JSON.stringify([o.source, o.destination, o.reporter, o.protocol]),
        o,
      );
    }
  }
  const times = answers.map(a => a.observations.observedAt).sort();
  return {
    apiVersion: 'meshplane.io/v1alpha1',
    kind: 'TrafficObservations',
    window,
    observedAt: times[0] ?? new Date().toISOString(),
    edges: [...edges.values()],
  };
}

/**
 * The observed traffic into (and, with their workloads, out of) some services over a window,
 * from the metrics sources of the given clusters: one question per service, or per namespace
 * when there are more than a few. Without a configured source, or without services or
 * clusters, no observations and a `not-configured` status.
 */
export async function observeServices(
  traffic: TrafficMetrics | undefined,
  request: {
    services: ReadonlyArray<{
      namespace: string;
      name: string;
      workloads?: readonly string[];
    }>;
    clusters: readonly string[];
    window: TrafficWindow;
  },
  /** The last answer to the same request: its merged document is kept while no source answered anew. */
  previous?: ServicesTraffic,
): Promise<ServicesTraffic> {
  const { services, clusters, window } = request;
  if (!traffic?.configured || services.length === 0 || clusters.length === 0) {
    return {
      observations: mergeObservations([], window),
      sources:
        traffic && clusters.length
          ? await traffic.sourceStatuses(clusters)
          : [{ status: 'not-configured', clusters: [...clusters] }],
      truncated: false,
      answered: false,
      stamp: '',
    };
  }
  const subjects =
    services.length <= MAX_SERVICE_SUBJECTS
      ? services.map(s => ({
          kind: 'service' as const,
          namespace: s.namespace,
          name: s.name,
          ...(s.workloads ? { workloads: s.workloads } : {}),
        }))
      : [...new Set(services.map(s => s.namespace))].map(namespace => ({
          kind: 'namespace' as const,
          namespace,
        }));
  const answers = await Promise.all(
    subjects.map(subject => traffic.observe({ subject, window, clusters })),
  );
  const sources = mergeSourceStatuses(answers.map(a => a.sources));
  const stamp = answers
    .map(a => `${a.observations.observedAt}:${a.observations.edges.length}`)
    .join(',');
  return {
    // Merging several services' documents is linear in their edges: once per fresh answer.
    observations:
      previous && previous.stamp === stamp
        ? previous.observations
        : mergeObservations(answers, window),
    sources,
    truncated: answers.some(a => a.truncated),
    answered: sources.some(x => x.status === 'ok' || x.status === 'slow'),
    stamp,
  };
}
