import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  aggregateStatus,
  RequestStore,
  requestMigrationsDirectory,
} from './RequestStore';
import { securityRequest } from './__fixtures__/requests';
import { requestTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = requestTestDatabases();

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await RequestStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store };
}

const later = (seconds: number) =>
  new Date(
    Date.parse('2025-06-01T10:00:00.000Z') + seconds * 1000,
  ).toISOString();

describe('requestMigrationsDirectory', () => {
  it('is a folder of the package that the package ships', () => {
    const root = resolvePackagePath('@meshplane/plugin-meshplane-backend');
    const { files } = JSON.parse(
      readFileSync(join(root, 'package.json'), 'utf8'),
    ) as { files: string[] };
    const directory = requestMigrationsDirectory();
    expect(files).toContain(relative(root, directory));
    expect(
      readdirSync(directory).filter(file => file.endsWith('.js')).length,
    ).toBeGreaterThan(0);
  });
});

describe('aggregateStatus', () => {
  it.each<[Parameters<typeof aggregateStatus>[0], string]>([
    [['READY', 'READY'], 'READY'],
    [['READY', 'FAILED'], 'PARTIAL'],
    [['READY', 'ACCEPTED'], 'PARTIAL'],
    [['FAILED', 'ACCEPTED'], 'FAILED'],
    [['ACCEPTED', 'ACCEPTED'], 'ACCEPTED'],
    [[], 'ACCEPTED'],
  ])('%j → %s', (statuses, expected) => {
    expect(aggregateStatus(statuses)).toBe(expected);
  });
});

