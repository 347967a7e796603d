export { createApiRouter, type MeshplaneApiRouter } from './apiRouter';
export { meshRoutes, type MeshRoutesOptions } from './meshRoutes';
