import { randomBytes } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../objects';
import { groupVersion, RESOURCE_TYPES, ResourceType } from '../resources';
import { ClusterStore } from '../store';
import { ApiError } from './ApiError';
import { recordUpdate, serverSideApply } from './fieldManagement';
import { jsonPatch, mergePatch, strategicMerge } from './patches';
import { checkIdentity, checkKnownFields, validateObject } from './validation';

/** Options every write takes from its query string (and DeleteOptions body). */
export interface WriteOptions {
  dryRun: boolean;
  /** The `fieldManager` query parameter; required for server-side apply. */
  fieldManager?: string;
  /** The manager other writes record without `fieldManager`: the user agent's program name (kube-apiserver's default). */
  defaultFieldManager: string;
  fieldValidation?: string;
  force?: boolean;
  /** Collects the warnings of the write (kube-apiserver's `Warning: 299` headers), when given. */
  warnings?: string[];
}

/** Where a request points: resource, namespace, name, subresource. */
export interface ObjectTarget {
  type: ResourceType;
  namespace: string;
  name: string;
  subresource?: string;
}

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

/** Parses a JSON or YAML request body; malformed text is a 400. */
export function parseBody(text: string, contentType: string): unknown {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  try {
    if (mediaType.endsWith('yaml')) {
      return parseYaml(text);
    }
    return JSON.parse(text);
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split('\n')[0] : String(error);
    const format = mediaType.endsWith('yaml') ? 'yaml' : 'json';
    throw ApiError.badRequest(
      `couldn't get version/kind; ${format} parse error: ${message}`,
    );
  }
}

const NAMESPACE_TYPE = RESOURCE_TYPES.find(t => t.kind === 'Namespace')!;

function describe(target: ObjectTarget) {
  return {
    resource: target.type.plural,
    group: target.type.group,
    name: target.name,
  };
}

/**
 * The Kubernetes API semantics of one cluster over its store: create, update
 * (optimistic concurrency), patch (JSON, merge, strategic, server-side apply),
 * delete, dry runs, status subresources and managedFields.
 */
export class ClusterApi {
  readonly store: ClusterStore;

  constructor(store: ClusterStore) {
    this.store = store;
  }

  get(target: ObjectTarget): KubeObject {
    const object = this.store.get(target.type, target.namespace, target.name);
    if (!object) {
      throw ApiError.notFound(describe(target));
    }
    return object;
  }

  create(
    type: ResourceType,
    namespace: string,
    body: unknown,
    options: WriteOptions,
  ): KubeObject {
    let object = checkIdentity(type, body, { namespace });
    object = checkKnownFields(
      type,
      object,
      options.fieldValidation,
      options.warnings,
    );
    if (
      !object.metadata.name &&
      typeof object.metadata.generateName === 'string'
    ) {
      object.metadata.name = `${object.metadata.generateName}${randomBytes(3)
        .toString('hex')
        .slice(0, 5)}`;
    }
    validateObject(type, object);
    const target = { type, namespace, name: object.metadata.name };
    if (type.namespaced && !this.namespaceExists(namespace)) {
      throw ApiError.notFound({
        resource: 'namespaces',
        group: '',
        name: namespace,
      });
    }
    if (this.store.get(type, namespace, target.name)) {
      throw ApiError.alreadyExists(describe(target));
    }
    if (type.istio) {
      delete object.status;
    }
    object = this.withoutServerFields(object);
    object = recordUpdate({
      previous: undefined,
      next: object,
      manager: options.fieldManager ?? options.defaultFieldManager,
      apiVersion: groupVersion(type),
      keyedLists: !type.istio,
    });
    return this.commit(type, object, undefined, options.dryRun);
  }

  update(
    target: ObjectTarget,
    body: unknown,
    options: WriteOptions,
  ): KubeObject {
    const existing = this.get(target);
    const object = checkKnownFields(
      target.type,
      checkIdentity(target.type, body, target),
      options.fieldValidation,
      options.warnings,
    );
    const requested = object.metadata.resourceVersion;
    if (requested === undefined || requested === '') {
      if (target.type.istio) {
        throw ApiError.invalid({
          kind: target.type.kind,
          group: target.type.group,
          name: target.name,
          causes: [
            {
              field: 'metadata.resourceVersion',
              message: 'Invalid value: 0x0: must be specified for an update',
            },
          ],
        });
      }
    } else if (requested !== existing.metadata.resourceVersion) {
      throw ApiError.conflict({
        ...describe(target),
        message:
          'the object has been modified; please apply your changes to the latest version and try again',
      });
    }
    return this.replace(target, existing, object, options);
  }

  patch(
    target: ObjectTarget,
    patchType: string,
    text: string,
    options: WriteOptions,
  ): KubeObject {
    const mediaType = patchType.split(';')[0].trim();
    const patchBody = parseBody(text, mediaType);
    const existing = this.store.get(target.type, target.namespace, target.name);
    if (mediaType === PATCH_TYPES.apply) {
      return this.apply(target, existing, patchBody, options);
    }
    if (!existing) {
      throw ApiError.notFound(describe(target));
    }
    let patched: unknown;
    switch (mediaType) {
      case PATCH_TYPES.json:
        patched = jsonPatch(existing, patchBody, () => ({
          kind: target.type.kind,
          group: target.type.group,
          name: target.name,
        }));
        break;
      case PATCH_TYPES.merge:
        patched = mergePatch(existing, patchBody);
        break;
      case PATCH_TYPES.strategic:
        // Istio kinds are CRDs: they have no strategic merge metadata, so merge semantics apply.
        patched = strategicMerge(existing, patchBody, !target.type.istio);
        break;
      default:
        throw ApiError.unsupportedMediaType(patchType);
    }
    const object = checkKnownFields(
      target.type,
      checkIdentity(target.type, patched, target),
      options.fieldValidation,
      options.warnings,
    );
    const requested = object.metadata.resourceVersion;
    if (requested && requested !== existing.metadata.resourceVersion) {
      throw ApiError.conflict({
        ...describe(target),
        message:
          'the object has been modified; please apply your changes to the latest version and try again',
      });
    }
    return this.replace(target, existing, object, options);
  }

