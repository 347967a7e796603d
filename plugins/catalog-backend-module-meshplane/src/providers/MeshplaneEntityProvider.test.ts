import { mockServices } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  demoLikeSnapshot,
  demoOptions,
  instance,
  serviceSummary,
} from '../__fixtures__/fleetSnapshot';
import type { ServiceClaimant } from '@meshplane/plugin-meshplane-common';
import { readCatalogFindings } from '../entities';
import type { FleetRead } from './FleetReader';
import { MeshplaneEntityProvider } from './MeshplaneEntityProvider';

/**
 * The catalog as the provider sees it: mutations land in `entities` (as
 * processed copies, with the fields the catalog adds) unless `processing` is
 * paused, which leaves them out as a catalog that has not processed them yet.
 */
class FakeCatalog {
  readonly entities = new Map<string, Entity>();
  readonly mutations: EntityProviderMutation[] = [];
  readonly reads: Array<string[] | undefined> = [];
  processing = true;

  connection(): EntityProviderConnection {
    return {
      applyMutation: async mutation => {
        this.mutations.push(mutation);
        if (!this.processing) return;
        if (mutation.type === 'full') {
          this.entities.clear();
          mutation.entities.forEach(({ entity }) => this.store(entity));
        } else {
          mutation.added.forEach(({ entity }) => this.store(entity));
          mutation.removed.forEach(removed =>
            this.entities.delete(
              'entityRef' in removed
                ? removed.entityRef
                : stringifyEntityRef(removed.entity),
            ),
          );
        }
      },
      refresh: jest.fn(),
    };
  }

  readProvided = async (location: string, fields?: string[]) => {
    this.reads.push(fields);
    return [...this.entities.values()].filter(
      entity => entity.metadata.annotations?.[ANNOTATION_LOCATION] === location,
    );
  };

  refs(): string[] {
    return [...this.entities.keys()].sort();
  }

  private store(entity: Entity) {
    this.entities.set(stringifyEntityRef(entity), {
      ...entity,
      metadata: {
        ...entity.metadata,
        namespace: 'default',
        uid: `uid-${entity.metadata.name}`,
      },
      relations: [],
    });
  }
}

/** A provider whose fleet reads answer from `reads`, in order; `undefined` stands for a 304. */
function setup(
  reads: Array<FleetRead | undefined | Error>,
  options: {
    claimants?: ServiceClaimant[];
    id?: string;
    catalog?: FakeCatalog;
  } = {},
) {
  const { claimants = [], id = 'test', catalog = new FakeCatalog() } = options;
  const etags: Array<string | undefined> = [];
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const taskRunner = { run: jest.fn() };
  const deltaTaskRunner = { run: jest.fn() };
  const provider = new MeshplaneEntityProvider({
    config: {
      id,
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      deltaSchedule: { frequency: { seconds: 5 }, timeout: { minutes: 1 } },
      entities: demoOptions,
    },
    logger,
    fleet: {
      read: async (etag?: string) => {
        etags.push(etag);
        const next = reads.shift();
        if (next instanceof Error) {
          throw next;
        }
        return next;
      },
    },
    readClaimants: async () => [...claimants],
    readProvided: catalog.readProvided,
    taskRunner,
    deltaTaskRunner,
  });
  return {
    provider,
    connection: catalog.connection(),
    catalog,
    mutations: catalog.mutations,
    etags,
    logger,
    taskRunner,
    deltaTaskRunner,
  };
}

function refs(mutation: EntityProviderMutation): string[] {
  const deferred =
    mutation.type === 'full' ? mutation.entities : mutation.added;
  return deferred.map(({ entity }) =>
    `${entity.kind}:${entity.metadata.name}`.toLowerCase(),
  );
}

const fleet = (
  etag: string,
  snapshot = demoLikeSnapshot(),
  unsyncedClusters: string[] = [],
): FleetRead => ({
  etag,
  snapshot: {
    ...snapshot,
    unsyncedClusters: unsyncedClusters.map(cluster => ({
      cluster,
      status: 'unreachable' as const,
      stale: false,
    })),
  },
});

/** The demo-like fleet without west-1's services, as after a restart of the backend. */
function withoutWest() {
  const partial = demoLikeSnapshot();
  partial.services = partial.services
    .map(service => ({
      ...service,
      clusters: service.clusters.filter(i => i.cluster !== 'west-1'),
    }))
    .filter(service => service.clusters.length > 0);
  return partial;
}

