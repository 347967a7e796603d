import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  meshplaneApiClientServiceRef,
  readServiceClaimants,
} from '@meshplane/plugin-meshplane-node';
import { MeshplaneClaimsProcessor } from './claims';
import {
  FleetReader,
  isProvidedByMeshplane,
  MeshplaneEntityProvider,
  readProvidedEntities,
} from './providers';

/**
 * Catalog module that adds one entity provider (`MeshplaneEntityProvider:<id>`)
 * per entry of `catalog.providers.meshplane`, reading the fleet from the
 * meshplane backend, and the processor (`MeshplaneClaimsProcessor`) that
 * reports claim problems on the entities claiming mesh services.
 *
 * @public
 */
export const catalogModuleMeshplaneEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'meshplane-entity-provider',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        meshplane: meshplaneApiClientServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        catalog,
        meshplane,
        processing,
      }) {
        // The entities this module emits claim their own services: they are not claimants.
        const readClaimants = () =>
          readServiceClaimants({
            catalog,
            auth,
            include: entity => !isProvidedByMeshplane(entity),
          });
        processing.addEntityProvider(
          MeshplaneEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            fleet: new FleetReader({ client: meshplane }),
            readClaimants,
            readProvided: (location, fields) =>
              readProvidedEntities({ catalog, auth, location, fields }),
          }),
        );
        processing.addProcessor(
          new MeshplaneClaimsProcessor({
            readClaimants,
            fleet: new FleetReader({ client: meshplane }),
            logger,
          }),
        );
      },
    });
  },
});
