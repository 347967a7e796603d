import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { parseTrafficObservations } from '@meshplane/plugin-meshplane-common';
import type {
  PrometheusSourceSettings,
  TrafficSettings,
} from '../config/readTrafficConfig';
import authService from './__fixtures__/auth-service.json';
import probe from './__fixtures__/probe.json';
import {
  closedPortUrl,
  FakeAnswer,
  ReceivedQuery,
  startFakePrometheus,
  vector,
} from './__testUtils__/fakePrometheus';
import { TrafficMetrics } from './TrafficMetrics';
import type { TrafficRequest } from './types';

const TOKEN = 'Bearer never-logged-token';

const source = (
  url: string,
  configKey = 'meshplane.prometheus',
  slowThresholdMs = 2_000,
): PrometheusSourceSettings => ({
  configKey,
  url,
  headers: { Authorization: TOKEN },
  timeoutMs: 3_000,
  slowThresholdMs,
});

/** The demo's answers for identity/auth-service, as a real Prometheus gave them. */
const demoAnswers = (q: ReceivedQuery): { body: unknown } => ({
  body:
    q.kind === 'probe'
      ? probe
      : (authService as Record<string, unknown>)[q.kind],
});

const authServiceRequest: TrafficRequest = {
  subject: {
    kind: 'service',
    namespace: 'identity',
    name: 'auth-service',
    workloads: ['auth-service'],
  },
  clusters: ['east-1', 'west-1'],
};

