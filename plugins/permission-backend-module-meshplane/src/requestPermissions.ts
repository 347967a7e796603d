import type {
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PermissionCondition,
  type PermissionCriteria,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  MESHPLANE_REQUEST_RESOURCE_TYPE,
  MESHPLANE_REQUEST_RULES,
  meshplaneRequestApprovePermission,
  meshplaneRequestCreatePermission,
  meshplaneRequestReadPermission,
  meshplaneRequestRetryPermission,
} from '@meshplane/plugin-meshplane-common';

/**
 * Who may do what with group requests.
 *
 * @public
 */
export interface RequestPermissionOptions {
  /**
   * Entity refs (groups or users) of platform admins: they may read, approve
   * and retry every request and request for every workspace.
   */
  platformAdmins: string[];
  /** Whether a requester may approve their own request. */
  allowSelfApproval: boolean;
}

function condition(
  rule: string,
  params: Record<string, string[]>,
): PermissionCondition {
  return { rule, resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE, params };
}

function onRequests(
  conditions: PermissionCriteria<PermissionCondition>,
): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'meshplane',
    resourceType: MESHPLANE_REQUEST_RESOURCE_TYPE,
    conditions,
  };
}

/**
 * Decides the request permissions, conditional on ownership:
 *
 * - `meshplane.request.create` (on the workspace System): owners of the System
 *   (the catalog's `IS_ENTITY_OWNER`), platform admins;
 * - `meshplane.request.read`: requests of workspaces the user owns, the user's
 *   own requests; platform admins read all;
 * - `meshplane.request.approve`: owners of the request's workspace and platform
 *   admins — but never the requester, unless `allowSelfApproval`;
 * - `meshplane.request.retry`: owners of the workspace, the requester, platform admins.
 *
 * Only users act on requests: other principals may read them, nothing else.
 * Returns `undefined` for every other permission.
 *
 * @public
 */
export class RequestPermissionPolicy {
  private readonly userInfo: UserInfoService;
  private readonly options: RequestPermissionOptions;

  /** Reads `meshplane.permissions.platformAdmins` and `meshplane.permissions.allowSelfApproval`. */
  static fromConfig(
    config: RootConfigService,
    deps: { userInfo: UserInfoService },
  ): RequestPermissionPolicy {
    return new RequestPermissionPolicy(deps.userInfo, {
      platformAdmins:
        config.getOptionalStringArray('meshplane.permissions.platformAdmins') ??
        [],
      allowSelfApproval:
        config.getOptionalBoolean('meshplane.permissions.allowSelfApproval') ??
        false,
    });
  }

  constructor(userInfo: UserInfoService, options: RequestPermissionOptions) {
    this.userInfo = userInfo;
    this.options = options;
  }

  async decide(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision | undefined> {
    const { permission } = request;
    const known = [
      meshplaneRequestCreatePermission,
      meshplaneRequestReadPermission,
      meshplaneRequestApprovePermission,
      meshplaneRequestRetryPermission,
    ].some(p => isPermission(permission, p));
    if (!known) return undefined;

    // The permission backend passes `user` for user principals only.
    if (!user) {
      return {
        result: isPermission(permission, meshplaneRequestReadPermission)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    const admin = ownershipEntityRefs.some(ref =>
      this.options.platformAdmins.includes(ref),
    );
    const owner = condition(MESHPLANE_REQUEST_RULES.isWorkspaceOwner, {
      claims: ownershipEntityRefs,
    });
    const requester = condition(MESHPLANE_REQUEST_RULES.isRequester, {
      userRefs: [userEntityRef],
    });

    if (isPermission(permission, meshplaneRequestCreatePermission)) {
      if (admin) return { result: AuthorizeResult.ALLOW };
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: meshplaneRequestCreatePermission.resourceType,
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: meshplaneRequestCreatePermission.resourceType,
          params: { claims: ownershipEntityRefs },
        },
      };
    }
    if (isPermission(permission, meshplaneRequestApprovePermission)) {
      if (this.options.allowSelfApproval) {
        return admin ? { result: AuthorizeResult.ALLOW } : onRequests(owner);
      }
      return onRequests(
        admin ? { not: requester } : { allOf: [owner, { not: requester }] },
      );
    }
    if (admin) return { result: AuthorizeResult.ALLOW };
    return onRequests({ anyOf: [owner, requester] });
  }
}

/**
 * Wraps a permission policy so that the request permissions are decided by
 * {@link RequestPermissionPolicy} and everything else by the wrapped policy.
 *
 * @public
 */
export function withRequestPermissions(
  policy: PermissionPolicy,
  requests: RequestPermissionPolicy,
): PermissionPolicy {
  return {
    async handle(request, user) {
      return (
        (await requests.decide(request, user)) ?? policy.handle(request, user)
      );
    },
  };
}
