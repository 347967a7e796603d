export { fleetRequestFleet } from './fleetPort';
export { requestResourceRef, requestRules } from './permissions';
export { requestRoutes, type RequestRoutesOptions } from './requestRoutes';
export { RequestRollout } from './rollout';
export { RequestPlanner } from './service';
export { RequestStore } from './store';
export { settingsOf, WorkspaceDirectory } from './workspaces';
