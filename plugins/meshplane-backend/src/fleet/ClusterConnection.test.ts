import type {
  ClusterDetail,
  ClusterListResponse,
  ClusterSummary,
  EntityCluster,
  EntityMeshView,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import { mockServices } from '@backstage/backend-test-utils';
import type { FleetServer } from '@meshplane/fleet-sim';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startDemoFleet,
  startMeshplaneTestBackend,
  waitFor,
} from '../__testUtils__/meshplaneTestBackend';
import { ClusterConnection } from './ClusterConnection';
import { ObjectTrimmer } from './trimObject';

jest.setTimeout(90_000);

type Backend = Awaited<ReturnType<typeof startMeshplaneTestBackend>>;

async function clusters(
  backend: Backend,
): Promise<Record<string, ClusterSummary>> {
  const res = await request(backend.server).get('/api/meshplane/clusters');
  return Object.fromEntries(
    (res.body as ClusterListResponse).items.map(c => [c.name, c]),
  );
}

async function cluster(backend: Backend, name: string): Promise<ClusterDetail> {
  return (await request(backend.server).get(`/api/meshplane/clusters/${name}`))
    .body;
}

function waitForStatus(
  backend: Backend,
  name: string,
  check: (c: ClusterSummary) => boolean,
  message: string,
) {
  return waitFor(
    async () => {
      const c = (await clusters(backend))[name];
      return c && check(c) ? c : undefined;
    },
    { message: `${name}: ${message}` },
  );
}

let serial = 0;

/**
 * Creates a Service in `sandbox` of `clusterName` straight in the simulator
 * and waits until `GET /services` shows it there: the cluster's data is fresh.
 */
async function expectFresh(
  backend: Backend,
  fleet: FleetServer,
  clusterName: string,
): Promise<void> {
  const name = `fresh-${++serial}`;
  fleet.cluster(clusterName).apply({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'sandbox' },
    spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 80 }] },
  });
  await waitFor(
    async () => {
      const res = await request(backend.server).get(
        `/api/meshplane/services?q=sandbox/${name}`,
      );
      const body = res.body as ServiceListResponse;
      return body.items?.[0]?.clusters.some(c => c.cluster === clusterName);
    },
    { message: `${name} visible in ${clusterName}` },
  );
}

async function expectUp(backend: Backend): Promise<void> {
  expect(
    (await request(backend.server).get('/api/meshplane/health')).status,
  ).toBe(200);
}

