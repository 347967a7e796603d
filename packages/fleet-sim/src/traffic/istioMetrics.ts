import type { ProxyReport } from './proxyReports';
import type { MeshWorkload } from './resolveTraffic';
import type { TrafficLatency, TrafficSpec } from './types';

/**
 * Envoy's default histogram buckets (envoy `source/common/stats/histogram_impl.cc`,
 * `HistogramSettingsImpl::defaultBuckets`), which Istio's duration and size histograms use
 * unless `sidecar.istio.io/statsHistogramBuckets` changes them.
 */
export const ISTIO_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
  300000, 600000, 1800000, 3600000,
];

export const DEFAULT_LATENCY_MS: TrafficLatency = {
  p50: 10,
  p95: 50,
  p99: 100,
};
export const DEFAULT_REQUEST_BYTES = 512;
export const DEFAULT_RESPONSE_BYTES = 2048;
/** ztunnel carries HTTP on long-lived connections: one opened per this many requests. */
export const REQUESTS_PER_CONNECTION = 10;

/**
 * One metric family of a cluster's endpoint. Every value is a rate: a series' value at a time
 * is its rate × the seconds elapsed, so Prometheus' `rate()` returns the rate. A histogram
 * series holds its cumulative bucket rates (one per `ISTIO_BUCKETS` bound), then `_sum`, then
 * `_count` (= `le="+Inf"`).
 */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  /** Rates by label string (`name="value",…`, in Istio's label order). */
  series: Map<string, number[]>;
}

const FAMILIES: Array<Omit<MetricFamily, 'series'>> = [
  {
    name: 'istio_requests_total',
    help: 'Requests handled by an Istio proxy',
    type: 'counter',
  },
  {
    name: 'istio_request_duration_milliseconds',
    help: 'Duration of requests',
    type: 'histogram',
  },
  {
    name: 'istio_request_bytes',
    help: 'Sizes of HTTP request bodies',
    type: 'histogram',
  },
  {
    name: 'istio_response_bytes',
    help: 'Sizes of HTTP response bodies',
    type: 'histogram',
  },
  {
    name: 'istio_tcp_sent_bytes_total',
    help: 'Bytes sent during response in case of a TCP connection',
    type: 'counter',
  },
  {
    name: 'istio_tcp_received_bytes_total',
    help: 'Bytes received during request in case of a TCP connection',
    type: 'counter',
  },
  {
    name: 'istio_tcp_connections_opened_total',
    help: 'Opened TCP connections',
    type: 'counter',
  },
  {
    name: 'istio_tcp_connections_closed_total',
    help: 'Closed TCP connections',
    type: 'counter',
  },
];

