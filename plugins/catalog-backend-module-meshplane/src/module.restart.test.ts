import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { TestBackend } from '@backstage/backend-test-utils';
import type { FleetServer } from '@meshplane/fleet-sim';
import {
  catalogReader,
  eventually,
  inMemoryDatabases,
  startDemoFleet,
  startPortalBackend,
} from './__testUtils__/catalogTestBackend';
import { readCatalogFindings } from './entities';

/*
 * A restart of the portal with the same catalog database: the provider keeps
 * nothing in memory across it, reads what the catalog holds, removes what
 * went away meanwhile and keeps what an unreachable cluster contributed.
 */

jest.setTimeout(240_000);

const databases = inMemoryDatabases();
const logs: string[] = [];
let fleet: FleetServer;
let backend: TestBackend | undefined;
const { entityWhen, entityGone, getEntity } = catalogReader(
  () => backend!.server,
);

/** Every message any plugin logs, to follow the provider's runs. */
const capturingLogger: LoggerService = {
  error: message => logs.push(message),
  warn: message => logs.push(message),
  info: message => logs.push(message),
  debug: () => {},
  child: () => capturingLogger,
};

const wishlist = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'wishlist', namespace: 'bookinfo' },
  spec: {
    selector: { app: 'wishlist' },
    ports: [{ name: 'http', port: 9080, targetPort: 9080 }],
  },
};

/** The portal's backend with the given schedules; the same databases each time. */
function startWithSchedules(schedules: {
  full: { seconds: number } | { minutes: number };
  delta: { seconds: number } | { minutes: number };
}) {
  return startPortalBackend({
    fleet,
    databases,
    features: [
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => capturingLogger,
      }),
    ],
    catalog: {
      providers: {
        meshplane: {
          schedule: { frequency: schedules.full, timeout: { minutes: 3 } },
          deltaSchedule: {
            frequency: schedules.delta,
            timeout: { seconds: 30 },
          },
          clusters: { owner: 'platform-team' },
          ownership: { fallbackOwner: 'platform-team' },
        },
      },
    },
  });
}

beforeAll(async () => {
  fleet = await startDemoFleet();
});

afterAll(async () => {
  await backend?.stop();
  await fleet?.stop();
});

it('after a restart, removes what vanished while it was down and keeps what an unreachable cluster contributed', async () => {
  // Before the restart: wishlist (east-1) and checkout of payments-dev (only in lab-1) are in the catalog.
  backend = await startWithSchedules({
    full: { minutes: 30 },
    delta: { seconds: 2 },
  });
  fleet.cluster('east-1').apply(wishlist);
  await entityWhen('component:default/wishlist.bookinfo');
  await entityWhen('component:default/checkout.payments-dev');
  await backend.stop();
  backend = undefined;

  // While the portal is down, wishlist is deleted and lab-1 becomes unreachable.
  fleet.cluster('east-1').delete({
    apiVersion: 'v1',
    kind: 'Service',
    namespace: 'bookinfo',
    name: 'wishlist',
  });
  await fleet.setFaults('lab-1', { down: true });
  try {
    // Full runs every few seconds (deltas only later): the full mutation does the work.
    logs.length = 0;
    backend = await startWithSchedules({
      full: { seconds: 3 },
      delta: { minutes: 30 },
    });
    // A full run once every other cluster has synced: only lab-1's one service is carried over.
    await eventually('a full run carrying over lab-1 only', async () =>
      logs.some(line =>
        /^Applied a full mutation of \d+ entities .*, carrying over 1 entity of unsynced clusters$/.test(
          line,
        ),
      )
        ? true
        : undefined,
    );
    await entityGone('component:default/wishlist.bookinfo');
    expect(
      await getEntity('component:default/checkout.payments-dev'),
    ).toBeDefined();
    const lab = await entityWhen('resource:default/lab-1', entity =>
      readCatalogFindings(entity).some(f => f.code === 'incomplete-fleet'),
    );
    expect(readCatalogFindings(lab)).toEqual([
      {
        code: 'incomplete-fleet',
        message: expect.stringMatching(
          /^Cluster lab-1 is not synced by the meshplane backend yet \(status (connecting|unreachable).*\); the catalog keeps the services, gateways and VMs built from it until it syncs$/,
        ),
      },
    ]);
  } finally {
    await fleet.setFaults('lab-1', {});
  }

  // Once lab-1 syncs, its Resource no longer carries the finding and its service is still there.
  await entityWhen(
    'resource:default/lab-1',
    entity => readCatalogFindings(entity).length === 0,
    90_000,
  );
  expect(
    await getEntity('component:default/checkout.payments-dev'),
  ).toBeDefined();
});
