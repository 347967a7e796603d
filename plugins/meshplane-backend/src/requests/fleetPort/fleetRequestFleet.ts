import type { Fleet } from '../../fleet/Fleet';
import { clusterProblems } from '../../views/clusterViews';
import { ServerSideApplier } from './ServerSideApplier';
import type { RequestFleet } from './RequestFleet';
import type { MeshAnalyzer } from '@meshplane/plugin-meshplane-common';

/**
 * The requests' view of the backend's fleet: cluster connections for
 * clusters, namespaces and problems, the analyzer's objects for previews,
 * and a server-side applier per cluster that writes through the cluster
 * connection's transport (a changed definition is a new connection).
 */
export function fleetRequestFleet(options: {
  fleet: Fleet;
  analyzer: MeshAnalyzer;
  /** Longest wait for one apply. */
  applyTimeoutMs: number;
}): RequestFleet {
  const { fleet, analyzer } = options;
  return {
    clusters() {
      const problems = new Map(clusterProblems(fleet).map(p => [p.cluster, p]));
      return fleet.list().map(connection => {
        const state = connection.state();
        const known = state.status === 'synced' || state.lastSync !== undefined;
        return {
          name: connection.name,
          namespaces: known
            ? connection.inventory.namespaceList().map(n => n.name)
            : undefined,
          controlPlaneNamespace: connection.controlPlaneNamespace,
          problem: problems.get(connection.name),
          absentKinds: state.kinds
            .filter(kind => kind.state === 'absent')
            .map(kind => `${kind.apiVersion.split('/')[0]}/${kind.kind}`),
        };
      });
    },
    live: () => analyzer,
    applier(cluster) {
      const connection = fleet.get(cluster);
      if (!connection) return undefined;
      return new ServerSideApplier({
        cluster,
        transport: connection.kubeTransport(),
        timeoutMs: options.applyTimeoutMs,
      });
    },
  };
}
