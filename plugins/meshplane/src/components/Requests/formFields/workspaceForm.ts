import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  WorkspaceNamespace,
  WorkspaceService,
} from '@meshplane/plugin-meshplane-common';

/**
 * `ui:options` the Meshplane fields share: which fields of the form hold the
 * workspace and the `cluster/namespace` selectors.
 *
 * @public
 */
export type WorkspaceFormOptions = {
  /** The form field holding the workspace (default `workspace`). */
  workspaceField?: string;
  /** The form field holding the `cluster/namespace` selectors (default `namespaces`). */
  namespacesField?: string;
};

/** `system:default/bookinfo` for `bookinfo`, `system:bookinfo` or the full ref; `undefined` for anything else. */
export function normalizeWorkspaceRef(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'system',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The workspace and namespace selectors chosen in other fields of the form
 * (the scaffolder passes every step's data as `formContext.formData`).
 */
export function readWorkspaceForm(
  formData: unknown,
  options: WorkspaceFormOptions = {},
): { workspaceRef?: string; selectors: string[] } {
  const data = (formData ?? {}) as Record<string, unknown>;
  const selectors = data[options.namespacesField ?? 'namespaces'];
  return {
    workspaceRef: normalizeWorkspaceRef(
      data[options.workspaceField ?? 'workspace'],
    ),
    selectors: Array.isArray(selectors)
      ? selectors.filter((s): s is string => typeof s === 'string')
      : [],
  };
}

/** Whether one of the selectors (`*\/bookinfo`: every cluster, `east-1/bookinfo`: one) picks a cluster's namespace. */
export function isSelected(
  selectors: string[],
  place: WorkspaceNamespace,
): boolean {
  return selectors.some(selector => {
    const [cluster, namespace] = selector.split('/');
    return (
      namespace === place.namespace &&
      (cluster === '*' || cluster === place.cluster)
    );
  });
}

/** A Service as the forms offer it: its name and namespace, with the clusters it runs in and the union of its ports. */
export interface OfferedService {
  namespace: string;
  name: string;
  clusters: string[];
  ports: number[];
}

/** Services of the same namespace and name, merged across clusters, sorted by namespace and name. */
export function offeredServices(
  services: WorkspaceService[],
): OfferedService[] {
  const merged = new Map<string, OfferedService>();
  for (const service of services) {
    const key = `${service.namespace}/${service.name}`;
    let offered = merged.get(key);
    if (!offered) {
      offered = {
        namespace: service.namespace,
        name: service.name,
        clusters: [],
        ports: [],
      };
      merged.set(key, offered);
    }
    offered.clusters = [
      ...new Set([...offered.clusters, service.cluster]),
    ].sort();
    offered.ports = [
      ...new Set([...offered.ports, ...service.ports.map(p => p.port)]),
    ].sort((a, b) => a - b);
  }
  return [...merged.values()].sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}
