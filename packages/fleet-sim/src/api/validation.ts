import type { KubeObject } from '../objects';
import { groupVersion, ResourceType } from '../resources';
import {
  istioStructuralSchema,
  pruneUnknownFields,
  unknownFields,
} from '../resources/istioSchemas';
import { ApiError } from './ApiError';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that a request body is an object of the resource the URL names:
 * apiVersion, kind, namespace and name agree (400 otherwise, worded as
 * kube-apiserver words it).
 */
export function checkIdentity(
  type: ResourceType,
  body: unknown,
  target: { namespace?: string; name?: string },
): KubeObject {
  if (!isObject(body)) {
    throw ApiError.badRequest(
      "couldn't get version/kind; json parse error: the body is not a JSON object",
    );
  }
  const expected = groupVersion(type);
  if (typeof body.kind !== 'string' || !body.kind) {
    throw ApiError.badRequest("Object 'Kind' is missing in the request body");
  }
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw ApiError.badRequest(
      `the API version in the data (${String(
        body.apiVersion,
      )}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== type.kind) {
    throw ApiError.badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${type.kind}) of ${type.plural}`,
    );
  }
  if (body.metadata !== undefined && !isObject(body.metadata)) {
    throw ApiError.badRequest('metadata must be an object');
  }
  const metadata = { ...((body.metadata as Record<string, unknown>) ?? {}) };
  if (type.namespaced) {
    if (
      metadata.namespace !== undefined &&
      metadata.namespace !== '' &&
      metadata.namespace !== target.namespace
    ) {
      throw ApiError.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    metadata.namespace = target.namespace;
  } else {
    delete metadata.namespace;
  }
  if (target.name !== undefined) {
    if (
      metadata.name !== undefined &&
      metadata.name !== '' &&
      metadata.name !== target.name
    ) {
      throw ApiError.badRequest(
        `the name of the object (${String(
          metadata.name,
        )}) does not match the name on the URL (${target.name})`,
      );
    }
    metadata.name = target.name;
  }
  return {
    ...body,
    apiVersion: expected,
    kind: type.kind,
    metadata,
  } as KubeObject;
}

/**
 * Fields the resource does not declare, with kube-apiserver's `fieldValidation`: `Strict` → 400
 * `strict decoding error: unknown field "…"`; `Warn` (the default) → dropped, each named in a
 * warning; `Ignore` → dropped. Istio kinds are checked at every depth against their CRD's
 * structural schema (and pruned like a CRD); other kinds at the top level. Returns the object to
 * store.
 */
export function checkKnownFields(
  type: ResourceType,
  object: KubeObject,
  fieldValidation: string | undefined,
  warnings?: string[],
): KubeObject {
  const schema = istioStructuralSchema(type);
  let unknown: string[];
  if (schema) {
    const { metadata: _metadata, ...rest } = object;
    unknown = unknownFields(schema, rest);
  } else {
    const known = new Set([
      'apiVersion',
      'kind',
      'metadata',
      ...type.topLevelFields,
    ]);
    unknown = Object.keys(object).filter(key => !known.has(key));
  }
  if (!unknown.length) return object;
  const described = unknown.map(field => `unknown field "${field}"`);
  if (fieldValidation === 'Strict') {
    throw ApiError.badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${
        type.kind
      }: strict decoding error: ${described.join(', ')}`,
    );
  }
  if (fieldValidation !== 'Ignore') warnings?.push(...described);
  if (schema) {
    const { metadata, ...rest } = object;
    return { ...pruneUnknownFields(schema, rest), metadata } as KubeObject;
  }
  // Built-in kinds: the simulator keeps what it does not model, as it always did.
  return object;
}

/** Validation kube-apiserver applies to every object's metadata (422 Invalid). */
export function validateObject(type: ResourceType, object: KubeObject): void {
  const causes: Array<{ field: string; message: string }> = [];
  const { name, labels, annotations } = object.metadata;
  const namePattern =
    type.kind === 'Namespace' || type.kind === 'Service'
      ? DNS_LABEL
      : DNS_SUBDOMAIN;
  if (!name) {
    causes.push({
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  } else if (
    typeof name !== 'string' ||
    name.length > 253 ||
    !namePattern.test(name)
  ) {
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 ${
        namePattern === DNS_LABEL ? 'label' : 'subdomain'
      } must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    });
  }
  for (const [field, map] of [
    ['labels', labels],
    ['annotations', annotations],
  ] as const) {
    if (map === undefined || map === null) continue;
    if (!isObject(map)) {
      causes.push({
        field: `metadata.${field}`,
        message: 'Invalid value: must be a map of strings',
      });
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') {
        causes.push({
          field: `metadata.${field}`,
          message: `Invalid value: ${JSON.stringify(
            key,
          )}: value must be a string`,
        });
      } else if (
        field === 'labels' &&
        (value.length > 63 || !LABEL_VALUE.test(value))
      ) {
        causes.push({
          field: 'metadata.labels',
          message: `Invalid value: ${JSON.stringify(
            value,
          )}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        });
      }
    }
  }
  if (causes.length > 0) {
    throw ApiError.invalid({
      kind: type.kind,
      group: type.group,
      name: String(name ?? ''),
      causes,
    });
  }
}
