import type { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import type {
  ClusterProblem,
  ServiceSummary,
} from '@meshplane/plugin-meshplane-common';
import type { FleetSnapshot } from '../entities';

/** Largest page `GET /services` serves. */
const PAGE_SIZE = 1000;
/** Reads of all pages before giving up on a fleet that changes faster than it can be paged. */
const MAX_ATTEMPTS = 3;

/**
 * The fleet as the provider read it: the snapshot (with the clusters whose
 * services are missing because the backend has not synced them) and the
 * `ETag` of the fleet state.
 *
 * @public
 */
export interface FleetRead {
  etag?: string;
  snapshot: FleetSnapshot;
}

/**
 * The calls the provider makes to the meshplane backend.
 *
 * @public
 */
export type FleetClient = Pick<
  MeshplaneApiClient,
  'listClusters' | 'listClusterEndpoints' | 'listServicesIfChanged'
>;

/**
 * Reads clusters, their endpoints and every page of logical services from the
 * meshplane backend, as one consistent fleet state: every page must carry the
 * same `ETag`, otherwise the read starts over.
 *
 * @public
 */
export class FleetReader {
  readonly #client: FleetClient;

  constructor(options: { client: FleetClient }) {
    this.#client = options.client;
  }

  /**
   * @param ifNoneMatch - `ETag` of the previous read: resolves `undefined` while the fleet is unchanged
   * @param signal - aborts the requests (the task's timeout)
   */
  async read(
    ifNoneMatch?: string,
    signal?: AbortSignal,
  ): Promise<FleetRead | undefined> {
    const options = { signal };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const first = await this.#client.listServicesIfChanged(
        { limit: PAGE_SIZE, offset: 0 },
        ifNoneMatch,
        options,
      );
      if (!first) {
        return undefined;
      }
      const services: ServiceSummary[] = [...first.body.items];
      const problems: ClusterProblem[] = [...first.body.problems];
      let consistent = true;
      while (consistent && services.length < first.body.totalItems) {
        const page = await this.#client.listServicesIfChanged(
          { limit: PAGE_SIZE, offset: services.length },
          undefined,
          options,
        );
        if (!page || page.etag !== first.etag || page.body.items.length === 0) {
          consistent = false;
        } else {
          services.push(...page.body.items);
          problems.push(...page.body.problems);
        }
      }
      if (!consistent) {
        continue;
      }
      const [clusters, endpoints] = await Promise.all([
        this.#client.listClusters(options),
        this.#client.listClusterEndpoints(options),
      ]);
      // Which clusters are missing from `services`, and why, come from the
      // reading of `services` itself (its pages share one fleet state): the
      // cluster list is read later and may already tell another status.
      const unsynced = new Map<string, ClusterProblem>();
      for (const problem of problems) {
        if (!problem.stale && !unsynced.has(problem.cluster)) {
          unsynced.set(problem.cluster, problem);
        }
      }
      return {
        etag: first.etag,
        snapshot: {
          clusters: clusters.items,
          endpoints: endpoints.items,
          services,
          unsyncedClusters: [...unsynced.values()].sort((a, b) =>
            a.cluster.localeCompare(b.cluster),
          ),
        },
      };
    }
    throw new Error(
      `The fleet changed while its services were read, ${MAX_ATTEMPTS} times in a row; the next run reads it again`,
    );
  }
}
