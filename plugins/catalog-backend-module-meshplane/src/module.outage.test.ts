import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { TestBackend } from '@backstage/backend-test-utils';
import type { FleetServer } from '@meshplane/fleet-sim';
import type {
  ClusterDetail,
  ClusterListResponse,
} from '@meshplane/plugin-meshplane-common';
import request from 'supertest';
import {
  catalogReader,
  eventually,
  inMemoryDatabases,
  startDemoFleet,
  startPortalBackend,
} from './__testUtils__/catalogTestBackend';

/*
 * One cluster going down and coming back, with the real meshplane backend
 * and the real catalog with this module: the logs tell the outage once when
 * it starts and once when it ends, however many retries and catalog polls
 * happen in between.
 */

jest.setTimeout(240_000);

interface LogLine {
  level: 'error' | 'warn' | 'info';
  message: string;
}

const databases = inMemoryDatabases();
const logs: LogLine[] = [];
let fleet: FleetServer;
let backend: TestBackend;
const { entityWhen } = catalogReader(() => backend.server);

/** Every line any plugin logs (the root logger and all its children). */
const capturingLogger: LoggerService = {
  error: message => logs.push({ level: 'error', message }),
  warn: message => logs.push({ level: 'warn', message }),
  info: message => logs.push({ level: 'info', message }),
  debug: () => {},
  child: () => capturingLogger,
};

async function clusterStatus(name: string): Promise<string | undefined> {
  const res = await request(backend.server).get('/api/meshplane/clusters');
  return (res.body as ClusterListResponse).items?.find(c => c.name === name)
    ?.status;
}

/** The provider's reads of the fleet's services (through the meshplane API client's fetch). */
const fetches = jest.spyOn(globalThis, 'fetch');
const servicesReads = () =>
  fetches.mock.calls.filter(([url]) =>
    String(url).includes('/api/meshplane/services'),
  ).length;

beforeAll(async () => {
  fleet = await startDemoFleet();
  backend = await startPortalBackend({
    fleet,
    databases,
    features: [
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => capturingLogger,
      }),
    ],
    // Fast retries: many of them happen during the outage.
    meshplane: config => ({
      ...config,
      connection: {
        requestTimeout: 1500,
        initialBackoff: 100,
        maxBackoff: 800,
        discoveryInterval: 1000,
      },
    }),
    catalog: {
      providers: {
        meshplane: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
          deltaSchedule: {
            frequency: { seconds: 1 },
            timeout: { seconds: 30 },
          },
          clusters: { owner: 'platform-team' },
          ownership: { fallbackOwner: 'platform-team' },
        },
      },
    },
  });
});

afterAll(async () => {
  await backend?.stop();
  await fleet?.stop();
});

it('logs one line when a cluster goes down and one when it is back', async () => {
  await entityWhen('component:default/reviews.bookinfo');
  await eventually('every cluster synced', async () => {
    const res = await request(backend.server).get('/api/meshplane/clusters');
    return (res.body as ClusterListResponse).items.every(
      c => c.status === 'synced',
    )
      ? true
      : undefined;
  });
  logs.length = 0;

  await fleet.setFaults('west-1', { down: true });
  await eventually('west-1 unreachable', async () =>
    (await clusterStatus('west-1')) === 'unreachable' ? true : undefined,
  );
  // The outage goes on: every kind of west-1 retries, and the provider reads the fleet again.
  const down = new Date().toISOString();
  const readsBefore = servicesReads();
  await eventually('retries and catalog polls during the outage', async () => {
    const detail = (
      await request(backend.server).get('/api/meshplane/clusters/west-1')
    ).body as ClusterDetail;
    const retried = detail.kinds
      .filter(kind => kind.state !== 'absent')
      .every(kind => (kind.lastError?.at ?? '') > down);
    return retried && servicesReads() >= readsBefore + 3 ? true : undefined;
  });

  await fleet.setFaults('west-1', {});
  await eventually('west-1 synced again', async () =>
    (await clusterStatus('west-1')) === 'synced' ? true : undefined,
  );
  // A change made after the return reaches the catalog: everything has settled.
  fleet.cluster('west-1').apply({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'after-outage', namespace: 'bookinfo' },
    spec: { selector: { app: 'after-outage' }, ports: [{ port: 9080 }] },
  });
  await entityWhen('component:default/after-outage.bookinfo');

  const told = logs.filter(
    line => line.level !== 'info' || line.message.includes('west-1'),
  );
  expect(told).toEqual([
    {
      level: 'warn',
      message: expect.stringMatching(/^Cluster west-1 is unreachable \(.+\)$/),
    },
    {
      level: 'info',
      message: expect.stringMatching(
        /^Cluster west-1 is synced again after \d+ s unreachable$/,
      ),
    },
  ]);
});
