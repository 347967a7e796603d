import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  ClusterRollout,
  MeshGroupSpec,
  MeshRequest,
  MeshRequestListQuery,
  RenderedObject,
  RequestEvent,
  RequestPreview,
  RequestStatus,
} from '@meshplane/plugin-meshplane-common';
import type { Knex } from 'knex';

const REQUESTS = 'meshplane_requests';
const CLUSTERS = 'meshplane_request_clusters';
const OBJECTS = 'meshplane_request_objects';
const EVENTS = 'meshplane_request_events';

function decisionMessage(decision: {
  approve: boolean;
  comment?: string;
}): string {
  const verb = decision.approve ? 'approved' : 'rejected';
  if (decision.comment) return `${verb}: ${decision.comment}`;
  return decision.approve ? 'approved for rollout' : verb;
}

/** A property a permission condition filters requests on. */
export interface RequestFilter {
  property: 'requester' | 'workspaceOwner' | 'workspace';
  values: string[];
}

/** Filter columns of {@link RequestFilter} properties. */
const FILTER_COLUMNS: Record<RequestFilter['property'], string> = {
  requester: 'requester',
  workspaceOwner: 'workspace_owner',
  workspace: 'workspace',
};

/** A request to store, fully rendered and previewed. */
export interface NewRequest {
  id: string;
  workspace: string;
  workspaceOwner: string;
  group: MeshGroupSpec;
  description?: string;
  requester: string;
  objects: RenderedObject[];
  preview: RequestPreview;
  /** Every cluster the request targets (also those it renders nothing for). */
  clusters: string[];
  at: string;
}

/** A stored object of a request and whether it was applied. */
export interface StoredObject extends RenderedObject {
  seq: number;
  appliedAt?: string;
}

/** A cluster rollout claimed by one replica. */
export interface ClusterLease {
  requestId: string;
  cluster: string;
  owner: string;
}

type RequestRow = {
  id: string;
  workspace: string;
  workspace_owner: string;
  group_type: string;
  group_name: string;
  group_spec: string;
  description: string | null;
  requester: string;
  approval: MeshRequest['approval']['state'];
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  status: RequestStatus;
  preview: string | null;
  created_at: string;
  updated_at: string;
};

type ClusterRow = {
  request_id: string;
  cluster: string;
  status: ClusterRollout['status'];
  due: boolean | number;
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
};

/**
 * TSB's aggregation of child statuses: READY when every cluster is,
 * PARTIAL when some are, FAILED when none is and one failed, else ACCEPTED.
 */
export function aggregateStatus(
  statuses: Array<ClusterRollout['status']>,
): RequestStatus {
  const ready = statuses.filter(status => status === 'READY').length;
  if (statuses.length > 0 && ready === statuses.length) return 'READY';
  if (ready > 0) return 'PARTIAL';
  if (statuses.includes('FAILED')) return 'FAILED';
  return 'ACCEPTED';
}

function applyFilter(
  query: Knex.QueryBuilder,
  filter: PermissionCriteria<RequestFilter>,
): void {
  if ('allOf' in filter) {
    query.where(inner =>
      filter.allOf.forEach(f => inner.andWhere(q => applyFilter(q, f))),
    );
  } else if ('anyOf' in filter) {
    query.where(inner =>
      filter.anyOf.forEach(f => inner.orWhere(q => applyFilter(q, f))),
    );
  } else if ('not' in filter) {
    query.whereNot(inner => applyFilter(inner, filter.not));
  } else {
    query.whereIn(FILTER_COLUMNS[filter.property], filter.values);
  }
}

/**
 * The folder of the requests' knex migrations, resolved from the package
 * root (so it is the same from `src` and from a built `dist`); the package
 * ships it (`files` in package.json).
 */
export function requestMigrationsDirectory(): string {
  return resolvePackagePath(
    '@meshplane/plugin-meshplane-backend',
    'migrations',
  );
}

