import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_SERVICES,
  type ServiceClaimant,
  serviceClaimant,
} from '@meshplane/plugin-meshplane-common';

/**
 * The claim an entity makes on mesh services, or `undefined` when it carries
 * neither `meshplane.io/services` nor `backstage.io/kubernetes-id`.
 *
 * @public
 */
export function toServiceClaimant(entity: Entity): ServiceClaimant | undefined {
  return serviceClaimant(
    stringifyEntityRef(entity),
    entity.metadata.annotations,
  );
}

/**
 * Reads the catalog entities that claim mesh services (`meshplane.io/services`
 * or `backstage.io/kubernetes-id`) with the plugin's own credentials, as the
 * claimants of the claim rule (`resolveServiceClaims` of meshplane-common),
 * sorted by entity ref. `include` leaves entities out (the catalog module
 * leaves out the entities it emitted itself).
 *
 * @public
 */
export async function readServiceClaimants(options: {
  catalog: CatalogService;
  auth: AuthService;
  include?: (entity: Entity) => boolean;
}): Promise<ServiceClaimant[]> {
  const { items } = await options.catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${ANNOTATION_MESHPLANE_SERVICES}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  return items
    .filter(entity => options.include?.(entity) ?? true)
    .map(toServiceClaimant)
    .filter((claimant): claimant is ServiceClaimant => claimant !== undefined)
    .sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
}
