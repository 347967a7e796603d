import { useApi } from '@backstage/core-plugin-api';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import useAsync from 'react-use/esm/useAsync';
import { useCatalogLinks } from './useCatalogLinks';

/**
 * The catalog page of the entity that represents one logical service, if
 * the catalog has one: the service's `entityRef`, read from the Meshplane
 * backend.
 */
export function useServiceEntityLink(
  service: { namespace?: string; name: string } | undefined,
) {
  const meshplaneApi = useApi(meshplaneApiRef);
  const { serviceLink } = useCatalogLinks();
  const namespace = service?.namespace;
  const name = service?.name;
  const { value: entityRef, loading } = useAsync(async () => {
    if (!namespace || !name) return undefined;
    return (
      meshplaneApi
        .getServices({ namespace, q: `${namespace}/${name}` })
        .then(
          answer =>
            answer.items.find(s => s.namespace === namespace && s.name === name)
              ?.entityRef,
        )
        // Without the answer there is nothing to link to.
        .catch(() => undefined)
    );
  }, [meshplaneApi, namespace, name]);
  return { link: serviceLink({ entityRef }), loading };
}
