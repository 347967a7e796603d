import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  MESHPLANE_REQUEST_RESOURCE_TYPE,
  MESHPLANE_REQUEST_RULES,
  type MeshRequest,
} from '@meshplane/plugin-meshplane-common';
import { z } from 'zod/v4';
import type { RequestFilter } from '../store';

/** The `meshplane-request` resource: a stored request, filtered in SQL by {@link RequestFilter}. */
export const requestResourceRef = createPermissionResourceRef<
  MeshRequest,
  RequestFilter
>().with({
  pluginId: 'meshplane',
  resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE,
});

/** The request was made by one of the given users. */
export const isRequester = createPermissionRule({
  name: MESHPLANE_REQUEST_RULES.isRequester,
  description: 'Allow requests made by one of the given users',
  resourceRef: requestResourceRef,
  paramsSchema: z.object({
    userRefs: z.array(z.string()).describe('User entity refs'),
  }),
  apply: (request, { userRefs }) => userRefs.includes(request.requester),
  toQuery: ({ userRefs }) => ({ property: 'requester', values: userRefs }),
});

/** The request's workspace System is owned by one of the given entities. */
export const isWorkspaceOwner = createPermissionRule({
  name: MESHPLANE_REQUEST_RULES.isWorkspaceOwner,
  description:
    "Allow requests whose workspace System is owned by one of the given entities (the user's ownership refs)",
  resourceRef: requestResourceRef,
  paramsSchema: z.object({
    claims: z.array(z.string()).describe('Ownership entity refs'),
  }),
  apply: (request, { claims }) => claims.includes(request.workspaceOwner),
  toQuery: ({ claims }) => ({ property: 'workspaceOwner', values: claims }),
});

/** The request is for one of the given workspace Systems. */
export const isInWorkspace = createPermissionRule({
  name: MESHPLANE_REQUEST_RULES.isInWorkspace,
  description: 'Allow requests for one of the given workspace Systems',
  resourceRef: requestResourceRef,
  paramsSchema: z.object({
    workspaces: z.array(z.string()).describe('System entity refs'),
  }),
  apply: (request, { workspaces }) => workspaces.includes(request.workspace),
  toQuery: ({ workspaces }) => ({ property: 'workspace', values: workspaces }),
});

/** Every rule of the `meshplane-request` resource type. */
export const requestRules = [isRequester, isWorkspaceOwner, isInWorkspace];
