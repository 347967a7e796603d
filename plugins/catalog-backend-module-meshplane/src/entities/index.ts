export { buildFleetEntities } from './fleetEntities';
export type { FleetEntities, FleetSnapshot } from './fleetEntities';
export {
  ANNOTATION_MESHPLANE_CLUSTERS,
  LABEL_MESHPLANE_ENVIRONMENT,
  LABEL_MESHPLANE_ISTIO_REVISION,
  LABEL_MESHPLANE_MESH_ROLE,
  LABEL_MESHPLANE_NAMESPACE,
  LABEL_MESHPLANE_NETWORK,
  LABEL_MESHPLANE_REGION,
} from './fleetEntities';
export {
  ANNOTATION_MESHPLANE_ENTITY_HASH,
  clustersOfEntity,
  diffEntities,
  ENTITY_SUMMARY_FIELDS,
  toProvidedEntity,
  withContentHash,
} from './entityDelta';
export type { EntityDelta } from './entityDelta';
export { annotateFindings, readCatalogFindings } from './findings';
export type {
  CatalogFinding,
  CatalogFindingCode,
  LocatedCatalogFinding,
} from './findings';
export { toEntityRef } from './ownership';
export type { FleetEntityOptions, OwnershipOptions } from './options';
