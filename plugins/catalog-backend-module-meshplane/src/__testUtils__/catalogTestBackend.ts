import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  resolvePackagePath,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { JsonObject } from '@backstage/types';
import {
  type FleetServer,
  loadFleet,
  renderAppConfig,
  startFleet,
} from '@meshplane/fleet-sim';
// The integration tests run the real meshplane backend next to the catalog.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import meshplanePlugin from '@meshplane/plugin-meshplane-backend';
import type { Server } from 'node:http';
import request from 'supertest';
import YAML from 'yaml';
import { catalogModuleMeshplaneEntityProvider } from '../module';

/*
 * What the integration tests of the module share: the demo fleet, databases
 * that are closed after the tests, and bounded waits on the catalog's answers.
 */

/** Starts the demo fleet (packages/fleet-sim/fleets/demo) over HTTPS. */
export async function startDemoFleet(): Promise<FleetServer> {
  return startFleet({
    fleet: await loadFleet(
      resolvePackagePath('@meshplane/fleet-sim', 'fleets/demo'),
    ),
  });
}

/**
 * A database service factory giving each plugin its own in-memory SQLite
 * database, kept across backends started with the same factory (a restart)
 * and closed after the test file. Call it at the top level of a test file.
 *
 * The default database service leaves SQLite connections open at shutdown,
 * which keeps Jest's worker from exiting.
 */
export function inMemoryDatabases() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const byPlugin = new Map<string, ReturnType<typeof databases.init>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory({ pluginMetadata }) {
      const pluginId = pluginMetadata.getId();
      if (!byPlugin.has(pluginId)) {
        byPlugin.set(pluginId, databases.init('SQLITE_3'));
      }
      const client = byPlugin.get(pluginId)!;
      return { getClient: () => client };
    },
  });
}

/**
 * The portal's backend in a test: the real catalog with this module, the real
 * meshplane backend reading `fleet`, the real scheduler (the provider's tasks
 * run on their schedules), the given databases and `catalog` config.
 */
export function startPortalBackend(options: {
  fleet: FleetServer;
  databases: ServiceFactory;
  catalog: JsonObject;
  /** Changes the meshplane config rendered for the fleet. */
  meshplane?: (config: JsonObject) => JsonObject;
  features?: ServiceFactory[];
}) {
  const { meshplane } = YAML.parse(renderAppConfig(options.fleet));
  return startTestBackend({
    features: [
      catalogPlugin,
      meshplanePlugin,
      catalogModuleMeshplaneEntityProvider,
      schedulerServiceFactory,
      options.databases,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          meshplane: options.meshplane?.(meshplane) ?? meshplane,
          catalog: options.catalog,
        },
      }),
    ],
  });
}

/** Waits for `probe` to return something other than `undefined`, polling within a bound. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolveDelay => setTimeout(resolveDelay, 250));
  }
}

/** The targets of an entity's relations of one type, sorted. */
export function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef)
    .sort();
}

/** Reads of the catalog's REST API of a test backend. */
export function catalogReader(server: () => Server) {
  async function getEntity(ref: string): Promise<Entity | undefined> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const response = await request(server()).get(
      `/api/catalog/entities/by-name/${kind}/${namespace}/${encodeURIComponent(
        name,
      )}`,
    );
    return response.status === 200 ? (response.body as Entity) : undefined;
  }

  /** The entity, once it exists and `ready` holds for it. */
  function entityWhen(
    ref: string,
    ready: (entity: Entity) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<Entity> {
    return eventually(
      `${ref} in the catalog`,
      async () => {
        const entity = await getEntity(ref);
        return entity && ready(entity) ? entity : undefined;
      },
      timeoutMs,
    );
  }

  /** Resolves once the entity is gone from the catalog. */
  function entityGone(ref: string, timeoutMs?: number): Promise<true> {
    return eventually(
      `${ref} to be removed from the catalog`,
      async () => ((await getEntity(ref)) ? undefined : true),
      timeoutMs,
    );
  }

  async function queryByAnnotation(
    annotation: string,
    value: string,
  ): Promise<Entity[]> {
    const response = await request(server())
      .get('/api/catalog/entities/by-query')
      .query({ filter: `metadata.annotations.${annotation}=${value}` });
    if (response.status !== 200) {
      throw new Error(
        `Catalog query by ${annotation}=${value} answered ${response.status}`,
      );
    }
    return response.body.items as Entity[];
  }

  return { getEntity, entityWhen, entityGone, queryByAnnotation };
}
