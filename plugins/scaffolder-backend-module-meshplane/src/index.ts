/**
 * Scaffolder actions of Meshplane: request gateway, traffic and security
 * groups for a workspace, render them for a pull request, follow their status.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMeshplane as default } from './module';
export {
  createGroupRenderAction,
  createGroupRequestAction,
  createRequestStatusAction,
} from './actions';
