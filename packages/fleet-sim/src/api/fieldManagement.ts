import type { KubeObject } from '../objects';
import { ApiError } from './ApiError';
import { mergeKeyFor } from './patches';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsTree;
  subresource?: string;
}

type FieldsTree = { [segment: string]: FieldsTree };
type Json = unknown;

const METADATA_FIELDS = [
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The leaf fields of an object as fieldsV1 paths (JSON arrays of `f:`/`k:`
 * segments) with their JSON values. Keyed lists (core kinds) have one `.` leaf
 * per item; other lists are atomic leaves.
 */
export function leafValues(
  object: KubeObject,
  keyedLists: boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: Json, segments: string[], field: string) => {
    if (isObject(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) {
        out.set(JSON.stringify(segments), '{}');
      }
      for (const [key, child] of entries) {
        walk(child, [...segments, `f:${key}`], key);
      }
      return;
    }
    if (Array.isArray(value)) {
      const key =
        keyedLists && value.length > 0 ? mergeKeyFor(field, value) : undefined;
      if (!key) {
        out.set(JSON.stringify(segments), JSON.stringify(value));
        return;
      }
      for (const item of value as Array<Record<string, Json>>) {
        const id = `k:${JSON.stringify({ [key]: item[key] })}`;
        out.set(JSON.stringify([...segments, id, '.']), '');
        for (const [child, childValue] of Object.entries(item)) {
          walk(childValue, [...segments, id, `f:${child}`], child);
        }
      }
      return;
    }
    out.set(JSON.stringify(segments), JSON.stringify(value));
  };
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind') {
      continue;
    }
    if (key === 'metadata' && isObject(value)) {
      for (const field of METADATA_FIELDS) {
        if (value[field] !== undefined) {
          walk(value[field], ['f:metadata', `f:${field}`], field);
        }
      }
      continue;
    }
    walk(value, [`f:${key}`], key);
  }
  return out;
}

function toTree(paths: Iterable<string>): FieldsTree {
  const tree: FieldsTree = {};
  for (const path of paths) {
    let node = tree;
    for (const segment of JSON.parse(path) as string[]) {
      node[segment] = node[segment] ?? {};
      node = node[segment];
    }
  }
  return tree;
}

function fromTree(tree: FieldsTree): Set<string> {
  const paths = new Set<string>();
  const walk = (node: FieldsTree, segments: string[]) => {
    const children = Object.entries(node);
    if (children.length === 0 && segments.length > 0) {
      paths.add(JSON.stringify(segments));
    }
    for (const [segment, child] of children) {
      walk(child, [...segments, segment]);
    }
  };
  walk(tree, []);
  return paths;
}

