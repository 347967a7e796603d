import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_MESHPLANE_CLUSTER,
  type ClusterListResponse,
} from '@meshplane/plugin-meshplane-common';
import {
  ClusterStatusLabel,
  type MeshplaneApi,
  meshplaneApiRef,
} from '@meshplane/plugin-meshplane-react';
import useAsync from 'react-use/esm/useAsync';

/** How long one cluster list serves every status cell of a page. */
const SHARED_FOR_MS = 5_000;

const shared = new WeakMap<
  MeshplaneApi,
  { at: number; list: Promise<ClusterListResponse> }
>();

/** One `GET /clusters` for all the cells that render within a few seconds. */
function clusterList(api: MeshplaneApi): Promise<ClusterListResponse> {
  const cached = shared.get(api);
  if (cached && Date.now() - cached.at < SHARED_FOR_MS) return cached.list;
  const list = api.getClusters();
  shared.set(api, { at: Date.now(), list });
  list.catch(() => shared.delete(api));
  return list;
}

/**
 * The live connection status of the cluster a `kubernetes-cluster` Resource
 * stands for (its `meshplane.io/cluster` annotation), as Meshplane's backend
 * sees it. Meant for catalog table columns: the cells of one page share one
 * request.
 *
 * @public
 */
export function MeshplaneClusterStatus(props: { entity: Entity }) {
  const api = useApi(meshplaneApiRef);
  const name =
    props.entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLUSTER];
  const { value, error } = useAsync(
    async () => (name ? clusterList(api) : undefined),
    [api, name],
  );
  if (!name) return null;
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary" title={error.message}>
        unknown
      </Typography>
    );
  }
  const cluster = value?.items.find(c => c.name === name);
  if (!value) return null;
  if (!cluster) {
    return (
      <Typography variant="body2" color="textSecondary">
        not configured
      </Typography>
    );
  }
  return <ClusterStatusLabel status={cluster.status} />;
}
