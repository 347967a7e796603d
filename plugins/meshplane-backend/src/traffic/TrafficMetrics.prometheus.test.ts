import { mockServices } from '@backstage/backend-test-utils';
import {
  FleetDefinition,
  FleetServer,
  loadFleet,
  prometheusAvailable,
  PrometheusServer,
  startFleet,
  startPrometheus,
  TrafficFlow,
} from '@meshplane/fleet-sim';
import {
  parseTrafficObservations,
  TrafficObservation,
} from '@meshplane/plugin-meshplane-common';
import path from 'node:path';
import type { PrometheusSourceSettings } from '../config/readTrafficConfig';
import { TrafficMetrics } from './TrafficMetrics';
import type { TrafficAnswer, TrafficRequest } from './types';

const DEMO = path.join(
  path.dirname(require.resolve('@meshplane/fleet-sim/package.json')),
  'fleets/demo',
);

/** The scrape's tolerance: irate reads two samples taken about a second apart. */
const TOLERANCE = 0.05;

/** Envoy's default buckets (fleet-sim's ISTIO_BUCKETS): quantiles are found within them. */
const BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

const describePrometheus = prometheusAvailable() ? describe : describe.skip;

const productpage: TrafficRequest = {
  subject: {
    kind: 'service',
    namespace: 'bookinfo',
    name: 'productpage',
    workloads: ['productpage-v1'],
  },
  clusters: ['east-1', 'east-2', 'west-1'],
};

const authService: TrafficRequest = {
  subject: {
    kind: 'service',
    namespace: 'identity',
    name: 'auth-service',
    workloads: ['auth-service'],
  },
  clusters: ['east-1', 'west-1'],
};

const callerOf = (flow: TrafficFlow) =>
  flow.source === 'unknown'
    ? 'unknown/unknown/unknown'
    : `${flow.source.cluster}/${flow.source.namespace}/${flow.source.workload}`;
const caller = (o: TrafficObservation) =>
  `${o.source.cluster}/${o.source.namespace}/${o.source.workload}`;
const service = (o: { cluster: string; namespace: string; service: string }) =>
  `${o.cluster}/${o.namespace}/${o.service}`;

/** Requests per second by `caller → service`, summed over endpoint workloads. */
function requestRates(edges: TrafficObservation[]): Map<string, number> {
  const rates = new Map<string, number>();
  for (const e of edges) {
    if (e.requestsPerSecond === undefined) continue;
    const key = `${caller(e)} → ${service(e.destination)}`;
    rates.set(key, (rates.get(key) ?? 0) + e.requestsPerSecond);
  }
  return rates;
}

/** The bucket bounds around a value: where histogram_quantile may put it. */
function bucketBounds(value: number): [number, number] {
  const upper = BUCKETS.find(b => b >= value) ?? Infinity;
  const lower = [...BUCKETS].reverse().find(b => b <= value) ?? 0;
  return [lower, upper];
}

