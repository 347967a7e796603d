import type { KubeObject } from '../objects';
import { StoredObject } from './types';

/** Turns an object (with resourceVersion and uid set) into its stored form. */
export function encodeObject(object: KubeObject): StoredObject {
  const { apiVersion: _apiVersion, ...rest } = object;
  const metadata = object.metadata;
  const ownerUids = metadata.ownerReferences?.map(o => o.uid).filter(Boolean);
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name,
    body: JSON.stringify(rest),
    resourceVersion: Number(metadata.resourceVersion),
    uid: metadata.uid ?? '',
    ...(metadata.labels && Object.keys(metadata.labels).length > 0
      ? { labels: { ...metadata.labels } }
      : {}),
    ...(ownerUids && ownerUids.length > 0 ? { ownerUids } : {}),
  };
}

/** The JSON text of a stored object served as `apiVersion`. */
export function objectJson(object: StoredObject, apiVersion: string): string {
  return `{"apiVersion":${JSON.stringify(apiVersion)},${object.body.slice(1)}`;
}

/** A stored object parsed back, served as `apiVersion`. */
export function decodeObject(
  object: StoredObject,
  apiVersion: string,
): KubeObject {
  return JSON.parse(objectJson(object, apiVersion));
}