/** `.spec.containers[name="app"].image`, as conflict messages print a path. */
function describePath(path: string): string {
  return (JSON.parse(path) as string[])
    .map(segment => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      if (segment.startsWith('k:')) {
        const key = JSON.parse(segment.slice(2)) as Record<string, Json>;
        return `[${Object.entries(key)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return '';
    })
    .join('');
}

function removePath(object: KubeObject, path: string): void {
  const segments = JSON.parse(path) as string[];
  let parent: Json = object;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment.startsWith('f:') && isObject(parent)) {
      if (last) {
        delete parent[segment.slice(2)];
        return;
      }
      parent = parent[segment.slice(2)];
    } else if (segment.startsWith('k:') && Array.isArray(parent)) {
      const key = JSON.parse(segment.slice(2)) as Record<string, Json>;
      const index = parent.findIndex(
        item =>
          isObject(item) &&
          Object.entries(key).every(([k, v]) => item[k] === v),
      );
      if (index < 0) return;
      if (segments[i + 1] === '.') {
        parent.splice(index, 1);
        return;
      }
      parent = parent[index];
    } else {
      return;
    }
  }
}

function mergeApplied(
  live: Json,
  applied: Json,
  keyedLists: boolean,
  field: string,
): Json {
  if (isObject(applied)) {
    const result: Record<string, Json> = isObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(applied)) {
      result[key] = mergeApplied(result[key], value, keyedLists, key);
    }
    return result;
  }
  if (Array.isArray(applied) && Array.isArray(live) && keyedLists) {
    const key = mergeKeyFor(field, applied);
    if (key) {
      const result = [...live];
      for (const item of applied as Array<Record<string, Json>>) {
        const index = result.findIndex(
          existing => isObject(existing) && existing[key] === item[key],
        );
        if (index >= 0) {
          result[index] = mergeApplied(result[index], item, keyedLists, field);
        } else {
          result.push(item);
        }
      }
      return result;
    }
  }
  return applied;
}

function entriesOf(object: KubeObject | undefined): ManagedFieldsEntry[] {
  const entries = object?.metadata.managedFields;
  return Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : [];
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function withEntries(
  object: KubeObject,
  entries: Array<{ entry: ManagedFieldsEntry; paths: Set<string> }>,
): KubeObject {
  const managedFields = entries
    .filter(e => e.paths.size > 0)
    .map(e => ({ ...e.entry, fieldsV1: toTree(e.paths) }));
  return { ...object, metadata: { ...object.metadata, managedFields } };
}

/**
 * Records an Update by `manager`: it takes ownership of every field it set or
 * changed; fields it removed are owned by nobody.
 */
export function recordUpdate(options: {
  previous: KubeObject | undefined;
  next: KubeObject;
  manager: string;
  apiVersion: string;
  keyedLists: boolean;
  subresource?: string;
}): KubeObject {
  const { previous, next, manager, apiVersion, keyedLists } = options;
  const before = previous
    ? leafValues(previous, keyedLists)
    : new Map<string, string>();
  const after = leafValues(next, keyedLists);
  const changed = [...after]
    .filter(([path, value]) => before.get(path) !== value)
    .map(([path]) => path);
  const removed = [...before.keys()].filter(path => !after.has(path));
  const entries = entriesOf(previous).map(entry => ({
    entry,
    paths: fromTree(entry.fieldsV1),
  }));
  for (const { paths } of entries) {
    for (const path of [...changed, ...removed]) paths.delete(path);
  }
  if (changed.length > 0) {
    let own = entries.find(
      e => e.entry.manager === manager && e.entry.operation === 'Update',
    );
    if (!own) {
      own = {
        entry: {
          manager,
          operation: 'Update',
          apiVersion,
          time: now(),
          fieldsType: 'FieldsV1',
          fieldsV1: {},
          ...(options.subresource ? { subresource: options.subresource } : {}),
        },
        paths: new Set(),
      };
      entries.push(own);
    }
    own.entry = { ...own.entry, apiVersion, time: now() };
    for (const path of changed) own.paths.add(path);
  }
  return withEntries(next, entries);
}

/**
 * Server-side apply of `applied` by `manager` (structured-merge-diff semantics,
 * simplified): conflicts with other managers' differing values are 409 unless
 * `force`, fields this manager applied before and no longer applies are removed
 * when nobody else owns them, and the manager owns exactly what it applied.
 */
export function serverSideApply(options: {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  keyedLists: boolean;
  describe: { resource: string; group: string; name: string };
}): KubeObject {
  const { live, applied, manager, force, apiVersion, keyedLists } = options;
  const appliedLeaves = leafValues(applied, keyedLists);
  const liveLeaves = live
    ? leafValues(live, keyedLists)
    : new Map<string, string>();
  const entries = entriesOf(live).map(entry => ({
    entry,
    paths: fromTree(entry.fieldsV1),
  }));
  const others = entries.filter(
    e => !(e.entry.manager === manager && e.entry.operation === 'Apply'),
  );
  const conflicts: Array<{
    manager: string;
    apiVersion: string;
    path: string;
  }> = [];
  for (const [path, value] of appliedLeaves) {
    const liveValue = liveLeaves.get(path);
    if (liveValue === undefined || liveValue === value) continue;
    for (const other of others) {
      if (other.paths.has(path)) {
        if (force) {
          other.paths.delete(path);
        } else {
          conflicts.push({
            manager: other.entry.manager,
            apiVersion: other.entry.apiVersion,
            path,
          });
        }
      }
    }
  }
  if (conflicts.length > 0) {
    const lines = conflicts.map(
      c =>
        `conflict with "${c.manager}" using ${c.apiVersion}: ${describePath(
          c.path,
        )}`,
    );
    const message =
      conflicts.length === 1
        ? `Apply failed with 1 conflict: ${lines[0]}`
        : `Apply failed with ${conflicts.length} conflicts: ${lines.join(
            '\n',
          )}`;
    throw new ApiError({
      code: 409,
      reason: 'Conflict',
      message,
      details: {
        name: options.describe.name,
        group: options.describe.group,
        kind: options.describe.resource,
        causes: conflicts.map(c => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}" using ${c.apiVersion}`,
          field: describePath(c.path),
        })),
      },
    });
  }
  const previousApply = entries.find(
    e => e.entry.manager === manager && e.entry.operation === 'Apply',
  );
  const identity = {
    name: applied.metadata.name,
    ...(applied.metadata.namespace
      ? { namespace: applied.metadata.namespace }
      : {}),
  };
  const base: KubeObject = live
    ? structuredClone(live)
    : {
        apiVersion: applied.apiVersion,
        kind: applied.kind,
        metadata: identity,
      };
  if (previousApply) {
    for (const path of previousApply.paths) {
      const ownedElsewhere = others.some(o => o.paths.has(path));
      if (!appliedLeaves.has(path) && !ownedElsewhere) {
        removePath(base, path);
      }
    }
  }
  const { metadata: appliedMetadata, ...appliedRest } = applied;
  const merged = mergeApplied(base, appliedRest, keyedLists, '') as KubeObject;
  const metadataPatch: Record<string, Json> = {};
  for (const field of METADATA_FIELDS) {
    if (appliedMetadata[field] !== undefined)
      metadataPatch[field] = appliedMetadata[field];
  }
  merged.metadata = {
    ...identity,
    ...(mergeApplied(
      base.metadata,
      metadataPatch,
      keyedLists,
      'metadata',
    ) as KubeObject['metadata']),
  };
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  const kept = entries.filter(e => e !== previousApply);
  return withEntries(merged, [
    ...kept,
    { entry, paths: new Set(appliedLeaves.keys()) },
  ]);
}
