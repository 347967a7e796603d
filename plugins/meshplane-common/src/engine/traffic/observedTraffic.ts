import { compareStrings } from '../model/compare';
import type {
  Edge,
  ObservedEdge,
  ObservedTraffic,
  TrafficObservation,
  TrafficObservations,
  TrafficReporter,
  TrafficSource,
  TrafficWindow,
} from '../model/types';

/** The workload name Istio gives a caller it cannot identify: an out-of-mesh client (§i). */
export const UNKNOWN_WORKLOAD = 'unknown';

/**
 * Which reporter's series an edge takes (istio-semantics.md §i "Dedupe", Kiali's query order):
 * a waypoint's (L7 of traffic through it, where the ztunnels see only TCP), else the destination
 * proxy's (it alone knows the TLS that was negotiated), else the source proxy's (the destination
 * is out of the mesh, or the requests never reached it). Never two added.
 */
const REPORTER_PREFERENCE: readonly TrafficReporter[] = [
  'waypoint',
  'destination',
  'source',
];

/** A caller's identity in keys: cluster, namespace, workload. */
export function callerKey(from: TrafficSource): string {
  return `${from.cluster}\u0000${from.namespace}\u0000${from.workload}`;
}

/** A service in a cluster, in keys. */
export function serviceKey(to: {
  cluster: string;
  namespace: string;
  service: string;
}): string {
  return `${to.cluster}\u0000${to.namespace}\u0000${to.service}`;
}

/** Shares and error rates to six decimals: a weighted mean should not print 0.30000000000000004. */
const round = (share: number): number => Math.round(share * 1e6) / 1e6;

const sum = (values: Array<number | undefined>): number | undefined => {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
  return total;
};

/** How much of the traffic a series is, to weigh its shares: requests, else connections, else bytes. */
const volume = (o: TrafficObservation): number =>
  o.requestsPerSecond ?? o.connectionsPerSecond ?? o.tcpBytesPerSecond ?? 0;

/** `grpc` when every request series is gRPC, `http` when some is HTTP, `tcp` without any (L4 only). */
function requestProtocol(
  requests: readonly TrafficObservation[],
): ObservedTraffic['protocol'] {
  if (!requests.length) return 'tcp';
  return requests.every(o => o.protocol === 'grpc') ? 'grpc' : 'http';
}

/**
 * The observations of one caller → service → destination cluster reduced to one figure set: the
 * series of the preferred reporter only, summed over endpoint workloads (see `ObservedTraffic`
 * in openapi.yaml for each figure's rule).
 */
export function reduceObservations(
  rows: readonly TrafficObservation[],
): ObservedTraffic {
  const reporter =
    REPORTER_PREFERENCE.find(r => rows.some(o => o.reporter === r)) ??
    rows[0].reporter;
  const chosen = rows.filter(o => o.reporter === reporter);
  const requests = chosen.filter(o => o.protocol !== 'tcp');
  const out: ObservedTraffic = {
    reporter,
    protocol: requestProtocol(requests),
    tls: { mutualTls: 0, plaintext: 0, unknown: 0 },
  };
  const rps = sum(requests.map(o => o.requestsPerSecond));
  if (rps !== undefined) out.requestsPerSecond = rps;
  const rated = requests.filter(
    o => o.requestsPerSecond !== undefined && o.errorRate !== undefined,
  );
  const ratedRps = sum(rated.map(o => o.requestsPerSecond)) ?? 0;
  if (ratedRps > 0)
    out.errorRate = round(
      rated.reduce((t, o) => t + o.requestsPerSecond! * o.errorRate!, 0) /
        ratedRps,
    );
  const latencies = requests.flatMap(o => (o.latencyMs ? [o.latencyMs] : []));
  if (latencies.length)
    out.latencyMs = {
      p50: Math.max(...latencies.map(l => l.p50)),
      p95: Math.max(...latencies.map(l => l.p95)),
      p99: Math.max(...latencies.map(l => l.p99)),
    };
  const bytes = sum(chosen.map(o => o.tcpBytesPerSecond));
  if (bytes !== undefined) out.tcpBytesPerSecond = bytes;
  const connections = sum(chosen.map(o => o.connectionsPerSecond));
  if (connections !== undefined) out.connectionsPerSecond = connections;
  const total = chosen.reduce((t, o) => t + volume(o), 0);
  for (const o of chosen) {
    const weight = total > 0 ? volume(o) / total : 1 / chosen.length;
    out.tls.mutualTls += o.tls.mutualTls * weight;
    out.tls.plaintext += o.tls.plaintext * weight;
    out.tls.unknown += o.tls.unknown * weight;
  }
  out.tls = {
    mutualTls: round(out.tls.mutualTls),
    plaintext: round(out.tls.plaintext),
    unknown: round(out.tls.unknown),
  };
  let lastSeen: string | undefined;
  for (const o of chosen)
    if (
      o.lastSeen !== undefined &&
      (lastSeen === undefined || Date.parse(o.lastSeen) > Date.parse(lastSeen))
    )
      lastSeen = o.lastSeen;
  if (lastSeen !== undefined) out.lastSeen = lastSeen;
  return out;
}

