/**
 * An object as kept in memory: its JSON without `apiVersion` (so one copy
 * serves every version of a multi-version resource), plus the few fields
 * lists, selectors and garbage collection need without parsing it.
 */
export interface StoredObject {
  namespace: string;
  name: string;
  /** JSON text of the object without `apiVersion`; starts with `{"kind":`. */
  body: string;
  resourceVersion: number;
  uid: string;
  labels?: Record<string, string>;
  ownerUids?: string[];
}

/** A change to one object, as watchers receive it. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resourceVersion: number;
  object: StoredObject;
  /** The object before the change (MODIFIED, DELETED). */
  previous?: StoredObject;
}

/** Which objects a list or watch wants (selectors are evaluated by the caller's predicate). */
export type ObjectFilter = (object: StoredObject) => boolean;
