import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Router } from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import type { Fleet } from './fleet/Fleet';
import type {
  RequestPlanner,
  RequestStore,
  WorkspaceDirectory,
} from './requests';
import { createRouter } from './router';
import type { MeshViews } from './views/MeshViews';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** `get /clusters/:name` for every route of a router and of the routers it mounts. */
function routesOf(layers: RouterLayer[]): string[] {
  return layers.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method => `${method} ${layer.route!.path}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

describe('the router of /api/meshplane', () => {
  it('routes exactly the operations of openapi.yaml', async () => {
    // The parts are never called: only the routes are listed.
    const router: Router = await createRouter({
      mesh: {
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock(),
        fleet: {} as Fleet,
        views: {} as MeshViews,
      },
      requests: {
        httpAuth: mockServices.httpAuth(),
        userInfo: mockServices.userInfo(),
        permissions: mockServices.permissions(),
        auditor: mockServices.auditor.mock(),
        store: {} as RequestStore,
        workspaces: {} as WorkspaceDirectory,
        planner: {} as RequestPlanner,
        fleet: {
          clusters: () => [],
          live: () => {
            throw new Error('not called');
          },
          applier: () => undefined,
        },
        requestFilter: () => {
          throw new Error('not called');
        },
        startRollout: async () => {},
        selfApproval: false,
      },
    });
    const routes = routesOf(router.stack as RouterLayer[]).filter(
      // backend-openapi-utils serves the spec itself at /openapi.json.
      route => route !== 'get /openapi.json',
    );
    const spec = YAML.parse(
      readFileSync(resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
    ) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map(
          method => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
    );
    expect(routes.length).toBeGreaterThan(15);
    expect([...routes].sort()).toEqual([...documented].sort());
  });
});
