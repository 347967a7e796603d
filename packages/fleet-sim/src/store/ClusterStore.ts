import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../objects';
import {
  groupVersion,
  ResourceType,
  storageKey,
  storedResourceTypes,
} from '../resources';
import { decodeObject, encodeObject } from './objectCodec';
import { ResourceStore } from './ResourceStore';
import { StoredObject, StoreEvent } from './types';

/**
 * Every object of one simulated cluster, with one resource-version counter
 * for the whole cluster (as etcd's revision) and a store per resource.
 */
export class ClusterStore {
  private revision: number;
  private readonly stores = new Map<string, ResourceStore>();

  constructor(options: { historyLimit: number; initialRevision?: number }) {
    this.revision = options.initialRevision ?? 1000;
    for (const type of storedResourceTypes()) {
      this.stores.set(
        storageKey(type),
        new ResourceStore({
          historyLimit: options.historyLimit,
          revision: this.revision,
        }),
      );
    }
  }

  /** The cluster's current resource version. */
  get resourceVersion(): number {
    return this.revision;
  }

  resource(type: ResourceType): ResourceStore {
    const store = this.stores.get(storageKey(type));
    if (!store) {
      throw new Error(`no store for ${storageKey(type)}`);
    }
    return store;
  }

  /** Number of stored objects, over all resources. */
  get size(): number {
    let count = 0;
    for (const store of this.stores.values()) {
      count += store.size;
    }
    return count;
  }

  /** Sizes per resource (`group/plural` → count), non-empty ones only. */
  sizes(): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const [key, store] of this.stores) {
      if (store.size > 0) {
        sizes[key] = store.size;
      }
    }
    return sizes;
  }

  get(
    type: ResourceType,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    const stored = this.resource(type).get(namespace, name);
    return stored ? decodeObject(stored, groupVersion(type)) : undefined;
  }

  /** Loads initial objects: same resource version for all, no watch events. */
  loadAll(entries: Array<{ type: ResourceType; object: KubeObject }>): void {
    this.revision++;
    for (const { type, object } of entries) {
      const prepared = this.stamp(object, undefined, this.revision);
      this.resource(type).load(encodeObject(prepared));
    }
    for (const store of this.stores.values()) {
      store.compactedRevision = this.revision;
    }
  }

  /**
   * Prepares an object for a write at the next resource version: keeps uid and
   * creationTimestamp of the existing object, bumps generation on spec change.
   */
  stamp(
    object: KubeObject,
    existing: KubeObject | undefined,
    revision = this.revision + 1,
  ): KubeObject {
    const metadata = { ...object.metadata };
    metadata.uid = existing?.metadata.uid ?? metadata.uid ?? randomUUID();
    metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ??
      metadata.creationTimestamp ??
      new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    metadata.resourceVersion = String(revision);
    if ('spec' in object) {
      const previous = existing?.metadata.generation ?? 0;
      const specChanged =
        !existing ||
        JSON.stringify(existing.spec) !== JSON.stringify(object.spec);
      metadata.generation = specChanged ? previous + 1 : previous || 1;
    }
    return { ...object, metadata };
  }

  /** Writes an object at the next resource version; returns it as stored. */
  write(type: ResourceType, object: KubeObject): KubeObject {
    const existing = this.get(
      type,
      object.metadata.namespace ?? '',
      object.metadata.name,
    );
    const stamped = this.stamp(object, existing);
    this.revision++;
    this.resource(type).write(encodeObject(stamped));
    return stamped;
  }

  /**
   * Deletes an object at the next resource version and, unless `orphan`, the
   * objects it owns (ownerReferences by uid, in its namespace), as the
   * garbage collector would.
   */
  delete(
    type: ResourceType,
    namespace: string,
    name: string,
    options: { orphan?: boolean } = {},
  ): KubeObject | undefined {
    const store = this.resource(type);
    const stored = store.get(namespace, name);
    if (!stored) {
      return undefined;
    }
    this.revision++;
    const tombstone = decodeObject(stored, groupVersion(type));
    tombstone.metadata.resourceVersion = String(this.revision);
    store.remove(encodeObject(tombstone));
    if (type.kind === 'Namespace') {
      this.deleteNamespaceContents(name);
    } else if (!options.orphan) {
      this.deleteDependents(namespace, stored.uid);
    }
    return tombstone;
  }

  /** Drops every resource's history after bumping the resource version: older watches get 410. */
  compact(): void {
    this.revision++;
    for (const store of this.stores.values()) {
      store.compact(this.revision);
    }
  }

  subscribe(
    type: ResourceType,
    listener: (event: StoreEvent) => void,
  ): () => void {
    return this.resource(type).subscribe(listener);
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const type of storedResourceTypes().filter(t => t.namespaced)) {
      for (const object of [...this.resource(type).all(namespace)]) {
        this.delete(type, namespace, object.name, { orphan: true });
      }
    }
  }

  private deleteDependents(namespace: string, ownerUid: string): void {
    const dependents: Array<{ type: ResourceType; object: StoredObject }> = [];
    for (const type of storedResourceTypes().filter(t => t.namespaced)) {
      for (const object of this.resource(type).all(namespace)) {
        if (object.ownerUids?.includes(ownerUid)) {
          dependents.push({ type, object });
        }
      }
    }
    for (const { type, object } of dependents) {
      this.delete(type, namespace, object.name);
    }
  }
}
