import type {
  ClusterKindStatus,
  KubeObject,
} from '@meshplane/plugin-meshplane-common';
import type { ConnectionSettings } from '../config/readMeshplaneConfig';
import { backoffDelay, Sleeper } from './backoff';
import { KubeRequestError } from './KubeRequestError';
import { KubeTransport, WatchEvent, WatchStream } from './KubeTransport';
import {
  GATEWAY_API_GROUP,
  isRelevant,
  MalformedObjectError,
  ObjectTrimmer,
} from './trimObject';
import { apiVersionOf, collectionPath, WatchedKind } from './watchedKinds';

/**
 * How much of an object changed: `status` when only its status did (a pod
 * turning ready), which cannot affect posture, edges or topology elsewhere.
 */
export type ChangeScope = 'object' | 'status';

/** Where an informer delivers changes. */
export interface ObjectSink {
  upsert(kind: WatchedKind, object: KubeObject, scope: ChangeScope): void;
  remove(kind: WatchedKind, namespace: string, name: string): void;
}

/** FNV-1a over a string: a cheap fingerprint to recognise unchanged objects. */
function fingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Fingerprints of an object without its status, and of its status. */
function fingerprints(object: KubeObject): [number, number] {
  const { status, ...rest } = object;
  return [
    fingerprint(JSON.stringify(rest)),
    status === undefined ? 0 : fingerprint(JSON.stringify(status)),
  ];
}

/** What an informer tells its cluster connection. */
export interface InformerEvents {
  /** Something changed in the informer's state (status must be recomputed). */
  onStateChange(): void;
  /** The kind answered 404: its CRD may be gone, discovery should run again. */
  onNotFound(): void;
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * List+watch of one kind in one cluster, the way client-go's reflector does
 * it: a paginated list, then watches from the list's resourceVersion with
 * bookmarks, renewed when the server ends them; `410 Gone` (an event or a
 * status) relists; every other failure is retried with exponential backoff
 * and jitter. Objects are trimmed before they reach the sink, and only
 * their keys are kept here (to find deletions on relist).
 */
export class KindInformer {
  readonly kind: WatchedKind;
  readonly version: string;
  private readonly apiVersion: string;
  private readonly transport: KubeTransport;
  private readonly settings: ConnectionSettings;
  private readonly trimmer: ObjectTrimmer;
  private readonly sink: ObjectSink;
  private readonly events: InformerEvents;
  private readonly namespace?: string;
  private readonly sleeper = new Sleeper();
  /**
   * Cached objects by key, with their fingerprints once known (objects of the
   * first list are not fingerprinted: that list is the hot path of the sync).
   */
  private readonly keys = new Map<string, [number, number] | undefined>();
  /** Objects the API served that could not be cached, by key, with the reason. */
  private readonly malformed = new Map<string, string>();
  private resourceVersion = '';
  private stopped = false;
  private stream?: WatchStream;
  private running?: Promise<void>;

  state: ClusterKindStatus['state'] = 'listing';
  /** The first complete list happened (the kind has contributed its objects). */
  listedOnce = false;
  lastSync?: Date;
  lastError?: { error: KubeRequestError; at: Date };
  /** Relists after `410 Gone` (counted when they start). */
  relists = 0;

  constructor(options: {
    kind: WatchedKind;
    version: string;
    transport: KubeTransport;
    settings: ConnectionSettings;
    trimmer: ObjectTrimmer;
    sink: ObjectSink;
    events: InformerEvents;
    /** Restricts list and watch to one namespace. */
    namespace?: string;
  }) {
    this.kind = options.kind;
    this.version = options.version;
    this.apiVersion = apiVersionOf(options.kind.group, options.version);
    this.transport = options.transport;
    this.settings = options.settings;
    this.trimmer = options.trimmer;
    this.sink = options.sink;
    this.events = options.events;
    this.namespace = options.namespace;
  }

