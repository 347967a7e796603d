import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  ClusterListResponse,
  EntityMeshView,
  FindingsQuery,
  FindingsResponse,
  HealthResponse,
  MetricsSourceListResponse,
  NamespaceReadiness,
  ServiceListQuery,
  ServiceListResponse,
  TrafficWindow,
} from '@meshplane/plugin-meshplane-common';

/**
 * Options of every {@link MeshplaneApi} call.
 *
 * @public
 */
export interface MeshplaneRequestOptions {
  /** Aborts the request (e.g. when the component unmounts). */
  signal?: AbortSignal;
}

/**
 * Which observed traffic an entity's answer is joined with (`GET /entity/...`'s query).
 * Without a metrics source the backend answers the configuration either way.
 *
 * @public
 */
export interface EntityTrafficQuery {
  /** The window observed traffic is averaged over; the backend's default is `5m`. */
  window?: TrafficWindow;
  /**
   * `observed`: only the edges with traffic in the window (the backend's default when a
   * metrics source answered); `all`: every caller and callee the configuration permits.
   */
  callers?: 'observed' | 'all';
}

/**
 * Options of {@link MeshplaneApi.getEntityMesh}: the traffic query and the request's signal.
 *
 * @public
 */
export interface EntityMeshRequestOptions
  extends MeshplaneRequestOptions,
    EntityTrafficQuery {}

/**
 * The Meshplane backend (`/api/meshplane`) as the frontend sees it. Every
 * call answers from the backend's cache; clusters that could not contribute
 * come back in the answer's `problems`, never as a failed call.
 *
 * Failed calls reject with a `ResponseError` from `@backstage/errors`
 * (`statusCode` 403 when a permission is missing, 404 for an unknown cluster
 * or entity), or with a {@link MeshplaneTimeoutError}.
 *
 * @public
 */
export interface MeshplaneApi {
  /** `GET /health`: status and version of the backend plugin. */
  getHealth(options?: MeshplaneRequestOptions): Promise<HealthResponse>;
  /** `GET /clusters`: every configured cluster with its connection status. */
  getClusters(options?: MeshplaneRequestOptions): Promise<ClusterListResponse>;
  /** `GET /clusters/:name`: one cluster with per-kind sync state and mTLS posture. */
  getCluster(
    name: string,
    options?: MeshplaneRequestOptions,
  ): Promise<ClusterDetail>;
  /** `GET /services`: logical services, filtered and paged. */
  getServices(
    query?: ServiceListQuery,
    options?: MeshplaneRequestOptions,
  ): Promise<ServiceListResponse>;
  /**
   * `GET /entity/:kind/:namespace/:name`: everything the Mesh tab shows for one catalog
   * entity, joined with the observed traffic of `options.window` and listing `options.callers`.
   */
  getEntityMesh(
    entity: CompoundEntityRef,
    options?: EntityMeshRequestOptions,
  ): Promise<EntityMeshView>;
  /** `GET /metrics/sources`: every metrics source of the fleet with its status. */
  getMetricsSources(
    options?: MeshplaneRequestOptions,
  ): Promise<MetricsSourceListResponse>;
  /** `GET /findings`: fleet-wide findings, filtered and paged. */
  getFindings(
    query?: FindingsQuery,
    options?: MeshplaneRequestOptions,
  ): Promise<FindingsResponse>;
  /**
   * `GET /readiness`: what would break or change if the namespace moved from sidecars to
   * ambient, one answer per cluster that has it.
   */
  getNamespaceReadiness(
    namespace: string,
    options?: MeshplaneRequestOptions,
  ): Promise<NamespaceReadiness[]>;
}

/**
 * Reference to the {@link MeshplaneApi} implementation.
 *
 * @public
 */
export const meshplaneApiRef = createApiRef<MeshplaneApi>({
  id: 'plugin.meshplane.service',
});
