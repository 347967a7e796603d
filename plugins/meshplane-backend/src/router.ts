import type express from 'express';
import { requestRoutes, type RequestRoutesOptions } from './requests';
import { createApiRouter, meshRoutes, type MeshRoutesOptions } from './service';

/**
 * Every route of `/api/meshplane`, in one router checked against
 * `src/schema/openapi.yaml`: the mesh routes (health, clusters, services,
 * findings, entity views) and the request routes (workspaces, group
 * requests). The parts they answer from are constructed by the plugin.
 */
export async function createRouter(options: {
  mesh: MeshRoutesOptions;
  requests: RequestRoutesOptions;
  /**
   * The validated router, when the caller started it before constructing the
   * parts (its validator compiles the contract while they start).
   */
  routes?: ReturnType<typeof createApiRouter>;
}): Promise<express.Router> {
  const { router, api } = await (options.routes ?? createApiRouter());
  meshRoutes(api, options.mesh);
  requestRoutes(api, options.requests);
  return router;
}
