import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError, toError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  meshplaneFleetReadPermission,
  meshplaneRequestApprovePermission,
  meshplaneRequestCreatePermission,
  meshplaneRequestReadPermission,
  meshplaneRequestRetryPermission,
  type MeshRequestDetail,
  type RenderResponse,
  type WorkspaceInventory,
  type WorkspaceListResponse,
} from '@meshplane/plugin-meshplane-common';
import type express from 'express';
import { randomUUID } from 'node:crypto';
import type { MeshplaneApiRouter } from '../service';
import type { RequestFleet } from './fleetPort';
import type { RequestPlanner } from './service';
import type { RequestFilter, RequestStore } from './store';
import {
  describeWorkspace,
  normalizeWorkspaceRef,
  workspaceInventory,
  type WorkspaceDirectory,
  type WorkspaceRecord,
} from './workspaces';

/** What the request routes use; the plugin constructs and connects it. */
export interface RequestRoutesOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: RequestStore;
  workspaces: WorkspaceDirectory;
  planner: RequestPlanner;
  fleet: RequestFleet;
  /** The store's filter for a conditional decision on `meshplane.request.read`. */
  requestFilter: ConditionTransformer<RequestFilter>;
  /** Starts a rollout run now (after an approval or a retry). */
  startRollout: () => Promise<void>;
  /** `meshplane.permissions.allowSelfApproval`, which the request page reports. */
  selfApproval: boolean;
}

/**
 * The group requests of Meshplane under `/api/meshplane`, added to the
 * plugin's validated router: workspaces, render (dry run with preview),
 * create, list, read, approve/reject, retry, re-preview. Every route needs a
 * user and checks its permission; every change is audited.
 */
