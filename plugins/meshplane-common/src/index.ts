/**
 * Meshplane's common library: the object model and the mesh analysis engine
 * (pure, isomorphic), the REST API of `/api/meshplane` (models and client
 * generated from the backend's openapi.yaml), permission definitions and
 * annotation names.
 *
 * @packageDocumentation
 */

export * from './engine';
export * from './api';
export * from './permissions';
export * from './annotations';
export {
  claimsByKubernetesId,
  resolveServiceClaims,
  ServiceClaimIndex,
  serviceClaimant,
} from './serviceClaims';
export type {
  ClaimableService,
  ServiceClaimant,
  ServiceClaimFinding,
  ServiceClaims,
} from './serviceClaims';
// The REST API's topology types (nodes marked `own`, with cluster and network); the engine's
// own graph types are EngineTopologyNode and EngineTopologyEdge.
export type { TopologyEdge, TopologyNode } from './api';
// The generated client of `/api/meshplane`, and the models that only appear inside others.
export { DefaultApiClient } from './schema/openapi';
export type {
  ClusterMtls,
  components as MeshplaneApiComponents,
  EdgeClient,
  EdgeDestination,
  EdgeOutcomeCounts,
  ErrorResponse,
  KubeManifest,
  KubeManifestMeta,
  ListWorkspacesQuery,
  NamespaceResilienceSettings,
  NamespaceStatusChange,
  operations as MeshplaneApiOperations,
  paths as MeshplaneApiPaths,
  PortMode,
  RequestActions,
  RequestApproval,
  RequestDecision,
  RequestOptions,
  RequestRefusedResponse,
  TypedResponse,
  WorkspaceConflict,
  WorkspaceServicePort,
} from './schema/openapi';
