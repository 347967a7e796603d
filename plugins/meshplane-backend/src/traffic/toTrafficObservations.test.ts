import {
  parseTrafficObservations,
  TrafficObservation,
} from '@meshplane/plugin-meshplane-common';
import authService from './__fixtures__/auth-service.json';
import orders from './__fixtures__/orders.json';
import productpage from './__fixtures__/productpage.json';
import shop from './__fixtures__/shop.json';
import type { PrometheusSample } from './PrometheusClient';
import {
  FamilyAnswers,
  readTrafficRows,
  toTrafficObservations,
} from './toTrafficObservations';

/**
 * The fixtures are the answers of a real Prometheus 2.42 to `trafficQueries`
 * (irate over 10 s) for the demo fleet's traffic: productpage and
 * auth-service with their workloads, the namespaces shop and orders.
 */
type Answer = {
  data: { result: Array<{ metric: Record<string, string>; value: unknown[] }> };
};

const samples = (answer: Answer): PrometheusSample[] =>
  answer.data.result.map(r => ({
    labels: r.metric,
    value: r.value[1] === '+Inf' ? Infinity : Number(r.value[1]),
  }));

const answersOf = (fixture: Record<keyof FamilyAnswers, Answer>) =>
  ({
    requests: samples(fixture.requests),
    latency: samples(fixture.latency),
    tcpBytes: samples(fixture.tcpBytes),
    tcpConnections: samples(fixture.tcpConnections),
  } as FamilyAnswers);

/** The observations of a fixture, whose every series carries Istio's labels. */
function observe(fixture: Record<keyof FamilyAnswers, Answer>) {
  const read = readTrafficRows(answersOf(fixture));
  expect(read.missingLabels).toEqual([]);
  return toTrafficObservations([
    { source: 'meshplane.prometheus', rows: read.rows },
  ]);
}

const documentOf = (edges: TrafficObservation[]) => ({
  apiVersion: 'meshplane.io/v1alpha1' as const,
  kind: 'TrafficObservations' as const,
  window: '5m' as const,
  observedAt: '2026-12-08T01:00:00.000Z',
  edges,
});

const find = (
  edges: TrafficObservation[],
  from: string,
  to: string,
  reporter?: string,
  protocol?: string,
) =>
  edges.filter(
    e =>
      `${e.source.cluster}/${e.source.namespace}/${e.source.workload}` ===
        from &&
      `${e.destination.cluster}/${e.destination.namespace}/${e.destination.service}` ===
        to &&
      (!reporter || e.reporter === reporter) &&
      (!protocol || e.protocol === protocol),
  );