describe.each(databases.eachSupportedId())('RequestStore on %s', databaseId => {
  it('stores a request with its objects, clusters and audit trail, and lists it', async () => {
    const { store } = await createStore(databaseId);
    const created = await store.insert(securityRequest('r1'));
    expect(created).toMatchObject({
      id: 'r1',
      workspace: 'system:default/bookinfo',
      approval: { state: 'PENDING' },
      status: 'ACCEPTED',
      clusters: [
        {
          cluster: 'east-1',
          status: 'ACCEPTED',
          objectCount: 2,
          appliedCount: 0,
          attempts: 0,
        },
        {
          cluster: 'west-1',
          status: 'ACCEPTED',
          objectCount: 2,
          appliedCount: 0,
          attempts: 0,
        },
      ],
    });
    expect(created.group.settings).toEqual({
      trafficMode: 'REQUIRED',
      authorization: { mode: 'WORKSPACE' },
    });
    expect(
      (await store.objects('r1', { cluster: 'west-1' })).map(o => [
        o.seq,
        o.object.kind,
      ]),
    ).toEqual([
      [0, 'PeerAuthentication'],
      [1, 'AuthorizationPolicy'],
    ]);
    expect(await store.events('r1')).toEqual([
      expect.objectContaining({
        actor: 'user:default/guest',
        action: 'created',
      }),
    ]);
    expect(
      (await store.list({ workspace: 'system:default/bookinfo' })).map(
        r => r.id,
      ),
    ).toEqual(['r1']);
    expect(await store.list({ workspace: 'system:default/payments' })).toEqual(
      [],
    );
  });

  it('filters lists by permission conditions', async () => {
    const { store } = await createStore(databaseId);
    await store.insert(securityRequest('mine'));
    await store.insert(
      securityRequest('theirs', {
        requester: 'user:default/bob',
        workspace: 'system:default/payments',
        workspaceOwner: 'group:default/payments-team',
        at: later(1),
      }),
    );
    const ids = async (filter: Parameters<typeof store.list>[1]) =>
      (await store.list({}, filter)).map(r => r.id).sort();
    expect(
      await ids({ property: 'requester', values: ['user:default/guest'] }),
    ).toEqual(['mine']);
    expect(
      await ids({
        anyOf: [
          { property: 'requester', values: ['user:default/nobody'] },
          {
            property: 'workspaceOwner',
            values: ['group:default/payments-team'],
          },
        ],
      }),
    ).toEqual(['theirs']);
    expect(
      await ids({
        not: { property: 'workspace', values: ['system:default/bookinfo'] },
      }),
    ).toEqual(['theirs']);
    expect(
      await ids({
        allOf: [
          {
            property: 'workspaceOwner',
            values: [
              'group:default/bookinfo-team',
              'group:default/payments-team',
            ],
          },
          { not: { property: 'requester', values: ['user:default/bob'] } },
        ],
      }),
    ).toEqual(['mine']);
  });

  it('lets exactly one decision win', async () => {
    const { store } = await createStore(databaseId);
    await store.insert(securityRequest('r1'));
    const results = await Promise.allSettled([
      store.decide('r1', {
        approve: true,
        actor: 'user:default/alice',
        at: later(1),
      }),
      store.decide('r1', {
        approve: false,
        actor: 'user:default/carol',
        at: later(1),
      }),
    ]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter(r => r.status === 'rejected')).toEqual([
      expect.objectContaining({
        reason: expect.objectContaining({ name: 'ConflictError' }),
      }),
    ]);
    await expect(
      store.decide('missing', {
        approve: true,
        actor: 'user:default/alice',
        at: later(1),
      }),
    ).rejects.toThrow(/No request missing/);
  });

  it('queues clusters on approval and hands each to one lease holder at a time', async () => {
    const { store } = await createStore(databaseId);
    await store.insert(securityRequest('r1'));
    expect(
      await store.claimDueCluster({
        owner: 'a',
        now: later(1),
        leaseUntil: later(61),
      }),
    ).toBeUndefined();

    await store.decide('r1', {
      approve: true,
      actor: 'user:default/alice',
      at: later(1),
    });
    const claims = await Promise.all(
      ['a', 'b', 'c'].map(owner =>
        store.claimDueCluster({ owner, now: later(2), leaseUntil: later(62) }),
      ),
    );
    const granted = claims.filter(Boolean);
    expect(granted).toHaveLength(2);
    expect(new Set(granted.map(lease => lease!.cluster))).toEqual(
      new Set(['east-1', 'west-1']),
    );
    expect(
      await store.claimDueCluster({
        owner: 'd',
        now: later(3),
        leaseUntil: later(63),
      }),
    ).toBeUndefined();

    // An expired lease (a replica that died mid-rollout) is taken over.
    const takeover = await store.claimDueCluster({
      owner: 'd',
      now: later(70),
      leaseUntil: later(130),
    });
    expect(takeover).toBeDefined();
    // The replica that lost it can no longer finish it.
    const lost = granted.find(lease => lease!.cluster === takeover!.cluster)!;
    expect(await store.extendLease(lost, later(200))).toBe(false);
    expect(
      await store.finishCluster(lost, {
        ok: true,
        message: 'applied',
        at: later(71),
        actor: 'meshplane',
      }),
    ).toBeUndefined();
  });

  it('records applied objects, aggregates PARTIAL and retries only failed clusters', async () => {
    const { store } = await createStore(databaseId);
    await store.insert(securityRequest('r1'));
    await store.decide('r1', {
      approve: true,
      actor: 'user:default/alice',
      at: later(1),
    });
    const first = (await store.claimDueCluster({
      owner: 'a',
      now: later(2),
      leaseUntil: later(62),
    }))!;
    const second = (await store.claimDueCluster({
      owner: 'a',
      now: later(2),
      leaseUntil: later(62),
    }))!;

    for (const object of await store.objects('r1', {
      cluster: first.cluster,
      pendingOnly: true,
    })) {
      await store.markApplied(first, object.seq, '17', later(3));
    }
    await store.finishCluster(first, {
      ok: true,
      message: 'applied 2 objects',
      at: later(3),
      actor: 'meshplane',
    });
    const [pendingObject] = await store.objects('r1', {
      cluster: second.cluster,
      pendingOnly: true,
    });
    await store.markApplied(second, pendingObject.seq, '18', later(3));
    const partial = await store.finishCluster(second, {
      ok: false,
      message: 'cluster unreachable',
      at: later(4),
      actor: 'meshplane',
    });
    expect(partial?.status).toBe('PARTIAL');
    expect(
      partial?.clusters.find(c => c.cluster === second.cluster),
    ).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      appliedCount: 1,
      lastError: 'cluster unreachable',
    });
    expect(
      await store.claimDueCluster({
        owner: 'a',
        now: later(5),
        leaseUntil: later(65),
      }),
    ).toBeUndefined();

    const queued = await store.retry('r1', 'user:default/guest', later(6));
    expect(queued.status).toBe('PARTIAL');
    expect(
      queued.clusters.find(c => c.cluster === second.cluster)?.status,
    ).toBe('ACCEPTED');
    const again = (await store.claimDueCluster({
      owner: 'b',
      now: later(7),
      leaseUntil: later(67),
    }))!;
    expect(again.cluster).toBe(second.cluster);
    // Only the object that was not applied is left to apply.
    expect(
      (
        await store.objects('r1', { cluster: again.cluster, pendingOnly: true })
      ).map(o => o.seq),
    ).toEqual([1]);
    const ready = await store.finishCluster(again, {
      ok: true,
      message: 'applied',
      at: later(8),
      actor: 'meshplane',
    });
    expect(ready?.status).toBe('READY');
    await expect(
      store.retry('r1', 'user:default/guest', later(9)),
    ).rejects.toThrow(/no failed cluster/);
    expect((await store.events('r1')).map(e => e.action)).toEqual([
      'created',
      'approved',
      'applied',
      'apply-failed',
      'retried',
      'applied',
    ]);
  });

  it('keeps everything across a restart (a new store on the same database)', async () => {
    const { knex, store } = await createStore(databaseId);
    await store.insert(securityRequest('r1'));
    await store.decide('r1', {
      approve: true,
      actor: 'user:default/alice',
      at: later(1),
    });

    const restarted = await RequestStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    expect(await restarted.getOrThrow('r1')).toMatchObject({
      approval: { state: 'APPROVED', decidedBy: 'user:default/alice' },
      clusters: [{ cluster: 'east-1' }, { cluster: 'west-1' }],
    });
    expect(
      await restarted.claimDueCluster({
        owner: 'new',
        now: later(2),
        leaseUntil: later(62),
      }),
    ).toBeDefined();
  });
});
