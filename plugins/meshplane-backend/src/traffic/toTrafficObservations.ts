import type {
  TrafficDestination,
  TrafficLatency,
  TrafficObservation,
  TrafficReporter,
  TrafficSource,
  TrafficTlsShares,
} from '@meshplane/plugin-meshplane-common';
import type { PrometheusSample } from './PrometheusClient';
import { EDGE_LABELS, REQUIRED_LABELS, TrafficFamily } from './trafficPromql';

/** The answers of one source to its {@link TrafficFamily} queries. */
export type FamilyAnswers = Record<TrafficFamily, PrometheusSample[]>;

/** One series of an answer, read: its edge, reporter and the labels its family groups by. */
export interface TrafficRow {
  family: TrafficFamily;
  source: TrafficSource;
  destination: TrafficDestination;
  reporter: TrafficReporter;
  /** `request_protocol` as reported (`http`, `grpc`, `tcp`), `''` without one. */
  requestProtocol: string;
  /** `connection_security_policy`; `''` on latency rows. */
  securityPolicy: string;
  responseCode?: string;
  grpcStatus?: string;
  app?: string;
  /** `0.5`, `0.95` or `0.99` for latency rows. */
  quantile?: string;
  value: number;
  /** Every label of the row, in one string: the same series from two sources has the same identity. */
  identity: string;
}

/** What {@link readTrafficRows} makes of one source's answers. */
export interface SourceRows {
  rows: TrafficRow[];
  /** Required labels some series lacked (istio-semantics §i: Istio sets every one, `unknown` when unknown). */
  missingLabels: string[];
  /** How many series lacked one. */
  incompleteSeries: number;
}

/** Latency is by edge, not by TLS policy: its series carry no `connection_security_policy`. */
const required = (family: TrafficFamily): readonly string[] =>
  family === 'latency'
    ? REQUIRED_LABELS.filter(l => l !== 'connection_security_policy')
    : REQUIRED_LABELS;

const REPORTERS: readonly TrafficReporter[] = [
  'destination',
  'source',
  'waypoint',
];
const UNKNOWN = 'unknown';
const MAX_NAME = 253;

/**
 * Reads the series of one source's answers. Series without the labels an
 * edge needs are counted (the source is then not trusted); series of an
 * unknown reporter, or with names longer than Kubernetes allows, are left out.
 */
export function readTrafficRows(answers: FamilyAnswers): SourceRows {
  const rows: TrafficRow[] = [];
  const missing = new Set<string>();
  let incompleteSeries = 0;
  for (const family of Object.keys(answers) as TrafficFamily[]) {
    for (const { labels, value } of answers[family]) {
      const absent = required(family).filter(l => !labels[l]);
      if (absent.length) {
        absent.forEach(l => missing.add(l));
        incompleteSeries++;
        continue;
      }
      const reporter = labels.reporter as TrafficReporter;
      if (!REPORTERS.includes(reporter)) continue;
      const names = [...EDGE_LABELS, 'destination_workload'].map(
        l => labels[l] ?? '',
      );
      if (names.some(n => n.length > MAX_NAME)) continue;
      const workload = labels.destination_workload;
      rows.push({
        family,
        source: {
          cluster: labels.source_cluster,
          namespace: labels.source_workload_namespace,
          workload: labels.source_workload,
        },
        destination: {
          cluster: labels.destination_cluster,
          namespace: labels.destination_service_namespace,
          service: labels.destination_service_name,
          ...(workload && workload !== UNKNOWN ? { workload } : {}),
        },
        reporter,
        requestProtocol: labels.request_protocol ?? '',
        securityPolicy: labels.connection_security_policy ?? '',
        responseCode: labels.response_code,
        grpcStatus: labels.grpc_response_status,
        app: labels.app,
        quantile: labels.quantile,
        value,
        identity: JSON.stringify(
          Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)),
        ),
      });
    }
  }
  return { rows, missingLabels: [...missing].sort(), incompleteSeries };
}

const edgeKey = (r: Pick<TrafficRow, 'source' | 'destination'>) =>
  [
    r.source.cluster,
    r.source.namespace,
    r.source.workload,
    r.destination.cluster,
    r.destination.namespace,
    r.destination.service,
  ].join('\u0000');

