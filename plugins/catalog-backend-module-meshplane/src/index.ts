/**
 * Catalog backend module for Meshplane: the fleet's clusters, logical
 * services, VM workloads and gateways as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleMeshplaneEntityProvider as default } from './module';
export { ANNOTATION_MESHPLANE_CLUSTERS, readCatalogFindings } from './entities';
export type { CatalogFinding, CatalogFindingCode } from './entities';