export function requestRoutes(
  router: MeshplaneApiRouter,
  options: RequestRoutesOptions,
): void {
  const {
    httpAuth,
    userInfo,
    permissions,
    auditor,
    store,
    workspaces,
    planner,
    fleet,
    selfApproval,
    startRollout,
  } = options;

  const userCredentials = (req: express.Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user'] });

  async function allowed(
    permission: typeof meshplaneRequestReadPermission,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: id }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * The request, when the user may act on it with `permission`. The
   * permission is checked first, so users without it learn nothing about
   * which ids exist: they get 403 for unknown and existing ids alike.
   */
  async function requireOnRequest(
    permission: typeof meshplaneRequestReadPermission,
    id: string,
    credentials: BackstageCredentials,
  ) {
    if (!(await allowed(permission, id, credentials))) {
      throw new NotAllowedError(
        `You may not ${permission.name.split('.').pop()} request ${id}`,
      );
    }
    const request = await store.get(id);
    if (!request) throw new NotFoundError(`No request ${id}`);
    return request;
  }

  /** Whether the user may request mesh changes for a workspace (its owners, platform admins). */
  async function mayCreate(
    workspace: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await permissions.authorize(
      [
        {
          permission: meshplaneRequestCreatePermission,
          resourceRef: workspace,
        },
      ],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The planner's authorisation step: the workspace exists, may the user request for it? */
  const requireCreate =
    (credentials: BackstageCredentials) =>
    async (workspace: WorkspaceRecord) => {
      if (!(await mayCreate(workspace.ref, credentials))) {
        throw new NotAllowedError(
          `You may not request mesh changes for workspace ${workspace.ref}: it is not owned by you`,
        );
      }
    };

  async function detail(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<MeshRequestDetail> {
    const request = await requireOnRequest(
      meshplaneRequestReadPermission,
      id,
      credentials,
    );
    const [objects, preview, events, mayApprove, mayRetry] = await Promise.all([
      store.objects(id),
      store.preview(id),
      store.events(id),
      allowed(meshplaneRequestApprovePermission, id, credentials),
      allowed(meshplaneRequestRetryPermission, id, credentials),
    ]);
    return {
      ...request,
      objects: objects.map(({ cluster, object }) => ({ cluster, object })),
      preview,
      events,
      actions: {
        approve: mayApprove && request.approval.state === 'PENDING',
        retry:
          mayRetry &&
          request.approval.state === 'APPROVED' &&
          request.clusters.some(c => c.status === 'FAILED'),
      },
      selfApproval,
    };
  }

  async function audited<T>(
    req: express.Request<any, any, any, any>,
    eventId: string,
    meta: Record<string, string>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: toError(error) });
      throw error;
    }
  }

  async function requireFleetRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: meshplaneFleetReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError('You may not read the fleet');
  }

  router.get('/workspaces', async (req, res) => {
    const credentials = await userCredentials(req);
    await requireFleetRead(credentials);
    const catalog = await workspaces.read();
    let items = catalog.workspaces;
    if (req.query.owned) {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      items = items.filter(w => ownershipEntityRefs.includes(w.owner));
    }
    const clusters = fleet.clusters();
    const body: WorkspaceListResponse = {
      items: items.map(w => describeWorkspace(w, catalog.workspaces, clusters)),
    };
    res.json(body);
  });

  router.get('/workspaces/:namespace/:name/inventory', async (req, res) => {
    const credentials = await userCredentials(req);
    await requireFleetRead(credentials);
    const ref = stringifyEntityRef({
      kind: 'system',
      namespace: req.params.namespace,
      name: req.params.name,
    });
    const catalog = await workspaces.read();
    const workspace = catalog.workspaces.find(w => w.ref === ref);
    if (!workspace) {
      throw new NotFoundError(
        `${ref} is not a workspace: no System with a meshplane.io/claims annotation has that name`,
      );
    }
    const { namespaces } = describeWorkspace(
      workspace,
      catalog.workspaces,
      fleet.clusters(),
    );
    const body: WorkspaceInventory = workspaceInventory(
      ref,
      namespaces,
      fleet.live(),
    );
    res.json(body);
  });

  router.post('/requests/render', async (req, res) => {
    const credentials = await userCredentials(req);
    const planned = await planner.plan(req.body, requireCreate(credentials));
    const body: RenderResponse = {
      objects: planned.objects,
      preview: planned.preview,
    };
    res.json(body);
  });

  router.post('/requests', async (req, res) => {
    const credentials = await userCredentials(req);
    const planned = await planner.plan(req.body, requireCreate(credentials));
    const id = randomUUID();
    // Clusters where an earlier request of this group applied objects are
    // rolled out too (still in the fleet): there the rollout deletes what the
    // group no longer renders.
    const known = new Set(fleet.clusters().map(c => c.name));
    const earlier = await store.groupClusters({
      workspace: planned.workspace.ref,
      type: planned.request.group.type,
      name: planned.request.group.name,
    });
    const clusters = [
      ...new Set([...planned.clusters, ...earlier.filter(c => known.has(c))]),
    ].sort();
    const created = await audited(
      req,
      'request-create',
      {
        requestId: id,
        workspace: planned.workspace.ref,
        group: planned.request.group.name,
      },
      () =>
        store.insert({
          id,
          workspace: planned.workspace.ref,
          workspaceOwner: planned.workspace.owner,
          group: planned.request.group,
          description: planned.request.description,
          requester: credentials.principal.userEntityRef,
          objects: planned.objects,
          preview: planned.preview,
          clusters,
          at: new Date().toISOString(),
        }),
    );
    res.status(201).json(created);
  });

  router.get('/requests', async (req, res) => {
    const credentials = await userCredentials(req);
    const { workspace, ...filters } = req.query;
    const query = {
      ...filters,
      workspace: workspace ? normalizeWorkspaceRef(workspace) : undefined,
    };
    const [decision] = await permissions.authorizeConditional(
      [{ permission: meshplaneRequestReadPermission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.DENY) {
      // Not an empty list: the UI tells "you may not" from "there are none".
      throw new NotAllowedError('You may not read group requests');
    }
    const filter =
      decision.result === AuthorizeResult.CONDITIONAL
        ? options.requestFilter(decision.conditions)
        : undefined;
    res.json({ items: await store.list(query, filter) });
  });

  router.get('/requests/:id', async (req, res) => {
    const credentials = await userCredentials(req);
    res.json(await detail(req.params.id, credentials));
  });

  for (const verb of ['approve', 'reject'] as const) {
    router.post(`/requests/:id/${verb}`, async (req, res) => {
      const credentials = await userCredentials(req);
      const id = req.params.id;
      await requireOnRequest(
        meshplaneRequestApprovePermission,
        id,
        credentials,
      );
      const comment = req.body?.comment;
      await audited(
        req,
        verb === 'approve' ? 'request-approve' : 'request-reject',
        { requestId: id },
        () =>
          store.decide(id, {
            approve: verb === 'approve',
            actor: credentials.principal.userEntityRef,
            comment,
            at: new Date().toISOString(),
          }),
      );
      if (verb === 'approve') await startRollout();
      res.json(await detail(id, credentials));
    });
  }

  router.post('/requests/:id/retry', async (req, res) => {
    const credentials = await userCredentials(req);
    const id = req.params.id;
    await requireOnRequest(meshplaneRequestRetryPermission, id, credentials);
    await audited(req, 'request-retry', { requestId: id }, () =>
      store.retry(
        id,
        credentials.principal.userEntityRef,
        new Date().toISOString(),
      ),
    );
    await startRollout();
    res.json(await detail(id, credentials));
  });

  // Recomputing stores a new preview and an audit-trail event: for those who
  // may request for the workspace (its owners) or decide on the request.
  router.post('/requests/:id/preview', async (req, res) => {
    const credentials = await userCredentials(req);
    const id = req.params.id;
    const request = await requireOnRequest(
      meshplaneRequestReadPermission,
      id,
      credentials,
    );
    if (
      !(await mayCreate(request.workspace, credentials)) &&
      !(await allowed(meshplaneRequestApprovePermission, id, credentials))
    ) {
      throw new NotAllowedError(
        `You may not recompute the preview of request ${id}: only owners of ${request.workspace} and approvers may`,
      );
    }
    await audited(req, 'request-preview', { requestId: id }, async () => {
      const objects = await store.objects(id);
      const targets = [
        ...new Map(
          objects.map(({ cluster, object }) => [
            `${cluster}/${object.metadata.namespace}`,
            { cluster, namespace: object.metadata.namespace ?? '' },
          ]),
        ).values(),
      ];
      await store.savePreview(
        id,
        await planner.repreview(objects, targets),
        credentials.principal.userEntityRef,
      );
    });
    res.json(await detail(id, credentials));
  });
}
