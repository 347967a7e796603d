import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { meshplaneApiClientServiceRef } from '@meshplane/plugin-meshplane-node';
import {
  createGroupRenderAction,
  createGroupRequestAction,
  createRequestStatusAction,
} from './actions';

/**
 * The Meshplane scaffolder actions: `meshplane:group:render`,
 * `meshplane:group:request`, `meshplane:request:status`.
 *
 * @public
 */
export const scaffolderModuleMeshplane = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'meshplane',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        meshplane: meshplaneApiClientServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, meshplane, config }) {
        const appBaseUrl = config.getString('app.baseUrl');
        scaffolder.addActions(
          createGroupRenderAction({ meshplane }),
          createGroupRequestAction({ meshplane, appBaseUrl }),
          createRequestStatusAction({ meshplane }),
        );
      },
    });
  },
});
