import {
  parseKubeYaml,
  type KubeObject,
  type MeshGroupType,
} from '@meshplane/plugin-meshplane-common';
import type { FieldErrorCollector } from '../fieldErrors';
import { groupObjectMeta, type RenderTarget } from './groupObjectMeta';

/**
 * Kinds a DIRECT group may carry, per group type (TSB: a group's DIRECT mode
 * takes the Istio APIs of its domain only).
 */
export const DIRECT_KINDS: Record<MeshGroupType, string[]> = {
  gateway: [
    'networking.istio.io/Gateway',
    'networking.istio.io/VirtualService',
    'security.istio.io/RequestAuthentication',
    'security.istio.io/AuthorizationPolicy',
  ],
  traffic: [
    'networking.istio.io/VirtualService',
    'networking.istio.io/DestinationRule',
    'networking.istio.io/Sidecar',
  ],
  security: [
    'security.istio.io/PeerAuthentication',
    'security.istio.io/AuthorizationPolicy',
    'security.istio.io/RequestAuthentication',
  ],
};

/** A DIRECT object as supplied, with the field that names it. */
export interface DirectObject {
  object: KubeObject;
  field: string;
}

function groupKind(object: KubeObject): string {
  return `${object.apiVersion.split('/')[0]}/${object.kind}`;
}

/**
 * Parses a DIRECT group's YAML and checks what does not depend on a target:
 * documents readable (line numbers in the message), kinds allowed for the
 * group type, namespaces among the selected ones. Problems go to `errors`
 * under `group.objects` / `group.objects[i]`.
 */
export function parseDirectObjects(options: {
  yaml: string;
  type: MeshGroupType;
  namespaces: string[];
  errors: FieldErrorCollector;
}): DirectObject[] {
  const { yaml, type, namespaces, errors } = options;
  const parsed = parseKubeYaml(yaml, 'group.objects');
  for (const problem of parsed.errors) {
    errors.add('group.objects', `line ${problem.line}: ${problem.message}`);
  }
  const allowed = DIRECT_KINDS[type];
  const objects: DirectObject[] = [];
  parsed.objects.forEach(({ object, source }, index) => {
    const field = `group.objects[${index}]`;
    const what = `${object.kind} ${object.metadata.name} (line ${source.line})`;
    if (!allowed.includes(groupKind(object))) {
      errors.add(
        `${field}.kind`,
        `${what}: a ${type} group takes ${allowed
          .map(k => k.split('/')[1])
          .join(', ')} of ${[
          ...new Set(allowed.map(k => k.split('/')[0])),
        ].join(', ')}, not ${object.apiVersion} ${object.kind}`,
      );
      return;
    }
    const namespace = object.metadata.namespace;
    if (namespace !== undefined && !namespaces.includes(namespace)) {
      errors.add(
        `${field}.metadata.namespace`,
        `${what}: namespace ${namespace} is not one of the group's namespaces (${namespaces.join(
          ', ',
        )})`,
      );
      return;
    }
    objects.push({ object, field });
  });
  if (parsed.errors.length === 0 && parsed.objects.length === 0) {
    errors.add('group.objects', 'no Istio object in the YAML');
  }
  return objects;
}

/**
 * Places DIRECT objects in one target namespace: objects without a namespace
 * go to every selected namespace, objects with one only to theirs. Meshplane's
 * labels and the workspace annotation are added to the object's own; what a
 * server owns (`status`, `resourceVersion`, `uid`, `managedFields`…) is
 * dropped, since a server-side apply must not carry it.
 */
export function renderDirectGroup(
  objects: DirectObject[],
  target: RenderTarget,
): KubeObject[] {
  return objects
    .filter(
      ({ object }) =>
        (object.metadata.namespace ?? target.namespace) === target.namespace,
    )
    .map(({ object }) => {
      const meta = groupObjectMeta(target, object.metadata.name);
      const { status: _status, metadata, ...content } = object;
      return {
        ...content,
        metadata: {
          name: metadata.name,
          namespace: target.namespace,
          labels: { ...metadata.labels, ...meta.labels },
          annotations: { ...metadata.annotations, ...meta.annotations },
        },
      };
    });
}