/** The cluster whose proxies reported a row: a source proxy's, else the destination's (where waypoints run too). */
const reportingCluster = (r: TrafficRow) =>
  r.reporter === 'source' ? r.source.cluster : r.destination.cluster;

/**
 * The rows of several sources as one set: a series two sources both hold
 * (a fleet Prometheus that also holds a cluster's series, two clusters' URLs
 * on one server) is taken once, from the source of the cluster that reported
 * it when that source holds it. Sources in the order given break ties.
 */
function mergeSources(
  sources: ReadonlyArray<{ source: string; rows: readonly TrafficRow[] }>,
  sourceOf: (cluster: string) => string | undefined,
): TrafficRow[] {
  const chosen = new Map<string, { source: string; row: TrafficRow }>();
  for (const { source, rows } of sources) {
    for (const row of rows) {
      const key = `${row.family}\u0001${row.identity}`;
      const held = chosen.get(key);
      if (!held) chosen.set(key, { source, row });
      else if (
        held.source !== sourceOf(reportingCluster(row)) &&
        source === sourceOf(reportingCluster(row))
      )
        chosen.set(key, { source, row });
    }
  }
  return [...chosen.values()].map(c => c.row);
}

/**
 * The TLS a series saw (istio-semantics §i): `mutual_tls` is mTLS and `none`
 * plaintext; `unknown` is plaintext where ztunnel reports it (it has no
 * `none`: a destination reporter that says `unknown` is a ztunnel, Envoy
 * destinations say `mutual_tls` or `none`) and not known at a source Envoy.
 */
function tlsOf(row: TrafficRow): keyof TrafficTlsShares {
  if (row.securityPolicy === 'mutual_tls') return 'mutualTls';
  if (row.securityPolicy === 'none') return 'plaintext';
  if (
    row.securityPolicy === UNKNOWN &&
    (row.reporter === 'destination' || row.app === 'ztunnel')
  )
    return 'plaintext';
  return 'unknown';
}

/**
 * Whether a request failed: a 5xx, or no response at all (code `0`, Envoy's
 * `UF`/`UH`…); for gRPC also a `grpc_response_status` other than 0 (Kiali's
 * `HandleResponseCode`). 4xx are the caller's errors, not the edge's.
 */
function failed(row: TrafficRow): boolean {
  const code = row.responseCode ?? '';
  if (/^5\d\d$/.test(code) || code === '0') return true;
  return (
    row.requestProtocol === 'grpc' &&
    row.grpcStatus !== undefined &&
    row.grpcStatus !== '0'
  );
}

type Tally = Record<keyof TrafficTlsShares, number>;
const tally = (): Tally => ({ mutualTls: 0, plaintext: 0, unknown: 0 });

