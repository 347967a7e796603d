import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_SERVICES,
  type ServiceClaimant,
  serviceClaimant,
} from '@meshplane/plugin-meshplane-common';

/** Location type of every entity a Meshplane provider emits. */
export const MESHPLANE_PROVIDER_LOCATION_TYPE = 'meshplane-provider';

/** Whether a Meshplane provider emitted the entity (its location is `meshplane-provider:<id>`). */
export function isProvidedByMeshplane(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[ANNOTATION_LOCATION]?.startsWith(
      `${MESHPLANE_PROVIDER_LOCATION_TYPE}:`,
    ),
  );
}

/**
 * The claim an entity makes on mesh services, or `undefined` when it carries
 * neither `meshplane.io/services` nor `backstage.io/kubernetes-id`.
 */
export function toServiceClaimant(entity: Entity): ServiceClaimant | undefined {
  return serviceClaimant(
    stringifyEntityRef(entity),
    entity.metadata.annotations,
  );
}

/**
 * Lists the catalog entities that link themselves to mesh services
 * (`meshplane.io/services` or `backstage.io/kubernetes-id`), leaving out the
 * entities Meshplane providers emitted themselves.
 *
 * @public
 */
export async function readServiceClaimants(options: {
  catalog: CatalogService;
  auth: AuthService;
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
    .filter(entity => !isProvidedByMeshplane(entity))
    .map(toServiceClaimant)
    .filter((claimant): claimant is ServiceClaimant => claimant !== undefined);
}

/**
 * The catalog's entities at a provider's location
 * (`backstage.io/managed-by-location`), read page by page: what earlier
 * mutations left there, whichever replica applied them. `fields` limits what
 * is read of each entity.
 *
 * @public
 */
export async function readProvidedEntities(options: {
  catalog: CatalogService;
  auth: AuthService;
  location: string;
  fields?: string[];
}): Promise<Entity[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  for await (const page of options.catalog.streamEntities(
    {
      filter: {
        [`metadata.annotations.${ANNOTATION_LOCATION}`]: options.location,
      },
      fields: options.fields,
    },
    { credentials },
  )) {
    entities.push(...page);
  }
  return entities;
}
