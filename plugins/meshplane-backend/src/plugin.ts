import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, toError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  IstioCrdSchemas,
  loadIstioCrdSchemas,
  MeshAnalyzer,
  meshplanePermissions,
  meshplaneRequestApprovePermission,
  meshplaneRequestReadPermission,
  meshplaneRequestRetryPermission,
} from '@meshplane/plugin-meshplane-common';
import {
  MeshplaneClusterSource,
  meshplaneClusterSourceExtensionPoint,
} from '@meshplane/plugin-meshplane-node';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CatalogServiceClaims } from './catalog';
import { readMeshplaneConfig } from './config/readMeshplaneConfig';
import { Fleet } from './fleet/Fleet';
import { KubernetesAuthStrategies } from './fleet/KubernetesAuthStrategies';
import { MeshState } from './mesh/MeshState';
import {
  fleetRequestFleet,
  requestResourceRef,
  RequestPlanner,
  RequestRollout,
  requestRules,
  RequestStore,
  settingsOf,
  WorkspaceDirectory,
} from './requests';
import { createRouter } from './router';
import { createApiRouter } from './service';
import { observeServices, TrafficMetrics } from './traffic';
import { MeshViews } from './views/MeshViews';

/** Id of the scheduled rollout task (global scope: one run at a time across replicas). */
const ROLLOUT_TASK_ID = 'meshplane-requests-rollout';

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
 * `/api/meshplane`. Its init is the one place that constructs the parts
 * (fleet, views, request store, planner, rollout) and connects them with the
 * permissions, the scheduler and the routes.
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
        const { logger, lifecycle, scheduler, permissionsRegistry } = deps;
        // First: the validator compiles the contract (a few hundred ms of CPU)
        // while the parts below wait on the database and the catalog, not
        // later, when the clusters' initial sync needs the CPU.
        const routes = createApiRouter();
        routes.catch(() => {}); // awaited (and its failure thrown) below
        const config = readMeshplaneConfig(deps.config);
        for (const skipped of config.skipped) {
          logger.warn(
            `Cluster ${skipped.name} not connected: ${skipped.reason}`,
          );
        }

        // The fleet: cluster connections feeding one live analysis.
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
        const traffic = new TrafficMetrics({
          settings: config.traffic,
          logger: logger.child({ part: 'traffic' }),
        });
        const views = new MeshViews({
          fleet,
          claims: await CatalogServiceClaims.create({
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            scheduler,
          }),
          entityMaxServices: config.entityMaxServices,
          traffic,
        });

        // The group requests: they see the fleet only through its port.
        const requestFleet = fleetRequestFleet({
          fleet,
          analyzer,
          applyTimeoutMs: 10_000,
        });
        const store = await RequestStore.create({ database: deps.database });
        const workspaces = new WorkspaceDirectory({
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
        });
        const planner = new RequestPlanner({
          fleet: requestFleet,
          workspaces,
          settings: ref => settingsOf(config.workspaces, ref),
          schemas,
          // "Observed traffic affected": the last 5 minutes of the affected services.
          observe: traffic.configured
            ? async (services, clusters) => {
                const observed = await observeServices(traffic, {
                  services,
                  clusters,
                  window: '5m',
                });
                return {
                  observations: observed.observations,
                  summary: {
                    window: '5m',
                    joined: observed.answered,
                    ...(observed.answered
                      ? { observedAt: observed.observations.observedAt }
                      : {}),
                    sources: observed.sources,
                  },
                };
              }
            : undefined,
        });
        const rollout = new RequestRollout({
          store,
          appliers: cluster => requestFleet.applier(cluster),
          auditor: deps.auditor,
          logger: logger.child({ task: ROLLOUT_TASK_ID }),
          replicaId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
          leaseMs: 120_000,
        });

        permissionsRegistry.addPermissions(meshplanePermissions);
        permissionsRegistry.addResourceType({
          resourceRef: requestResourceRef,
          permissions: [
            meshplaneRequestReadPermission,
            meshplaneRequestApprovePermission,
            meshplaneRequestRetryPermission,
          ],
          rules: requestRules,
          getResources: ids => Promise.all(ids.map(id => store.get(id))),
        });

        await scheduler.scheduleTask({
          id: ROLLOUT_TASK_ID,
          frequency: { seconds: 5 },
          // Short: a replica that dies mid-run holds the task's lock until then. A
          // longer run is safe anyway, the per-cluster leases keep runs apart.
          timeout: { minutes: 1 },
          scope: 'global',
          fn: async () => {
            await rollout.runOnce();
          },
        });
        const startRollout = () =>
          scheduler.triggerTask(ROLLOUT_TASK_ID).catch(error => {
            // Already running somewhere: that run, or the next one, picks the work up.
            if (
              !(error instanceof ConflictError) &&
              toError(error).name !== 'ConflictError'
            ) {
              logger.warn(
                `Could not trigger the rollout task: ${toError(error).message}`,
              );
            }
          });

        const router = await createRouter({
          routes,
          mesh: {
            logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            fleet,
            views,
          },
          requests: {
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            auditor: deps.auditor,
            store,
            workspaces,
            planner,
            fleet: requestFleet,
            requestFilter: createConditionTransformer(
              permissionsRegistry.getPermissionRuleset(requestResourceRef),
            ),
            startRollout,
            selfApproval: config.allowSelfApproval,
          },
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
            await scheduler.scheduleTask({
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
