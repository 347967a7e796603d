import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the fleet: clusters and their status, logical services, fleet-wide
 * findings (`GET /clusters`, `/clusters/:name`, `/services`, `/findings`).
 * A basic permission: a policy allows or denies it as a whole.
 *
 * @public
 */
export const meshplaneFleetReadPermission = createPermission({
  name: 'meshplane.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Read the mesh view of one catalog entity (`GET /entity/:kind/:namespace/:name`).
 * A resource permission on catalog entities (resource type `catalog-entity`),
 * authorized with the entity ref as resource, so a policy can answer with the
 * catalog's conditions (e.g. `isEntityOwner`: owners only).
 *
 * @public
 */
export const meshplaneEntityReadPermission = createPermission({
  name: 'meshplane.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Resource type of stored group requests (`meshplane-request`): the
 * permissions on a request are authorized with its id as resource, so a
 * policy can answer with the request rules below.
 *
 * @public
 */
export const MESHPLANE_REQUEST_RESOURCE_TYPE = 'meshplane-request';

/**
 * Rules a policy may use in conditional decisions on `meshplane-request`
 * resources (the Meshplane backend registers them):
 *
 * - `IS_REQUESTER` (`{ userRefs: string[] }`): the request was made by one of these users;
 * - `IS_WORKSPACE_OWNER` (`{ claims: string[] }`): the owner of the request's workspace
 *   System is one of these entity refs (pass the user's ownership refs);
 * - `IS_IN_WORKSPACE` (`{ workspaces: string[] }`): the request is for one of these Systems.
 *
 * @public
 */
export const MESHPLANE_REQUEST_RULES = {
  isRequester: 'IS_REQUESTER',
  isWorkspaceOwner: 'IS_WORKSPACE_OWNER',
  isInWorkspace: 'IS_IN_WORKSPACE',
} as const;

/**
 * Request a gateway, traffic or security group for a workspace
 * (`POST /requests`). A resource permission on catalog entities, authorized
 * with the workspace's System as resource, so a policy can answer with the
 * catalog's conditions (e.g. `IS_ENTITY_OWNER`: the System's owners).
 *
 * @public
 */
export const meshplaneRequestCreatePermission = createPermission({
  name: 'meshplane.request.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read stored requests: lists, details, previews, audit trail.
 *
 * @public
 */
export const meshplaneRequestReadPermission = createPermission({
  name: 'meshplane.request.read',
  attributes: { action: 'read' },
  resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE,
});

/**
 * Approve or reject a pending request, which starts its rollout.
 *
 * @public
 */
export const meshplaneRequestApprovePermission = createPermission({
  name: 'meshplane.request.approve',
  attributes: { action: 'update' },
  resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE,
});

/**
 * Retry the failed clusters of an approved request, or recompute its preview.
 *
 * @public
 */
export const meshplaneRequestRetryPermission = createPermission({
  name: 'meshplane.request.retry',
  attributes: { action: 'update' },
  resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE,
});

/**
 * Every permission of the Meshplane suite.
 *
 * @public
 */
export const meshplanePermissions = [
  meshplaneFleetReadPermission,
  meshplaneEntityReadPermission,
  meshplaneRequestCreatePermission,
  meshplaneRequestReadPermission,
  meshplaneRequestApprovePermission,
  meshplaneRequestRetryPermission,
];
