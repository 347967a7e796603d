import type { ApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter, type spec } from '../schema/openapi';
import { decodablePath, requestErrors } from './requestErrors';

/**
 * The router of the plugin's routes, typed by `src/schema/openapi.yaml`: a
 * route's path, query and body have the types the spec gives them, and only
 * paths of the spec can be routed.
 */
export type MeshplaneApiRouter = ApiRouter<typeof spec>;

/**
 * The plugin's router. It reads JSON bodies of at most 1 MB, then checks
 * every request against openapi.yaml before a route sees it (path and query
 * parameters with their types, bounds and enums, bodies with their required
 * fields), so routes add no parsing of their own: `api` is where they go.
 * A refused request answers 400 naming the parameter or field; body and path
 * errors are named like every other API error ({@link requestErrors}).
 */
export async function createApiRouter(): Promise<{
  router: express.Router;
  api: MeshplaneApiRouter;
}> {
  const api = await createOpenApiRouter({
    // Bodies are parsed before: the validator would answer 400 to a body too large (413).
    middleware: [decodablePath],
    // Credentials are checked by the httpAuth service and the routes' permissions.
    validatorOptions: { validateSecurity: false },
  });
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(api);
  router.use(requestErrors);
  return { router, api };
}
