import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CreateMeshRequest,
  DefaultApiClient,
  MeshRequestDetail,
  MeshRequestListQuery,
  MeshRequestListResponse,
  RenderResponse,
  WorkspaceInventory,
  WorkspaceListResponse,
} from '@meshplane/plugin-meshplane-common';
import type { MeshplaneRequestOptions } from './MeshplaneApi';
import type { MeshplaneRequestsApi } from './MeshplaneRequestsApi';
import {
  answerOf,
  type MeshplaneHttpOptions,
  meshplaneApiClient,
} from './requestMeshplane';

/**
 * {@link MeshplaneRequestsApi} over HTTP, through the client generated from
 * the backend's openapi.yaml, with the discovery and fetch APIs (the fetch API
 * adds the user's Backstage token) and the same timeout and error handling as
 * `MeshplaneClient`.
 *
 * @public
 */
export class MeshplaneRequestsClient implements MeshplaneRequestsApi {
  private readonly api: DefaultApiClient;

  /** `timeoutMs`: time a call may take before it fails with `MeshplaneTimeoutError`; default 30 s. */
  constructor(options: MeshplaneHttpOptions) {
    this.api = meshplaneApiClient(options);
  }

  async listRequests(
    query: MeshRequestListQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestListResponse> {
    return answerOf(await this.api.listRequests({ query }, options));
  }

  async getRequest(
    id: string,
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestDetail> {
    return answerOf(await this.api.getRequest({ path: { id } }, options));
  }

  async approveRequest(
    id: string,
    comment?: string,
  ): Promise<MeshRequestDetail> {
    return answerOf(
      await this.api.approveRequest({ path: { id }, body: { comment } }),
    );
  }

  async rejectRequest(
    id: string,
    comment?: string,
  ): Promise<MeshRequestDetail> {
    return answerOf(
      await this.api.rejectRequest({ path: { id }, body: { comment } }),
    );
  }

  async retryRequest(id: string): Promise<MeshRequestDetail> {
    return answerOf(await this.api.retryRequest({ path: { id } }));
  }

  async refreshPreview(id: string): Promise<MeshRequestDetail> {
    return answerOf(await this.api.previewRequest({ path: { id } }));
  }

  async getWorkspaces(
    query: { owned?: boolean } = {},
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceListResponse> {
    return answerOf(
      await this.api.listWorkspaces(
        { query: { owned: query.owned ? 'true' : undefined } },
        options,
      ),
    );
  }

  async getWorkspaceInventory(
    workspaceRef: string,
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceInventory> {
    const { namespace, name } = parseEntityRef(workspaceRef, {
      defaultKind: 'system',
      defaultNamespace: 'default',
    });
    return answerOf(
      await this.api.getWorkspaceInventory(
        { path: { namespace, name } },
        options,
      ),
    );
  }

  async renderRequest(
    request: CreateMeshRequest,
    options?: MeshplaneRequestOptions,
  ): Promise<RenderResponse> {
    return answerOf(await this.api.renderRequest({ body: request }, options));
  }
}