describe('toTrafficObservations from real Prometheus answers', () => {
  it('auth-service: the plaintext caller, out-of-mesh callers and its TCP database edge', () => {
    const edges = observe(authService as any);
    expect(() => parseTrafficObservations(documentOf(edges))).not.toThrow();
    expect(edges).toHaveLength(4);

    const [plaintext] = find(
      edges,
      'east-1/bookinfo/productpage-v1',
      'east-1/identity/auth-service',
    );
    expect(plaintext).toMatchObject({
      destination: { workload: 'auth-service' },
      reporter: 'destination',
      protocol: 'http',
      errorRate: 0,
      tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
    });
    expect(plaintext.requestsPerSecond).toBeCloseTo(4.036, 3);
    expect(plaintext.latencyMs!.p50).toBeLessThanOrEqual(
      plaintext.latencyMs!.p95,
    );
    expect(plaintext.latencyMs!.p95).toBeLessThanOrEqual(
      plaintext.latencyMs!.p99,
    );

    const [outside] = find(
      edges,
      'unknown/unknown/unknown',
      'west-1/identity/auth-service',
    );
    // 401s are the caller's errors, not the edge's.
    expect(outside).toMatchObject({ errorRate: 0, tls: { plaintext: 1 } });
    expect(outside.requestsPerSecond).toBeCloseTo(0.501, 3);

    const [database] = find(
      edges,
      'east-1/identity/auth-service',
      'east-1/identity/user-db',
    );
    expect(database).toEqual({
      source: {
        cluster: 'east-1',
        namespace: 'identity',
        workload: 'auth-service',
      },
      destination: {
        cluster: 'east-1',
        namespace: 'identity',
        service: 'user-db',
        workload: 'user-db',
      },
      reporter: 'destination',
      protocol: 'tcp',
      tcpBytesPerSecond: 54486,
      connectionsPerSecond: 2.018,
      tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
    });
  });

  it('productpage: the error rate of 503s, by endpoint workload', () => {
    const edges = observe(productpage as any);
    expect(() => parseTrafficObservations(documentOf(edges))).not.toThrow();
    const reviews = find(
      edges,
      'east-1/bookinfo/productpage-v1',
      'east-1/bookinfo/reviews',
    );
    expect(reviews.map(e => [e.destination.workload, e.errorRate])).toEqual([
      ['reviews-v1', 0],
      ['reviews-v2', expect.closeTo(0.1, 3)],
    ]);
    // No latency answer in this fixture: no latency figures, the rest stands.
    expect(reviews[0].latencyMs).toBeUndefined();
  });

  it('shop (ambient, waypoint): L7 from the waypoint, TCP from the ztunnels, the gateway from its own side', () => {
    const edges = observe(shop as any);
    expect(() => parseTrafficObservations(documentOf(edges))).not.toThrow();
    const cart = find(edges, 'east-1/shop/storefront', 'east-1/shop/cart');
    expect(cart.map(e => [e.reporter, e.protocol])).toEqual([
      ['waypoint', 'http'],
      // The client ztunnel's leg to the waypoint: no destination TCP series of
      // storefront → cart exists (the server's ztunnel sees the waypoint).
      ['source', 'tcp'],
    ]);
    expect(cart[0].errorRate).toBeCloseTo(0.03, 2);
    expect(cart[1]).toMatchObject({
      destination: { workload: 'waypoint' },
      tls: { mutualTls: 1 },
    });

    const storefront = find(
      edges,
      'east-1/istio-ingress/istio-ingressgateway',
      'east-1/shop/storefront',
    );
    expect(storefront.map(e => [e.reporter, e.protocol, e.tls])).toEqual([
      ['destination', 'tcp', { mutualTls: 1, plaintext: 0, unknown: 0 }],
      // A source Envoy does not know the TLS.
      ['source', 'http', { mutualTls: 0, plaintext: 0, unknown: 1 }],
    ]);
  });

  it('orders (ambient, no waypoint): L4 only, no request figures from the destination', () => {
    const edges = observe(orders as any);
    expect(() => parseTrafficObservations(documentOf(edges))).not.toThrow();
    const [worker] = find(
      edges,
      'east-1/orders/orders-worker',
      'east-1/orders/orders-api',
    );
    expect(worker.protocol).toBe('tcp');
    expect(worker.requestsPerSecond).toBeUndefined();
    expect(worker.connectionsPerSecond).toBeCloseTo(0.3, 1);
    expect(
      find(edges, 'east-1/orders/orders-ui', 'east-1/orders/orders-api').map(
        e => [e.reporter, e.protocol],
      ),
    ).toEqual([
      ['destination', 'tcp'],
      ['source', 'http'],
    ]);
  });
});

/** A series of the given family, with Istio's labels and overrides. */
const series = (
  value: number,
  labels: Record<string, string> = {},
): PrometheusSample => ({
  labels: {
    source_cluster: 'east',
    source_workload_namespace: 'shop',
    source_workload: 'web',
    destination_cluster: 'east',
    destination_service_namespace: 'pay',
    destination_service_name: 'api',
    destination_workload: 'api-v1',
    reporter: 'destination',
    request_protocol: 'http',
    connection_security_policy: 'mutual_tls',
    response_code: '200',
    ...labels,
  },
  value,
});

