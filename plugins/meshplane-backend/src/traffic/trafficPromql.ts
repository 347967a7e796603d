import { InputError } from '@backstage/errors';
import type { TrafficWindow } from '@meshplane/plugin-meshplane-common';

/**
 * Whose traffic to read: a service (namespace and name; with its workloads'
 * names, its outbound calls too) or a whole namespace.
 */
export type TrafficSubject =
  | {
      kind: 'service';
      namespace: string;
      name: string;
      /**
       * The service's workloads (Deployment… names in `namespace`): their
       * outbound calls are read too. Without them, only calls into the service.
       */
      workloads?: readonly string[];
    }
  | { kind: 'namespace'; namespace: string };

/**
 * How a window becomes a PromQL rate. By default `rate(x[<window>])`, as Kiali
 * does. A Prometheus that has scraped for a few seconds only (a test, a demo
 * just started) underestimates such a rate; `{ function: 'irate', range: '10s' }`
 * reads the last two samples instead.
 */
export interface RateOverride {
  function: 'rate' | 'irate';
  /** A PromQL range: `10s`, `1m`. */
  range: string;
}

/** The instant queries of one subject, one per metric family. */
export interface TrafficQueries {
  /** `istio_requests_total` rates by edge, reporter, protocol, response code and gRPC status, TLS policy. */
  requests: string;
  /** p50, p95, p99 of `istio_request_duration_milliseconds` by edge (label `quantile`). */
  latency: string;
  /** `istio_tcp_sent_bytes_total` + `istio_tcp_received_bytes_total` rates by edge and TLS policy. */
  tcpBytes: string;
  /** `istio_tcp_connections_opened_total` rates by edge and TLS policy. */
  tcpConnections: string;
}

/** A metric family of {@link TrafficQueries}. */
export type TrafficFamily = keyof TrafficQueries;

export const TRAFFIC_FAMILIES: readonly TrafficFamily[] = [
  'requests',
  'latency',
  'tcpBytes',
  'tcpConnections',
];

export const TRAFFIC_WINDOWS: readonly TrafficWindow[] = ['5m', '1h', '24h'];

/** The caller and the service of an edge (istio-semantics.md §i): what the source fallback matches on. */
export const EDGE_LABELS = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service_name',
] as const;

/** Labels an observation needs on every series; a source whose series lack one is `down`. */
export const REQUIRED_LABELS = [
  ...EDGE_LABELS,
  'reporter',
  'connection_security_policy',
] as const;

/** An edge's series: the edge, the endpoint that answered, who reported it, and how. */
const SERIES_LABELS = [
  ...EDGE_LABELS,
  'destination_workload',
  'reporter',
  'request_protocol',
];
const REQUEST_LABELS = [
  ...SERIES_LABELS,
  'connection_security_policy',
  'response_code',
  'grpc_response_status',
];
/** TCP adds `app`, which tells ztunnel's series apart (Kiali's TCP queries do the same). */
const TCP_LABELS = [...SERIES_LABELS, 'connection_security_policy', 'app'];
const QUANTILES = ['0.5', '0.95', '0.99'];

/** Kubernetes namespace and Service names: DNS-1123 labels. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Workload (Deployment, StatefulSet…) names: DNS-1123 subdomains. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Cluster names as `meshplane.io/claims` takes them (plugins/meshplane-common/src/annotations.ts). */
const CLUSTER_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9])?$/;
const RANGE = /^[1-9][0-9]{0,5}(ms|s|m|h)$/;

const show = (value: unknown) =>
  typeof value === 'string'
    ? JSON.stringify(value.slice(0, 80))
    : 'a non-string';

function checkName(value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InputError(`Invalid traffic ${what}: ${show(value)}`);
  }
  return value;
}

/**
 * The subject with every name checked: namespaces and Service names are
 * DNS-1123 labels, workload names DNS-1123 subdomains. Nothing else reaches a query.
 *
 * @throws InputError naming the field and the value
 */
export function checkTrafficSubject(subject: TrafficSubject): TrafficSubject {
  const namespace = checkName(
    subject?.namespace,
    DNS_LABEL,
    'namespace (a DNS-1123 label)',
  );
  if (subject.kind === 'namespace') return { kind: 'namespace', namespace };
  if (subject.kind !== 'service') {
    throw new InputError(
      `Invalid traffic subject kind ${show(
        (subject as { kind: unknown }).kind,
      )}: service or namespace`,
    );
  }
  const name = checkName(
    subject.name,
    DNS_LABEL,
    'service name (a DNS-1123 label)',
  );
  const workloads = [
    ...new Set(
      (subject.workloads ?? []).map(w =>
        checkName(w, DNS_SUBDOMAIN, 'workload name (a DNS-1123 subdomain)'),
      ),
    ),
  ].sort();
  return workloads.length
    ? { kind: 'service', namespace, name, workloads }
    : { kind: 'service', namespace, name };
}

/** @throws InputError unless the window is 5m, 1h or 24h */
export function checkTrafficWindow(window: unknown): TrafficWindow {
  if (!TRAFFIC_WINDOWS.includes(window as TrafficWindow)) {
    throw new InputError(
      `Invalid traffic window ${show(window)}: one of ${TRAFFIC_WINDOWS.join(
        ', ',
      )}`,
    );
  }
  return window as TrafficWindow;
}

/** @throws InputError unless the name is a cluster name (`meshplane.io/claims` rules) */
export function checkClusterName(cluster: unknown): string {
  return checkName(cluster, CLUSTER_NAME, 'cluster name');
}

