import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  meshplaneEntityReadPermission,
  meshplaneFleetReadPermission,
} from '@meshplane/plugin-meshplane-common';

/**
 * Who may read the mesh view of a catalog entity:
 * `everyone` (every signed-in user), or `owners` (users who own the entity,
 * directly or through a group, as the catalog's `IS_ENTITY_OWNER` rule decides).
 *
 * @public
 */
export type EntityReadAccess = 'everyone' | 'owners';

/**
 * The Meshplane suite's permission policy.
 *
 * - `meshplane.fleet.read` (clusters, services, findings): allowed;
 * - `meshplane.entity.read` (one entity's mesh view): allowed, or with
 *   `entityRead: 'owners'` a conditional decision that the catalog evaluates
 *   with its `IS_ENTITY_OWNER` rule against the user's ownership refs (the
 *   permission backend passes `user` for user principals only, so backend
 *   services acting as themselves are allowed);
 * - every other permission: allowed, like the scaffold's allow-all policy,
 *   so installing this policy in its place changes nothing else.
 *
 * Adopters with their own policy copy the two Meshplane branches into it.
 *
 * @public
 */
export class MeshplanePermissionPolicy implements PermissionPolicy {
  private readonly entityRead: EntityReadAccess;
  private readonly userInfo: UserInfoService;

  constructor(options: {
    userInfo: UserInfoService;
    entityRead?: EntityReadAccess;
  }) {
    this.userInfo = options.userInfo;
    this.entityRead = options.entityRead ?? 'everyone';
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, meshplaneFleetReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(request.permission, meshplaneEntityReadPermission) &&
      this.entityRead === 'owners' &&
      user
    ) {
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: meshplaneEntityReadPermission.resourceType,
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: meshplaneEntityReadPermission.resourceType,
          params: { claims: ownershipEntityRefs },
        },
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
