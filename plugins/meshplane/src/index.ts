/**
 * Meshplane frontend plugin: the fleet page and, for catalog entities, the
 * Mesh tab and the Mesh posture card.
 *
 * The default export is the plugin for the new frontend system (feature
 * discovery loads it); the named exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
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
export { isMeshAvailable } from './isMeshAvailable';
export { MeshplaneClusterStatus } from './components/MeshplaneClusterStatus';
export {
  createFromTemplateRouteRef,
  requestsRouteRef,
  rootRouteRef,
} from './routes';
