import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterConnectionStatus,
  ClusterError,
  ClusterKindStatus,
} from '@meshplane/plugin-meshplane-common';
import type { ClusterDefinition } from '@meshplane/plugin-meshplane-node';
import type { ConnectionSettings } from '../config/readMeshplaneConfig';
import { backoffDelay, Sleeper } from './backoff';
import { ClusterInventory } from './ClusterInventory';
import { KindInformer, ObjectSink } from './KindInformer';
import { KubeRequestError } from './KubeRequestError';
import type { KubernetesAuthStrategies } from './KubernetesAuthStrategies';
import { KubeTransport } from './KubeTransport';
import { ObjectTrimmer } from './trimObject';
import { WATCHED_KINDS, WatchedKind } from './watchedKinds';

/** A kind's key in `objectCounts`: its name, with its group when two groups share it (`Gateway`). */
function countKey(kind: WatchedKind): string {
  return WATCHED_KINDS.some(k => k.kind === kind.kind && k.group !== kind.group)
    ? `${kind.kind}.${kind.group}`
    : kind.kind;
}

/** Groups of the watched custom resources, whose kinds discovery lists per group version. */
const CRD_GROUPS = [
  ...new Set(WATCHED_KINDS.filter(k => k.istio).map(k => k.group)),
];

/** Failures that mean "we cannot talk to this API server at all". */
const UNREACHABLE = new Set([
  'unreachable',
  'timeout',
  'unauthorized',
  'tls',
  'config',
]);

/** A cluster's connection state, as the API summarises it. */
export interface ClusterConnectionState {
  status: ClusterConnectionStatus;
  connectedSince: string;
  initialSyncMs?: number;
  lastSync?: string;
  lastError?: ClusterError;
  objectCounts: Record<string, number>;
  staleKinds: string[];
  istioCrdsPresent: boolean;
  apiServerVersion?: string;
  kinds: ClusterKindStatus[];
}

/**
 * The connection to one cluster: discovery (API server version, which
 * Istio CRDs and versions are served), one {@link KindInformer} per watched
 * kind, and the cluster's status derived from them. Discovery runs again
 * periodically, and at once when an Istio kind answers 404, so that CRDs
 * installed or removed later are picked up.
 */
export class ClusterConnection {
  readonly definition: ClusterDefinition;
  readonly inventory: ClusterInventory;
  readonly controlPlaneNamespace: string;
  private readonly settings: ConnectionSettings;
  private readonly discoveryIntervalMs: number;
  private readonly logger: LoggerService;
  private readonly trimmer: ObjectTrimmer;
  private readonly informers = new Map<string, KindInformer>();
  private readonly absentKinds = new Set<string>();
  private readonly sleeper = new Sleeper();
  private readonly strategies?: KubernetesAuthStrategies;
  private transport?: KubeTransport;
  private stopped = false;
  private running?: Promise<void>;
  private discoveryError?: { error: KubeRequestError; at: Date };
  private apiServerVersion?: string;
  private discovered = false;
  private lastSyncAt?: Date;
  private connectedSince = new Date();
  private initialSyncMs?: number;
  private reportedStatus?: ClusterConnectionStatus;
  /** The status the log last told, and since when. */
  private loggedStatus?: { status: ClusterConnectionStatus; since: Date };
  /** Discovery attempts started; a probe waits for one started after it was asked for. */
  private discoveryAttempts = 0;
  private probeAfterAttempt?: number;
  /** Informers that were failing when the cluster became reachable again and have not retried yet. */
  private readonly recovering = new Set<KindInformer>();
  /** Informers whose last state was `error`. */
  private readonly failing = new Set<KindInformer>();
  private readonly onStatus?: (status: ClusterConnectionStatus) => void;

  constructor(options: {
    definition: ClusterDefinition;
    settings: ConnectionSettings;
    discoveryIntervalMs: number;
    sink: ObjectSink;
    trimmer: ObjectTrimmer;
    logger: LoggerService;
    /** Credentials of clusters that use the Kubernetes plugin's strategies. */
    strategies?: KubernetesAuthStrategies;
    /** Told about every status transition. */
    onStatus?: (status: ClusterConnectionStatus) => void;
  }) {
    this.onStatus = options.onStatus;
    this.strategies = options.strategies;
    this.definition = options.definition;
    this.settings = options.settings;
    this.discoveryIntervalMs = options.discoveryIntervalMs;
    this.trimmer = options.trimmer;
    this.logger = options.logger.child({ cluster: options.definition.name });
    this.controlPlaneNamespace =
      options.definition.controlPlaneNamespace ?? 'istio-system';
    this.inventory = new ClusterInventory({
      next: options.sink,
      controlPlaneNamespace: this.controlPlaneNamespace,
    });
  }

