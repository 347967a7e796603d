import { clusterRequest, testFleet } from '../testing';
import { FleetCluster, FleetServer, startFleet } from './startFleet';

describe('faults', () => {
  let fleet: FleetServer;
  let alpha: FleetCluster;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: testFleet() });
    alpha = fleet.clusters.find(c => c.name === 'alpha')!;
  });

  afterEach(async () => {
    await fleet.setFaults('alpha', {});
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  const list = () =>
    clusterRequest(alpha, { path: '/api/v1/namespaces/apps/configmaps' });

  it('goes down (refusing connections) and comes back on the same port', async () => {
    await fleet.setFaults('alpha', { down: true });
    await expect(list()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const beta = fleet.clusters.find(c => c.name === 'beta')!;
    expect(
      (
        await clusterRequest(beta, {
          path: '/api/v1/namespaces/apps/configmaps',
        })
      ).status,
    ).toBe(200);
    await fleet.setFaults('alpha', {});
    expect(fleet.cluster('alpha').url).toBe(alpha.url);
    expect((await list()).status).toBe(200);
  });

  it('answers 500 to everything, discovery included, with failAll', async () => {
    await fleet.setFaults('alpha', { failAll: true });
    for (const path of [
      '/version',
      '/api',
      '/apis',
      '/api/v1/namespaces/apps/configmaps',
    ]) {
      const response = await clusterRequest(alpha, { path });
      expect(response.status).toBe(500);
      expect(response.json).toMatchObject({
        kind: 'Status',
        reason: 'InternalError',
        code: 500,
      });
    }
  });

  it('adds latency: the response waits for the fault timer (event order, fake timers)', async () => {
    await fleet.setFaults('alpha', { latencyMs: 300 });
    jest.useFakeTimers({
      doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'],
    });
    try {
      let settled = false;
      const pending = list().then(r => {
        settled = true;
        return r;
      });
      // Bounded wait for the request to reach the server and start the fault's timer.
      const turn = () => new Promise(resolve => setImmediate(resolve));
      for (let i = 0; i < 10_000 && jest.getTimerCount() === 0; i++)
        await turn();
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(299);
      for (let i = 0; i < 50; i++) await turn();
      expect(settled).toBe(false);
      jest.advanceTimersByTime(1);
      expect((await pending).status).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails chosen verbs with a chosen status', async () => {
    await fleet.setFaults('alpha', {
      errorRate: { list: 1 },
      errorStatus: 503,
    });
    const failed = await list();
    expect(failed.status).toBe(503);
    expect(failed.json).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      code: 503,
    });
    expect(
      (
        await clusterRequest(alpha, {
          path: '/api/v1/namespaces/apps/configmaps/one',
        })
      ).status,
    ).toBe(200);
  });

  it('drops watches after N events', async () => {
    await fleet.setFaults('alpha', { watchDropAfterEvents: 2 });
    const stream = await clusterRequest(alpha, {
      path: '/api/v1/namespaces/apps/configmaps?watch=true',
    });
    expect(stream.text.trim().split('\n')).toHaveLength(2);
  });

  it('forbids or hides chosen resources, and can remove the Istio CRDs', async () => {
    await fleet.setFaults('alpha', {
      forbiddenResources: ['networking.istio.io'],
      missingResources: ['peerauthentications.security.istio.io'],
    });
    expect(
      (
        await clusterRequest(alpha, {
          path: '/apis/networking.istio.io/v1/virtualservices',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await clusterRequest(alpha, {
          path: '/apis/security.istio.io/v1/peerauthentications',
        })
      ).status,
    ).toBe(404);
    const security = await clusterRequest(alpha, {
      path: '/apis/security.istio.io/v1',
    });
    expect(security.json.resources.map((r: any) => r.name)).not.toContain(
      'peerauthentications',
    );

    await fleet.setFaults('alpha', { crdsAbsent: true });
    const groups = await clusterRequest(alpha, { path: '/apis' });
    expect(groups.json.groups.map((g: any) => g.name)).not.toContain(
      'networking.istio.io',
    );
    expect(
      (
        await clusterRequest(alpha, {
          path: '/apis/networking.istio.io/v1/virtualservices',
        })
      ).status,
    ).toBe(404);
    const crds = await clusterRequest(alpha, {
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    });
    expect(crds.json.items).toEqual([]);

    await fleet.setFaults('alpha', {});
    expect(
      (
        await clusterRequest(alpha, {
          path: '/apis/networking.istio.io/v1/virtualservices',
        })
      ).status,
    ).toBe(200);
  });

  it('is driven over the control endpoint', async () => {
    const control = (path: string, init?: RequestInit) =>
      fetch(`${fleet.controlUrl}${path}`, init);
    const set = await control('/clusters/alpha/faults', {
      method: 'POST',
      body: JSON.stringify({ failAll: true }),
    });
    expect(set.status).toBe(200);
    expect((await list()).status).toBe(500);
    const state = await (await control('/clusters')).json();
    expect(state.clusters.find((c: any) => c.name === 'alpha').faults).toEqual({
      failAll: true,
    });
    const bad = await control('/clusters/alpha/faults', {
      method: 'POST',
      body: JSON.stringify({ explode: true }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('unknown fault "explode"');
    await control('/clusters/alpha/faults', { method: 'DELETE' });
    expect((await list()).status).toBe(200);

    const created = await control('/clusters/alpha/objects', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-control, namespace: apps}\ndata: {a: b}\n',
    });
    expect(created.status).toBe(200);
    expect(
      (
        await clusterRequest(alpha, {
          path: '/api/v1/namespaces/apps/configmaps/from-control',
        })
      ).json.data,
    ).toEqual({ a: 'b' });
    const deleted = await control(
      '/clusters/alpha/objects/v1/ConfigMap/apps/from-control',
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(200);
    expect(
      (
        await clusterRequest(alpha, {
          path: '/api/v1/namespaces/apps/configmaps/from-control',
        })
      ).status,
    ).toBe(404);
  });
});
