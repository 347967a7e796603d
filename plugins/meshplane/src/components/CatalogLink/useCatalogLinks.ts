import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_CLUSTER,
  ANNOTATION_MESHPLANE_SERVICES,
} from '@meshplane/plugin-meshplane-common';
import { useOptionalRouteRef } from '@meshplane/plugin-meshplane-react';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { claimingEntity, type LinkedService } from './claimingEntity';

/** A catalog page: its title and path. */
export interface CatalogLink {
  title: string;
  href: string;
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
];

/**
 * Links from mesh objects to their catalog pages for a list of rows, with one
 * catalog query: a service to the entity that claims it (see
 * {@link claimingEntity}), a cluster to its `kubernetes-cluster` Resource
 * (`meshplane.io/cluster`). `mesh: true` links to the entity's Mesh tab.
 * The functions answer `undefined` while the catalog is read, and for objects
 * the catalog has no entity for.
 */
export function useCatalogLinks() {
  // Without the catalog (its API or its entity pages) nothing links.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  const { value } = useAsync(async () => {
    if (!catalogApi) return undefined;
    const { items } = await catalogApi.getEntities({
      filter: [
        {
          [`metadata.annotations.${ANNOTATION_MESHPLANE_SERVICES}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          kind: 'resource',
          [`metadata.annotations.${ANNOTATION_MESHPLANE_CLUSTER}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: FIELDS,
    });
    const clusters = new Map<string, Entity>();
    for (const entity of items) {
      const name = entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLUSTER];
      if (name && !clusters.has(name)) clusters.set(name, entity);
    }
    return { claimants: items, clusters };
  }, [catalogApi]);

  const link = useCallback(
    (entity: Entity | undefined, mesh?: boolean): CatalogLink | undefined =>
      entity &&
      entityRoute && {
        title: entity.metadata.title ?? stringifyEntityRef(entity),
        href: `${entityRoute({
          kind: entity.kind.toLocaleLowerCase('en-US'),
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        })}${mesh ? '/mesh' : ''}`,
      },
    [entityRoute],
  );

  const serviceLink = useCallback(
    (service: LinkedService, options: { mesh?: boolean } = {}) =>
      value && link(claimingEntity(value.claimants, service), options.mesh),
    [value, link],
  );
  const clusterLink = useCallback(
    (cluster: string, options: { mesh?: boolean } = {}) =>
      value && link(value.clusters.get(cluster), options.mesh),
    [value, link],
  );
  return { serviceLink, clusterLink, loaded: Boolean(value) };
}
