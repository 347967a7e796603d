/**
 * The Meshplane suite's permission policy, as a module of the permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleMeshplanePolicy as default } from './module';
