import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterListResponse,
  EntityMeshView,
  FindingsQuery,
  FindingsResponse,
  HealthResponse,
  MetricsSourceListResponse,
  NamespaceReadiness,
  ServiceListQuery,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import type { EntityTrafficQuery } from '../api';
import { MeshplaneQueryState, useMeshplane } from './useMeshplane';

/**
 * The Mesh tab's data for one catalog entity, joined with the observed traffic
 * `traffic` asks for (the backend's defaults when absent). While a changed
 * query loads, `value` keeps the previous answer and `loading` is set.
 *
 * @public
 */
export function useEntityMesh(
  entity: CompoundEntityRef,
  traffic: EntityTrafficQuery = {},
): MeshplaneQueryState<EntityMeshView> {
  const { kind, namespace, name } = entity;
  const { window, callers } = traffic;
  return useMeshplane(
    (api, signal) =>
      api.getEntityMesh({ kind, namespace, name }, { window, callers, signal }),
    [kind, namespace, name, window, callers],
  );
}

/** Every metrics source of the fleet with its status. @public */
export function useMetricsSources(): MeshplaneQueryState<MetricsSourceListResponse> {
  return useMeshplane((api, signal) => api.getMetricsSources({ signal }), []);
}

/** Every configured cluster with its status. @public */
export function useClusters(): MeshplaneQueryState<ClusterListResponse> {
  return useMeshplane((api, signal) => api.getClusters({ signal }), []);
}

/** Logical services matching a query. @public */
export function useServices(
  query: ServiceListQuery,
): MeshplaneQueryState<ServiceListResponse> {
  const { q, namespace, cluster, limit, offset } = query;
  return useMeshplane(
    (api, signal) =>
      api.getServices({ q, namespace, cluster, limit, offset }, { signal }),
    [q, namespace, cluster, limit, offset],
  );
}

/** Fleet-wide findings matching a query. @public */
export function useFindings(
  query: FindingsQuery,
): MeshplaneQueryState<FindingsResponse> {
  const { level, cluster, namespace, kind, q, limit, offset } = query;
  const code = query.code?.join(',');
  return useMeshplane(
    (api, signal) =>
      api.getFindings(
        {
          level,
          cluster,
          namespace,
          kind,
          q,
          limit,
          offset,
          code: code ? code.split(',') : undefined,
        },
        { signal },
      ),
    [level, cluster, namespace, kind, q, limit, offset, code],
  );
}

/** Status and version of the backend. @public */
export function useMeshplaneHealth(): MeshplaneQueryState<HealthResponse> {
  return useMeshplane((api, signal) => api.getHealth({ signal }), []);
}

/**
 * Ambient migration readiness of a namespace, per cluster (`undefined` namespace: nothing is
 * fetched). @public
 */
export function useNamespaceReadiness(
  namespace: string | undefined,
): MeshplaneQueryState<NamespaceReadiness[]> {
  return useMeshplane(
    (api, signal) =>
      namespace
        ? api.getNamespaceReadiness(namespace, { signal })
        : Promise.resolve([]),
    [namespace],
  );
}