  delete(
    target: ObjectTarget,
    options: WriteOptions & {
      orphan: boolean;
      preconditions?: { uid?: string; resourceVersion?: string };
    },
  ): KubeObject {
    const existing = this.get(target);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw ApiError.conflict({
        ...describe(target),
        message: `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`,
      });
    }
    if (
      pre?.resourceVersion &&
      pre.resourceVersion !== existing.metadata.resourceVersion
    ) {
      throw ApiError.conflict({
        ...describe(target),
        message: `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
      });
    }
    if (options.dryRun) {
      return existing;
    }
    return (
      this.store.delete(target.type, target.namespace, target.name, {
        orphan: options.orphan,
      }) ?? existing
    );
  }

  private apply(
    target: ObjectTarget,
    existing: KubeObject | undefined,
    body: unknown,
    options: WriteOptions,
  ): KubeObject {
    if (!options.fieldManager) {
      throw ApiError.invalid({
        kind: 'PatchOptions',
        group: 'meta.k8s.io',
        name: '',
        causes: [
          {
            field: 'fieldManager',
            message: 'Required value: is required for apply requests',
          },
        ],
      });
    }
    const applied = checkKnownFields(
      target.type,
      checkIdentity(target.type, body, target),
      options.fieldValidation,
      options.warnings,
    );
    validateObject(target.type, applied);
    if (target.type.statusSubresource && target.subresource !== 'status') {
      delete applied.status;
    }
    if (
      !existing &&
      target.type.namespaced &&
      !this.namespaceExists(target.namespace)
    ) {
      throw ApiError.notFound({
        resource: 'namespaces',
        group: '',
        name: target.namespace,
      });
    }
    const merged = serverSideApply({
      live: existing,
      applied,
      manager: options.fieldManager,
      force: options.force ?? false,
      apiVersion: groupVersion(target.type),
      keyedLists: !target.type.istio,
      describe: describe(target),
    });
    return this.commit(
      target.type,
      this.withoutServerFields(merged, existing),
      existing,
      options.dryRun,
    );
  }

  private replace(
    target: ObjectTarget,
    existing: KubeObject,
    object: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    let next = this.withoutServerFields(object, existing);
    if (target.subresource === 'status') {
      next = { ...existing, status: object.status };
    } else if (target.type.statusSubresource) {
      next = { ...next, status: existing.status };
      if (existing.status === undefined) delete next.status;
    }
    validateObject(target.type, next);
    const requestedFields = object.metadata.managedFields;
    if (
      requestedFields !== undefined &&
      JSON.stringify(requestedFields) !==
        JSON.stringify(existing.metadata.managedFields)
    ) {
      // A request that rewrites managedFields (kubectl's client-side to server-side apply
      // upgrade does) sets them as given, as kube-apiserver's field manager does.
      next.metadata.managedFields = requestedFields;
      return this.commit(target.type, next, existing, options.dryRun);
    }
    next = recordUpdate({
      previous: existing,
      next,
      manager: options.fieldManager ?? options.defaultFieldManager,
      apiVersion: groupVersion(target.type),
      keyedLists: !target.type.istio,
      subresource: target.subresource,
    });
    return this.commit(target.type, next, existing, options.dryRun);
  }

  /** Drops fields only the server sets, keeping the existing object's identity. */
  private withoutServerFields(
    object: KubeObject,
    existing?: KubeObject,
  ): KubeObject {
    const {
      resourceVersion: _rv,
      uid: _uid,
      creationTimestamp: _ct,
      generation: _gen,
      selfLink: _sl,
      ...metadata
    } = object.metadata;
    const result: KubeObject = {
      ...object,
      metadata: { ...metadata, name: object.metadata.name },
    };
    if (existing) {
      result.metadata.uid = existing.metadata.uid;
      result.metadata.creationTimestamp = existing.metadata.creationTimestamp;
      result.metadata.generation = existing.metadata.generation;
      if (!('managedFields' in object.metadata)) {
        result.metadata.managedFields = existing.metadata.managedFields;
      }
    }
    return result;
  }

  private commit(
    type: ResourceType,
    object: KubeObject,
    existing: KubeObject | undefined,
    dryRun: boolean,
  ): KubeObject {
    if (dryRun) {
      const stamped = this.store.stamp(object, existing);
      if (!existing) {
        delete stamped.metadata.resourceVersion;
      } else {
        stamped.metadata.resourceVersion = existing.metadata.resourceVersion;
      }
      return stamped;
    }
    return this.store.write(type, object);
  }

  private namespaceExists(namespace: string): boolean {
    return this.store.resource(NAMESPACE_TYPE).get('', namespace) !== undefined;
  }
}
