import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_SERVICES,
} from '@meshplane/plugin-meshplane-common';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import useAsync from 'react-use/esm/useAsync';
import { claimingEntity } from './claimingEntity';

/**
 * The catalog page of the entity that represents a logical service (see
 * {@link claimingEntity}), if the catalog has one. Reads the entities that
 * claim mesh services and, for the `backstage.io/kubernetes-id` rule, the
 * Service's label from the Meshplane backend.
 */
export function useServiceEntityLink(
  service: { namespace?: string; name: string } | undefined,
) {
  const catalogApi = useApi(catalogApiRef);
  const meshplaneApi = useApi(meshplaneApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const namespace = service?.namespace;
  const name = service?.name;
  const { value, loading } = useAsync(async () => {
    if (!namespace || !name) return undefined;
    const [{ items }, kubernetesId] = await Promise.all([
      catalogApi.getEntities({
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
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
        ],
      }),
      meshplaneApi
        .getServices({ namespace, q: `${namespace}/${name}` })
        .then(
          answer =>
            answer.items.find(s => s.namespace === namespace && s.name === name)
              ?.kubernetesId,
        )
        // Without the label only the meshplane.io/services rule applies.
        .catch(() => undefined),
    ]);
    const entity = claimingEntity(items, { namespace, name, kubernetesId });
    if (!entity) return undefined;
    return {
      title: entity.metadata.title ?? stringifyEntityRef(entity),
      href: entityRoute({
        kind: entity.kind.toLocaleLowerCase('en-US'),
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    };
  }, [catalogApi, meshplaneApi, entityRoute, namespace, name]);
  return { link: value, loading };
}
