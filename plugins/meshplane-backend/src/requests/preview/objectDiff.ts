import type {
  KubeObject,
  ObjectDiff,
} from '@meshplane/plugin-meshplane-common';
import { createTwoFilesPatch } from 'diff';
import YAML from 'yaml';

/** What a rendered object sets: its spec, and the labels and annotations it carries. */
function managedContent(
  object: KubeObject,
  like: KubeObject,
): Record<string, unknown> {
  const pick = (values: Record<string, string> | undefined, keys: string[]) =>
    Object.fromEntries(
      keys
        .filter(key => values?.[key] !== undefined)
        .map(key => [key, values![key]]),
    );
  const labels = pick(
    object.metadata.labels,
    Object.keys(like.metadata.labels ?? {}),
  );
  const annotations = pick(
    object.metadata.annotations,
    Object.keys(like.metadata.annotations ?? {}),
  );
  const metadata = {
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return {
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    spec: object.spec ?? {},
  };
}

function toYaml(value: unknown): string {
  return YAML.stringify(value, { sortMapEntries: true });
}

/**
 * Compares a rendered object with the live object of the same kind, namespace
 * and name: `create` when there is none, `unchanged` when the live one already
 * has the rendered spec, labels and annotations, else `update` with a unified
 * diff of those fields (what a server-side apply would change).
 */
export function diffObject(
  rendered: KubeObject,
  live: KubeObject | undefined,
): ObjectDiff {
  const namespace = rendered.metadata.namespace ?? '';
  const base = { kind: rendered.kind, namespace, name: rendered.metadata.name };
  const after = toYaml(managedContent(rendered, rendered));
  if (!live) {
    return {
      ...base,
      change: 'create',
      diff: createTwoFilesPatch(
        '/dev/null',
        `${namespace}/${rendered.metadata.name}`,
        '',
        after,
        undefined,
        undefined,
        { context: 3 },
      ),
    };
  }
  const before = toYaml(managedContent(live, rendered));
  if (before === after) return { ...base, change: 'unchanged', diff: '' };
  return {
    ...base,
    change: 'update',
    diff: createTwoFilesPatch(
      `live ${namespace}/${rendered.metadata.name}`,
      `requested ${namespace}/${rendered.metadata.name}`,
      before,
      after,
      undefined,
      undefined,
      { context: 3 },
    ),
  };
}