  get name(): string {
    return this.definition.name;
  }

  /** `host[:port]` of the API server (never credentials). */
  get host(): string {
    if (this.transport) return this.transport.host;
    try {
      return this.definition.url ? new URL(this.definition.url).host : '';
    } catch {
      return '';
    }
  }

  /** API server URL and CA (base64 PEM) for catalog entities; undefined while the definition is unusable. */
  endpoint(): { url: string; caData?: string } | undefined {
    try {
      this.transport ??= KubeTransport.fromDefinition(this.definition, {
        strategies: this.strategies,
      });
      return this.transport.endpoint();
    } catch {
      return undefined;
    }
  }

  /**
   * The cluster's transport (credentials, one keep-alive agent), for writes
   * such as server-side apply.
   * @throws KubeRequestError (reason `config`) when the definition is unusable.
   */
  kubeTransport(): KubeTransport {
    this.transport ??= KubeTransport.fromDefinition(this.definition, {
      strategies: this.strategies,
    });
    return this.transport;
  }

  start(): void {
    if (this.running) return;
    this.connectedSince = new Date();
    this.running = this.run();
  }

  /** Stops discovery and every informer; with `forget`, the cluster's objects leave the cache. */
  async stop(options: { forget?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.sleeper.cancel();
    await this.running;
    await Promise.all([...this.informers.values()].map(i => i.stop(options)));
    this.informers.clear();
    this.transport?.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const attempt = ++this.discoveryAttempts;
      let delay: number;
      try {
        this.transport ??= KubeTransport.fromDefinition(this.definition, {
          strategies: this.strategies,
        });
        await this.discover(this.transport);
        if (this.discoveryError) this.reachableAgain();
        this.discoveryError = undefined;
        failures = 0;
        delay = this.discoveryIntervalMs;
      } catch (caught) {
        if (this.stopped) break;
        failures++;
        this.discoveryError = {
          error: KubeRequestError.from('discovery', caught),
          at: new Date(),
        };
        delay = backoffDelay(failures, this.settings);
      }
      if (
        this.probeAfterAttempt !== undefined &&
        attempt > this.probeAfterAttempt
      ) {
        this.probeAfterAttempt = undefined;
      }
      this.statusChanged();
      // A probe asked for during this attempt runs at once.
      if (this.probeAfterAttempt === undefined) {
        await this.sleeper.sleep(delay);
      }
    }
  }

  /**
   * The cluster answers discovery again after failing it: the informers that
   * failed meanwhile retry now instead of waiting out their backoff, and the
   * cluster's return is told once they did.
   */
  private reachableAgain(): void {
    for (const informer of this.informers.values()) {
      if (informer.state === 'error') {
        this.recovering.add(informer);
        informer.retryNow();
      }
    }
  }

  /**
   * An informer changed state. A kind that starts failing in a way that
   * means the API server may be gone (refused, reset, timed out) makes
   * discovery probe the cluster at once, so that an outage is told as the
   * cluster being unreachable, not as one kind after another failing.
   */
  private informerChanged(informer: KindInformer): void {
    this.recovering.delete(informer);
    if (informer.state !== 'error') {
      this.failing.delete(informer);
    } else if (!this.failing.has(informer)) {
      this.failing.add(informer);
      if (
        !this.discoveryError &&
        this.probeAfterAttempt === undefined &&
        UNREACHABLE.has(informer.lastError?.error.reason ?? '')
      ) {
        this.probeAfterAttempt = this.discoveryAttempts;
        this.sleeper.wake();
      }
    }
    this.statusChanged();
  }