describe('MeshplaneEntityProvider', () => {
  it('is named after its id and schedules a full and a delta task', async () => {
    const { provider, connection, taskRunner, deltaTaskRunner } = setup([], {
      id: 'prod',
    });
    expect(provider.getProviderName()).toBe('MeshplaneEntityProvider:prod');
    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'MeshplaneEntityProvider:prod:refresh' }),
    );
    expect(deltaTaskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'MeshplaneEntityProvider:prod:delta' }),
    );
  });

  it('applies a full mutation with a locationKey, then nothing while the catalog holds the build', async () => {
    const { provider, connection, mutations, etags, catalog } = setup([
      fleet('v1'),
      undefined,
    ]);
    await provider.connect(connection);
    await provider.refresh();
    await provider.applyChanges();
    expect(etags).toEqual([undefined, 'v1']);
    expect(mutations).toHaveLength(1);
    expect(mutations[0].type).toBe('full');
    expect(refs(mutations[0])).toContain('component:productpage.bookinfo');
    expect(
      mutations[0].type === 'full' &&
        mutations[0].entities.every(
          e =>
            e.locationKey === 'meshplane-provider:default' &&
            /^[0-9a-f]{32}$/.test(
              e.entity.metadata.annotations?.['meshplane.io/entity-hash'] ?? '',
            ),
        ),
    ).toBe(true);
    // The delta compared the build with the catalog's entities, reading only refs and annotations.
    expect(catalog.reads).toEqual([
      ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations'],
    ]);
  });

  it('applies only what changed as a delta', async () => {
    const changed = demoLikeSnapshot();
    changed.services = changed.services.filter(s => s.name !== 'reviews');
    changed.services.push(
      serviceSummary('bookinfo', 'ratings', [
        instance('east-1', { owner: 'bookinfo-team' }),
      ]),
    );
    const { provider, connection, mutations } = setup([
      fleet('v1'),
      fleet('v2', changed),
    ]);
    await provider.connect(connection);
    await provider.refresh();
    await provider.applyChanges();
    // productpage changed too: it no longer depends on the vanished reviews.
    expect(mutations[1].type).toBe('delta');
    expect(refs(mutations[1])).toEqual([
      'component:productpage.bookinfo',
      'component:ratings.bookinfo',
    ]);
    expect(mutations[1].type === 'delta' && mutations[1].removed).toEqual([
      {
        entityRef: 'component:default/reviews.bookinfo',
        locationKey: 'meshplane-provider:default',
      },
    ]);
  });

  it('computes deltas against the catalog, not against what this replica applied', async () => {
    // Two replicas share one catalog: the full run happens on the first, the deltas on the second.
    const catalog = new FakeCatalog();
    const changed = demoLikeSnapshot();
    changed.services = changed.services.filter(s => s.name !== 'details');
    const first = setup([fleet('v1')], { catalog });
    const second = setup([fleet('v2', changed), undefined], { catalog });
    await first.provider.connect(first.connection);
    await second.provider.connect(second.connection);
    await first.provider.refresh();
    await second.provider.applyChanges();
    // productpage no longer depends on details, which is gone.
    expect(catalog.mutations[1].type).toBe('delta');
    expect(refs(catalog.mutations[1])).toEqual([
      'component:productpage.bookinfo',
    ]);
    expect(
      catalog.mutations[1].type === 'delta' && catalog.mutations[1].removed,
    ).toEqual([
      {
        entityRef: 'component:default/details.bookinfo',
        locationKey: 'meshplane-provider:default',
      },
    ]);
    expect(catalog.refs()).not.toContain('component:default/details.bookinfo');
    // The fleet is unchanged (304), but the catalog lost an entity meanwhile: the next delta restores it.
    catalog.entities.delete('component:default/reviews.bookinfo');
    await second.provider.applyChanges();
    expect(refs(catalog.mutations[2])).toEqual(['component:reviews.bookinfo']);
  });

  it('sends entities the catalog has not processed yet again, and nothing twice once it has', async () => {
    const { provider, connection, mutations, catalog } = setup([
      fleet('v1'),
      undefined,
      undefined,
    ]);
    await provider.connect(connection);
    catalog.processing = false;
    await provider.refresh();
    await provider.applyChanges();
    expect(mutations.map(m => m.type)).toEqual(['full', 'delta']);
    expect(refs(mutations[1])).toEqual(refs(mutations[0]));
    catalog.processing = true;
    await provider.applyChanges();
    await provider.applyChanges();
    expect(mutations.map(m => m.type)).toEqual(['full', 'delta', 'delta']);
  });

  it('replaces its Component when a catalog entity starts claiming the service, without a fleet change', async () => {
    const claimants: ServiceClaimant[] = [];
    const { provider, connection, mutations } = setup(
      [fleet('v1'), undefined, undefined],
      { claimants },
    );
    await provider.connect(connection);
    await provider.refresh();
    await provider.applyChanges();
    expect(mutations).toHaveLength(1);
    claimants.push({
      entityRef: 'component:default/reviews-app',
      services: 'bookinfo/reviews',
    });
    await provider.applyChanges();
    expect(mutations[1].type === 'delta' && mutations[1].removed).toEqual([
      {
        entityRef: 'component:default/reviews.bookinfo',
        locationKey: 'meshplane-provider:default',
      },
    ]);
    // productpage now depends on the claiming entity instead.
    const productpage =
      mutations[1].type === 'delta' &&
      mutations[1].added.find(
        e => e.entity.metadata.name === 'productpage.bookinfo',
      );
    expect(productpage && productpage.entity.spec?.dependsOn).toContain(
      'component:default/reviews-app',
    );
  });

  it('keeps what the catalog holds from a cluster the backend has not synced yet, in deltas and full runs', async () => {
    const { provider, connection, mutations, catalog, logger } = setup([
      fleet('v1'),
      fleet('v2', withoutWest(), ['west-1']),
      fleet('v3', withoutWest(), ['west-1']),
      fleet('v4', withoutWest()),
    ]);
    await provider.connect(connection);
    await provider.refresh();
    expect(catalog.refs()).toContain('component:default/details.bookinfo');

    // A delta removes nothing that west-1 contributed.
    await provider.applyChanges();
    expect(mutations[1].type === 'delta' && mutations[1].removed).toEqual([]);
    expect(catalog.refs()).toContain('component:default/details.bookinfo');
    // The cluster Resource says why, and the log says it once.
    const west = catalog.entities.get('resource:default/west-1')!;
    expect(readCatalogFindings(west)).toEqual([
      {
        code: 'incomplete-fleet',
        message: expect.stringContaining(
          'Cluster west-1 is not synced by the meshplane backend yet',
        ),
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Cluster west-1 is not synced'),
      { code: 'incomplete-fleet', entityRef: 'resource:default/west-1' },
    );

    // A full run still happens, carrying west-1's entities over from the catalog.
    await provider.refresh();
    expect(mutations[2].type).toBe('full');
    const details =
      mutations[2].type === 'full' &&
      mutations[2].entities.find(
        e => e.entity.metadata.name === 'details.bookinfo',
      );
    expect(details && details.entity.metadata).not.toHaveProperty('uid');
    expect(catalog.refs()).toContain('component:default/details.bookinfo');

    // Once every cluster is synced, the full mutation removes what is really gone.
    await provider.refresh();
    expect(mutations[3].type).toBe('full');
    expect(refs(mutations[3])).not.toContain('component:details.bookinfo');
    expect(catalog.refs()).not.toContain('component:default/details.bookinfo');
  });

  it('removes what is gone from synced clusters while another cluster is unsynced', async () => {
    const catalog = new FakeCatalog();
    const first = setup([fleet('v1')], { catalog });
    await first.provider.connect(first.connection);
    await first.provider.refresh();
    // After a restart (another replica, nothing in memory), billing vanished from east-1
    // while west-1 has not synced.
    const partial = withoutWest();
    partial.services = partial.services.filter(s => s.name !== 'billing');
    const restarted = setup([fleet('v2', partial, ['west-1'])], { catalog });
    await restarted.provider.connect(restarted.connection);
    await restarted.provider.refresh();
    expect(catalog.refs()).not.toContain('component:default/billing.payments');
    expect(catalog.refs()).toContain('component:default/details.bookinfo');
  });

  it('logs a failed read and carries on with the next run', async () => {
    const { provider, connection, mutations, logger } = setup([
      new Error('connect ECONNREFUSED 127.0.0.1:7007'),
      fleet('v1'),
    ]);
    await provider.connect(connection);
    await provider.refresh();
    expect(logger.error).toHaveBeenCalledWith(
      'Meshplane full catalog update failed; the next run tries again',
      expect.objectContaining({
        message: 'connect ECONNREFUSED 127.0.0.1:7007',
      }),
    );
    await provider.applyChanges();
    expect(mutations.map(m => m.type)).toEqual(['delta']);
  });

  it('logs a failed answer with its status, never the raw body a proxy sent', async () => {
    const response = new Response(
      '<html><body>502 Bad Gateway at /srv/proxy/errors.html</body></html>',
      { status: 502, statusText: 'Bad Gateway' },
    );
    Object.defineProperty(response, 'url', {
      value: 'http://127.0.0.1:7007/api/meshplane/services?limit=1000',
    });
    const { provider, connection, logger } = setup([
      await ResponseError.fromResponse(response),
    ]);
    await provider.connect(connection);
    await provider.refresh();
    expect(logger.error).toHaveBeenCalledWith(
      'Meshplane full catalog update failed: /api/meshplane/services answered 502 Bad Gateway; the next run tries again',
    );
  });

  it('waits quietly while the backend is still starting', async () => {
    const starting = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ServiceUnavailableError',
            message: 'Service has not started up yet',
          },
          request: { method: 'GET', url: '/api/meshplane/services' },
          response: { statusCode: 503 },
        }),
        { status: 503, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const { provider, connection, logger } = setup([starting]);
    await provider.connect(connection);
    await provider.refresh();
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('waits for the backend to finish starting'),
    );
  });

  it('logs each finding once while it lasts', async () => {
    const sandbox = demoLikeSnapshot();
    sandbox.services.push(
      serviceSummary('sandbox', 'scratch', [instance('east-1')]),
    );
    const { provider, connection, logger } = setup([
      fleet('v1', sandbox),
      fleet('v2', sandbox),
    ]);
    await provider.connect(connection);
    await provider.refresh();
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Namespace sandbox has no meshplane.io/owner label',
      ),
      { code: 'missing-owner', entityRef: 'component:default/scratch.sandbox' },
    );
  });
});
