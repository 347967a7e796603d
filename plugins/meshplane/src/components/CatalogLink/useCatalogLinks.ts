import {
  type CompoundEntityRef,
  type Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { ANNOTATION_MESHPLANE_CLUSTER } from '@meshplane/plugin-meshplane-common';
import { useOptionalRouteRef } from '@meshplane/plugin-meshplane-react';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A catalog page: its title and path. */
export interface CatalogLink {
  title: string;
  href: string;
}

/**
 * Links from mesh objects to their catalog pages: a service to the entity
 * that claims it (the `entityRef` the Meshplane backend answers with it, by
 * the claim rule of meshplane-common), a cluster to its `kubernetes-cluster`
 * Resource (`meshplane.io/cluster`, one catalog query for every row).
 * `mesh: true` links to the entity's Mesh tab. The functions answer
 * `undefined` for objects the catalog has no entity for, and for clusters
 * while the catalog is read.
 */
export function useCatalogLinks() {
  // Without the catalog (its API or its entity pages) nothing links.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const entityRoute = useOptionalRouteRef(entityRouteRef);
  const { value: clusters } = useAsync(async () => {
    if (!catalogApi) return undefined;
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        [`metadata.annotations.${ANNOTATION_MESHPLANE_CLUSTER}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
    });
    const byCluster = new Map<string, Entity>();
    for (const entity of items) {
      const name = entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLUSTER];
      if (name && !byCluster.has(name)) byCluster.set(name, entity);
    }
    return byCluster;
  }, [catalogApi]);

  const link = useCallback(
    (
      ref: CompoundEntityRef,
      title: string,
      mesh?: boolean,
    ): CatalogLink | undefined =>
      entityRoute && {
        title,
        href: `${entityRoute({
          kind: ref.kind.toLocaleLowerCase('en-US'),
          namespace: ref.namespace,
          name: ref.name,
        })}${mesh ? '/mesh' : ''}`,
      },
    [entityRoute],
  );

  const serviceLink = useCallback(
    (service: { entityRef?: string }, options: { mesh?: boolean } = {}) =>
      service.entityRef
        ? link(
            parseEntityRef(service.entityRef),
            service.entityRef,
            options.mesh,
          )
        : undefined,
    [link],
  );
  const clusterLink = useCallback(
    (cluster: string, options: { mesh?: boolean } = {}) => {
      const entity = clusters?.get(cluster);
      return entity
        ? link(
            getCompoundEntityRef(entity),
            entity.metadata.title ?? stringifyEntityRef(entity),
            options.mesh,
          )
        : undefined;
    },
    [clusters, link],
  );
  return { serviceLink, clusterLink };
}
