import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CreateMeshRequest,
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
  type MeshplaneHttpOptions,
  requestMeshplane,
} from './requestMeshplane';

/**
 * {@link MeshplaneRequestsApi} over HTTP, through the discovery and fetch
 * APIs (the fetch API adds the user's Backstage token), with the same
 * timeout and error handling as `MeshplaneClient`.
 *
 * @public
 */
export class MeshplaneRequestsClient implements MeshplaneRequestsApi {
  private readonly http: MeshplaneHttpOptions;

  /** `timeoutMs`: time a call may take before it fails with `MeshplaneTimeoutError`; default 30 s. */
  constructor(options: MeshplaneHttpOptions) {
    this.http = options;
  }

  listRequests(
    query: MeshRequestListQuery = {},
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestListResponse> {
    return requestMeshplane(this.http, {
      path: '/requests',
      query: { ...query },
      signal: options?.signal,
    });
  }

  getRequest(
    id: string,
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestDetail> {
    return requestMeshplane(this.http, {
      path: this.requestPath(id),
      signal: options?.signal,
    });
  }

  approveRequest(id: string, comment?: string): Promise<MeshRequestDetail> {
    return this.post(`${this.requestPath(id)}/approve`, { comment });
  }

  rejectRequest(id: string, comment?: string): Promise<MeshRequestDetail> {
    return this.post(`${this.requestPath(id)}/reject`, { comment });
  }

  retryRequest(id: string): Promise<MeshRequestDetail> {
    return this.post(`${this.requestPath(id)}/retry`, {});
  }

  refreshPreview(id: string): Promise<MeshRequestDetail> {
    return this.post(`${this.requestPath(id)}/preview`, {});
  }

  getWorkspaces(
    query: { owned?: boolean } = {},
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceListResponse> {
    return requestMeshplane(this.http, {
      path: '/workspaces',
      query: { owned: query.owned ? 'true' : undefined },
      signal: options?.signal,
    });
  }

  getWorkspaceInventory(
    workspaceRef: string,
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceInventory> {
    const { namespace, name } = parseEntityRef(workspaceRef, {
      defaultKind: 'system',
      defaultNamespace: 'default',
    });
    return requestMeshplane(this.http, {
      path: `/workspaces/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/inventory`,
      signal: options?.signal,
    });
  }

  renderRequest(
    request: CreateMeshRequest,
    options?: MeshplaneRequestOptions,
  ): Promise<RenderResponse> {
    return requestMeshplane(this.http, {
      method: 'POST',
      path: '/requests/render',
      body: request,
      signal: options?.signal,
    });
  }

  private requestPath(id: string): string {
    return `/requests/${encodeURIComponent(id)}`;
  }

  private post(path: string, body: object): Promise<MeshRequestDetail> {
    return requestMeshplane(this.http, { method: 'POST', path, body });
  }
}
