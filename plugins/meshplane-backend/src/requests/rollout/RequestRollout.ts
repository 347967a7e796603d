import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import {
  ANNOTATION_WORKSPACE,
  GROUP_KINDS,
  LABEL_GROUP,
  LABEL_GROUP_TYPE,
  LABEL_MANAGED_BY,
  objectKey,
} from '../render';
import type { ClusterLease, RequestStore } from '../store';
import type { ClusterApplier, ObjectIdentity } from '../fleetPort';

/** Lost the lease to another replica mid-run: that replica continues. */
class LeaseLostError extends Error {}

const identityKey = (o: ObjectIdentity) =>
  objectKey({ ...o, metadata: { namespace: o.namespace, name: o.name } });

/** Actor of the audit events the rollout writes. */
export const ROLLOUT_ACTOR = 'plugin:meshplane';

/**
 * Rolls approved requests out, cluster by cluster. Each run claims due
 * clusters from the store under a lease, applies the objects not yet applied
 * (one server-side apply each, marked applied at once), deletes the objects
 * an earlier request of the same group applied that this one no longer
 * renders (pruning), and records the cluster READY or FAILED. Several replicas may run it at the same time: the
 * lease gives each cluster to one of them, and objects already applied are
 * never applied again, also after a retry or a restart.
 */
export class RequestRollout {
  private readonly store: RequestStore;
  private readonly appliers: (cluster: string) => ClusterApplier | undefined;
  private readonly auditor: AuditorService;
  private readonly logger: LoggerService;
  private readonly replicaId: string;
  private readonly leaseMs: number;
  private readonly now: () => Date;

  constructor(options: {
    store: RequestStore;
    /**
     * The applier of a cluster; `undefined` for a cluster the backend does not
     * know. May throw when the cluster's definition is unusable.
     */
    appliers: (cluster: string) => ClusterApplier | undefined;
    auditor: AuditorService;
    logger: LoggerService;
    /** Names this replica in leases. */
    replicaId: string;
    /** How long a claimed cluster stays with this replica without progress. */
    leaseMs: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.appliers = options.appliers;
    this.auditor = options.auditor;
    this.logger = options.logger;
    this.replicaId = options.replicaId;
    this.leaseMs = options.leaseMs;
    this.now = options.now ?? (() => new Date());
  }

  /** Rolls out every due cluster this replica can claim; resolves with the number of cluster attempts. */
  async runOnce(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const lease = await this.store.claimDueCluster({
        owner: this.replicaId,
        now: this.now().toISOString(),
        leaseUntil: this.leaseUntil(),
      });
      if (!lease) return attempts;
      attempts++;
      await this.rolloutCluster(lease);
    }
  }

  private leaseUntil(): string {
    return new Date(this.now().getTime() + this.leaseMs).toISOString();
  }

  private async rolloutCluster(lease: ClusterLease): Promise<void> {
    const pending = await this.store.objects(lease.requestId, {
      cluster: lease.cluster,
      pendingOnly: true,
    });
    const audit = await this.auditor.createEvent({
      eventId: 'request-rollout',
      severityLevel: 'medium',
      meta: {
        requestId: lease.requestId,
        cluster: lease.cluster,
        objects: pending.length,
      },
    });
    let applied = 0;
    let pruned: string[] = [];
    try {
      // Inside the try: building the applier fails for an unusable cluster
      // definition (kubeconfig file missing, no API server URL), and that
      // must fail the cluster (retryable), free the lease and close the audit event.
      const applier = this.appliers(lease.cluster);
      if (!applier) {
        throw new Error(
          `cluster ${lease.cluster} is not configured in this backend`,
        );
      }
      for (const { seq, object } of pending) {
        await this.keepLease(lease);
        const result = await applier.apply(object);
        await this.store.markApplied(
          lease,
          seq,
          result.resourceVersion,
          this.now().toISOString(),
        );
        applied++;
      }
      pruned = await this.prune(lease, applier);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        // Another replica took the cluster over; it continues from what is marked applied.
        this.logger.warn(
          `Lost the rollout lease of request ${lease.requestId} in ${lease.cluster}`,
        );
        await audit.fail({
          error: new Error('rollout lease lost to another replica'),
        });
        return;
      }
      const failure = toError(error);
      this.logger.warn(
        `Rollout of request ${lease.requestId} in ${lease.cluster} failed: ${failure.message}`,
      );
      await this.store.finishCluster(lease, {
        ok: false,
        message: `${failure.message}${
          applied > 0
            ? ` (${applied} of ${pending.length} object(s) applied before)`
            : ''
        }`,
        at: this.now().toISOString(),
        actor: ROLLOUT_ACTOR,
      });
      await audit.fail({ error: failure, meta: { applied } });
      return;
    }
    const appliedMessage =
      pending.length === 0
        ? 'every object was already applied'
        : `applied ${pending.length} object(s) by server-side apply (field manager meshplane)`;
    const prunedMessage =
      pruned.length === 0
        ? ''
        : `; deleted ${
            pruned.length
          } object(s) the group no longer renders: ${pruned.join(', ')}`;
    await this.store.finishCluster(lease, {
      ok: true,
      message: `${appliedMessage}${prunedMessage}`,
      at: this.now().toISOString(),
      actor: ROLLOUT_ACTOR,
    });
    await audit.success({ meta: { applied, pruned: pruned.length } });
  }

  private async keepLease(lease: ClusterLease): Promise<void> {
    if (!(await this.store.extendLease(lease, this.leaseUntil())))
      throw new LeaseLostError();
  }

  /**
   * Deletes the objects of the request's group in the cluster that the
   * request does not contain: objects Meshplane applied for an earlier
   * request of the same group (same workspace, type and name), found by the
   * group's labels and workspace annotation, never anything else. Skipped
   * when a newer request of the group was approved: its objects are the
   * group's now. Resolves with what was deleted.
   */
  private async prune(
    lease: ClusterLease,
    applier: ClusterApplier,
  ): Promise<string[]> {
    const request = await this.store.getOrThrow(lease.requestId);
    if (await this.store.newerApprovedRequest(request)) return [];
    const keep = new Set(
      (
        await this.store.objects(lease.requestId, { cluster: lease.cluster })
      ).map(({ object }) => objectKey(object)),
    );
    const owned = await applier.list(GROUP_KINDS[request.group.type], {
      [LABEL_MANAGED_BY]: 'meshplane',
      [LABEL_GROUP]: request.group.name,
      [LABEL_GROUP_TYPE]: request.group.type,
    });
    const stale: ObjectIdentity[] = owned.filter(
      object =>
        object.annotations[ANNOTATION_WORKSPACE] === request.workspace &&
        !keep.has(identityKey(object)),
    );
    const deleted: string[] = [];
    for (const object of stale) {
      await this.keepLease(lease);
      await applier.delete(object);
      deleted.push(`${object.kind} ${object.namespace}/${object.name}`);
    }
    return deleted;
  }
}
