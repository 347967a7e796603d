import type { AuthService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

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