describe('cluster connections with faults (fleet simulator over HTTPS)', () => {
  let fleet: FleetServer;

  beforeAll(async () => {
    fleet = await startDemoFleet();
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  afterEach(async () => {
    for (const c of fleet.clusters) await fleet.setFaults(c.name, {});
  });

  describe('a cluster down at start, and credentials refused for all or some kinds', () => {
    let backend: Backend;

    beforeAll(async () => {
      await fleet.setFaults('west-1', { down: true });
      backend = await startMeshplaneTestBackend({
        fleet,
        // east-2: a token whose RBAC forgot the Istio kinds (403); lab-1: a token the API server rejects (401).
        tokens: {
          'east-2': 'demo-no-istio-token',
          'lab-1': 'not-a-valid-token',
        },
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('reports the down cluster unreachable while the others sync, then syncs it once it is back', async () => {
      const west = await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'unreachable',
        'unreachable',
      );
      expect(west.lastError).toMatchObject({ reason: 'unreachable' });
      expect(west.lastSync).toBeUndefined();
      await waitForStatus(
        backend,
        'east-1',
        c => c.status === 'synced',
        'synced',
      );
      await expectFresh(backend, fleet, 'east-1');
      const services = (
        await request(backend.server).get('/api/meshplane/services')
      ).body as ServiceListResponse;
      expect(services.problems).toContainEqual(
        expect.objectContaining({
          cluster: 'west-1',
          status: 'unreachable',
          stale: false,
        }),
      );
      await expectUp(backend);

      await fleet.setFaults('west-1', {});
      await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'synced',
        'synced after recovery',
      );
      await expectFresh(backend, fleet, 'west-1');
    });

    it('reports 403 on the Istio kinds as degraded, with the other kinds fresh', async () => {
      const east2 = await waitForStatus(
        backend,
        'east-2',
        c => c.status === 'degraded',
        'degraded',
      );
      expect(east2.lastError).toMatchObject({
        reason: 'forbidden',
        statusCode: 403,
      });
      const detail = await cluster(backend, 'east-2');
      const forbidden = detail.kinds
        .filter(k => k.lastError?.reason === 'forbidden')
        .map(k => k.kind);
      expect(forbidden).toEqual(
        expect.arrayContaining(['VirtualService', 'PeerAuthentication']),
      );
      expect(detail.kinds.find(k => k.kind === 'Pod')).toMatchObject({
        state: 'watching',
      });
      await expectFresh(backend, fleet, 'east-2');
    });

    it('reports rejected credentials (401) as unreachable, saying so', async () => {
      const lab = await waitForStatus(
        backend,
        'lab-1',
        c => c.status === 'unreachable',
        'unreachable',
      );
      expect(lab.lastError).toMatchObject({
        reason: 'unauthorized',
        statusCode: 401,
      });
      expect(JSON.stringify(lab)).not.toContain('not-a-valid-token');
      await expectUp(backend);
    });
  });

  describe('faults while connected', () => {
    let backend: Backend;

    /** West-1 as the Mesh tab of bookinfo/reviews shows it. */
    async function westOfReviews(): Promise<EntityCluster | undefined> {
      const view = (
        await request(backend.server).get(
          '/api/meshplane/entity/component/default/reviews',
        )
      ).body as EntityMeshView;
      return view.clusters.find(c => c.name === 'west-1');
    }

    beforeAll(async () => {
      backend = await startMeshplaneTestBackend({
        fleet,
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'reviews',
              annotations: { 'meshplane.io/services': 'bookinfo/reviews' },
            },
            spec: { type: 'service', owner: 'bookinfo-team' },
          },
        ],
      });
      await waitFor(
        async () =>
          Object.values(await clusters(backend)).every(
            c => c.status === 'synced',
          ),
        {
          message: 'all clusters synced',
        },
      );
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('keeps serving a cluster that dies mid-watch as stale, and catches up when it returns', async () => {
      // Synced: live, with the time of the last confirmation.
      const live = (await clusters(backend))['west-1'];
      expect(live.lastSync).toBeDefined();
      expect(live.staleKinds).toBeUndefined();
      expect(await westOfReviews()).toMatchObject({
        status: 'synced',
        lastSync: expect.any(String),
      });
      expect((await westOfReviews())?.staleKinds).toBeUndefined();

      await fleet.setFaults('west-1', { down: true });
      const west = await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'unreachable',
        'unreachable',
      );
      expect(west.lastError?.reason).toBe('unreachable');
      // Down: every kind is stale, as of the last time the cluster was in sync.
      expect(west.staleKinds).toEqual(
        expect.arrayContaining(['Pod', 'Service']),
      );
      expect(west.lastSync! >= live.lastSync!).toBe(true);
      const westEntity = await waitFor(
        async () => {
          const c = await westOfReviews();
          return c?.status === 'unreachable' ? c : undefined;
        },
        { message: 'west-1 unreachable in the mesh view of reviews' },
      );
      expect(westEntity).toMatchObject({
        lastSync: west.lastSync,
        staleKinds: expect.arrayContaining(['Pod', 'Deployment']),
      });
      const reviews = (
        await request(backend.server).get(
          '/api/meshplane/services?q=bookinfo/reviews',
        )
      ).body as ServiceListResponse;
      expect(reviews.items[0].clusters.map(c => c.cluster)).toContain('west-1');
      expect(reviews.problems).toContainEqual(
        expect.objectContaining({ cluster: 'west-1', stale: true }),
      );
      await expectFresh(backend, fleet, 'east-1');

      const changedWhileDown = `while-down-${++serial}`;
      fleet.cluster('west-1').apply({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: changedWhileDown, namespace: 'sandbox' },
        spec: { ports: [{ port: 80 }] },
      });
      await fleet.setFaults('west-1', {});
      const back = await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'synced',
        'synced after return',
      );
      expect(back.staleKinds).toBeUndefined();
      expect(back.lastSync! > west.lastSync!).toBe(true);
      await waitFor(
        async () => {
          const res = await request(backend.server).get(
            `/api/meshplane/services?q=${changedWhileDown}`,
          );
          return res.body.items?.length === 1;
        },
        { message: 'change made while down visible after return' },
      );
    });

    it('relists after 410 Gone and loses no change', async () => {
      const before = (await cluster(backend, 'east-1')).kinds.find(
        k => k.kind === 'Service',
      )!.relists;
      await fleet.cluster('east-1').compact();
      await expectFresh(backend, fleet, 'east-1');
      const after = await waitFor(
        async () => {
          const kind = (await cluster(backend, 'east-1')).kinds.find(
            k => k.kind === 'Service',
          )!;
          return kind.relists > before ? kind : undefined;
        },
        { message: 'Service relisted after 410' },
      );
      expect(after.state).toBe('watching');
      await waitForStatus(
        backend,
        'east-1',
        c => c.status === 'synced',
        'synced',
      );
    });

    it('times out slow answers, reports them, and recovers when the cluster is fast again', async () => {
      await fleet.setFaults('east-2', {
        latencyMs: 4000,
        goneOnNextWatch: true,
      });
      const slow = await waitForStatus(
        backend,
        'east-2',
        c => c.lastError?.reason === 'timeout',
        'timeouts reported',
      );
      expect(['unreachable', 'degraded']).toContain(slow.status);
      await expectFresh(backend, fleet, 'west-1');
      await expectUp(backend);
      await fleet.setFaults('east-2', {});
      await waitForStatus(
        backend,
        'east-2',
        c => c.status === 'synced',
        'synced when fast again',
      );
      await expectFresh(backend, fleet, 'east-2');
    });

    it('treats missing Istio CRDs as a cluster without mesh config, and picks them up again', async () => {
      await fleet.setFaults('east-1', { crdsAbsent: true });
      const without = await waitForStatus(
        backend,
        'east-1',
        c => !c.istioCrdsPresent && c.status === 'synced',
        'no Istio CRDs',
      );
      expect(without.objectCounts.VirtualService).toBeUndefined();
      expect(without.lastError).toBeUndefined();
      expect(
        (await cluster(backend, 'east-1')).kinds.find(
          k => k.kind === 'VirtualService',
        )?.state,
      ).toBe('absent');
      await fleet.setFaults('east-1', {});
      const back = await waitForStatus(
        backend,
        'east-1',
        c =>
          c.istioCrdsPresent &&
          c.status === 'synced' &&
          (c.objectCounts.VirtualService ?? 0) > 0,
        'Istio CRDs back',
      );
      expect(back.objectCounts.PeerAuthentication).toBeGreaterThan(0);
    });

    it('skips a malformed object, names it, and keeps the rest of the kind', async () => {
      const handle = fleet.cluster('west-1');
      handle.apply({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'garbled', namespace: 'bookinfo' },
        spec: 'not an object' as unknown as object,
      } as never);
      const degraded = await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'degraded',
        'degraded by malformed object',
      );
      expect(degraded.lastError).toMatchObject({
        reason: 'malformed',
        kind: 'PeerAuthentication',
      });
      expect(degraded.lastError?.message).toContain(
        'PeerAuthentication bookinfo/garbled: spec is not an object',
      );
      expect(degraded.objectCounts.PeerAuthentication).toBe(3);
      await expectFresh(backend, fleet, 'west-1');
      handle.delete({
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        namespace: 'bookinfo',
        name: 'garbled',
      });
      await waitForStatus(
        backend,
        'west-1',
        c => c.status === 'synced',
        'synced once the object is gone',
      );
    });
  });
});

