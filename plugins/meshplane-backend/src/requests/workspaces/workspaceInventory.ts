import type {
  WorkspaceInventory,
  WorkspaceNamespace,
  WorkspaceService,
  WorkspaceServiceAccount,
} from '@meshplane/plugin-meshplane-common';
import type { LiveMesh } from '../fleetPort';

const byPlace = (
  a: { cluster: string; namespace: string; name: string },
  b: { cluster: string; namespace: string; name: string },
) =>
  a.namespace.localeCompare(b.namespace) ||
  a.name.localeCompare(b.name) ||
  a.cluster.localeCompare(b.cluster);

/**
 * The Services and service accounts of a workspace's namespaces, from the
 * live analyzer: what the request forms offer instead of typed names. A
 * service account is listed when its ServiceAccount object exists or a
 * workload runs as it (the identity Istio's authorization matches), with
 * those workloads.
 */
export function workspaceInventory(
  workspace: string,
  namespaces: WorkspaceNamespace[],
  analyzer: Pick<LiveMesh, 'snapshot' | 'workloads'>,
): WorkspaceInventory {
  const wanted = new Set(namespaces.map(n => `${n.cluster}/${n.namespace}`));
  const services: WorkspaceService[] = [];
  const accounts = new Map<string, WorkspaceServiceAccount>();
  const account = (cluster: string, namespace: string, name: string) => {
    const key = `${cluster}/${namespace}/${name}`;
    let found = accounts.get(key);
    if (!found) {
      found = { cluster, namespace, name, workloads: [] };
      accounts.set(key, found);
    }
    return found;
  };

  for (const cluster of analyzer.snapshot().clusters) {
    for (const object of cluster.objects) {
      const namespace = object.metadata.namespace ?? '';
      if (!wanted.has(`${cluster.name}/${namespace}`)) continue;
      if (object.kind === 'Service' && object.apiVersion === 'v1') {
        const ports: Array<{
          port?: unknown;
          name?: unknown;
          protocol?: unknown;
        }> = object.spec?.ports ?? [];
        services.push({
          cluster: cluster.name,
          namespace,
          name: object.metadata.name,
          ports: ports
            .filter(p => typeof p.port === 'number')
            .map(p => ({
              port: p.port as number,
              ...(typeof p.name === 'string' ? { name: p.name } : {}),
              ...(typeof p.protocol === 'string'
                ? { protocol: p.protocol }
                : {}),
            })),
        });
      } else if (
        object.kind === 'ServiceAccount' &&
        object.apiVersion === 'v1'
      ) {
        account(cluster.name, namespace, object.metadata.name);
      }
    }
  }
  for (const { cluster, namespace } of namespaces) {
    for (const workload of analyzer.workloads({ cluster, namespace })) {
      if (!workload.serviceAccount) continue;
      account(cluster, namespace, workload.serviceAccount).workloads.push(
        `${workload.kind} ${workload.name}`,
      );
    }
  }
  const serviceAccounts = [...accounts.values()].sort(byPlace);
  for (const sa of serviceAccounts) sa.workloads.sort();
  return { workspace, services: services.sort(byPlace), serviceAccounts };
}