  /** Number of cached objects. */
  get count(): number {
    return this.keys.size;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops the informer; with `forget`, its objects leave the cache. */
  async stop(options: { forget?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.sleeper.cancel();
    this.stream?.stop();
    await this.running;
    if (options.forget) {
      for (const key of this.keys.keys()) {
        const slash = key.indexOf('/');
        this.sink.remove(this.kind, key.slice(0, slash), key.slice(slash + 1));
      }
      this.keys.clear();
    }
  }

  /** Retries now instead of waiting out the backoff. */
  retryNow(): void {
    this.sleeper.wake();
  }

  /** The kind's status for the API. */
  status(): ClusterKindStatus {
    const error =
      this.lastError ??
      (this.malformed.size > 0
        ? {
            error: new KubeRequestError({
              reason: 'malformed',
              message: `${this.malformed.size} ${
                this.kind.kind
              } object(s) skipped: ${[...this.malformed.values()][0]}`,
            }),
            at: this.lastSync ?? new Date(),
          }
        : undefined);
    return {
      apiVersion: this.apiVersion,
      kind: this.kind.kind,
      state: this.state,
      count: this.keys.size,
      relists: this.relists,
      ...(this.lastSync ? { lastSync: this.lastSync.toISOString() } : {}),
      ...(error
        ? { lastError: error.error.toClusterError(this.kind.kind, error.at) }
        : {}),
    };
  }

  /** Whether the kind currently has a problem to report. */
  get hasProblem(): boolean {
    return this.state === 'error' || this.malformed.size > 0;
  }

  private path(query: Record<string, string | number | boolean>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      params.set(key, String(value));
    return `${collectionPath(
      this.kind,
      this.version,
      this.namespace,
    )}?${params}`;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.list();
        if (this.stopped) break;
        const started = Date.now();
        const events = await this.watchOnce();
        this.lastSync = new Date();
        failures = 0;
        if (events === 0 && Date.now() - started < 1000) {
          // A server that closes watches at once would otherwise be hammered.
          await this.sleeper.sleep(backoffDelay(1, this.settings));
        }
      } catch (caught) {
        if (this.stopped) break;
        const error = KubeRequestError.from(`watch ${this.kind.kind}`, caught);
        if (error.reason === 'gone') {
          // The watch fell behind the server's history: relist (client-go's reflector does the same).
          this.resourceVersion = '';
          this.lastError = { error, at: new Date() };
          this.relists++;
          failures++;
          if (failures > 1)
            await this.sleeper.sleep(backoffDelay(failures - 1, this.settings));
          continue;
        }
        failures++;
        this.lastError = { error, at: new Date() };
        this.state = 'error';
        this.events.onStateChange();
        if (error.reason === 'not-found') this.events.onNotFound();
        await this.sleeper.sleep(backoffDelay(failures, this.settings));
      }
    }
  }

  private async list(): Promise<void> {
    if (this.state !== 'error') this.state = 'listing';
    const seen = new Set<string>();
    this.malformed.clear();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const query: Record<string, string | number> = {
        limit: Math.min(
          this.settings.pageSize,
          this.kind.maxPageSize ?? Infinity,
        ),
      };
      if (continueToken) query.continue = continueToken;
      const page = await this.transport.getJson(
        this.path(query),
        `list ${this.kind.kind}`,
        this.settings.requestTimeoutMs,
      );
      if (!page || !Array.isArray(page.items)) {
        throw new KubeRequestError({
          reason: 'malformed',
          message: `list ${this.kind.kind}: answer has no items array`,
        });
      }
      for (const item of page.items) {
        const key = this.apply(item, this.listedOnce);
        if (key) seen.add(key);
      }
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? '';
    } while (continueToken && !this.stopped);
    for (const key of [...this.keys.keys()]) {
      if (!seen.has(key)) {
        const slash = key.indexOf('/');
        this.keys.delete(key);
        this.sink.remove(this.kind, key.slice(0, slash), key.slice(slash + 1));
      }
    }
    this.resourceVersion = resourceVersion;
    this.state = 'watching';
    this.listedOnce = true;
    this.lastError = undefined;
    this.lastSync = new Date();
    this.events.onStateChange();
  }