describe('TrafficMetrics', () => {
  let clock: number;
  const now = () => clock;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  const stops: Array<() => Promise<void>> = [];

  beforeEach(() => {
    clock = Date.parse('2025-06-01T12:00:00Z');
    logger = mockServices.logger.mock();
  });

  afterEach(async () => {
    while (stops.length) await stops.pop()!();
    // No log line ever carries a header value.
    const logged = Object.values(logger)
      .filter(jest.isMockFunction)
      .map(fn => JSON.stringify(fn.mock.calls));
    if (logged.some(calls => calls.includes('never-logged-token')))
      throw new Error('a log line carries a header value');
  });

  async function fake(answer: (q: ReceivedQuery) => FakeAnswer) {
    const server = await startFakePrometheus(answer);
    stops.push(server.stop);
    return server;
  }

  const metrics = (settings: Partial<TrafficSettings>) =>
    new TrafficMetrics({
      settings: { clusterSources: new Map(), cacheTtlMs: 15_000, ...settings },
      logger,
      now,
    });

  it('answers a TrafficObservations document the engine accepts, from one query per metric family', async () => {
    const prometheus = await fake(demoAnswers);
    const answer = await metrics({
      fleetSource: source(prometheus.url),
    }).observe(authServiceRequest);
    expect(parseTrafficObservations(answer.observations)).toBe(
      answer.observations,
    );
    expect(answer.observations).toMatchObject({
      window: '5m',
      observedAt: '2025-06-01T12:00:00.000Z',
    });
    expect(answer.observations.edges).toHaveLength(4);
    expect(prometheus.received.map(q => q.kind).sort()).toEqual([
      'latency',
      'requests',
      'tcpBytes',
      'tcpConnections',
    ]);
    expect(answer.sources).toEqual([
      {
        source: 'meshplane.prometheus',
        clusters: ['east-1', 'west-1'],
        host: new URL(prometheus.url).host,
        status: 'ok',
        checkedAt: '2025-06-01T12:00:00.000Z',
        lastAnswerAt: '2025-06-01T12:00:00.000Z',
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('shares one set of queries between concurrent viewers, and between viewers within the cache time', async () => {
    const prometheus = await fake(q => ({ ...demoAnswers(q), delayMs: 50 }));
    const traffic = metrics({ fleetSource: source(prometheus.url) });
    const [a, b] = await Promise.all([
      traffic.observe(authServiceRequest),
      traffic.observe({
        ...authServiceRequest,
        clusters: ['west-1', 'east-1', 'east-1'],
        window: '5m',
      }),
    ]);
    expect(prometheus.received).toHaveLength(4);
    expect(b.observations).toBe(a.observations);

    clock += 14_000;
    await traffic.observe(authServiceRequest);
    expect(prometheus.received).toHaveLength(4);

    // Another window is another answer.
    await traffic.observe({ ...authServiceRequest, window: '1h' });
    expect(prometheus.received).toHaveLength(8);
    expect(prometheus.received[4].query).toContain('[1h]');

    clock += 2_000;
    const later = await traffic.observe(authServiceRequest);
    expect(prometheus.received).toHaveLength(12);
    expect(later.observations.observedAt).toBe('2025-06-01T12:00:16.000Z');
  });

  it('asks each cluster its own source, reports a broken one down and keeps the others’ figures', async () => {
    const east = await fake(demoAnswers);
    const west = await closedPortUrl();
    const traffic = metrics({
      fleetSource: undefined,
      clusterSources: new Map([
        ['east-1', source(east.url, 'meshplane.clusters[0].prometheus')],
        ['west-1', source(west, 'meshplane.clusters[1].prometheus')],
      ]),
    });
    const answer = await traffic.observe({
      ...authServiceRequest,
      clusters: ['east-1', 'west-1', 'lab-1'],
    });
    expect(answer.observations.edges).toHaveLength(4);
    expect(answer.sources).toEqual([
      expect.objectContaining({
        source: 'meshplane.clusters[0].prometheus',
        clusters: ['east-1'],
        status: 'ok',
      }),
      {
        source: 'meshplane.clusters[1].prometheus',
        clusters: ['west-1'],
        host: new URL(west).host,
        status: 'down',
        checkedAt: '2025-06-01T12:00:00.000Z',
        lastError: {
          reason: 'unreachable',
          message: expect.stringContaining('ECONNREFUSED'),
          at: '2025-06-01T12:00:00.000Z',
        },
      },
      { clusters: ['lab-1'], status: 'not-configured' },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Metrics source meshplane\.clusters\[1\]\.prometheus \(127\.0\.0\.1:\d+\) is down: /,
      ),
      { source: 'meshplane.clusters[1].prometheus', reason: 'unreachable' },
    );
  });

  it('says down, naming the labels, when the series lack Istio’s labels', async () => {
    const prometheus = await fake(q => ({
      body: vector(
        q.kind === 'requests'
          ? [
              {
                labels: {
                  reporter: 'destination',
                  source_workload: 'web',
                  source_workload_namespace: 'shop',
                  destination_service_name: 'auth-service',
                  destination_service_namespace: 'identity',
                  connection_security_policy: 'mutual_tls',
                },
                value: '3',
              },
            ]
          : [],
      ),
    }));
    const answer = await metrics({
      fleetSource: source(prometheus.url),
    }).observe(authServiceRequest);
    expect(answer.observations.edges).toEqual([]);
    expect(answer.sources[0]).toMatchObject({
      status: 'down',
      lastError: {
        reason: 'missing-labels',
        message: expect.stringContaining(
          "1 series without Istio's label(s) destination_cluster, source_cluster",
        ),
      },
    });
  });

  it('tells no traffic from no Istio metrics when nothing is found', async () => {
    const empty = vector([]);
    const withIstio = await fake(q => ({
      body: q.kind === 'probe' ? probe : empty,
    }));
    const noTraffic = await metrics({
      fleetSource: source(withIstio.url),
    }).observe(authServiceRequest);
    expect(noTraffic.sources[0].status).toBe('ok');
    expect(noTraffic.observations.edges).toEqual([]);

    const other = await fake(() => ({ body: empty }));
    const answer = await metrics({ fleetSource: source(other.url) }).observe(
      authServiceRequest,
    );
    expect(answer.sources[0]).toMatchObject({
      status: 'down',
      lastError: { reason: 'no-istio-metrics' },
    });

    const relabelled = await fake(q => ({
      body:
        q.kind === 'probe'
          ? vector([
              { labels: { meshplane_probe: 'series' }, value: '10' },
              { labels: { meshplane_probe: 'reporter' }, value: '10' },
            ])
          : empty,
    }));
    const labels = await metrics({
      fleetSource: source(relabelled.url),
    }).observe(authServiceRequest);
    expect(labels.sources[0].lastError).toMatchObject({
      reason: 'missing-labels',
      message: expect.stringContaining(
        'source_cluster, source_workload_namespace, source_workload',
      ),
    });
  });

  it('says slow when a source answers after its slow threshold, and uses its figures', async () => {
    const prometheus = await fake(q => ({ ...demoAnswers(q), delayMs: 300 }));
    const answer = await metrics({
      fleetSource: source(prometheus.url, 'meshplane.prometheus', 20),
    }).observe(authServiceRequest);
    expect(answer.sources[0].status).toBe('slow');
    expect(answer.observations.edges).toHaveLength(4);
  });

  it('says down for an error answer, with the status and error type', async () => {
    const prometheus = await fake(() => ({
      status: 503,
      body: {
        status: 'error',
        errorType: 'unavailable',
        error: 'TSDB not ready',
      },
    }));
    const answer = await metrics({
      fleetSource: source(prometheus.url),
    }).observe(authServiceRequest);
    expect(answer.sources[0].lastError).toEqual({
      reason: 'http',
      statusCode: 503,
      errorType: 'unavailable',
      message: expect.stringContaining(
        'HTTP 503 (unavailable): TSDB not ready',
      ),
      at: '2025-06-01T12:00:00.000Z',
    });
  });

  it('answers not-configured without any source, asking nothing', async () => {
    const traffic = metrics({});
    expect(traffic.configured).toBe(false);
    const answer = await traffic.observe(authServiceRequest);
    expect(answer.observations.edges).toEqual([]);
    expect(answer.sources).toEqual([
      { clusters: ['east-1', 'west-1'], status: 'not-configured' },
    ]);
  });

  it('refuses invalid names before asking anything', async () => {
    const prometheus = await fake(demoAnswers);
    const traffic = metrics({ fleetSource: source(prometheus.url) });
    await expect(
      traffic.observe({
        ...authServiceRequest,
        subject: { kind: 'service', namespace: 'identity', name: 'a"}' },
      }),
    ).rejects.toThrow(InputError);
    await expect(
      traffic.observe({ ...authServiceRequest, clusters: ['east-1"'] }),
    ).rejects.toThrow(InputError);
    await expect(
      traffic.observe({ ...authServiceRequest, window: '7d' as any }),
    ).rejects.toThrow(InputError);
    expect(prometheus.received).toEqual([]);
  });

  it('checks sources nobody asked yet for the fleet page, and keeps what viewers saw', async () => {
    const prometheus = await fake(demoAnswers);
    const traffic = metrics({
      fleetSource: source(prometheus.url),
      clusterSources: new Map([
        [
          'west-1',
          source(await closedPortUrl(), 'meshplane.clusters[1].prometheus'),
        ],
      ]),
    });
    const statuses = await traffic.sourceStatuses(['east-1', 'west-1']);
    expect(statuses.map(s => [s.source, s.clusters, s.status])).toEqual([
      ['meshplane.prometheus', ['east-1'], 'ok'],
      ['meshplane.clusters[1].prometheus', ['west-1'], 'down'],
    ]);
    expect(prometheus.received.map(q => q.kind)).toEqual(['probe']);

    await traffic.sourceStatuses(['east-1']);
    expect(prometheus.received).toHaveLength(1);
  });
});