  /** Reads `/version` and the Istio groups, then starts, switches or stops informers to match. */
  private async discover(transport: KubeTransport): Promise<void> {
    const timeout = this.settings.requestTimeoutMs;
    // The discovery requests go out together: each is a round trip before any informer starts.
    const [version, groups] = await Promise.all([
      transport.getJson('/version', 'discovery /version', timeout),
      transport.getJson('/apis', 'discovery /apis', timeout),
    ]);
    this.apiServerVersion =
      typeof version?.gitVersion === 'string' ? version.gitVersion : undefined;
    const served = new Map<string, Set<string>>();
    for (const group of Array.isArray(groups?.groups) ? groups.groups : []) {
      for (const v of Array.isArray(group?.versions) ? group.versions : []) {
        if (typeof group.name !== 'string' || typeof v?.version !== 'string')
          continue;
        if (!served.has(group.name)) served.set(group.name, new Set());
        served.get(group.name)!.add(v.version);
      }
    }
    // Which CRD kinds each served group version really has (a CRD per kind): every group of a
    // watched custom resource (Istio's, telemetry and extensions, the Gateway API).
    const groupVersions = CRD_GROUPS.flatMap(group =>
      [...(served.get(group) ?? [])].map(v => `${group}/${v}`),
    );
    const lists = await Promise.all(
      groupVersions.map(gv =>
        transport
          .getJson(`/apis/${gv}`, `discovery ${gv}`, timeout)
          .catch(error => {
            // Listed in /apis but gone by now (its CRDs were just deleted): it serves no kind.
            if (
              error instanceof KubeRequestError &&
              error.reason === 'not-found'
            )
              return undefined;
            throw error;
          }),
      ),
    );
    const kindsByGroupVersion = new Map<string, Set<string>>();
    groupVersions.forEach((gv, i) => {
      const kinds = new Set<string>();
      const list = lists[i];
      for (const r of Array.isArray(list?.resources) ? list.resources : []) {
        if (
          typeof r?.kind === 'string' &&
          typeof r.name === 'string' &&
          !r.name.includes('/')
        )
          kinds.add(r.kind);
      }
      kindsByGroupVersion.set(gv, kinds);
    });
    this.discovered = true;
    for (const kind of WATCHED_KINDS) {
      const servedVersion = kind.istio
        ? kind.versions.find(v =>
            kindsByGroupVersion.get(`${kind.group}/${v}`)?.has(kind.kind),
          )
        : kind.versions[0];
      await this.reconcile(kind, transport, servedVersion);
    }
  }

  private async reconcile(
    kind: WatchedKind,
    transport: KubeTransport,
    version: string | undefined,
  ): Promise<void> {
    if (this.stopped) return;
    const key = `${kind.group}/${kind.kind}`;
    const current = this.informers.get(key);
    if (current && current.version === version) return;
    if (current) {
      this.informers.delete(key);
      this.recovering.delete(current);
      this.failing.delete(current);
      await current.stop({ forget: version === undefined });
    }
    if (version === undefined) {
      if (!this.absentKinds.has(key)) {
        this.absentKinds.add(key);
        this.statusChanged();
      }
      return;
    }
    this.absentKinds.delete(key);
    const informer = new KindInformer({
      kind,
      version,
      transport,
      settings: this.settings,
      trimmer: this.trimmer,
      sink: this.inventory,
      namespace: kind.controlPlaneOnly ? this.controlPlaneNamespace : undefined,
      events: {
        onStateChange: () => this.informerChanged(informer),
        onNotFound: () => {
          if (kind.istio) this.sleeper.wake();
        },
      },
    });
    this.informers.set(key, informer);
    informer.start();
  }

  /**
   * Tells every status transition to `onStatus`, and logs it once, never
   * with credentials. The log waits while the status is in passing: a kind
   * failed and discovery is probing whether the whole cluster is gone, or the
   * cluster is back and the kinds that failed meanwhile are retrying. So an
   * outage logs one line when it starts and one when it ends.
   */
  private statusChanged(): void {
    const status = this.computeStatus();
    if (status === 'synced') {
      this.lastSyncAt = this.syncedAsOf();
      this.initialSyncMs ??= Date.now() - this.connectedSince.getTime();
    }
    if (status !== this.reportedStatus) {
      this.reportedStatus = status;
      this.onStatus?.(status);
    }
    if (
      status === this.loggedStatus?.status ||
      this.probeAfterAttempt !== undefined ||
      this.recovering.size > 0
    ) {
      return;
    }
    const previous = this.loggedStatus;
    const now = new Date();
    this.loggedStatus = { status, since: now };
    const error = this.firstError();
    const detail = error ? ` (${error.message})` : '';
    if (status === 'synced' || status === 'connecting') {
      const after =
        previous && previous.status !== 'connecting'
          ? ` again after ${Math.round(
              (now.getTime() - previous.since.getTime()) / 1000,
            )} s ${previous.status}`
          : '';
      this.logger.info(`Cluster ${this.name} is ${status}${after}`);
    } else {
      this.logger.warn(`Cluster ${this.name} is ${status}${detail}`);
    }
  }