/**
 * The requests database: everything that writes lives here, so several
 * backend replicas share one truth. Rollouts are claimed per cluster with a
 * lease (a conditional UPDATE), so two replicas never apply the same
 * cluster of a request at once, and objects are marked applied one by one,
 * so a retry or a restart applies only what is left.
 */
export class RequestStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<RequestStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: requestMigrationsDirectory(),
        // Its own bookkeeping table, so a database shared with other plugins stays consistent.
        tableName: 'meshplane_knex_migrations',
      });
    }
    return new RequestStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async insert(request: NewRequest): Promise<MeshRequest> {
    await this.knex.transaction(async tx => {
      await tx<RequestRow>(REQUESTS).insert({
        id: request.id,
        workspace: request.workspace,
        workspace_owner: request.workspaceOwner,
        group_type: request.group.type,
        group_name: request.group.name,
        group_spec: JSON.stringify(request.group),
        description: request.description ?? null,
        requester: request.requester,
        approval: 'PENDING',
        status: 'ACCEPTED',
        preview: JSON.stringify(request.preview),
        created_at: request.at,
        updated_at: request.at,
      });
      await tx<ClusterRow>(CLUSTERS).insert(
        request.clusters.map(cluster => ({
          request_id: request.id,
          cluster,
          status: 'ACCEPTED' as const,
          due: false,
          attempts: 0,
          updated_at: request.at,
        })),
      );
      const perCluster = new Map<string, number>();
      const rows = request.objects.map(({ cluster, object }) => {
        const seq = perCluster.get(cluster) ?? 0;
        perCluster.set(cluster, seq + 1);
        return {
          request_id: request.id,
          cluster,
          seq,
          api_version: object.apiVersion,
          kind: object.kind,
          namespace: object.metadata.namespace ?? '',
          name: object.metadata.name,
          object: JSON.stringify(object),
        };
      });
      // Bounded batches: SQLite allows at most 32766 bound variables.
      for (let i = 0; i < rows.length; i += 500) {
        await tx(OBJECTS).insert(rows.slice(i, i + 500));
      }
      await this.event(tx, request.id, {
        at: request.at,
        actor: request.requester,
        action: 'created',
        message: `requested ${request.group.type} group ${request.group.name} (${request.group.mode}) for ${request.clusters.length} cluster(s), ${request.objects.length} object(s)`,
      });
    });
    return this.getOrThrow(request.id);
  }

  async get(id: string): Promise<MeshRequest | undefined> {
    const row = await this.knex<RequestRow>(REQUESTS).where({ id }).first();
    if (!row) return undefined;
    const clusters = await this.knex<ClusterRow>(CLUSTERS)
      .where({ request_id: id })
      .orderBy('cluster');
    const counts = await this.objectCounts([id]);
    return this.toRequest(row, clusters, counts);
  }

  async getOrThrow(id: string): Promise<MeshRequest> {
    const request = await this.get(id);
    if (!request) throw new NotFoundError(`No request ${id}`);
    return request;
  }

  async list(
    query: MeshRequestListQuery,
    filter?: PermissionCriteria<RequestFilter>,
  ): Promise<MeshRequest[]> {
    const builder = this.knex<RequestRow>(REQUESTS)
      .orderBy('created_at', 'desc')
      .limit(Math.min(query.limit ?? 100, 500));
    if (query.workspace) builder.where('workspace', query.workspace);
    if (query.approval) builder.where('approval', query.approval);
    if (query.status) builder.where('status', query.status);
    if (filter) applyFilter(builder, filter);
    const rows = await builder;
    if (rows.length === 0) return [];
    const ids = rows.map(row => row.id);
    const clusters = await this.knex<ClusterRow>(CLUSTERS)
      .whereIn('request_id', ids)
      .orderBy('cluster');
    const counts = await this.objectCounts(ids);
    return rows.map(row =>
      this.toRequest(
        row,
        clusters.filter(cluster => cluster.request_id === row.id),
        counts,
      ),
    );
  }

  async objects(
    id: string,
    options: { cluster?: string; pendingOnly?: boolean } = {},
  ): Promise<StoredObject[]> {
    const builder = this.knex(OBJECTS)
      .where({ request_id: id })
      .orderBy(['cluster', 'seq']);
    if (options.cluster) builder.where('cluster', options.cluster);
    if (options.pendingOnly) builder.whereNull('applied_at');
    const rows = await builder;
    return rows.map(row => ({
      cluster: row.cluster,
      seq: row.seq,
      object: JSON.parse(row.object),
      appliedAt: row.applied_at ?? undefined,
    }));
  }

  async events(id: string): Promise<RequestEvent[]> {
    const rows = await this.knex(EVENTS)
      .where({ request_id: id })
      .orderBy('id');
    return rows.map(row => ({
      at: row.at,
      actor: row.actor,
      action: row.action,
      cluster: row.cluster ?? undefined,
      message: row.message,
    }));
  }

  async preview(id: string): Promise<RequestPreview | undefined> {
    const row = await this.knex<RequestRow>(REQUESTS)
      .where({ id })
      .select('preview')
      .first();
    return row?.preview ? JSON.parse(row.preview) : undefined;
  }

  async savePreview(
    id: string,
    preview: RequestPreview,
    actor: string,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx<RequestRow>(REQUESTS)
        .where({ id })
        .update({
          preview: JSON.stringify(preview),
          updated_at: preview.computedAt,
        });
      await this.event(tx, id, {
        at: preview.computedAt,
        actor,
        action: 'previewed',
        message: `preview recomputed against live state${
          preview.breaking ? ': breaks edges' : ''
        }`,
      });
    });
  }

  /**
   * Approves or rejects a pending request. Only one decision wins: the
   * update is conditional on the request still being pending.
   */
  async decide(
    id: string,
    decision: { approve: boolean; actor: string; comment?: string; at: string },
  ): Promise<MeshRequest> {
    await this.knex.transaction(async tx => {
      const updated = await tx<RequestRow>(REQUESTS)
        .where({ id, approval: 'PENDING' })
        .update({
          approval: decision.approve ? 'APPROVED' : 'REJECTED',
          decided_by: decision.actor,
          decided_at: decision.at,
          decision_comment: decision.comment ?? null,
          updated_at: decision.at,
        });
      if (updated !== 1) {
        const row = await tx<RequestRow>(REQUESTS).where({ id }).first();
        if (!row) throw new NotFoundError(`No request ${id}`);
        throw new ConflictError(
          `Request ${id} is already ${row.approval.toLowerCase()}`,
        );
      }
      if (decision.approve) {
        await tx<ClusterRow>(CLUSTERS)
          .where({ request_id: id })
          .update({ due: true, updated_at: decision.at });
      }
      await this.event(tx, id, {
        at: decision.at,
        actor: decision.actor,
        action: decision.approve ? 'approved' : 'rejected',
        message: decisionMessage(decision),
      });
    });
    return this.getOrThrow(id);
  }

  /** Queues the failed clusters of an approved request again. */
  async retry(id: string, actor: string, at: string): Promise<MeshRequest> {
    await this.knex.transaction(async tx => {
      const row = await tx<RequestRow>(REQUESTS).where({ id }).first();
      if (!row) throw new NotFoundError(`No request ${id}`);
      if (row.approval !== 'APPROVED') {
        throw new ConflictError(
          `Request ${id} is ${row.approval.toLowerCase()}, not approved: nothing to retry`,
        );
      }
      // A queued cluster is ACCEPTED again (validated, not yet applied), as TSB reports it.
      const queued = await tx<ClusterRow>(CLUSTERS)
        .where({ request_id: id, status: 'FAILED', due: false })
        .update({ due: true, status: 'ACCEPTED', updated_at: at });
      if (queued === 0) {
        throw new ConflictError(`Request ${id} has no failed cluster to retry`);
      }
      const statuses = await tx<ClusterRow>(CLUSTERS)
        .where({ request_id: id })
        .select('status');
      await tx<RequestRow>(REQUESTS)
        .where({ id })
        .update({
          status: aggregateStatus(statuses.map(cluster => cluster.status)),
          updated_at: at,
        });
      await this.event(tx, id, {
        at,
        actor,
        action: 'retried',
        message: `retry queued for ${queued} failed cluster(s)`,
      });
    });
    return this.getOrThrow(id);
  }

  /**
   * Claims one due cluster rollout whose lease is free or expired. The
   * conditional UPDATE is atomic on every database, so when two replicas
   * race for a cluster exactly one gets it.
   */
  async claimDueCluster(options: {
    owner: string;
    now: string;
    leaseUntil: string;
  }): Promise<ClusterLease | undefined> {
    const free = (builder: Knex.QueryBuilder) =>
      builder.whereNull('lease_owner').orWhere('lease_until', '<', options.now);
    const candidates = await this.knex<ClusterRow>(CLUSTERS)
      .where({ due: true })
      .andWhere(free)
      .orderBy('updated_at')
      .limit(10);
    for (const candidate of candidates) {
      const claimed = await this.knex<ClusterRow>(CLUSTERS)
        .where({
          request_id: candidate.request_id,
          cluster: candidate.cluster,
          due: true,
        })
        .andWhere(free)
        .update({
          lease_owner: options.owner,
          lease_until: options.leaseUntil,
        });
      if (claimed === 1) {
        return {
          requestId: candidate.request_id,
          cluster: candidate.cluster,
          owner: options.owner,
        };
      }
    }
    return undefined;
  }

  /** Extends a lease while its owner still holds it; `false` when it was lost. */
  async extendLease(lease: ClusterLease, leaseUntil: string): Promise<boolean> {
    const updated = await this.knex<ClusterRow>(CLUSTERS)
      .where({
        request_id: lease.requestId,
        cluster: lease.cluster,
        lease_owner: lease.owner,
      })
      .update({ lease_until: leaseUntil });
    return updated === 1;
  }

  async markApplied(
    lease: ClusterLease,
    seq: number,
    resourceVersion: string | undefined,
    at: string,
  ): Promise<void> {
    await this.knex(OBJECTS)
      .where({ request_id: lease.requestId, cluster: lease.cluster, seq })
      .whereNull('applied_at')
      .update({
        applied_at: at,
        applied_resource_version: resourceVersion ?? null,
      });
  }

  /**
   * Ends a rollout attempt of one cluster: records its status, frees the
   * lease, recomputes the request's status and writes the audit event.
   * Ignored when the lease was lost to another replica.
   */
  async finishCluster(
    lease: ClusterLease,
    outcome: { ok: boolean; message: string; at: string; actor: string },
  ): Promise<MeshRequest | undefined> {
    const finished = await this.knex.transaction(async tx => {
      // Replicas finishing two clusters of one request at once must not both
      // aggregate from a state without the other's result (write skew under
      // READ COMMITTED): lock the request row first, so they take turns.
      await tx<RequestRow>(REQUESTS)
        .where({ id: lease.requestId })
        .forUpdate()
        .first();
      const updated = await tx<ClusterRow>(CLUSTERS)
        .where({
          request_id: lease.requestId,
          cluster: lease.cluster,
          lease_owner: lease.owner,
        })
        .update({
          status: outcome.ok ? 'READY' : 'FAILED',
          due: false,
          attempts: tx.raw('attempts + 1'),
          last_error: outcome.ok ? null : outcome.message,
          lease_owner: null,
          lease_until: null,
          updated_at: outcome.at,
        });
      if (updated !== 1) return false;
      const statuses = await tx<ClusterRow>(CLUSTERS)
        .where({ request_id: lease.requestId })
        .select('status');
      await tx<RequestRow>(REQUESTS)
        .where({ id: lease.requestId })
        .update({
          status: aggregateStatus(statuses.map(row => row.status)),
          updated_at: outcome.at,
        });
      await this.event(tx, lease.requestId, {
        at: outcome.at,
        actor: outcome.actor,
        action: outcome.ok ? 'applied' : 'apply-failed',
        cluster: lease.cluster,
        message: outcome.message,
      });
      return true;
    });
    return finished ? this.getOrThrow(lease.requestId) : undefined;
  }

  /**
   * The id of a request of the same group (workspace, type and name) that was
   * approved and created after this one, if any: its objects are the group's now.
   */
  async newerApprovedRequest(
    request: MeshRequest,
  ): Promise<string | undefined> {
    const row = await this.knex<RequestRow>(REQUESTS)
      .where({
        workspace: request.workspace,
        group_type: request.group.type,
        group_name: request.group.name,
        approval: 'APPROVED',
      })
      .andWhere('created_at', '>', request.createdAt)
      .whereNot({ id: request.id })
      .select('id')
      .first();
    return row?.id;
  }

  /** Clusters where objects of a group (workspace, type and name) were applied by any of its requests. */
  async groupClusters(group: {
    workspace: string;
    type: string;
    name: string;
  }): Promise<string[]> {
    const rows: Array<{ cluster: string }> = await this.knex(OBJECTS)
      .join(REQUESTS, `${REQUESTS}.id`, `${OBJECTS}.request_id`)
      .where({
        [`${REQUESTS}.workspace`]: group.workspace,
        [`${REQUESTS}.group_type`]: group.type,
        [`${REQUESTS}.group_name`]: group.name,
      })
      .whereNotNull(`${OBJECTS}.applied_at`)
      .distinct(`${OBJECTS}.cluster`);
    return rows.map(row => row.cluster).sort();
  }

  /** Requests with due clusters: what a rollout run has to do. */
  async hasDueClusters(): Promise<boolean> {
    const row = await this.knex<ClusterRow>(CLUSTERS)
      .where({ due: true })
      .first();
    return row !== undefined;
  }

  private async event(
    tx: Knex,
    requestId: string,
    event: RequestEvent,
  ): Promise<void> {
    await tx(EVENTS).insert({
      request_id: requestId,
      at: event.at,
      actor: event.actor,
      action: event.action,
      cluster: event.cluster ?? null,
      message: event.message,
    });
  }

  private async objectCounts(ids: string[]) {
    const rows: Array<{
      request_id: string;
      cluster: string;
      total: number | string;
      applied: number | string;
    }> = await this.knex(OBJECTS)
      .whereIn('request_id', ids)
      .groupBy('request_id', 'cluster')
      .select('request_id', 'cluster')
      .count({ total: '*' })
      .count({ applied: 'applied_at' });
    const counts = new Map<string, { total: number; applied: number }>();
    for (const row of rows) {
      counts.set(`${row.request_id}/${row.cluster}`, {
        total: Number(row.total),
        applied: Number(row.applied),
      });
    }
    return counts;
  }

  private toRequest(
    row: RequestRow,
    clusters: ClusterRow[],
    counts: Map<string, { total: number; applied: number }>,
  ): MeshRequest {
    return {
      id: row.id,
      workspace: row.workspace,
      workspaceOwner: row.workspace_owner,
      group: JSON.parse(row.group_spec),
      description: row.description ?? undefined,
      requester: row.requester,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      approval: {
        state: row.approval,
        decidedBy: row.decided_by ?? undefined,
        decidedAt: row.decided_at ?? undefined,
        comment: row.decision_comment ?? undefined,
      },
      status: row.status,
      clusters: clusters.map(cluster => {
        const count = counts.get(`${row.id}/${cluster.cluster}`) ?? {
          total: 0,
          applied: 0,
        };
        return {
          cluster: cluster.cluster,
          status: cluster.status,
          objectCount: count.total,
          appliedCount: count.applied,
          attempts: cluster.attempts,
          lastError: cluster.last_error ?? undefined,
          updatedAt: cluster.updated_at,
        };
      }),
    };
  }
}
