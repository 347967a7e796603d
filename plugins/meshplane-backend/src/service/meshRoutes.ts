import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterEndpointListResponse,
  ClusterListResponse,
  HealthResponse,
  meshplaneEntityReadPermission,
  meshplaneFleetReadPermission,
} from '@meshplane/plugin-meshplane-common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fleet } from '../fleet/Fleet';
import {
  clusterDetail,
  clusterProblems,
  clusterSummary,
  syncMinute,
} from '../views/clusterViews';
import type { MeshViews } from '../views/MeshViews';
import type { MeshplaneApiRouter } from './apiRouter';

function readOwnVersion(): string {
  const manifest = JSON.parse(
    readFileSync(
      resolvePackagePath('@meshplane/plugin-meshplane-backend', 'package.json'),
      'utf8',
    ),
  );
  return manifest.version;
}

/** Answers 304 when the client's `If-None-Match` equals `etag`, else sends the body with the ETag. */
function sendWithEtag(
  req: Request<any, any, any, any>,
  res: Response,
  etag: string,
  body: () => unknown,
): void {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.json(body());
}

const weakEtag = (text: string) =>
  `W/"${createHash('sha1').update(text).digest('base64url').slice(0, 22)}"`;

/** What the mesh routes use; the plugin constructs and connects it. */
export interface MeshRoutesOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  fleet: Fleet;
  views: MeshViews;
}

/**
 * The mesh routes of the REST API under `/api/meshplane` (see
 * `src/schema/openapi.yaml`), added to the plugin's validated router. Every
 * route but `/health` needs credentials and a permission; every answer comes
 * from the fleet cache; a cluster's trouble is reported in `problems`.
 */
export function meshRoutes(
  router: MeshplaneApiRouter,
  options: MeshRoutesOptions,
): void {
  const { httpAuth, permissions, catalog, fleet, views } = options;
  const startedAt = new Date();
  const version = readOwnVersion();

  /** Authenticates the request and checks `meshplane.fleet.read`. */
  const authorizeFleetRead = async (req: Request<any, any, any, any>) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: meshplaneFleetReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${meshplaneFleetReadPermission.name}`,
      );
    }
  };

  router.get('/health', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      plugin: 'meshplane',
      version,
      uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      startedAt: startedAt.toISOString(),
    };
    res.json(body);
  });

  router.get('/clusters', async (req, res) => {
    await authorizeFleetRead(req);
    const body: ClusterListResponse = {
      items: fleet.list().map(c => clusterSummary(c)),
    };
    const { items } = body;
    // lastSync moves with every watch event while a cluster is synced: the ETag takes it to the minute.
    const etag = weakEtag(
      JSON.stringify(
        items.map(({ lastSync, ...rest }) => [rest, syncMinute(lastSync)]),
      ),
    );
    sendWithEtag(req, res, etag, () => body);
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorizeFleetRead(req);
    const connection = fleet.get(req.params.name);
    if (!connection)
      throw new NotFoundError(`No cluster named "${req.params.name}"`);
    res.json(clusterDetail(connection, views.clusterMtls(connection.name)));
  });

  router.get('/catalog/clusters', async (req, res) => {
    await authorizeFleetRead(req);
    const body: ClusterEndpointListResponse = {
      items: fleet.list().flatMap(c => {
        const endpoint = c.endpoint();
        return endpoint ? [{ name: c.name, ...endpoint }] : [];
      }),
    };
    res.json(body);
  });

  router.get('/services', async (req, res) => {
    await authorizeFleetRead(req);
    // One ETag for every page of one fleet state (and one read of the catalog's claims), so
    // a reader can check that its pages agree.
    const problems = clusterProblems(fleet).map(
      p => `${p.cluster}:${p.status}`,
    );
    const etag = weakEtag(
      `${fleet.state.analyzer.version}|${views.claimsVersion}|${problems.join(
        ',',
      )}`,
    );
    sendWithEtag(req, res, etag, () => views.listServices(req.query));
  });

  router.get('/findings', async (req, res) => {
    await authorizeFleetRead(req);
    res.json(views.listFindings(req.query));
  });

  router.get('/readiness', async (req, res) => {
    await authorizeFleetRead(req);
    res.json({ items: fleet.state.analyzer.readiness(req.query.namespace) });
  });

  /**
   * Authenticates the request, checks `meshplane.entity.read` on the entity of its path and
   * reads the entity from the catalog with the caller's credentials.
   */
  const authorizedEntity = async (
    req: Request<
      { kind: string; namespace: string; name: string },
      any,
      any,
      any
    >,
  ) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const [decision] = await permissions.authorize(
      [{ permission: meshplaneEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${meshplaneEntityReadPermission.name} on ${entityRef}`,
      );
    }
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No catalog entity ${entityRef}`);
    return { entity, entityRef };
  };

  router.get('/metrics/sources', async (req, res) => {
    await authorizeFleetRead(req);
    res.json({ items: await views.metricsSources() });
  });

  router.get('/traffic/namespaces/:namespace', async (req, res) => {
    await authorizeFleetRead(req);
    res.json(
      await views.namespaceTraffic(req.params.namespace, req.query.window),
    );
  });

  router.get('/entity/:kind/:namespace/:name/traffic', async (req, res) => {
    const { entity, entityRef } = await authorizedEntity(req);
    res.json(await views.entityTraffic(entity, entityRef, req.query.window));
  });

  router.get('/entity/:kind/:namespace/:name', async (req, res) => {
    const { entity, entityRef } = await authorizedEntity(req);
    const answer = await views.entityAnswer(entity, entityRef, {
      window: req.query.window,
      callers: req.query.callers,
    });
    res.setHeader('ETag', answer.etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === answer.etag) {
      res.status(304).end();
      return;
    }
    // The view is cached serialized (and gzipped): its bytes go out as they are.
    const raw = res as Response;
    raw.type('application/json');
    if (req.acceptsEncodings('gzip') === 'gzip') {
      raw.setHeader('Content-Encoding', 'gzip');
      raw.send(answer.gzip());
    } else {
      raw.send(answer.json);
    }
  });

  options.logger.info(`Meshplane backend ${version} ready`);
}