  /**
   * Caches (or drops) one object from a list or watch; returns its key if
   * cached. With `compare`, an object identical to the cached one is not
   * passed on, and one whose status alone changed is passed on as such.
   */
  private apply(raw: any, compare: boolean): string | undefined {
    const namespace: string = raw?.metadata?.namespace ?? '';
    const name: unknown = raw?.metadata?.name;
    const key = typeof name === 'string' ? keyOf(namespace, name) : undefined;
    let object: KubeObject;
    try {
      object = this.trimmer.trim(this.apiVersion, this.kind.kind, raw);
    } catch (error) {
      if (!(error instanceof MalformedObjectError)) throw error;
      this.malformed.set(
        key ?? `<unnamed ${this.malformed.size}>`,
        error.message,
      );
      if (key && this.keys.delete(key))
        this.sink.remove(this.kind, namespace, name as string);
      return undefined;
    }
    if (key) this.malformed.delete(key);
    if (!isRelevant(this.kind.kind, raw)) {
      if (key && this.keys.delete(key))
        this.sink.remove(this.kind, namespace, object.metadata.name);
      return undefined;
    }
    let scope: ChangeScope = 'object';
    if (compare) {
      const prints = fingerprints(object);
      const known = this.keys.get(key!);
      this.keys.set(key!, prints);
      if (known && known[0] === prints[0]) {
        if (known[1] === prints[1]) return key;
        // A Gateway API status (a route accepted by a Gateway of another namespace, a listener
        // programmed) can change what is concluded outside the object's namespace.
        if (this.kind.group !== GATEWAY_API_GROUP) scope = 'status';
      }
    } else {
      this.keys.set(key!, undefined);
    }
    this.sink.upsert(this.kind, object, scope);
    return key;
  }

  private async watchOnce(): Promise<number> {
    let events = 0;
    const wasError = this.state === 'error';
    const stream = await this.transport.watch(
      this.path({
        watch: 1,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.settings.watchTimeoutSeconds,
      }),
      `watch ${this.kind.kind}`,
      event => {
        events++;
        this.onWatchEvent(event);
      },
      {
        connectTimeoutMs: this.settings.requestTimeoutMs,
        idleTimeoutMs:
          this.settings.watchTimeoutSeconds * 1000 +
          this.settings.requestTimeoutMs,
      },
    );
    this.stream = stream;
    if (this.stopped) stream.stop();
    try {
      // Only an answer ends a failure: a watch that cannot connect rejects `done` instead.
      if (await stream.opened) {
        this.lastSync = new Date();
        if (wasError && this.state === 'error') {
          this.state = 'watching';
          this.lastError = undefined;
          this.events.onStateChange();
        }
      }
      await stream.done;
    } finally {
      this.stream = undefined;
    }
    return events;
  }

  private onWatchEvent(event: WatchEvent): void {
    const object = event?.object;
    if (event.type === 'ERROR') {
      const code = typeof object?.code === 'number' ? object.code : 500;
      throw KubeRequestError.fromStatus(
        `watch ${this.kind.kind}`,
        code,
        object,
      );
    }
    if (event.type === 'BOOKMARK') {
      this.resourceVersion =
        object?.metadata?.resourceVersion ?? this.resourceVersion;
      this.lastSync = new Date();
      return;
    }
    if (event.type === 'DELETED') {
      const namespace = object?.metadata?.namespace ?? '';
      const name = object?.metadata?.name;
      if (typeof name === 'string') {
        const key = keyOf(namespace, name);
        this.malformed.delete(key);
        if (this.keys.delete(key)) this.sink.remove(this.kind, namespace, name);
      }
    } else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const hadProblem = this.malformed.size > 0;
      this.apply(object, true);
      if (hadProblem !== this.malformed.size > 0) this.events.onStateChange();
    } else {
      throw new KubeRequestError({
        reason: 'malformed',
        message: `watch ${this.kind.kind}: unknown event type ${JSON.stringify(
          String(event?.type),
        ).slice(0, 40)}`,
      });
    }
    this.resourceVersion =
      object?.metadata?.resourceVersion ?? this.resourceVersion;
    this.lastSync = new Date();
  }
}
