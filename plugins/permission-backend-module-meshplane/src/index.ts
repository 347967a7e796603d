/**
 * The Meshplane suite's permission policy, as a module of the permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleMeshplanePolicy as default } from './module';
export { MeshplanePermissionPolicy } from './MeshplanePermissionPolicy';
export type { EntityReadAccess } from './MeshplanePermissionPolicy';
export {
  RequestPermissionPolicy,
  withRequestPermissions,
} from './requestPermissions';
export type { RequestPermissionOptions } from './requestPermissions';