/*
 * An API server that lists a group version in `/apis` and answers 404 for it (its CRDs were deleted
 * in between, as after `kubectl delete -f experimental-install.yaml`): the kinds of that group
 * version are absent, and discovery does not fail.
 */
describe('discovery of a group version gone since /apis listed it', () => {
  let server: http.Server;
  let connection: ClusterConnection;

  beforeAll(async () => {
    const answers: Record<string, unknown> = {
      '/version': { gitVersion: 'v1.32.0' },
      '/apis': {
        kind: 'APIGroupList',
        groups: [
          {
            name: 'gateway.networking.k8s.io',
            versions: [{ version: 'v1' }, { version: 'v1alpha2' }],
          },
        ],
      },
      '/apis/gateway.networking.k8s.io/v1': {
        kind: 'APIResourceList',
        resources: [
          { name: 'gateways', kind: 'Gateway' },
          { name: 'httproutes', kind: 'HTTPRoute' },
        ],
      },
    };
    server = http.createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      res.setHeader('Content-Type', 'application/json');
      if (path === '/apis/gateway.networking.k8s.io/v1alpha2') {
        res.writeHead(404);
        res.end(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            reason: 'NotFound',
            code: 404,
          }),
        );
      } else if (answers[path]) {
        res.end(JSON.stringify(answers[path]));
      } else if (req.url?.includes('watch=1')) {
        res.end('');
      } else {
        res.end(
          JSON.stringify({ items: [], metadata: { resourceVersion: '1' } }),
        );
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    const settings = {
      requestTimeoutMs: 2000,
      watchTimeoutSeconds: 60,
      initialBackoffMs: 50,
      maxBackoffMs: 200,
      pageSize: 500,
      discoveryIntervalMs: 60_000,
    };
    connection = new ClusterConnection({
      definition: {
        name: 'stub',
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        auth: { provider: 'serviceAccount', serviceAccountToken: 'token' },
      },
      settings,
      discoveryIntervalMs: settings.discoveryIntervalMs,
      sink: { upsert: () => {}, remove: () => {} },
      trimmer: new ObjectTrimmer(),
      logger: mockServices.logger.mock(),
    });
    connection.start();
  });

  afterAll(async () => {
    await connection?.stop();
    await new Promise(resolve => server.close(resolve));
  });

  it('reports its kinds absent and the cluster synced', async () => {
    const state = await waitFor(
      () => {
        const current = connection.state();
        return current.status === 'synced' ? current : undefined;
      },
      { message: 'stub synced' },
    );
    expect(state.lastError).toBeUndefined();
    const states = Object.fromEntries(
      state.kinds
        .filter(k => k.apiVersion.startsWith('gateway.networking.k8s.io/'))
        .map(k => [k.kind, k.state]),
    );
    expect(states).toEqual({
      Gateway: 'watching',
      HTTPRoute: 'watching',
      GatewayClass: 'absent',
      GRPCRoute: 'absent',
      TCPRoute: 'absent',
      TLSRoute: 'absent',
      ReferenceGrant: 'absent',
    });
  });
});
