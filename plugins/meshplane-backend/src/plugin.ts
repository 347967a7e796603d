import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  IstioCrdSchemas,
  loadIstioCrdSchemas,
  MeshAnalyzer,
  meshplanePermissions,
} from '@meshplane/plugin-meshplane-common';
import {
  MeshplaneClusterSource,
  meshplaneClusterSourceExtensionPoint,
} from '@meshplane/plugin-meshplane-node';
import { readMeshplaneConfig } from './config/readMeshplaneConfig';
import { Fleet } from './fleet/Fleet';
import { KubernetesAuthStrategies } from './fleet/KubernetesAuthStrategies';
import { MeshState } from './mesh/MeshState';
import { createRequestsRouter, fleetRequestFleet } from './requests';
import { createApiRouter } from './service/apiRouter';
import { createRouter } from './service/router';
import { MeshViews } from './views/MeshViews';

/**
 * Istio's CRD schemas, loaded once for the analyzer's schema findings and
 * the requests' validation; without them the other analyzers, and Istio's
 * validation rules for requests, still run.
 */
async function loadSchemas(
  logger: LoggerService,
): Promise<IstioCrdSchemas | undefined> {
  try {
    return await loadIstioCrdSchemas();
  } catch (error) {
    logger.warn(
      `Istio CRD schemas could not be loaded (${
        (error as Error).message
      }); schema validation findings are off`,
    );
    return undefined;
  }
}

/**
 * Meshplane backend plugin: connects to every configured cluster, keeps a
 * live cache of the mesh objects, analyses it incrementally and serves
 * `/api/meshplane`.
 *
 * @public
 */
export const meshplanePlugin = createBackendPlugin({
  pluginId: 'meshplane',
  register(env) {
    const sources: MeshplaneClusterSource[] = [];
    env.registerExtensionPoint(meshplaneClusterSourceExtensionPoint, {
      addClusterSource(source) {
        sources.push(source);
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        database: coreServices.database,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const { logger, lifecycle } = deps;
        const config = readMeshplaneConfig(deps.config);
        for (const skipped of config.skipped) {
          logger.warn(
            `Cluster ${skipped.name} not connected: ${skipped.reason}`,
          );
        }
        deps.permissionsRegistry.addPermissions(meshplanePermissions);

        const schemas = await loadSchemas(logger);
        const analyzer = new MeshAnalyzer({ schemas });
        const state = new MeshState({ analyzer, logger });
        const fleet = new Fleet({
          config,
          sources,
          state,
          logger,
          strategies: new KubernetesAuthStrategies({
            config: deps.config,
            logger,
          }),
          discoveryIntervalMs: config.connection.discoveryIntervalMs,
        });
        const views = new MeshViews({
          fleet,
          entityMaxServices: config.entityMaxServices,
        });

        const { router, api } = await createApiRouter();
        createRouter({
          router: api,
          logger,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          catalog: deps.catalog,
          fleet,
          views,
        });
        await createRequestsRouter({
          ...deps,
          router: api,
          schemas,
          fleet: fleetRequestFleet({
            fleet,
            analyzer,
            applyTimeoutMs: 10_000,
          }),
        });
        deps.httpRouter.use(router);
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        lifecycle.addStartupHook(async () => {
          await fleet.refreshSources();
          logger.info(
            `Meshplane connecting to ${fleet.list().length} cluster(s)`,
          );
          if (sources.length > 0) {
            await deps.scheduler.scheduleTask({
              id: 'meshplane-cluster-sources',
              frequency: { minutes: 1 },
              timeout: { minutes: 1 },
              initialDelay: { minutes: 1 },
              scope: 'local',
              fn: () => fleet.refreshSources(),
            });
          }
        });
        lifecycle.addShutdownHook(() => fleet.stop());
      },
    });
  },
});
