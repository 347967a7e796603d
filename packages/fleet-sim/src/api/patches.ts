import { applyPatch, Operation } from 'fast-json-patch';
import { ApiError } from './ApiError';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) {
    return patch;
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value) as Json;
    }
  }
  return result;
}

/**
 * Merge keys of the core-kind lists that strategic merge patch merges by key
 * (from the `patchMergeKey` tags in k8s.io/api core/v1 and apps/v1 types.go).
 */
export function mergeKeyFor(field: string, items: Json[]): string | undefined {
  const has = (key: string) =>
    items.every(item => isObject(item) && key in item);
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'webhooks':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      if (has('containerPort')) return 'containerPort';
      if (has('port')) return 'port';
      return undefined;
    default:
      return undefined;
  }
}

function strategicList(
  field: string,
  target: Json[] | undefined,
  patch: Json[],
): Json[] {
  const key = mergeKeyFor(field, patch);
  if (!key || !Array.isArray(target)) {
    return patch.filter(item => !(isObject(item) && item.$patch === 'delete'));
  }
  const result = [...target];
  for (const item of patch) {
    if (!isObject(item)) {
      continue;
    }
    const index = result.findIndex(
      existing => isObject(existing) && existing[key] === item[key],
    );
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = strategicMerge(result[index], item, true) as Json;
    } else {
      result.push(strategicMerge(undefined, item, true) as Json);
    }
  }
  return result;
}

/**
 * Strategic merge patch for the core kinds: maps merge, keyed lists merge by
 * their merge key, other lists are replaced; honours `$patch: delete|replace`,
 * `$deleteFromPrimitiveList/…` and ignores ordering directives
 * (`$setElementOrder/…`, `$retainKeys`), as kubectl's client-side apply emits them.
 */
export function strategicMerge(
  target: unknown,
  patch: unknown,
  strategic = true,
): unknown {
  if (!isObject(patch)) {
    return patch;
  }
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') {
    return undefined;
  }
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (
      key.startsWith('$setElementOrder/') ||
      key === '$retainKeys' ||
      key === '$patch'
    ) {
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        result[field] = current.filter(v => !value.includes(v));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value) && strategic) {
      const current = result[key];
      result[key] = strategicList(
        key,
        Array.isArray(current) ? current : undefined,
        value,
      );
    } else if (isObject(value)) {
      const merged = strategicMerge(result[key], value, strategic);
      if (merged === undefined) {
        delete result[key];
      } else {
        result[key] = merged as Json;
      }
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** RFC 6902 JSON patch: a patch that is not a list is 400, one that cannot be applied is 422. */
export function jsonPatch(
  target: unknown,
  patch: unknown,
  describe: () => { kind: string; group: string; name: string },
): unknown {
  if (!Array.isArray(patch)) {
    throw ApiError.badRequest(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  try {
    return applyPatch(
      structuredClone(target),
      patch as Operation[],
      true,
      false,
    ).newDocument;
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw ApiError.invalid({
      ...describe(),
      causes: [
        {
          field: 'patch',
          message: `the patch could not be applied: ${message}`,
        },
      ],
    });
  }
}