/** Whether observed figures show traffic in the window: some requests, bytes or connections. */
export function isTrafficUsed(observed: ObservedTraffic | undefined): boolean {
  return Boolean(
    observed &&
      ((observed.requestsPerSecond ?? 0) > 0 ||
        (observed.tcpBytesPerSecond ?? 0) > 0 ||
        (observed.connectionsPerSecond ?? 0) > 0),
  );
}

/**
 * The rate an observed edge sorts by: requests per second, or for L4 only (no request figures)
 * connections per second; `-1` for an edge nothing was observed on, so it sorts last.
 *
 * @public
 */
export function observedRate(edge: Pick<Edge, 'observed'>): number {
  const o = edge.observed;
  if (!o) return -1;
  return o.requestsPerSecond ?? o.connectionsPerSecond ?? 0;
}

/** Orders observed-only edges by rate (highest first), then caller, then service. */
function compareObservedEdges(a: ObservedEdge, b: ObservedEdge): number {
  return (
    observedRate(b) - observedRate(a) ||
    compareStrings(callerKey(a.from), callerKey(b.from)) ||
    compareStrings(serviceKey(a.to), serviceKey(b.to))
  );
}

/**
 * A traffic observations document keyed for the join: per caller, per service and destination
 * cluster, the reduced figures ({@link reduceObservations}). Built once per document.
 */
export class ObservedTrafficIndex {
  private static readonly built = new WeakMap<
    TrafficObservations,
    ObservedTrafficIndex
  >();
  readonly window: TrafficWindow;
  readonly observedAt: string;
  private readonly byCaller = new Map<string, Map<string, ObservedEdge>>();
  /** `cluster\0namespace` of every destination and every source the document observed. */
  private readonly destinationNamespaces = new Set<string>();
  private readonly sourceNamespaces = new Set<string>();

  private constructor(doc: TrafficObservations) {
    this.window = doc.window;
    this.observedAt = doc.observedAt;
    const rows = new Map<string, Map<string, TrafficObservation[]>>();
    for (const o of doc.edges) {
      const caller = callerKey(o.source);
      let byService = rows.get(caller);
      if (!byService) rows.set(caller, (byService = new Map()));
      const service = serviceKey(o.destination);
      let list = byService.get(service);
      if (!list) byService.set(service, (list = []));
      list.push(o);
      this.destinationNamespaces.add(
        `${o.destination.cluster}\u0000${o.destination.namespace}`,
      );
      this.sourceNamespaces.add(
        `${o.source.cluster}\u0000${o.source.namespace}`,
      );
    }
    for (const [caller, byService] of rows) {
      const edges = new Map<string, ObservedEdge>();
      for (const [service, list] of byService) {
        const { source, destination } = list[0];
        edges.set(service, {
          from: {
            cluster: source.cluster,
            namespace: source.namespace,
            workload: source.workload,
          },
          to: {
            cluster: destination.cluster,
            namespace: destination.namespace,
            service: destination.service,
          },
          observed: reduceObservations(list),
        });
      }
      this.byCaller.set(caller, edges);
    }
  }

  /** The index of a document (built on first use, then kept with the document). */
  static of(doc: TrafficObservations): ObservedTrafficIndex {
    let index = ObservedTrafficIndex.built.get(doc);
    if (!index) {
      index = new ObservedTrafficIndex(doc);
      ObservedTrafficIndex.built.set(doc, index);
    }
    return index;
  }

  /** Every observed caller → service → destination cluster, reduced, by rate (highest first). */
  edges(): ObservedEdge[] {
    return [...this.byCaller.values()]
      .flatMap(m => [...m.values()])
      .sort(compareObservedEdges);
  }

  /** What one caller was observed calling, by {@link serviceKey}. */
  callees(from: TrafficSource): ReadonlyMap<string, ObservedEdge> | undefined {
    return this.byCaller.get(callerKey(from));
  }

  /** The figures observed from a caller to a service in a cluster. */
  observed(
    from: TrafficSource,
    to: { cluster: string; namespace: string; service: string },
  ): ObservedTraffic | undefined {
    return this.byCaller.get(callerKey(from))?.get(serviceKey(to))?.observed;
  }

  /** Whether some observation reached a namespace of a cluster (the document covers it). */
  observedInto(cluster: string, namespace: string): boolean {
    return this.destinationNamespaces.has(`${cluster}\u0000${namespace}`);
  }

  /** Whether some observation left a namespace of a cluster (the document covers it). */
  observedFrom(cluster: string, namespace: string): boolean {
    return this.sourceNamespaces.has(`${cluster}\u0000${namespace}`);
  }
}

/** Observed-only edges in their order (rate, then caller and service). */
export function sortObservedEdges(edges: ObservedEdge[]): ObservedEdge[] {
  return edges.sort(compareObservedEdges);
}
