import { createHash } from 'node:crypto';
import { istioStructuralSchema } from './istioSchemas';
import { groupVersion, ResourceType } from './resourceTypes';

const KUBERNETES_VERSION = 'v1.32.0';

function schemaName(type: ResourceType): string {
  if (type.group.endsWith('.istio.io')) {
    const [area] = type.group.split('.');
    return `io.istio.${area}.${type.version}.${type.kind}`;
  }
  const group = type.group
    ? type.group.replace('.k8s.io', '').replace(/\./g, '_')
    : 'core';
  const prefix =
    type.group === 'apiextensions.k8s.io'
      ? 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions'
      : `io.k8s.api.${group}`;
  return `${prefix}.${type.version}.${type.kind}`;
}

function gvk(type: ResourceType) {
  return { group: type.group, version: type.version, kind: type.kind };
}

/**
 * The schema of a served kind. Istio kinds get the structural schema of their CRD (every field,
 * type, enum and description; see `istioSchemas.ts`), which `kubectl explain` walks and the
 * simulator prunes and strictly validates with. Other kinds get their top-level fields with
 * unknown fields kept: the simulator validates their identity and metadata itself.
 */
function objectSchema(type: ResourceType) {
  const structural = istioStructuralSchema(type);
  if (structural) {
    return { ...structural, 'x-kubernetes-group-version-kind': [gvk(type)] };
  }
  return {
    type: 'object',
    description: `${type.kind} (${groupVersion(
      type,
    )}) served by the Meshplane fleet simulator.`,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      },
      ...Object.fromEntries(
        type.topLevelFields.map(field => [
          field,
          { 'x-kubernetes-preserve-unknown-fields': true },
        ]),
      ),
    },
    'x-kubernetes-group-version-kind': [gvk(type)],
  };
}

function queryParameter(name: string, schemaType = 'string') {
  return { name, in: 'query', schema: { type: schemaType, uniqueItems: true } };
}

function operation(
  type: ResourceType,
  action: string,
  options: { body?: string[]; params?: string[] } = {},
) {
  const ref = { $ref: `#/components/schemas/${schemaName(type)}` };
  return {
    operationId: `${action}${type.kind}`,
    tags: [groupVersion(type)],
    parameters: (options.params ?? []).map(p =>
      queryParameter(p, p === 'force' ? 'boolean' : 'string'),
    ),
    ...(options.body
      ? {
          requestBody: {
            content: Object.fromEntries(
              options.body.map(media => [
                media,
                { schema: media.includes('patch') ? { type: 'object' } : ref },
              ]),
            ),
            required: true,
          },
        }
      : {}),
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: ref } },
      },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk(type),
  };
}

/**
 * Media types a PATCH accepts. Strategic merge patch is left out on purpose:
 * kubectl then computes client-side-apply patches from its compiled-in types
 * (core kinds) or falls back to JSON merge patch (CRDs), as it does against a
 * server whose schemas it cannot use for strategic merge.
 */
const PATCH_MEDIA = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];
const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];

/** The OpenAPI v3 document of one group/version (`/openapi/v3/apis/<g>/<v>`). */
export function openApiV3Document(types: ResourceType[]) {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const type of types) {
    const base = type.group
      ? `/apis/${type.group}/${type.version}`
      : `/api/${type.version}`;
    const collection = type.namespaced
      ? `${base}/namespaces/{namespace}/${type.plural}`
      : `${base}/${type.plural}`;
    paths[collection] = {
      get: operation(type, 'list', {
        params: [
          'labelSelector',
          'fieldSelector',
          'limit',
          'continue',
          'resourceVersion',
          'watch',
        ],
      }),
      ...(type.readOnly
        ? {}
        : {
            post: operation(type, 'post', {
              body: ['application/json', 'application/yaml'],
              params: WRITE_PARAMS,
            }),
          }),
    };
    paths[`${collection}/{name}`] = {
      get: operation(type, 'get'),
      ...(type.readOnly
        ? {}
        : {
            put: operation(type, 'put', {
              body: ['application/json', 'application/yaml'],
              params: WRITE_PARAMS,
            }),
            patch: operation(type, 'patch', {
              body: PATCH_MEDIA,
              params: [...WRITE_PARAMS, 'force'],
            }),
            delete: operation(type, 'delete', {
              params: ['dryRun', 'propagationPolicy'],
            }),
          }),
    };
    schemas[schemaName(type)] = objectSchema(type);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    paths,
    components: { schemas },
  };
}

/** Hash of a document, as kube-apiserver puts it in `serverRelativeURL`. */
export function documentHash(document: unknown): string {
  return createHash('sha512')
    .update(JSON.stringify(document))
    .digest('hex')
    .toUpperCase();
}

/** The OpenAPI v2 (swagger) document of every served type, for JSON clients. */
export function openApiV2Document(types: ResourceType[]) {
  const v3 = openApiV3Document(types);
  return {
    swagger: '2.0',
    info: v3.info,
    paths: {},
    definitions: v3.components.schemas,
  };
}
