import { ObjectFilter, StoredObject, StoreEvent } from './types';

/** Position in a list: the (namespace, name) of the last item returned. */
export interface ListPosition {
  namespace: string;
  name: string;
}

/** A page of a list read at one resource version. */
export interface ListPage {
  items: StoredObject[];
  /** Set when more items follow `items` at the same resource version. */
  next?: ListPosition;
}

/** Index of the first element greater than `value` in a sorted array. */
function upperBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/**
 * The objects of one resource (all versions) in one cluster, with a bounded
 * history of changes for watches and consistent paginated lists.
 */
export class ResourceStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  private sortedNamespaces?: string[];
  private readonly sortedNames = new Map<string, string[]>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  /** Changes at or before this resource version are no longer in `history`. */
  compactedRevision: number;
  private readonly historyLimit: number;

  constructor(options: { historyLimit: number; revision: number }) {
    this.historyLimit = options.historyLimit;
    this.compactedRevision = options.revision;
  }

  get size(): number {
    let count = 0;
    for (const names of this.objects.values()) {
      count += names.size;
    }
    return count;
  }

  get(namespace: string, name: string): StoredObject | undefined {
    return this.objects.get(namespace)?.get(name);
  }

  /** All objects of a namespace (or of every namespace), unsorted. */
  *all(namespace?: string): Iterable<StoredObject> {
    const maps =
      namespace === undefined
        ? [...this.objects.values()]
        : [this.objects.get(namespace)];
    for (const names of maps) {
      if (names) {
        yield* names.values();
      }
    }
  }

  /** Stores an object without recording an event (initial load). */
  load(object: StoredObject): void {
    this.place(object);
  }

  /** Stores an object and tells watchers. */
  write(object: StoredObject): StoreEvent {
    const previous = this.get(object.namespace, object.name);
    this.place(object);
    const event: StoreEvent = previous
      ? {
          type: 'MODIFIED',
          resourceVersion: object.resourceVersion,
          object,
          previous,
        }
      : { type: 'ADDED', resourceVersion: object.resourceVersion, object };
    this.record(event);
    return event;
  }

  /** Removes an object and tells watchers; `tombstone` is its last state at the deletion's version. */
  remove(tombstone: StoredObject): StoreEvent | undefined {
    const names = this.objects.get(tombstone.namespace);
    const previous = names?.get(tombstone.name);
    if (!names || !previous) {
      return undefined;
    }
    names.delete(tombstone.name);
    this.sortedNames.delete(tombstone.namespace);
    if (names.size === 0) {
      this.objects.delete(tombstone.namespace);
      this.sortedNamespaces = undefined;
    }
    const event: StoreEvent = {
      type: 'DELETED',
      resourceVersion: tombstone.resourceVersion,
      object: tombstone,
      previous,
    };
    this.record(event);
    return event;
  }

  /** Drops the history: watches and continue tokens older than `revision` get 410. */
  compact(revision: number): void {
    this.history = [];
    this.compactedRevision = revision;
  }

  /** Events after `revision`, oldest first; undefined when they are no longer kept. */
  eventsSince(revision: number): StoreEvent[] | undefined {
    if (revision < this.compactedRevision) {
      return undefined;
    }
    let start = this.history.length;
    while (start > 0 && this.history[start - 1].resourceVersion > revision) {
      start--;
    }
    return this.history.slice(start);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One page of the objects as they were at `revision` (kept history permitting),
   * in (namespace, name) order, starting after `after`.
   */
  page(options: {
    revision: number;
    namespace?: string;
    after?: ListPosition;
    limit?: number;
    filter: ObjectFilter;
  }): ListPage | undefined {
    const changes = this.eventsSince(options.revision);
    if (!changes) {
      return undefined;
    }
    const overrides = new Map<string, Map<string, StoredObject | null>>();
    for (let i = changes.length - 1; i >= 0; i--) {
      const event = changes[i];
      const { namespace, name } = event.object;
      let names = overrides.get(namespace);
      if (!names) {
        names = new Map();
        overrides.set(namespace, names);
      }
      names.set(name, event.type === 'ADDED' ? null : event.previous ?? null);
    }
    let namespaces = this.namespaces();
    if (overrides.size > 0) {
      namespaces = [...new Set([...namespaces, ...overrides.keys()])].sort();
    }
    if (options.namespace !== undefined) {
      namespaces = namespaces.includes(options.namespace)
        ? [options.namespace]
        : [];
    }
    const items: StoredObject[] = [];
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const after = options.after;
    for (const namespace of namespaces) {
      if (after && namespace < after.namespace) {
        continue;
      }
      const nsOverrides = overrides.get(namespace);
      let names = this.names(namespace);
      if (nsOverrides) {
        names = [...new Set([...names, ...nsOverrides.keys()])].sort();
      }
      const start =
        after && namespace === after.namespace
          ? upperBound(names, after.name)
          : 0;
      for (let i = start; i < names.length; i++) {
        const name = names[i];
        const override = nsOverrides?.get(name);
        const object =
          override === undefined ? this.get(namespace, name) : override;
        if (!object || !options.filter(object)) {
          continue;
        }
        if (items.length === limit) {
          const last = items[items.length - 1];
          return {
            items,
            next: { namespace: last.namespace, name: last.name },
          };
        }
        items.push(object);
      }
    }
    return { items };
  }

  private namespaces(): string[] {
    if (!this.sortedNamespaces) {
      this.sortedNamespaces = [...this.objects.keys()].sort();
    }
    return this.sortedNamespaces;
  }

  private names(namespace: string): string[] {
    let names = this.sortedNames.get(namespace);
    if (!names) {
      names = [...(this.objects.get(namespace)?.keys() ?? [])].sort();
      this.sortedNames.set(namespace, names);
    }
    return names;
  }

  private place(object: StoredObject): void {
    let names = this.objects.get(object.namespace);
    if (!names) {
      names = new Map();
      this.objects.set(object.namespace, names);
      this.sortedNamespaces = undefined;
    }
    if (!names.has(object.name)) {
      this.sortedNames.delete(object.namespace);
    }
    names.set(object.name, object);
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(
        0,
        this.history.length - this.historyLimit,
      );
      this.compactedRevision = dropped[dropped.length - 1].resourceVersion;
    }
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }
}
