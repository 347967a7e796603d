/**
 * Meshplane frontend plugin: the fleet page and, for catalog entities, the
 * Mesh tab, the Mesh posture card and the mesh requests pages.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new
 * frontend system use the plugin of `@meshplane/plugin-meshplane/alpha`
 * (feature discovery loads it).
 *
 * @packageDocumentation
 */
export {
  meshplanePlugin,
  MeshplanePage,
  MeshplaneFindingCodesPage,
  EntityMeshContent,
  EntityMeshPostureCard,
  MeshplaneRequestsPage,
  EntityMeshRequestsContent,
  MeshplaneNamespacePickerFieldExtension,
  MeshplaneAuthorizationPickerFieldExtension,
  MeshplaneReachabilityPickerFieldExtension,
  MeshplaneServicePickerFieldExtension,
  MeshplaneGatewayRouteFieldExtension,
  MeshplaneRequestPreviewFieldExtension,
} from './plugin';
export { hasMeshWorkspace } from './components/Requests';
export type {
  NamespacePickerUiOptions,
  RequestPreviewUiOptions,
  WorkspaceFormOptions,
} from './components/Requests';
export { isMeshAvailable } from './isMeshAvailable';
export { MeshplaneClusterStatus } from './components/MeshplaneClusterStatus';
export {
  createFromTemplateRouteRef,
  requestsRouteRef,
  rootRouteRef,
} from './routes';
