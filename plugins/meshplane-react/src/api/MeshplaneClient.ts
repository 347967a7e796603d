import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  ClusterListResponse,
  DefaultApiClient,
  EntityMeshView,
  FindingsQuery,
  FindingsResponse,
  HealthResponse,
  MetricsSourceListResponse,
  NamespaceReadiness,
  ServiceListQuery,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import type {
  EntityMeshRequestOptions,
  MeshplaneApi,
  MeshplaneRequestOptions,
} from './MeshplaneApi';
import {
  answerOf,
  type MeshplaneHttpOptions,
  meshplaneApiClient,
} from './requestMeshplane';

/**
 * {@link MeshplaneApi} over HTTP, through the client generated from the
 * backend's openapi.yaml: resolves the backend through the discovery API and
 * sends every request through the fetch API (which adds the user's Backstage
 * token), with a timeout.
 *
 * @public
 */
export class MeshplaneClient implements MeshplaneApi {
  private readonly api: DefaultApiClient;

  /** `timeoutMs`: time a call may take before it fails with `MeshplaneTimeoutError`; default 30 s. */
  constructor(options: MeshplaneHttpOptions) {
    this.api = meshplaneApiClient(options);
  }

  async getHealth(options?: MeshplaneRequestOptions): Promise<HealthResponse> {
    return answerOf(await this.api.getHealth({}, options));
  }

  async getClusters(
    options?: MeshplaneRequestOptions,
  ): Promise<ClusterListResponse> {
    return answerOf(await this.api.listClusters({}, options));
  }

  async getCluster(
    name: string,
    options?: MeshplaneRequestOptions,
  ): Promise<ClusterDetail> {
    return answerOf(await this.api.getCluster({ path: { name } }, options));
  }

  async getServices(
    query: ServiceListQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<ServiceListResponse> {
    return answerOf(await this.api.listServices({ query }, options));
  }

  async getEntityMesh(
    entity: CompoundEntityRef,
    options: EntityMeshRequestOptions = {},
  ): Promise<EntityMeshView> {
    const { kind, namespace, name } = entity;
    const { window, callers, signal } = options;
    return answerOf(
      await this.api.getEntityMeshView(
        { path: { kind, namespace, name }, query: { window, callers } },
        { signal },
      ),
    );
  }

  async getMetricsSources(
    options?: MeshplaneRequestOptions,
  ): Promise<MetricsSourceListResponse> {
    return answerOf(await this.api.listMetricsSources({}, options));
  }

  async getFindings(
    query: FindingsQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<FindingsResponse> {
    return answerOf(await this.api.listFindings({ query }, options));
  }

  async getNamespaceReadiness(
    namespace: string,
    options?: MeshplaneRequestOptions,
  ): Promise<NamespaceReadiness[]> {
    const answer = await answerOf(
      await this.api.getNamespaceReadiness({ query: { namespace } }, options),
    );
    return answer.items;
  }
}
