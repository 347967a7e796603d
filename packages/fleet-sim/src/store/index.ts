export { ClusterStore } from './ClusterStore';
export { ResourceStore } from './ResourceStore';
export type { ListPage, ListPosition } from './ResourceStore';
export { decodeObject, encodeObject, objectJson } from './objectCodec';
export type { ObjectFilter, StoredObject, StoreEvent } from './types';