/** One observation being summed up. */
interface Accumulator {
  source: TrafficSource;
  destination: TrafficDestination;
  reporter: TrafficReporter;
  protocol: TrafficObservation['protocol'];
  requests?: { rate: number; failed: number; tls: Tally };
  quantiles?: Map<string, number>;
  bytes?: { rate: number; tls: Tally };
  connections?: { rate: number; tls: Tally };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function shares(t: Tally): TrafficTlsShares {
  const total = t.mutualTls + t.plaintext + t.unknown;
  if (total <= 0) return { mutualTls: 0, plaintext: 0, unknown: 0 };
  return {
    mutualTls: round(t.mutualTls / total),
    plaintext: round(t.plaintext / total),
    unknown: round(t.unknown / total),
  };
}

/** p50 ≤ p95 ≤ p99, finite, or nothing (no requests in the window: `NaN`; beyond the last bucket: `+Inf`). */
function latencyOf(
  quantiles: Map<string, number> | undefined,
): TrafficLatency | undefined {
  const [p50, p95, p99] = ['0.5', '0.95', '0.99'].map(q => quantiles?.get(q));
  if (
    ![p50, p95, p99].every(v => v !== undefined && Number.isFinite(v) && v >= 0)
  )
    return undefined;
  const l50 = round(p50!);
  const l95 = Math.max(l50, round(p95!));
  return { p50: l50, p95: l95, p99: Math.max(l95, round(p99!)) };
}

function finish(a: Accumulator): TrafficObservation | undefined {
  const o: TrafficObservation = {
    source: a.source,
    destination: a.destination,
    reporter: a.reporter,
    protocol: a.protocol,
    tls: { mutualTls: 0, plaintext: 0, unknown: 0 },
  };
  if (a.protocol !== 'tcp') {
    if (!a.requests || a.requests.rate <= 0) return undefined;
    o.requestsPerSecond = round(a.requests.rate);
    o.errorRate = Math.min(1, round(a.requests.failed / a.requests.rate));
    const latency = latencyOf(a.quantiles);
    if (latency) o.latencyMs = latency;
    o.tls = shares(a.requests.tls);
    return o;
  }
  if (!a.bytes && !a.connections) return undefined;
  if (a.bytes) o.tcpBytesPerSecond = round(a.bytes.rate);
  if (a.connections) o.connectionsPerSecond = round(a.connections.rate);
  // Weighed by connections; long-lived connections open none in a window, then by bytes.
  o.tls =
    a.connections && a.connections.rate > 0
      ? shares(a.connections.tls)
      : shares(a.bytes?.tls ?? tally());
  return o;
}

/**
 * The observations of the rows of several sources (each read with
 * {@link readTrafficRows}): one per caller → service (→ endpoint workload),
 * reporter and protocol, with the figures of openapi.yaml's
 * `TrafficObservation` — request rate, error rate (5xx, no response, gRPC
 * status other than 0), p50/p95/p99, TCP bytes (sent + received) and
 * connections per second, TLS shares by `connection_security_policy`. Every
 * reporter's series are kept: which one an edge uses (the waypoint's, else the
 * destination's, else the source's: istio-semantics.md §i "Dedupe") is the
 * engine's rule, applied where observations are joined (`ObservedTrafficIndex`),
 * for the CLI's documents and the backend's alike. Sorted by caller, service,
 * reporter, protocol.
 *
 * @param sourceOf - the source that holds a cluster's own series, to pick
 *   between two sources holding one series
 */
export function toTrafficObservations(
  sources: ReadonlyArray<{ source: string; rows: readonly TrafficRow[] }>,
  sourceOf: (cluster: string) => string | undefined = () => undefined,
): TrafficObservation[] {
  const rows = mergeSources(sources, sourceOf);
  const observations = new Map<string, Accumulator>();
  const at = (row: TrafficRow, protocol: Accumulator['protocol']) => {
    const key = [
      edgeKey(row),
      row.destination.workload ?? '',
      row.reporter,
      protocol,
    ].join('\u0000');
    let a = observations.get(key);
    if (!a) {
      a = {
        source: row.source,
        destination: row.destination,
        reporter: row.reporter,
        protocol,
      };
      observations.set(key, a);
    }
    return a;
  };
  for (const row of rows) {
    if (!Number.isFinite(row.value) && row.family !== 'latency') continue;
    if (row.family === 'requests' || row.family === 'latency') {
      // Istio's request metrics are HTTP or gRPC; anything else is not a request figure.
      if (row.requestProtocol !== 'http' && row.requestProtocol !== 'grpc')
        continue;
      const a = at(row, row.requestProtocol);
      if (row.family === 'latency') {
        if (row.quantile)
          (a.quantiles ??= new Map()).set(row.quantile, row.value);
        continue;
      }
      a.requests ??= { rate: 0, failed: 0, tls: tally() };
      a.requests.rate += row.value;
      if (failed(row)) a.requests.failed += row.value;
      a.requests.tls[tlsOf(row)] += row.value;
      continue;
    }
    const a = at(row, 'tcp');
    const figure =
      row.family === 'tcpBytes'
        ? (a.bytes ??= { rate: 0, tls: tally() })
        : (a.connections ??= { rate: 0, tls: tally() });
    figure.rate += row.value;
    figure.tls[tlsOf(row)] += row.value;
  }
  return [...observations.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1)) // keys are unique
    .flatMap(([, a]) => {
      const o = finish(a);
      return o ? [o] : [];
    });
}
