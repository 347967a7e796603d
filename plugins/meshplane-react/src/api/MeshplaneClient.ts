import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  ClusterListResponse,
  EntityMeshView,
  FindingsQuery,
  FindingsResponse,
  HealthResponse,
  ServiceListQuery,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import type { MeshplaneApi, MeshplaneRequestOptions } from './MeshplaneApi';
import {
  type MeshplaneHttpOptions,
  type MeshplaneQueryValue,
  requestMeshplane,
} from './requestMeshplane';

/**
 * {@link MeshplaneApi} over HTTP: resolves the backend through the discovery
 * API and sends every request through the fetch API (which adds the user's
 * Backstage token).
 *
 * @public
 */
export class MeshplaneClient implements MeshplaneApi {
  private readonly http: MeshplaneHttpOptions;

  /** `timeoutMs`: time a call may take before it fails with `MeshplaneTimeoutError`; default 30 s. */
  constructor(options: MeshplaneHttpOptions) {
    this.http = options;
  }

  getHealth(options?: MeshplaneRequestOptions): Promise<HealthResponse> {
    return this.get('/health', {}, options);
  }

  getClusters(options?: MeshplaneRequestOptions): Promise<ClusterListResponse> {
    return this.get('/clusters', {}, options);
  }

  getCluster(
    name: string,
    options?: MeshplaneRequestOptions,
  ): Promise<ClusterDetail> {
    return this.get(`/clusters/${encodeURIComponent(name)}`, {}, options);
  }

  getServices(
    query: ServiceListQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<ServiceListResponse> {
    return this.get('/services', { ...query }, options);
  }

  getEntityMesh(
    entity: CompoundEntityRef,
    options?: MeshplaneRequestOptions,
  ): Promise<EntityMeshView> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.get(`/entity/${path}`, {}, options);
  }

  getFindings(
    query: FindingsQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<FindingsResponse> {
    return this.get('/findings', { ...query }, options);
  }

  private get<T>(
    path: string,
    query: Record<string, MeshplaneQueryValue>,
    options: MeshplaneRequestOptions = {},
  ): Promise<T> {
    return requestMeshplane(this.http, { path, query, signal: options.signal });
  }
}
