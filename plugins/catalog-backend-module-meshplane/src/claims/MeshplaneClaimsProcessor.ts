import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  resolveServiceClaims,
  type ServiceClaimant,
  type ServiceSummary,
} from '@meshplane/plugin-meshplane-common';
import { toServiceClaimant } from '@meshplane/plugin-meshplane-node';
import { annotateFindings } from '../entities';
import {
  type FleetRead,
  type FleetReader,
  isProvidedByMeshplane,
} from '../providers';

/** How long the other claimants and the fleet's services are reused before they are read again. */
const DEFAULT_CACHE_MS = 10_000;

interface ClaimInputs {
  at: number;
  claimants: ServiceClaimant[];
  services: ServiceSummary[];
}

/**
 * Surfaces claim problems on the catalog entities that claim mesh services
 * (`meshplane.io/services`, `backstage.io/kubernetes-id`), which no Meshplane
 * provider emits and so cannot annotate: while such an entity is processed,
 * its `invalid-claim` (the annotation does not parse) and `duplicate-claim`
 * (another entity claims one of its services) findings are written on its
 * `meshplane.io/catalog-findings` annotation, resolved exactly as the
 * provider resolves claims. The other claimants and the fleet's services are
 * read at most every 10 s; a claimant learns of a newer duplicate at its next
 * processing.
 *
 * @public
 */
export class MeshplaneClaimsProcessor implements CatalogProcessor {
  readonly #readClaimants: () => Promise<ServiceClaimant[]>;
  readonly #fleet: Pick<FleetReader, 'read'>;
  readonly #logger: LoggerService;
  readonly #cacheMs: number;
  #inputs?: ClaimInputs;
  #pending?: Promise<ClaimInputs | undefined>;
  #lastRead?: FleetRead;
  #failing = false;

  constructor(options: {
    /** Lists the catalog entities that claim mesh services. */
    readClaimants: () => Promise<ServiceClaimant[]>;
    /** Reads the fleet (its services resolve `backstage.io/kubernetes-id` claims). */
    fleet: Pick<FleetReader, 'read'>;
    logger: LoggerService;
    /** How long inputs are reused; default 10 s. */
    cacheMs?: number;
  }) {
    this.#readClaimants = options.readClaimants;
    this.#fleet = options.fleet;
    this.#logger = options.logger;
    this.#cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  }

  getProcessorName(): string {
    return 'MeshplaneClaimsProcessor';
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    const own = toServiceClaimant(entity);
    if (!own || isProvidedByMeshplane(entity)) {
      return entity;
    }
    const inputs = await this.#currentInputs();
    // The entity as it is now, not as the catalog last stored it.
    const claimants = [
      ...(inputs?.claimants ?? []).filter(c => c.entityRef !== own.entityRef),
      own,
    ];
    const { findings } = resolveServiceClaims(
      claimants,
      inputs?.services ?? [],
    );
    return annotateFindings(
      entity,
      findings.filter(finding => finding.entityRef === own.entityRef),
    );
  }

  /** The cached inputs, read again once they are older than the cache time (one read at a time). */
  async #currentInputs(): Promise<ClaimInputs | undefined> {
    if (this.#inputs && Date.now() - this.#inputs.at < this.#cacheMs) {
      return this.#inputs;
    }
    this.#pending ??= this.#readInputs().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #readInputs(): Promise<ClaimInputs | undefined> {
    try {
      const [claimants, read] = await Promise.all([
        this.#readClaimants(),
        this.#fleet.read(this.#lastRead?.etag),
      ]);
      this.#lastRead = read ?? this.#lastRead;
      this.#inputs = {
        at: Date.now(),
        claimants,
        services: this.#lastRead?.snapshot.services ?? [],
      };
      this.#failing = false;
    } catch (error) {
      // Keep what was read before (or nothing), and wait a cache time before the next try.
      if (!this.#failing) {
        this.#logger.warn(
          `Meshplane claims processor could not read the claimants or the fleet; duplicate claims are checked against the last answer: ${
            toError(error).message
          }`,
        );
      }
      this.#failing = true;
      this.#inputs = {
        at: Date.now(),
        claimants: this.#inputs?.claimants ?? [],
        services: this.#inputs?.services ?? [],
      };
    }
    return this.#inputs;
  }
}
