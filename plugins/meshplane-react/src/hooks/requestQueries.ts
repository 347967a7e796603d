import { useApi } from '@backstage/core-plugin-api';
import type {
  MeshRequestDetail,
  MeshRequestListQuery,
  MeshRequestListResponse,
  WorkspaceInventory,
  WorkspaceListResponse,
} from '@meshplane/plugin-meshplane-common';
import { meshplaneRequestsApiRef } from '../api';
import { MeshplaneQueryState, useMeshplane } from './useMeshplane';

/** Group requests the user may read, optionally for one workspace. @public */
export function useMeshRequests(
  query: MeshRequestListQuery,
): MeshplaneQueryState<MeshRequestListResponse> {
  const requests = useApi(meshplaneRequestsApiRef);
  const { workspace, approval, status, limit } = query;
  return useMeshplane(
    (_api, signal) =>
      requests.listRequests({ workspace, approval, status, limit }, { signal }),
    [requests, workspace, approval, status, limit],
  );
}

/** One group request with preview and audit trail. @public */
export function useMeshRequest(
  id: string,
): MeshplaneQueryState<MeshRequestDetail> {
  const requests = useApi(meshplaneRequestsApiRef);
  return useMeshplane(
    (_api, signal) => requests.getRequest(id, { signal }),
    [requests, id],
  );
}

/** Workspaces and their namespaces in the fleet; `owned` keeps the user's. @public */
export function useWorkspaces(
  owned: boolean,
): MeshplaneQueryState<WorkspaceListResponse> {
  const requests = useApi(meshplaneRequestsApiRef);
  return useMeshplane(
    (_api, signal) => requests.getWorkspaces({ owned }, { signal }),
    [requests, owned],
  );
}

/**
 * The Services and service accounts of a workspace, for the template forms'
 * pickers; nothing is read while `workspaceRef` is undefined.
 *
 * @public
 */
export function useWorkspaceInventory(
  workspaceRef: string | undefined,
): MeshplaneQueryState<WorkspaceInventory | undefined> {
  const requests = useApi(meshplaneRequestsApiRef);
  return useMeshplane(
    async (_api, signal) =>
      workspaceRef
        ? requests.getWorkspaceInventory(workspaceRef, { signal })
        : undefined,
    [requests, workspaceRef],
  );
}
