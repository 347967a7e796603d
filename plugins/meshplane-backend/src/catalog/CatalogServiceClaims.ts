import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type ClaimableService,
  ServiceClaimIndex,
  type ServiceClaimant,
} from '@meshplane/plugin-meshplane-common';
import { readServiceClaimants } from '@meshplane/plugin-meshplane-node';

/** Id of the scheduled task that reads the claimants again. */
export const CATALOG_CLAIMS_TASK_ID = 'meshplane-catalog-claims';

/**
 * Which catalog entity claims each mesh service, by the claim rule of
 * meshplane-common ({@link ServiceClaimIndex}), so that the API can name it
 * (`entityRef`) and the frontend need not read the catalog to link a service.
 * The claimants (entities with `meshplane.io/services` or
 * `backstage.io/kubernetes-id`, including those Meshplane's catalog module
 * emits for unclaimed services) are read with the plugin's own credentials
 * every 30 s on each replica, never per request. While the catalog cannot be
 * read, the last claims read stay (none before the first read: no
 * `entityRef`), and a warning is logged once.
 */
export class CatalogServiceClaims {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  #index?: ServiceClaimIndex;
  #read = '';
  #version = 0;
  #failing = false;

  private constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
  }

  /** The claims, read again every 30 s by a task of the scheduler (local to this replica). */
  static async create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    scheduler: SchedulerService;
  }): Promise<CatalogServiceClaims> {
    const claims = new CatalogServiceClaims(options);
    await options.scheduler.scheduleTask({
      id: CATALOG_CLAIMS_TASK_ID,
      frequency: { seconds: 30 },
      timeout: { seconds: 30 },
      scope: 'local',
      fn: () => claims.refresh(),
    });
    return claims;
  }

  /** Counts the changes of the claims: a cache of answers that name entities keys on it. */
  get version(): number {
    return this.#version;
  }

  /** The entity that represents a service, when the catalog has one (as last read). */
  entityRefOf(service: ClaimableService): string | undefined {
    return this.#index?.claimantOf(service);
  }

  /** Reads the claimants from the catalog; on failure keeps what was read before. */
  async refresh(): Promise<void> {
    let claimants: ServiceClaimant[];
    try {
      claimants = await readServiceClaimants({
        catalog: this.#catalog,
        auth: this.#auth,
      });
    } catch (error) {
      if (!this.#failing) {
        this.#logger.warn(
          `Could not read the catalog's claims on mesh services; the API names the entities as last read (none before a first read) until the catalog answers: ${
            toError(error).message
          }`,
        );
      }
      this.#failing = true;
      return;
    }
    this.#failing = false;
    const read = JSON.stringify(claimants);
    if (read === this.#read) return;
    this.#read = read;
    this.#index = new ServiceClaimIndex(claimants);
    this.#version += 1;
  }
}