  /** The failure that explains the status: discovery's, else that of the first failing kind (in watch order). */
  private firstError(): ClusterError | undefined {
    if (this.discoveryError) {
      return this.discoveryError.error.toClusterError(
        undefined,
        this.discoveryError.at,
      );
    }
    for (const kind of WATCHED_KINDS) {
      const informer = this.informers.get(`${kind.group}/${kind.kind}`);
      const error =
        informer && (informer.hasProblem || informer.lastError)
          ? informer.status().lastError
          : undefined;
      if (error) return error;
    }
    return undefined;
  }

  private computeStatus(): ClusterConnectionStatus {
    if (
      this.discoveryError &&
      UNREACHABLE.has(this.discoveryError.error.reason)
    ) {
      return 'unreachable';
    }
    // One pass, no copies: every answer's `problems` asks this of every cluster.
    let allUnreachable = this.informers.size > 0;
    let problem = false;
    let unlisted = false;
    for (const i of this.informers.values()) {
      if (
        allUnreachable &&
        !(
          i.state === 'error' &&
          UNREACHABLE.has(i.lastError?.error.reason ?? '')
        )
      )
        allUnreachable = false;
      if (i.hasProblem) problem = true;
      if (!i.listedOnce) unlisted = true;
    }
    if (allUnreachable) return 'unreachable';
    if (this.discoveryError || problem) return 'degraded';
    if (!this.discovered || unlisted) return 'connecting';
    return 'synced';
  }

  /** The time every kind was last confirmed in sync (list, watch event or bookmark). */
  private syncedAsOf(): Date {
    if (!this.informers.size) return new Date();
    let oldest = Infinity;
    for (const i of this.informers.values())
      oldest = Math.min(oldest, i.lastSync?.getTime() ?? 0);
    // The same Date while nothing newer was confirmed: no new object per answer.
    return this.lastSyncAt?.getTime() === oldest
      ? this.lastSyncAt
      : new Date(oldest);
  }

  /**
   * {@link ClusterConnection.brief} of a cluster that is not synced, else `undefined` (noting
   * the time of the sync): what an answer's `problems` asks of every cluster.
   */
  problem():
    | Pick<ClusterConnectionState, 'status' | 'lastSync' | 'lastError'>
    | undefined {
    const status = this.noteStatus();
    return status === 'synced' ? undefined : this.briefOf(status);
  }

  /** Status, last sync and last error only: what every answer's `problems` needs, cheaply. */
  brief(): Pick<ClusterConnectionState, 'status' | 'lastSync' | 'lastError'> {
    return this.briefOf(this.noteStatus());
  }

  /** The current status, noting the time of the last sync while synced. */
  private noteStatus(): ClusterConnectionStatus {
    const status = this.computeStatus();
    if (status === 'synced') this.lastSyncAt = this.syncedAsOf();
    return status;
  }

  private briefOf(
    status: ClusterConnectionStatus,
  ): Pick<ClusterConnectionState, 'status' | 'lastSync' | 'lastError'> {
    const lastError = status === 'synced' ? undefined : this.firstError();
    return {
      status,
      ...(this.lastSyncAt ? { lastSync: this.lastSyncAt.toISOString() } : {}),
      ...(lastError ? { lastError } : {}),
    };
  }

  /**
   * Kinds whose cached objects may be out of date: every kind while the
   * cluster is unreachable, else those whose list or watch fails.
   */
  staleKinds(): string[] {
    const unreachable = this.computeStatus() === 'unreachable';
    return [...this.informers.values()]
      .filter(i => unreachable || i.state === 'error')
      .map(i => i.kind.kind)
      .sort();
  }

  /** The cluster's current state for the API. */
  state(): ClusterConnectionState {
    const objectCounts: Record<string, number> = {};
    const kinds: ClusterKindStatus[] = [];
    for (const informer of this.informers.values()) {
      objectCounts[countKey(informer.kind)] = informer.count;
      kinds.push(informer.status());
    }
    for (const kind of WATCHED_KINDS) {
      if (this.absentKinds.has(`${kind.group}/${kind.kind}`)) {
        kinds.push({
          apiVersion: `${kind.group}/${kind.versions[0]}`,
          kind: kind.kind,
          state: 'absent',
          count: 0,
          relists: 0,
        });
      }
    }
    return {
      ...this.brief(),
      connectedSince: this.connectedSince.toISOString(),
      ...(this.initialSyncMs !== undefined
        ? { initialSyncMs: this.initialSyncMs }
        : {}),
      objectCounts,
      staleKinds: this.staleKinds(),
      istioCrdsPresent: [...this.informers.values()].some(i => i.kind.istio),
      ...(this.apiServerVersion
        ? { apiServerVersion: this.apiServerVersion }
        : {}),
      kinds,
    };
  }
}
