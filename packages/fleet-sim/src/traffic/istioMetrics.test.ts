import path from 'node:path';
import { loadFleet } from '../fleet';
import { ExposedSample, parseExposition } from '../testing';
import { renderExposition } from './exposition';
import { ISTIO_BUCKETS, istioMetrics, latencyShareBelow } from './istioMetrics';
import { proxyReports } from './proxyReports';
import { resolveTraffic } from './resolveTraffic';

// One flow per rule (see the comments in traffic.yaml): alpha has a sidecar namespace `web`,
// ambient `shop` (with a waypoint) and `orders` (without), `legacy` out of the mesh and an
// ingress gateway; beta runs another version of web/api.
const FIXTURE = path.resolve(__dirname, '__fixtures__/mesh');
const ELAPSED = 100;

const LABELS = [
  'reporter',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_service_name',
  'destination_service_namespace',
  'destination_cluster',
  'request_protocol',
  'response_flags',
  'connection_security_policy',
];

describe('Istio metrics of a traffic spec', () => {
  const exposed = new Map<
    string,
    { types: Map<string, string>; samples: ExposedSample[] }
  >();

  beforeAll(async () => {
    const fleet = await loadFleet(FIXTURE);
    const reports = proxyReports(resolveTraffic(fleet));
    for (const cluster of ['alpha', 'beta']) {
      const families = istioMetrics(
        reports.filter(r => r.cluster === cluster),
        fleet.traffic,
      );
      exposed.set(
        cluster,
        parseExposition(renderExposition(families, ELAPSED)),
      );
    }
  });

  /** The samples of `name` a cluster serves whose labels include `match`. */
  const samples = (
    cluster: string,
    name: string,
    match: Record<string, string> = {},
  ) =>
    exposed
      .get(cluster)!
      .samples.filter(
        s =>
          s.name === name &&
          Object.entries(match).every(([k, v]) => s.labels[k] === v),
      );
  const total = (
    cluster: string,
    name: string,
    match: Record<string, string> = {},
  ) => samples(cluster, name, match).reduce((sum, s) => sum + s.value, 0);
  const values = (
    cluster: string,
    name: string,
    label: string,
    match: Record<string, string> = {},
  ) => [...new Set(samples(cluster, name, match).map(s => s.labels[label]))];
  const everywhere = (name: string, match: Record<string, string>) => [
    ...samples('alpha', name, match),
    ...samples('beta', name, match),
  ];

  it('serves every family with its type, Istio’s labels and Envoy’s default buckets', () => {
    const { types } = exposed.get('alpha')!;
    expect(Object.fromEntries(types)).toEqual({
      istio_requests_total: 'counter',
      istio_request_duration_milliseconds: 'histogram',
      istio_request_bytes: 'histogram',
      istio_response_bytes: 'histogram',
      istio_tcp_sent_bytes_total: 'counter',
      istio_tcp_received_bytes_total: 'counter',
      istio_tcp_connections_opened_total: 'counter',
      istio_tcp_connections_closed_total: 'counter',
    });
    const [request] = samples('alpha', 'istio_requests_total');
    expect(Object.keys(request.labels).sort()).toEqual(
      [...LABELS, 'response_code', 'grpc_response_status'].sort(),
    );
    const [tcp] = samples('alpha', 'istio_tcp_sent_bytes_total', {
      destination_service_name: 'db',
    });
    expect(Object.keys(tcp.labels).sort()).toEqual([...LABELS].sort());

    const match = {
      reporter: 'destination',
      destination_service_name: 'frontend',
      source_workload: 'ingressgateway',
    };
    const buckets = samples(
      'alpha',
      'istio_request_duration_milliseconds_bucket',
      match,
    );
    expect(buckets.map(b => b.labels.le)).toEqual([
      ...ISTIO_BUCKETS.map(String),
      '+Inf',
    ]);
    const counts = buckets.map(b => b.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const count = total(
      'alpha',
      'istio_request_duration_milliseconds_count',
      match,
    );
    expect(counts[counts.length - 1]).toBe(count);
    expect(count).toBe(total('alpha', 'istio_requests_total', match));
    expect(
      total('alpha', 'istio_request_duration_milliseconds_sum', match),
    ).toBeGreaterThan(0);
    expect(total('alpha', 'istio_request_bytes_sum', match)).toBe(512 * count);
  });

  it('counts rate × elapsed seconds', () => {
    expect(
      total('alpha', 'istio_requests_total', {
        reporter: 'destination',
        destination_service_name: 'frontend',
        source_workload: 'ingressgateway',
      }),
    ).toBe(10 * ELAPSED);
  });

  it('sidecar → sidecar: both sides report; only the destination knows the TLS', () => {
    const flow = {
      source_workload: 'frontend',
      destination_service_name: 'api',
      destination_cluster: 'alpha',
      request_protocol: 'http',
    };
    const source = { ...flow, reporter: 'source' };
    const destination = { ...flow, reporter: 'destination' };
    expect(total('alpha', 'istio_requests_total', source)).toBe(8 * ELAPSED);
    expect(total('alpha', 'istio_requests_total', destination)).toBe(
      8 * ELAPSED,
    );
    expect(
      values(
        'alpha',
        'istio_requests_total',
        'connection_security_policy',
        source,
      ),
    ).toEqual(['unknown']);
    expect(
      values(
        'alpha',
        'istio_requests_total',
        'connection_security_policy',
        destination,
      ),
    ).toEqual(['mutual_tls']);
    expect(
      values('alpha', 'istio_requests_total', 'source_principal', destination),
    ).toEqual(['spiffe://example.org/ns/web/sa/frontend']);

    // Observed plaintext between two sidecars: `none`, and no principals.
    const plaintext = {
      reporter: 'destination',
      source_workload: 'api-v2',
      destination_service_name: 'frontend',
    };
    expect(
      values(
        'alpha',
        'istio_requests_total',
        'connection_security_policy',
        plaintext,
      ),
    ).toEqual(['none']);
    expect(
      values('alpha', 'istio_requests_total', 'source_principal', plaintext),
    ).toEqual(['unknown']);
  });

  it('splits the requests over the Service’s backends and by response code', () => {
    const destination = {
      reporter: 'destination',
      source_workload: 'frontend',
      destination_service_name: 'api',
      request_protocol: 'http',
    };
    const byCode = (code: string) =>
      total('alpha', 'istio_requests_total', {
        ...destination,
        response_code: code,
      });
    expect(byCode('200')).toBe(8 * 0.75 * ELAPSED);
    expect(byCode('503')).toBe(8 * 0.125 * ELAPSED);
    expect(byCode('500')).toBe(8 * 0.125 * ELAPSED);
    for (const workload of ['api-v1', 'api-v2']) {
      expect(
        total('alpha', 'istio_requests_total', {
          ...destination,
          destination_workload: workload,
        }),
      ).toBe(4 * ELAPSED);
    }
    expect(
      values(
        'alpha',
        'istio_requests_total',
        'grpc_response_status',
        destination,
      ),
    ).toEqual(['']);
  });

  it('gRPC: failures carry grpc_response_status with HTTP 200', () => {
    const grpc = {
      reporter: 'destination',
      request_protocol: 'grpc',
      destination_workload: 'api-v1',
    };
    expect(
      values('alpha', 'istio_requests_total', 'response_code', grpc),
    ).toEqual(['200']);
    for (const status of ['0', '14']) {
      expect(
        total('alpha', 'istio_requests_total', {
          ...grpc,
          grpc_response_status: status,
        }),
      ).toBe(2 * ELAPSED);
    }
  });

  it('serves each report in its proxy’s cluster', () => {
    const crossing = {
      source_workload: 'frontend',
      destination_cluster: 'beta',
    };
    expect(
      values('alpha', 'istio_requests_total', 'reporter', crossing),
    ).toEqual(['source']);
    expect(
      values('beta', 'istio_requests_total', 'reporter', crossing),
    ).toEqual(['destination']);
    expect(
      total('beta', 'istio_requests_total', {
        ...crossing,
        source_cluster: 'alpha',
        destination_workload: 'api-v3',
      }),
    ).toBe(2 * ELAPSED);
  });

  it('ambient without a waypoint: ztunnel’s TCP metrics only', () => {
    const edge = {
      source_workload: 'store',
      destination_workload: 'orders-api',
    };
    expect(everywhere('istio_requests_total', edge)).toEqual([]);
    for (const reporter of ['source', 'destination']) {
      const series = samples('alpha', 'istio_tcp_connections_opened_total', {
        ...edge,
        reporter,
      });
      expect(series).toHaveLength(1);
      expect(series[0].labels).toMatchObject({
        app: 'ztunnel',
        request_protocol: 'tcp',
        connection_security_policy: 'mutual_tls',
      });
    }
    expect(
      total('alpha', 'istio_tcp_received_bytes_total', {
        ...edge,
        reporter: 'destination',
      }),
    ).toBe(6 * 512 * ELAPSED);
  });

  it('through a waypoint: L7 from the waypoint with the real backend, TCP per leg from ztunnel', () => {
    expect(
      total('alpha', 'istio_requests_total', {
        reporter: 'waypoint',
        source_workload: 'store',
        destination_workload: 'cart',
        connection_security_policy: 'mutual_tls',
      }),
    ).toBe(3 * ELAPSED);
    expect(
      everywhere('istio_requests_total', {
        destination_service_name: 'cart',
      }).map(s => s.labels.reporter),
    ).not.toContain('destination');
    const tcp = (match: Record<string, string>) =>
      samples('alpha', 'istio_tcp_connections_opened_total', {
        destination_service_name: 'cart',
        app: 'ztunnel',
        ...match,
      });
    expect(
      tcp({ reporter: 'source', source_workload: 'store' }).map(
        s => s.labels.destination_workload,
      ),
    ).toEqual(['waypoint']);
    expect(
      tcp({ reporter: 'destination', destination_workload: 'cart' }).map(
        s => s.labels.source_workload,
      ),
    ).toEqual(['waypoint']);
  });

  it('an out-of-mesh caller: only the destination reports, the source unknown', () => {
    const fromUnknown = samples('alpha', 'istio_requests_total', {
      destination_service_name: 'frontend',
      source_workload: 'unknown',
    });
    expect(fromUnknown.map(s => s.labels)).toEqual([
      expect.objectContaining({
        reporter: 'destination',
        source_workload_namespace: 'unknown',
        source_principal: 'unknown',
        source_cluster: 'unknown',
        connection_security_policy: 'none',
      }),
    ]);
    // legacy/batch (no sidecar) → ambient orders-api: ztunnel sees plaintext, `unknown`.
    expect(
      everywhere('istio_tcp_connections_opened_total', {
        source_workload: 'batch',
      }),
    ).toEqual([]);
    expect(
      samples('alpha', 'istio_tcp_connections_opened_total', {
        destination_workload: 'orders-api',
        source_workload: 'unknown',
      }).map(s => [s.labels.reporter, s.labels.connection_security_policy]),
    ).toEqual([['destination', 'unknown']]);
  });

  it('an out-of-mesh destination: only the source reports', () => {
    const toOld = everywhere('istio_requests_total', {
      destination_service_name: 'old',
    });
    expect(toOld.map(s => s.labels.reporter)).toEqual(['source']);
    expect(toOld[0].labels).toMatchObject({
      destination_workload: 'old',
      destination_principal: 'unknown',
      connection_security_policy: 'unknown',
    });
  });

  it('TCP between sidecars: Envoy’s TCP metrics from both sides, no requests', () => {
    const edge = { destination_service_name: 'db' };
    expect(everywhere('istio_requests_total', edge)).toEqual([]);
    for (const reporter of ['source', 'destination']) {
      expect(
        total('alpha', 'istio_tcp_sent_bytes_total', { ...edge, reporter }),
      ).toBe(5000 * ELAPSED);
      expect(
        total('alpha', 'istio_tcp_connections_opened_total', {
          ...edge,
          reporter,
        }),
      ).toBe(2 * ELAPSED);
    }
    expect(values('alpha', 'istio_tcp_sent_bytes_total', 'app', edge)).toEqual([
      undefined,
    ]);
  });

  it('leaves the size histograms out when the spec says so', async () => {
    const fleet = await loadFleet(FIXTURE);
    const families = istioMetrics(proxyReports(resolveTraffic(fleet)), {
      sizeHistograms: false,
    });
    const { types } = parseExposition(renderExposition(families, ELAPSED));
    expect(types.has('istio_request_duration_milliseconds')).toBe(true);
    expect(types.has('istio_request_bytes')).toBe(false);
    expect(types.has('istio_response_bytes')).toBe(false);
  });

  it('spreads latency through the percentiles', () => {
    const latency = { p50: 20, p95: 80, p99: 200 };
    expect(latencyShareBelow(latency, 20)).toBeCloseTo(0.5);
    expect(latencyShareBelow(latency, 80)).toBeCloseTo(0.95);
    expect(latencyShareBelow(latency, 10)).toBeCloseTo(0.25);
    expect(latencyShareBelow(latency, 1000)).toBe(1);
  });
});
