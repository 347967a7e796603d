import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ResponseError, toError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  resolveServiceClaims,
  type ServiceClaimant,
} from '@meshplane/plugin-meshplane-common';
import {
  buildFleetEntities,
  clustersOfEntity,
  diffEntities,
  ENTITY_SUMMARY_FIELDS,
  type LocatedCatalogFinding,
  toProvidedEntity,
  withContentHash,
} from '../entities';
import type { FleetRead, FleetReader } from './FleetReader';
import {
  type MeshplaneEntityProviderConfig,
  readProviderConfigs,
} from './MeshplaneEntityProviderConfig';

/** A 503 from a plugin of this backend that has not started yet (the first runs race the startup). */
function isStarting(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    error.response.status === 503 &&
    error.body.error.name === 'ServiceUnavailableError'
  );
}

/**
 * A failed answer of the meshplane backend in one line: the path asked for,
 * the status, and the backend's own error when it sent Backstage's JSON error
 * body; never a raw body (a proxy's HTML page, say), which the `ResponseError`
 * carries in its cause.
 */
function describeFailedAnswer(error: ResponseError): string {
  const { url, headers } = error.response;
  const path = url ? new URL(url).pathname : 'the meshplane backend';
  const upstream = headers.get('content-type')?.startsWith('application/json')
    ? error.body.error
    : undefined;
  return `${path} answered ${error.statusCode}${
    error.statusText ? ` ${error.statusText}` : ''
  }${
    upstream
      ? ` (${upstream.name}: ${String(upstream.message).slice(0, 300)})`
      : ''
  }`;
}

/**
 * What a {@link MeshplaneEntityProvider} needs besides its config.
 *
 * @public
 */
export interface MeshplaneEntityProviderDeps {
  logger: LoggerService;
  /** Reads the fleet from the meshplane backend. */
  fleet: Pick<FleetReader, 'read'>;
  /** Lists the catalog entities that already claim mesh services. */
  readClaimants: () => Promise<ServiceClaimant[]>;
  /**
   * The catalog's entities at a provider location (see
   * `readProvidedEntities`): what the provider's earlier mutations left
   * there, whichever replica applied them. `fields` limits what is read.
   */
  readProvided: (location: string, fields?: string[]) => Promise<Entity[]>;
}

/**
 * Emits the fleet into the catalog (DESIGN §5): a full mutation on its
 * schedule, and in between a conditional poll of the meshplane backend
 * (`If-None-Match`) plus a look at the catalog's claiming entities, which
 * applies a delta mutation when the build differs from what the catalog
 * holds. Full and delta runs of one provider never overlap on a replica.
 *
 * The provider keeps no state that a mutation depends on: a delta compares
 * the build with the catalog's own entities at the provider's location (by
 * their `meshplane.io/entity-hash`), so the scheduler may run the full and
 * delta tasks on different replicas.
 *
 * A cluster the backend has not synced yet contributes no services: what the
 * catalog holds from it is kept — a delta does not remove it, a full mutation
 * carries it over from the catalog — so a backend restart never empties the
 * catalog, while entities gone from the synced clusters are still removed.
 *
 * @public
 */
export class MeshplaneEntityProvider implements EntityProvider {
  static fromConfig(
    config: Config,
    deps: MeshplaneEntityProviderDeps & { scheduler: SchedulerService },
  ): MeshplaneEntityProvider[] {
    return readProviderConfigs(config).map(
      providerConfig =>
        new MeshplaneEntityProvider({
          ...deps,
          config: providerConfig,
          taskRunner: deps.scheduler.createScheduledTaskRunner(
            providerConfig.schedule,
          ),
          deltaTaskRunner: deps.scheduler.createScheduledTaskRunner(
            providerConfig.deltaSchedule,
          ),
        }),
    );
  }

  readonly #config: MeshplaneEntityProviderConfig;
  readonly #deps: MeshplaneEntityProviderDeps;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #deltaTaskRunner: SchedulerServiceTaskRunner;
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;
  /** The fleet this replica read last; its `etag` makes the next read conditional. */
  #lastRead?: FleetRead;
  #loggedFindings = new Set<string>();
  #running: Promise<void> = Promise.resolve();

