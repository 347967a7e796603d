import { createApiRef } from '@backstage/core-plugin-api';
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

/**
 * The group requests of the Meshplane backend (`/api/meshplane/requests`,
 * `/workspaces`): list, read, decide, retry, and the dry run and workspace
 * inventory the template forms use. Creating requests is the scaffolder
 * templates' job. Calls reject with a `ResponseError` (400 with
 * `body.error.fieldErrors` when a request is refused, 403 when a permission
 * is missing, 409 when the request is no longer pending).
 *
 * @public
 */
export interface MeshplaneRequestsApi {
  /** `GET /requests`: the requests the user may read, newest first. */
  listRequests(
    query?: MeshRequestListQuery,
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestListResponse>;
  /** `GET /requests/:id`: a request with its objects, preview, audit trail and what the user may do. */
  getRequest(
    id: string,
    options?: MeshplaneRequestOptions,
  ): Promise<MeshRequestDetail>;
  /** `POST /requests/:id/approve`: approves a pending request, which starts its rollout. */
  approveRequest(id: string, comment?: string): Promise<MeshRequestDetail>;
  /** `POST /requests/:id/reject`. */
  rejectRequest(id: string, comment?: string): Promise<MeshRequestDetail>;
  /** `POST /requests/:id/retry`: applies the failed clusters again. */
  retryRequest(id: string): Promise<MeshRequestDetail>;
  /** `POST /requests/:id/preview`: recomputes the preview against the live fleet. */
  refreshPreview(id: string): Promise<MeshRequestDetail>;
  /** `GET /workspaces`: workspaces (Systems with claims) and their namespaces in the fleet; `owned` keeps the user's. */
  getWorkspaces(
    query?: { owned?: boolean },
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceListResponse>;
  /** `GET /workspaces/:namespace/:name/inventory`: the Services and service accounts of a workspace's namespaces. */
  getWorkspaceInventory(
    workspaceRef: string,
    options?: MeshplaneRequestOptions,
  ): Promise<WorkspaceInventory>;
  /** `POST /requests/render`: checks, renders and previews a request without storing it (dry run). */
  renderRequest(
    request: CreateMeshRequest,
    options?: MeshplaneRequestOptions,
  ): Promise<RenderResponse>;
}

/**
 * Reference to the {@link MeshplaneRequestsApi} implementation.
 *
 * @public
 */
export const meshplaneRequestsApiRef = createApiRef<MeshplaneRequestsApi>({
  id: 'plugin.meshplane.requests',
});