describePrometheus(
  'TrafficMetrics on the demo fleet, through a real Prometheus',
  () => {
    let definition: FleetDefinition;
    let fleet: FleetServer;
    let prometheus: PrometheusServer | undefined;
    /** One evaluation time for every query, so that two layers compare alike. */
    let at: number;
    const logger = mockServices.logger.mock();

    const source = (
      url: string,
      configKey: string,
    ): PrometheusSourceSettings => ({
      configKey,
      url,
      headers: {},
      timeoutMs: 5_000,
      slowThresholdMs: 4_000,
    });

    /** The layer over the fleet-wide Prometheus, rates from the last two scrapes. */
    const fleetLayer = (now?: () => number) =>
      new TrafficMetrics({
        settings: {
          fleetSource: source(prometheus!.url, 'meshplane.prometheus'),
          clusterSources: new Map(),
          cacheTtlMs: 0,
        },
        logger,
        rateOverride: { function: 'irate', range: '10s' },
        now,
      });

    beforeAll(async () => {
      definition = await loadFleet(DEMO);
      fleet = await startFleet({ fleet: definition, tls: false });
      prometheus = await startPrometheus({
        targets: fleet.clusters
          .filter(c => c.metricsUrl)
          .map(c => ({ cluster: c.name, url: c.metricsUrl! })),
        scrapeIntervalSeconds: 1,
      });
      // Three scrapes of every cluster: irate over 10 s has its two samples.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const response = await fetch(
          `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
            'min(count_over_time(up[1m]))',
          )}`,
        );
        const body = await response.json();
        if (Number(body.data?.result?.[0]?.value?.[1] ?? 0) >= 3) break;
        if (Date.now() > deadline)
          throw new Error(
            'Prometheus did not scrape the demo fleet three times',
          );
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      at = Date.now();
    }, 60_000);

    afterAll(async () => {
      await prometheus?.stop();
      await fleet?.stop();
    });

    /** The summed spec rps of the demo's flows, by caller → service (HTTP and gRPC). */
    const specRates = (match: (flow: TrafficFlow) => boolean) => {
      const rates = new Map<string, number>();
      for (const flow of definition.traffic!.flows.filter(
        f => f.protocol !== 'tcp' && match(f),
      )) {
        const key = `${callerOf(flow)} → ${service(flow.destination)}`;
        rates.set(key, (rates.get(key) ?? 0) + flow.rps);
      }
      return rates;
    };

    const expectRates = (
      answer: TrafficAnswer,
      expected: Map<string, number>,
    ) => {
      const observed = requestRates(answer.observations.edges);
      expect([...observed.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [edge, rps] of expected) {
        const rate = observed.get(edge)!;
        // Named, so that a failure says which edge.
        expect({
          edge,
          rps,
          rate,
          withinTolerance: Math.abs(rate - rps) < rps * TOLERANCE,
        }).toEqual({ edge, rps, rate, withinTolerance: true });
      }
    };

    it('observes bookinfo/productpage’s callers and calls at the spec’s rates, errors, latency and TLS', async () => {
      const answer = await fleetLayer(() => at).observe(productpage);
      expect(parseTrafficObservations(answer.observations)).toBe(
        answer.observations,
      );
      expect(answer.sources).toEqual([
        expect.objectContaining({
          source: 'meshplane.prometheus',
          clusters: ['east-1', 'east-2', 'west-1'],
          status: 'ok',
        }),
      ]);
      expectRates(
        answer,
        specRates(
          f =>
            (f.destination.namespace === 'bookinfo' &&
              f.destination.service === 'productpage') ||
            (f.source !== 'unknown' &&
              f.source.namespace === 'bookinfo' &&
              f.source.workload === 'productpage-v1'),
        ),
      );
      const { edges } = answer.observations;
      // Every edge of productpage is sidecar to sidecar: the destination reports.
      expect(new Set(edges.map(e => e.reporter))).toEqual(
        new Set(['destination']),
      );
      for (const e of edges) {
        const plaintext = e.destination.service === 'auth-service';
        expect({
          edge: `${caller(e)} → ${service(e.destination)}`,
          tls: e.tls,
        }).toEqual({
          edge: `${caller(e)} → ${service(e.destination)}`,
          tls: plaintext
            ? { mutualTls: 0, plaintext: 1, unknown: 0 }
            : { mutualTls: 1, plaintext: 0, unknown: 0 },
        });
      }
      const reviews = edges.filter(
        e =>
          caller(e) === 'east-1/bookinfo/productpage-v1' &&
          service(e.destination) === 'east-1/bookinfo/reviews',
      );
      expect(reviews.map(e => [e.destination.workload, e.errorRate])).toEqual([
        ['reviews-v1', 0],
        ['reviews-v2', expect.closeTo(0.1, 2)],
      ]);
      const [ingress] = edges.filter(
        e =>
          caller(e) === 'east-1/istio-ingress/istio-ingressgateway' &&
          service(e.destination) === 'east-1/bookinfo/productpage',
      );
      const spec = { p50: 25, p95: 80, p99: 150 };
      for (const p of ['p50', 'p95', 'p99'] as const) {
        const [lower, upper] = bucketBounds(spec[p]);
        expect(ingress.latencyMs![p]).toBeGreaterThanOrEqual(lower * 0.999);
        expect(ingress.latencyMs![p]).toBeLessThanOrEqual(upper * 1.001);
      }
    });

    it('observes auth-service’s plaintext callers (in and out of the mesh) and its TCP database', async () => {
      const answer = await fleetLayer(() => at).observe(authService);
      expect(() => parseTrafficObservations(answer.observations)).not.toThrow();
      expectRates(
        answer,
        specRates(
          f =>
            f.destination.service === 'auth-service' ||
            (f.source !== 'unknown' && f.source.workload === 'auth-service'),
        ),
      );
      const { edges } = answer.observations;
      const callers = edges.filter(
        e => e.destination.service === 'auth-service',
      );
      expect(
        callers.map(e => [caller(e), e.destination.cluster, e.tls.plaintext]),
      ).toEqual([
        ['east-1/bookinfo/productpage-v1', 'east-1', 1],
        ['unknown/unknown/unknown', 'east-1', 1],
        ['unknown/unknown/unknown', 'west-1', 1],
      ]);
      // west-1's outside caller gets 20 % 401: the caller's errors, not the edge's.
      expect(callers[2].errorRate).toBe(0);
      const [database] = edges.filter(e => e.destination.service === 'user-db');
      expect(database).toMatchObject({
        reporter: 'destination',
        protocol: 'tcp',
        tls: { mutualTls: 1 },
      });
      expect(database.connectionsPerSecond).toBeGreaterThan(
        2 * (1 - TOLERANCE),
      );
      expect(database.connectionsPerSecond).toBeLessThan(2 * (1 + TOLERANCE));
      expect(database.tcpBytesPerSecond).toBeGreaterThan(
        54_000 * (1 - TOLERANCE),
      );
      expect(database.tcpBytesPerSecond).toBeLessThan(54_000 * (1 + TOLERANCE));
    });

    it('observes an ambient namespace: the waypoint’s L7, L4 only without one', async () => {
      const shop = await fleetLayer(() => at).observe({
        subject: { kind: 'namespace', namespace: 'shop' },
        clusters: ['east-1'],
      });
      const [cart] = shop.observations.edges.filter(
        e => e.destination.service === 'cart' && e.protocol === 'http',
      );
      expect(cart).toMatchObject({
        reporter: 'waypoint',
        errorRate: expect.closeTo(0.03, 2),
      });
      expect(cart.requestsPerSecond).toBeGreaterThan(7 * (1 - TOLERANCE));
      expect(cart.requestsPerSecond).toBeLessThan(7 * (1 + TOLERANCE));

      const orders = await fleetLayer(() => at).observe({
        subject: { kind: 'namespace', namespace: 'orders' },
        clusters: ['east-1'],
      });
      const worker = orders.observations.edges.filter(
        e => e.source.workload === 'orders-worker',
      );
      expect(
        worker.map(e => [e.reporter, e.protocol, e.requestsPerSecond]),
      ).toEqual([['destination', 'tcp', undefined]]);
    });

    it('answers the same with a source per cluster (one Prometheus behind them all)', async () => {
      const perCluster = new TrafficMetrics({
        settings: {
          clusterSources: new Map(
            ['east-1', 'east-2', 'west-1'].map((c, i) => [
              c,
              source(prometheus!.url, `meshplane.clusters[${i}].prometheus`),
            ]),
          ),
          cacheTtlMs: 0,
        },
        logger,
        rateOverride: { function: 'irate', range: '10s' },
        now: () => at,
      });
      const [fleetWide, split] = await Promise.all([
        fleetLayer(() => at).observe(productpage),
        perCluster.observe({
          ...productpage,
          clusters: [...productpage.clusters, 'lab-1'],
        }),
      ]);
      expect(split.observations).toEqual(fleetWide.observations);
      expect(split.sources.map(s => [s.source, s.status])).toEqual([
        ['meshplane.clusters[0].prometheus', 'ok'],
        ['meshplane.clusters[1].prometheus', 'ok'],
        ['meshplane.clusters[2].prometheus', 'ok'],
        [undefined, 'not-configured'],
      ]);
    });

    it('says down, without throwing, once Prometheus is stopped', async () => {
      const layer = fleetLayer();
      await prometheus!.stop();
      const answer = await layer.observe(productpage);
      expect(answer.observations.edges).toEqual([]);
      expect(answer.sources).toEqual([
        expect.objectContaining({
          source: 'meshplane.prometheus',
          status: 'down',
          lastError: expect.objectContaining({ reason: 'unreachable' }),
        }),
      ]);
      expect(await layer.sourceStatuses(['east-1'])).toEqual([
        expect.objectContaining({ status: 'down' }),
      ]);
    });
  },
);