/** @throws Error unless the range is a plain PromQL duration (`10s`) */
export function checkRateOverride(rate: RateOverride): RateOverride {
  if (
    (rate.function !== 'rate' && rate.function !== 'irate') ||
    !RANGE.test(rate.range)
  ) {
    throw new Error(
      `Invalid rate override ${show(rate.function)} over ${show(
        rate.range,
      )}: rate or irate over a duration such as 10s`,
    );
  }
  return rate;
}

/** A PromQL string literal of any value (the names are checked before; this is the second guard). */
export function promqlString(value: string): string {
  // Backslash, quote, and every control character (neither printable ASCII nor beyond it).
  return `"${value.replace(/[\\"]|[^ -~\u0080-\uffff]/g, c => {
    if (c === '\\' || c === '"') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  })}"`;
}

const regexAlternatives = (values: readonly string[]) =>
  values.map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/**
 * The label matchers of a subject's series: calls into it (by the
 * destination service's labels), and calls out of it (by the caller's).
 */
function subjectMatchers(subject: TrafficSubject): string[] {
  const namespace = promqlString(subject.namespace);
  if (subject.kind === 'namespace') {
    return [
      `destination_service_namespace=${namespace}`,
      `source_workload_namespace=${namespace}`,
    ];
  }
  const matchers = [
    `destination_service_namespace=${namespace},destination_service_name=${promqlString(
      subject.name,
    )}`,
  ];
  if (subject.workloads?.length) {
    matchers.push(
      `source_workload_namespace=${namespace},source_workload=~${promqlString(
        regexAlternatives(subject.workloads),
      )}`,
    );
  }
  return matchers;
}

const PREFERRED_REPORTERS = 'reporter=~"destination|waypoint"';
const SOURCE_REPORTER = 'reporter="source"';

/** Builds one subject's queries over one window. */
class QueryBuilder {
  private readonly matchers: string[];
  private readonly rate: RateOverride;

  constructor(
    subject: TrafficSubject,
    window: TrafficWindow,
    rate?: RateOverride,
  ) {
    this.matchers = subjectMatchers(checkTrafficSubject(subject));
    this.rate = rate
      ? checkRateOverride(rate)
      : { function: 'rate', range: checkTrafficWindow(window) };
  }

  /** The rates of a metric's series of the subject that a reporter matcher selects. */
  private rates(metric: string, reporter: string): string {
    return this.matchers
      .map(
        m =>
          `${this.rate.function}(${metric}{${reporter},${m}}[${this.rate.range}])`,
      )
      .join(' or ');
  }

  /**
   * Istio-semantics §i "Dedupe": the destination's (or a waypoint's) series of
   * an edge, and the source's only for edges without them (a destination out
   * of the mesh). Per metric family, as Kiali's order of queries does.
   */
  private preferDestination(
    inner: (reporter: string) => string,
    by: readonly string[],
    positive = true,
  ): string {
    const side = (reporter: string) =>
      `sum by (${by.join(',')}) (${inner(reporter)})${positive ? ' > 0' : ''}`;
    return `(${side(PREFERRED_REPORTERS)}) or on (${EDGE_LABELS.join(
      ',',
    )}) (${side(SOURCE_REPORTER)})`;
  }

  build(): TrafficQueries {
    const requests = this.preferDestination(
      r => this.rates('istio_requests_total', r),
      REQUEST_LABELS,
    );
    // No `> 0` on buckets: histogram_quantile needs the empty lower buckets.
    const buckets = this.preferDestination(
      r => this.rates('istio_request_duration_milliseconds_bucket', r),
      ['le', ...SERIES_LABELS],
      false,
    );
    const latency = QUANTILES.map(
      q =>
        `label_replace(histogram_quantile(${q}, ${buckets}), "quantile", "${q}", "", "")`,
    ).join(' or ');
    // Sent and received series share their labels: one is relabelled so that
    // both survive `or`, and the sum adds them up.
    const tcpBytes = this.preferDestination(
      r =>
        `${this.rates(
          'istio_tcp_sent_bytes_total',
          r,
        )} or label_replace(${this.rates(
          'istio_tcp_received_bytes_total',
          r,
        )}, "meshplane_direction", "received", "", "")`,
      TCP_LABELS,
    );
    const tcpConnections = this.preferDestination(
      r => this.rates('istio_tcp_connections_opened_total', r),
      TCP_LABELS,
    );
    return { requests, latency, tcpBytes, tcpConnections };
  }
}

/**
 * The Kiali-shaped instant queries (istio-semantics.md §i) of a subject over a
 * window: one per metric family, whatever the number of edges. Every name is
 * checked first ({@link checkTrafficSubject}) and written as an escaped
 * string literal.
 *
 * @throws InputError for a name or window that is not valid
 */
export function trafficQueries(
  subject: TrafficSubject,
  window: TrafficWindow,
  rate?: RateOverride,
): TrafficQueries {
  return new QueryBuilder(subject, window, rate).build();
}

const ISTIO_SERIES =
  '{__name__=~"istio_requests_total|istio_tcp_connections_opened_total"}';

/**
 * Whether a source holds Istio's standard metrics with their labels: the
 * number of series (label `meshplane_probe="series"`) and, per required
 * label, of series carrying it. Asked only when a subject's queries find
 * nothing, to tell "no traffic" from "no Istio metrics here".
 */
export function istioMetricsProbe(): string {
  const count = (name: string, matcher?: string) =>
    `label_replace(count(${
      matcher ? ISTIO_SERIES.replace('}', `,${matcher}}`) : ISTIO_SERIES
    }), "meshplane_probe", "${name}", "", "")`;
  return [
    count('series'),
    ...REQUIRED_LABELS.map(label => count(label, `${label}!=""`)),
  ].join(' or ');
}
