import { useApi } from '@backstage/core-plugin-api';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import useAsync from 'react-use/esm/useAsync';
import { useCatalogLinks } from './useCatalogLinks';

/**
 * The catalog page of the entity that represents one logical service (see
 * {@link claimingEntity}), if the catalog has one. Reads the Service's
 * `backstage.io/kubernetes-id` label from the Meshplane backend for the
 * Kubernetes plugin's rule.
 */
export function useServiceEntityLink(
  service: { namespace?: string; name: string } | undefined,
) {
  const meshplaneApi = useApi(meshplaneApiRef);
  const { serviceLink, loaded } = useCatalogLinks();
  const namespace = service?.namespace;
  const name = service?.name;
  const { value: kubernetesId, loading } = useAsync(async () => {
    if (!namespace || !name) return undefined;
    return (
      meshplaneApi
        .getServices({ namespace, q: `${namespace}/${name}` })
        .then(
          answer =>
            answer.items.find(s => s.namespace === namespace && s.name === name)
              ?.kubernetesId,
        )
        // Without the label only the meshplane.io/services rule applies.
        .catch(() => undefined)
    );
  }, [meshplaneApi, namespace, name]);
  const link =
    namespace && name && !loading
      ? serviceLink({ namespace, name, kubernetesId })
      : undefined;
  return { link, loading: loading || !loaded };
}