const empty: FamilyAnswers = {
  requests: [],
  latency: [],
  tcpBytes: [],
  tcpConnections: [],
};
const rowsOf = (answers: Partial<FamilyAnswers>) =>
  readTrafficRows({ ...empty, ...answers }).rows;

describe('toTrafficObservations rules', () => {
  it('keeps every reporter’s series, across sources too: the engine picks one per edge where it joins them', () => {
    const east = rowsOf({
      requests: [
        series(1, {
          reporter: 'source',
          connection_security_policy: 'unknown',
        }),
        series(2, {
          reporter: 'source',
          destination_cluster: 'west',
          connection_security_policy: 'unknown',
        }),
        series(3, {
          reporter: 'source',
          destination_service_name: 'external',
          destination_workload: 'unknown',
          connection_security_policy: 'unknown',
        }),
      ],
    });
    const west = rowsOf({
      requests: [series(2, { destination_cluster: 'west' })],
    });
    const edges = toTrafficObservations([
      { source: 'meshplane.clusters[0].prometheus', rows: east },
      { source: 'meshplane.clusters[1].prometheus', rows: west },
    ]);
    expect(
      edges.map(e => [
        e.destination.cluster,
        e.destination.service,
        e.destination.workload,
        e.reporter,
      ]),
    ).toEqual([
      ['east', 'api', 'api-v1', 'source'],
      ['east', 'external', undefined, 'source'],
      ['west', 'api', 'api-v1', 'destination'],
      ['west', 'api', 'api-v1', 'source'],
    ]);
  });

  it('takes a series two sources both hold once, from the source of the cluster that reported it', () => {
    const fleet = rowsOf({ requests: [series(5)] });
    const own = rowsOf({ requests: [series(4.9)] });
    const edges = toTrafficObservations(
      [
        { source: 'meshplane.prometheus', rows: fleet },
        { source: 'meshplane.clusters[0].prometheus', rows: own },
      ],
      cluster =>
        cluster === 'east'
          ? 'meshplane.clusters[0].prometheus'
          : 'meshplane.prometheus',
    );
    expect(edges.map(e => e.requestsPerSecond)).toEqual([4.9]);
  });

  it.each([
    [
      'mutual_tls at a destination',
      'destination',
      'mutual_tls',
      undefined,
      'mutualTls',
    ],
    [
      'none at a destination Envoy',
      'destination',
      'none',
      undefined,
      'plaintext',
    ],
    [
      'unknown at a destination ztunnel',
      'destination',
      'unknown',
      'ztunnel',
      'plaintext',
    ],
    [
      'unknown at a destination (only ztunnel says it)',
      'destination',
      'unknown',
      undefined,
      'plaintext',
    ],
    [
      'unknown at a source ztunnel',
      'source',
      'unknown',
      'ztunnel',
      'plaintext',
    ],
    ['unknown at a source Envoy', 'source', 'unknown', undefined, 'unknown'],
    [
      'mutual_tls at a source ztunnel',
      'source',
      'mutual_tls',
      'ztunnel',
      'mutualTls',
    ],
  ])('reads %s', (_, reporter, policy, app, share) => {
    const labels = {
      reporter,
      connection_security_policy: policy,
      request_protocol: 'tcp',
      ...(app ? { app } : {}),
    };
    const [edge] = toTrafficObservations([
      {
        source: 's',
        rows: rowsOf({
          tcpBytes: [series(100, labels)],
          tcpConnections: [series(1, labels)],
        }),
      },
    ]);
    expect(edge.tls[share as 'mutualTls']).toBe(1);
  });

  it('weighs TLS shares by requests, and a TCP edge by connections, else by bytes', () => {
    const [http] = toTrafficObservations([
      {
        source: 's',
        rows: rowsOf({
          requests: [
            series(3),
            series(1, { connection_security_policy: 'none' }),
          ],
        }),
      },
    ]);
    expect(http.tls).toEqual({ mutualTls: 0.75, plaintext: 0.25, unknown: 0 });
    const tcp = { request_protocol: 'tcp' };
    const [longLived] = toTrafficObservations([
      {
        source: 's',
        rows: rowsOf({
          tcpBytes: [
            series(900, tcp),
            series(100, { ...tcp, connection_security_policy: 'none' }),
          ],
        }),
      },
    ]);
    expect(longLived).toMatchObject({
      tcpBytesPerSecond: 1000,
      tls: { mutualTls: 0.9, plaintext: 0.1 },
    });
    expect(longLived.connectionsPerSecond).toBeUndefined();
  });

  it('counts 5xx and no response as errors, and for gRPC a status other than 0', () => {
    const [http] = toTrafficObservations([
      {
        source: 's',
        rows: rowsOf({
          requests: [
            series(6),
            series(1, { response_code: '503' }),
            series(1, { response_code: '0' }),
            series(2, { response_code: '404' }),
          ],
        }),
      },
    ]);
    expect(http.errorRate).toBe(0.2);
    const grpc = { request_protocol: 'grpc' };
    const [rpc] = toTrafficObservations([
      {
        source: 's',
        rows: rowsOf({
          requests: [
            series(7, { ...grpc, grpc_response_status: '0' }),
            series(2, { ...grpc, grpc_response_status: '14' }),
            series(1, { ...grpc, grpc_response_status: '4' }),
          ],
        }),
      },
    ]);
    expect(rpc).toMatchObject({ protocol: 'grpc', errorRate: 0.3 });
  });

  it('keeps latency only when every percentile is a number, in order', () => {
    const latency = (quantiles: Record<string, number>) =>
      toTrafficObservations([
        {
          source: 's',
          rows: rowsOf({
            requests: [series(1)],
            latency: Object.entries(quantiles).map(([quantile, v]) =>
              series(v, { quantile }),
            ),
          }),
        },
      ])[0].latencyMs;
    expect(latency({ '0.5': 5, '0.95': 40, '0.99': 90 })).toEqual({
      p50: 5,
      p95: 40,
      p99: 90,
    });
    expect(latency({ '0.5': 5, '0.95': 4.999999, '0.99': 90 })).toEqual({
      p50: 5,
      p95: 5,
      p99: 90,
    });
    expect(latency({ '0.5': NaN, '0.95': NaN, '0.99': NaN })).toBeUndefined();
    expect(latency({ '0.5': 5, '0.95': 40, '0.99': Infinity })).toBeUndefined();
    expect(latency({ '0.5': 5, '0.95': 40 })).toBeUndefined();
  });

  it('leaves out request series of another protocol and latency without requests', () => {
    expect(
      toTrafficObservations([
        {
          source: 's',
          rows: rowsOf({
            requests: [series(1, { request_protocol: 'tcp' })],
            latency: [
              series(5, { quantile: '0.5', destination_workload: 'x' }),
            ],
          }),
        },
      ]),
    ).toEqual([]);
  });
});

describe('readTrafficRows', () => {
  it('names the labels series lack, and counts them', () => {
    const { destination_cluster, ...noCluster } = series(1).labels;
    const { reporter, connection_security_policy, ...bare } = series(1).labels;
    const read = readTrafficRows({
      ...empty,
      requests: [
        { labels: noCluster, value: 1 },
        { labels: bare, value: 1 },
        series(1),
      ],
    });
    expect(read.missingLabels).toEqual([
      'connection_security_policy',
      'destination_cluster',
      'reporter',
    ]);
    expect(read.incompleteSeries).toBe(2);
    expect(read.rows).toHaveLength(1);
  });

  it('drops the endpoint workload when it is unknown, and series of an unknown reporter', () => {
    const read = readTrafficRows({
      ...empty,
      requests: [
        series(1, { destination_workload: 'unknown' }),
        series(1, { reporter: 'proxy' }),
      ],
    });
    expect(read.rows.map(r => r.destination)).toEqual([
      { cluster: 'east', namespace: 'pay', service: 'api' },
    ]);
  });
});
