import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  EntityReadAccess,
  MeshplanePermissionPolicy,
} from './MeshplanePermissionPolicy';
import {
  RequestPermissionPolicy,
  withRequestPermissions,
} from './requestPermissions';

function readEntityRead(value: string | undefined): EntityReadAccess {
  if (value === undefined || value === 'everyone' || value === 'owners') {
    return value ?? 'everyone';
  }
  throw new Error(
    `Invalid meshplane.permissions.entityRead "${value}": expected everyone or owners`,
  );
}

/**
 * Installs the Meshplane permission policy (the fleet, entity and request
 * permissions; everything else allowed) as the permission backend's policy,
 * in place of `@backstage/plugin-permission-backend-module-allow-all-policy`.
 * Reads `meshplane.permissions` (`entityRead`: `everyone` | `owners`,
 * `platformAdmins`, `allowSelfApproval`).
 *
 * @public
 */
export const permissionModuleMeshplanePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshplane-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          withRequestPermissions(
            new MeshplanePermissionPolicy({
              userInfo,
              entityRead: readEntityRead(
                config.getOptionalString('meshplane.permissions.entityRead'),
              ),
            }),
            RequestPermissionPolicy.fromConfig(config, { userInfo }),
          ),
        );
      },
    });
  },
});