  constructor(
    options: MeshplaneEntityProviderDeps & {
      config: MeshplaneEntityProviderConfig;
      taskRunner: SchedulerServiceTaskRunner;
      deltaTaskRunner: SchedulerServiceTaskRunner;
    },
  ) {
    this.#config = options.config;
    this.#deps = options;
    this.#taskRunner = options.taskRunner;
    this.#deltaTaskRunner = options.deltaTaskRunner;
    this.#logger = options.logger.child({
      provider: this.getProviderName(),
    });
  }

  getProviderName(): string {
    return `MeshplaneEntityProvider:${this.#config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: signal => this.refresh(signal),
    });
    await this.#deltaTaskRunner.run({
      id: `${this.getProviderName()}:delta`,
      fn: signal => this.applyChanges(signal),
    });
  }

  /** Reads the whole fleet and replaces this provider's entities (a full mutation). */
  refresh(signal?: AbortSignal): Promise<void> {
    return this.#exclusive('full', async () => {
      const read = await this.#deps.fleet.read(undefined, signal);
      if (read) {
        await this.#apply(read, await this.#deps.readClaimants(), 'full');
      }
    });
  }

  /**
   * Applies what differs between the fleet (a conditional read: the cached
   * fleet while the backend answers 304) with the current claims and what the
   * catalog holds from this provider, as a delta mutation.
   */
  applyChanges(signal?: AbortSignal): Promise<void> {
    return this.#exclusive('delta', async () => {
      const read =
        (await this.#deps.fleet.read(this.#lastRead?.etag, signal)) ??
        this.#lastRead;
      if (read) {
        await this.#apply(read, await this.#deps.readClaimants(), 'delta');
      }
    });
  }

  /** Runs one task at a time; a failed run is logged, never thrown at the scheduler. */
  #exclusive(kind: string, task: () => Promise<void>): Promise<void> {
    const run = this.#running.then(async () => {
      try {
        await task();
      } catch (error) {
        if (isStarting(error)) {
          this.#logger.info(
            `Meshplane ${kind} catalog update waits for the backend to finish starting: ${
              toError(error).message
            }`,
          );
        } else if (error instanceof ResponseError) {
          this.#logger.error(
            `Meshplane ${kind} catalog update failed: ${describeFailedAnswer(
              error,
            )}; the next run tries again`,
          );
        } else {
          this.#logger.error(
            `Meshplane ${kind} catalog update failed; the next run tries again`,
            toError(error),
          );
        }
      }
    });
    this.#running = run;
    return run;
  }

  async #apply(
    read: FleetRead,
    claimants: ServiceClaimant[],
    kind: 'full' | 'delta',
  ): Promise<void> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    this.#lastRead = read;
    const claims = resolveServiceClaims(claimants, read.snapshot.services);
    const built = buildFleetEntities(
      read.snapshot,
      claims,
      this.#config.entities,
    );
    const entities = built.entities.map(withContentHash);
    const location = this.#config.entities.location;
    const unsynced = new Set(
      (read.snapshot.unsyncedClusters ?? []).map(problem => problem.cluster),
    );
    // What the catalog holds from a cluster that has not synced is unknown to
    // the build: keep it.
    const fromUnsynced = (entity: Entity) =>
      clustersOfEntity(entity).some(cluster => unsynced.has(cluster));

    if (kind === 'full') {
      const builtRefs = new Set(
        entities.map(entity => stringifyEntityRef(entity)),
      );
      const carried =
        unsynced.size === 0
          ? []
          : (await this.#deps.readProvided(location))
              .filter(
                entity =>
                  !builtRefs.has(stringifyEntityRef(entity)) &&
                  fromUnsynced(entity),
              )
              .map(toProvidedEntity);
      await connection.applyMutation({
        type: 'full',
        entities: [...entities, ...carried].map(entity => ({
          entity,
          locationKey: location,
        })),
      });
      this.#logger.info(
        `Applied a full mutation of ${entities.length} entities (${
          built.findings.length
        } findings)${
          carried.length > 0
            ? `, carrying over ${carried.length} ${
                carried.length === 1 ? 'entity' : 'entities'
              } of unsynced clusters`
            : ''
        }`,
      );
    } else {
      const delta = diffEntities(
        await this.#deps.readProvided(location, ENTITY_SUMMARY_FIELDS),
        entities,
      );
      const removed = delta.removed.filter(entity => !fromUnsynced(entity));
      if (delta.added.length > 0 || removed.length > 0) {
        await connection.applyMutation({
          type: 'delta',
          added: delta.added.map(entity => ({ entity, locationKey: location })),
          removed: removed.map(entity => ({
            entityRef: stringifyEntityRef(entity),
            locationKey: location,
          })),
        });
        this.#logger.info(
          `Applied a delta mutation: ${delta.added.length} added or changed, ${removed.length} removed`,
        );
      }
    }
    this.#reportFindings(built.findings);
  }

  /** Logs each finding once while it lasts (it is on its entity meanwhile). */
  #reportFindings(findings: LocatedCatalogFinding[]): void {
    const current = new Set<string>();
    for (const finding of findings) {
      const key = `${finding.code}|${finding.entityRef}|${finding.message}`;
      current.add(key);
      if (!this.#loggedFindings.has(key)) {
        this.#logger.warn(finding.message, {
          code: finding.code,
          entityRef: finding.entityRef,
        });
      }
    }
    this.#loggedFindings = current;
  }
}
