/**
 * Catalog backend module for Meshplane: the fleet's clusters, logical
 * services, VM workloads and gateways as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleMeshplaneEntityProvider as default } from './module';
export {
  FleetReader,
  MeshplaneEntityProvider,
  MESHPLANE_PROVIDER_LOCATION_TYPE,
  readProvidedEntities,
  readProviderConfigs,
  readServiceClaimants,
} from './providers';
export { MeshplaneClaimsProcessor } from './claims';
export type {
  FleetClient,
  FleetRead,
  MeshplaneEntityProviderConfig,
  MeshplaneEntityProviderDeps,
} from './providers';
export {
  ANNOTATION_MESHPLANE_CLUSTERS,
  ANNOTATION_MESHPLANE_ENTITY_HASH,
  ANNOTATION_MESHPLANE_WORKLOAD_ENTRY,
  buildFleetEntities,
  readCatalogFindings,
} from './entities';
export type {
  CatalogFinding,
  CatalogFindingCode,
  FleetEntities,
  FleetEntityOptions,
  FleetSnapshot,
  LocatedCatalogFinding,
  OwnershipOptions,
} from './entities';
