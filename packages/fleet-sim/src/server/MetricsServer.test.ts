import path from 'node:path';
import { loadFleet } from '../fleet';
import { clusterRequest, parseExposition, testFleet } from '../testing';
import { FleetCluster, FleetServer, startFleet } from './startFleet';

const FIXTURE = path.resolve(__dirname, '../traffic/__fixtures__/mesh');

describe('metrics endpoints', () => {
  let fleet: FleetServer;
  let alpha: FleetCluster;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: await loadFleet(FIXTURE) });
    alpha = fleet.clusters.find(c => c.name === 'alpha')!;
  });

  afterEach(async () => {
    await fleet.setFaults('alpha', {});
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  const scrape = async () => {
    const response = await fetch(alpha.metricsUrl!);
    return { response, text: await response.text() };
  };
  const requestsTotal = (text: string) =>
    parseExposition(text)
      .samples.filter(s => s.name === 'istio_requests_total')
      .reduce((sum, s) => sum + s.value, 0);

  it('serves every cluster’s metrics over plain HTTP on loopback, without a token', async () => {
    expect(fleet.clusters.map(c => new URL(c.metricsUrl!).host)).toEqual(
      fleet.clusters.map(() => expect.stringMatching(/^127\.0\.0\.1:\d+$/)),
    );
    const { response, text } = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'text/plain; version=0.0.4; charset=utf-8',
    );
    expect(text).toContain('# TYPE istio_requests_total counter');
    expect(
      (await fetch(alpha.metricsUrl!.replace(/metrics$/, 'x'))).status,
    ).toBe(404);
    expect(fleet.cluster('alpha').metricsUrl).toBe(alpha.metricsUrl);
  });

  it('freezes the counters while stale and fails with fail', async () => {
    await fleet.setFaults('alpha', { metrics: 'stale' });
    const first = await scrape();
    await new Promise(resolve => setTimeout(resolve, 50));
    const second = await scrape();
    expect(second.text).toBe(first.text);
    expect(requestsTotal(first.text)).toBeGreaterThan(0);

    await fleet.setFaults('alpha', { metrics: 'fail' });
    expect((await scrape()).response.status).toBe(500);

    await fleet.setFaults('alpha', {});
    const resumed = await scrape();
    expect(resumed.response.status).toBe(200);
    expect(requestsTotal(resumed.text)).toBeGreaterThanOrEqual(
      requestsTotal(first.text),
    );
  });

  it('is switched over the control endpoint, leaving the API server alone', async () => {
    const faults = (body: unknown) =>
      fetch(`${fleet.controlUrl}/clusters/alpha/faults`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    expect((await faults({ metrics: 'fail' })).status).toBe(200);
    expect((await scrape()).response.status).toBe(500);
    expect((await clusterRequest(alpha, { path: '/version' })).status).toBe(
      200,
    );
    const state = await (
      await fetch(`${fleet.controlUrl}/clusters/alpha`)
    ).json();
    expect(state).toMatchObject({
      metricsUrl: alpha.metricsUrl,
      faults: { metrics: 'fail' },
    });
    const bad = await faults({ metrics: 'slow' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('metrics must be');
  });

  it('has no metrics endpoints without a traffic spec', async () => {
    const plain = await startFleet({ fleet: testFleet() });
    try {
      expect(plain.clusters.map(c => c.metricsUrl)).toEqual([
        undefined,
        undefined,
      ]);
    } finally {
      await plain.stop();
    }
  });
});