function escape(value: string): string {
  return value.replace(/[\\"\n]/g, c => (c === '\n' ? '\\n' : `\\${c}`));
}

function labelString(labels: Array<[string, string]>): string {
  return labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',');
}

/**
 * The `source_*` or `destination_*` labels of a workload, as the stats plugin fills them from
 * the peer's metadata: canonical service and revision from `service.istio.io/canonical-name`
 * and `-revision` (else `app.kubernetes.io/name`/`app`, `app.kubernetes.io/version`/`version`,
 * istio `pkg/model/labels`), the principal only when the leg is mTLS, `unknown` for an
 * unknown peer.
 */
function peerLabels(
  workload: MeshWorkload | undefined,
  principalKnown: boolean,
  trustDomain: string,
): Record<string, string> {
  const l = workload?.labels ?? {};
  const unknown = 'unknown';
  return {
    workload: workload?.name ?? unknown,
    canonical_service: workload
      ? l['service.istio.io/canonical-name'] ??
        l['app.kubernetes.io/name'] ??
        l.app ??
        workload.name
      : unknown,
    canonical_revision: workload
      ? l['service.istio.io/canonical-revision'] ??
        l['app.kubernetes.io/version'] ??
        l.version ??
        'latest'
      : unknown,
    workload_namespace: workload?.namespace ?? unknown,
    principal:
      workload && principalKnown
        ? `spiffe://${trustDomain}/ns/${workload.namespace}/sa/${workload.serviceAccount}`
        : unknown,
    app: l.app ?? l['app.kubernetes.io/name'] ?? unknown,
    version: l.version ?? l['app.kubernetes.io/version'] ?? unknown,
    cluster: workload?.cluster ?? unknown,
  };
}

/** Every label of a report except the per-response ones, in the order Istio's proxies print them. */
function reportLabels(
  report: ProxyReport,
  trustDomain: string,
): Array<[string, string]> {
  const source = peerLabels(report.source, report.mtls, trustDomain);
  const destination = peerLabels(report.destination, report.mtls, trustDomain);
  const { service } = report;
  return [
    ['reporter', report.reporter],
    ['source_workload', source.workload],
    ['source_canonical_service', source.canonical_service],
    ['source_canonical_revision', source.canonical_revision],
    ['source_workload_namespace', source.workload_namespace],
    ['source_principal', source.principal],
    ['source_app', source.app],
    ['source_version', source.version],
    ['source_cluster', source.cluster],
    ['destination_workload', destination.workload],
    ['destination_workload_namespace', destination.workload_namespace],
    ['destination_principal', destination.principal],
    ['destination_app', destination.app],
    ['destination_version', destination.version],
    [
      'destination_service',
      `${service.name}.${service.namespace}.svc.cluster.local`,
    ],
    ['destination_canonical_service', destination.canonical_service],
    ['destination_canonical_revision', destination.canonical_revision],
    ['destination_service_name', service.name],
    ['destination_service_namespace', service.namespace],
    ['destination_cluster', destination.cluster],
  ];
}

/**
 * `connection_security_policy` (§i): a source Envoy does not know it (`unknown`); a destination
 * Envoy or waypoint reports `mutual_tls` or `none`; ztunnel `mutual_tls` for HBONE and
 * `unknown` for plaintext (it has no `none`).
 */
function securityPolicy(report: ProxyReport): string {
  if (report.proxy === 'ztunnel') {
    return report.mtls ? 'mutual_tls' : 'unknown';
  }
  if (report.reporter === 'source') {
    return 'unknown';
  }
  return report.mtls ? 'mutual_tls' : 'none';
}

/**
 * The share of requests at or below `x` ms: piecewise linear through (0, 0), (p50, 0.5),
 * (p95, 0.95), (p99, 0.99) and (2 × p99, 1).
 */
export function latencyShareBelow(latency: TrafficLatency, x: number): number {
  const points: Array<[number, number]> = [
    [0, 0],
    [latency.p50, 0.5],
    [latency.p95, 0.95],
    [latency.p99, 0.99],
    [2 * latency.p99, 1],
  ];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (x < x1) {
      const [x0, y0] = points[i - 1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return 1;
}

function latencyMean(latency: TrafficLatency): number {
  const { p50, p95, p99 } = latency;
  return (
    0.5 * (p50 / 2) +
    0.45 * ((p50 + p95) / 2) +
    0.04 * ((p95 + p99) / 2) +
    0.01 * ((p99 + 2 * p99) / 2)
  );
}

function histogram(
  rate: number,
  shareBelow: (le: number) => number,
  mean: number,
) {
  return [...ISTIO_BUCKETS.map(le => rate * shareBelow(le)), rate * mean, rate];
}

/** The responses of an L7 flow: per response code (and gRPC status) the share of its requests. */
function responses(report: ProxyReport): Array<{
  code: string;
  grpcStatus: string;
  flags: string;
  share: number;
}> {
  const { flow } = report;
  const grpc = flow.protocol === 'grpc';
  const ok = { code: '200', grpcStatus: grpc ? '0' : '', flags: '-' };
  const errorShare = flow.errors?.share ?? 0;
  const codes = flow.errors?.codes ?? (grpc ? [14] : [503]);
  const failed = codes.map(code => ({
    code: grpc ? '200' : String(code),
    grpcStatus: grpc ? String(code) : '',
    // Envoy's flag for "no response": upstream connection failure.
    flags: !grpc && code === 0 ? 'UF' : '-',
    share: errorShare / codes.length,
  }));
  return [{ ...ok, share: 1 - errorShare }, ...failed].filter(r => r.share > 0);
}

/**
 * The metric families of one cluster's endpoint: every report the cluster's proxies make, with
 * Istio's metric names and labels, as rates. Reports with equal labels (two flows seen alike by
 * one proxy) add up into one series.
 */
export function istioMetrics(
  reports: ProxyReport[],
  options: Pick<TrafficSpec, 'trustDomain' | 'sizeHistograms'> = {},
): MetricFamily[] {
  const { trustDomain = 'cluster.local', sizeHistograms = true } = options;
  const families = new Map<string, MetricFamily>(
    FAMILIES.map(f => [f.name, { ...f, series: new Map() }]),
  );
  const add = (family: string, labels: string, values: number[]) => {
    const series = families.get(family)!.series;
    const current = series.get(labels);
    if (current) {
      values.forEach((v, i) => (current[i] += v));
    } else {
      series.set(labels, values);
    }
  };
  for (const report of reports) {
    const { flow } = report;
    const rate = flow.rps * report.share;
    const labels = reportLabels(report, trustDomain);
    const csp = securityPolicy(report);
    const requestBytes = flow.requestBytes ?? DEFAULT_REQUEST_BYTES;
    const responseBytes = flow.responseBytes ?? DEFAULT_RESPONSE_BYTES;
    if (report.proxy === 'envoy' && flow.protocol !== 'tcp') {
      const latency = flow.latencyMs ?? DEFAULT_LATENCY_MS;
      const mean = latencyMean(latency);
      for (const response of responses(report)) {
        const key = labelString([
          ...labels,
          ['request_protocol', flow.protocol],
          ['response_code', response.code],
          ['grpc_response_status', response.grpcStatus],
          ['response_flags', response.flags],
          ['connection_security_policy', csp],
        ]);
        const r = rate * response.share;
        add('istio_requests_total', key, [r]);
        add(
          'istio_request_duration_milliseconds',
          key,
          histogram(r, le => latencyShareBelow(latency, le), mean),
        );
        if (sizeHistograms) {
          add(
            'istio_request_bytes',
            key,
            histogram(r, le => (requestBytes <= le ? 1 : 0), requestBytes),
          );
          add(
            'istio_response_bytes',
            key,
            histogram(r, le => (responseBytes <= le ? 1 : 0), responseBytes),
          );
        }
      }
      continue;
    }
    const tcp = flow.protocol === 'tcp';
    const connections = tcp ? rate : rate / REQUESTS_PER_CONNECTION;
    const sent = tcp
      ? (flow.tcpBytesPerSecond?.sent ?? 4096 * flow.rps) * report.share
      : rate * responseBytes;
    const received = tcp
      ? (flow.tcpBytesPerSecond?.received ?? 1024 * flow.rps) * report.share
      : rate * requestBytes;
    const key = labelString([
      ...labels,
      ['request_protocol', 'tcp'],
      ['response_flags', '-'],
      ['connection_security_policy', csp],
      // The pod label Prometheus' pod scrape adds, by which Kiali tells ztunnel's series apart.
      ...(report.proxy === 'ztunnel'
        ? ([['app', 'ztunnel']] as Array<[string, string]>)
        : []),
    ]);
    add('istio_tcp_sent_bytes_total', key, [sent]);
    add('istio_tcp_received_bytes_total', key, [received]);
    add('istio_tcp_connections_opened_total', key, [connections]);
    add('istio_tcp_connections_closed_total', key, [connections]);
  }
  return [...families.values()];
}
