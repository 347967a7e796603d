import path from 'node:path';
import { FleetDefinition, loadFleet } from '../fleet';
import { FleetServer, startFleet } from '../server';
import { prometheusAvailable, queryPrometheus, waitFor } from '../testing';
import type { TrafficFlow } from '../traffic';
import { PrometheusUnavailableError } from './PrometheusUnavailableError';
import { PrometheusServer, startPrometheus } from './startPrometheus';

const DEMO = path.resolve(__dirname, '../../fleets/demo');

describe('startPrometheus without Prometheus', () => {
  const saved = process.env.PROMETHEUS_BIN;

  afterEach(() => {
    if (saved === undefined) delete process.env.PROMETHEUS_BIN;
    else process.env.PROMETHEUS_BIN = saved;
  });

  it('throws its own error naming the binary', async () => {
    process.env.PROMETHEUS_BIN = '/nonexistent/prometheus';
    const error = await startPrometheus({ targets: [] }).catch(e => e);
    expect(error).toBeInstanceOf(PrometheusUnavailableError);
    expect(error.message).toContain('/nonexistent/prometheus');
  });
});

const describePrometheus = prometheusAvailable() ? describe : describe.skip;

describePrometheus('a real Prometheus scraping the demo fleet', () => {
  let definition: FleetDefinition;
  let fleet: FleetServer;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    definition = await loadFleet(DEMO);
    fleet = await startFleet({ fleet: definition, tls: false });
    prometheus = await startPrometheus({
      targets: fleet.clusters.map(c => ({
        cluster: c.name,
        url: c.metricsUrl!,
      })),
      scrapeIntervalSeconds: 1,
    });
    // Two scrapes of every target: enough for irate().
    await waitFor(
      'two scrapes of every cluster',
      async () => {
        const counts = await queryPrometheus(
          prometheus.url,
          'count_over_time(up[1m])',
        );
        return (
          counts.length === fleet.clusters.length &&
          counts.every(c => c.value >= 2)
        );
      },
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await fleet?.stop();
  });

  /** The summed rps of the demo's flows that `match`. */
  const specRate = (match: (flow: TrafficFlow) => boolean): number =>
    definition
      .traffic!.flows.filter(match)
      .reduce((sum, flow) => sum + flow.rps, 0);
  const observed = async (query: string) => {
    const [result] = await queryPrometheus(prometheus.url, query);
    return result?.value;
  };

  it('observes the spec’s request rates as the destination reports them', async () => {
    const expected = specRate(
      f =>
        f.source !== 'unknown' &&
        f.source.workload === 'istio-ingressgateway' &&
        f.destination.cluster === 'east-1' &&
        f.destination.service === 'productpage',
    );
    expect(expected).toBeGreaterThan(0);
    const rate = await observed(
      'sum(irate(istio_requests_total{reporter="destination",cluster="east-1",' +
        'source_workload="istio-ingressgateway",destination_service_name="productpage"}[10s]))',
    );
    expect(rate).toBeGreaterThan(expected * 0.95);
    expect(rate).toBeLessThan(expected * 1.05);

    // Through shop's waypoint: L7 reported by the waypoint only.
    const cart = specRate(f => f.destination.service === 'cart');
    const waypoint = await observed(
      'sum(irate(istio_requests_total{reporter="waypoint",destination_workload="cart"}[10s]))',
    );
    expect(waypoint).toBeGreaterThan(cart * 0.95);
    expect(waypoint).toBeLessThan(cart * 1.05);

    // orders has no waypoint: ztunnel's TCP metrics, no request metrics.
    expect(
      await observed(
        'count(istio_requests_total{destination_workload="orders-api",reporter="destination"})',
      ),
    ).toBeUndefined();
    expect(
      await observed(
        'count(istio_tcp_connections_opened_total{destination_workload="orders-api",reporter="destination",app="ztunnel"})',
      ),
    ).toBeGreaterThan(0);
  });

  it('sees a failing metrics endpoint as down', async () => {
    await fleet.setFaults('west-1', { metrics: 'fail' });
    try {
      await waitFor(
        'west-1 to be down',
        async () => (await observed('up{cluster="west-1"}')) === 0,
        20_000,
      );
      expect(await observed('up{cluster="east-1"}')).toBe(1);
    } finally {
      await fleet.setFaults('west-1', {});
    }
  }, 30_000);
});
