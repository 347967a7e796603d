import type {
  ClusterDetail,
  ClusterProblem,
  ClusterSummary,
} from '@meshplane/plugin-meshplane-common';
import type {
  ClusterConnection,
  ClusterConnectionState,
} from '../fleet/ClusterConnection';
import type { Fleet } from '../fleet/Fleet';

/**
 * A last sync time to the minute, for cache stamps and ETags: while a cluster
 * is synced its last sync moves with every watch event, and an answer is not
 * computed again for that alone.
 */
export function syncMinute(lastSync: string | undefined): string {
  return lastSync?.slice(0, 16) ?? '';
}

/** A cluster for `GET /clusters`: configuration facts, connection state, Istio revisions. */
export function clusterSummary(
  connection: ClusterConnection,
  state: ClusterConnectionState = connection.state(),
): ClusterSummary {
  const { definition, inventory } = connection;
  const revisions = inventory.revisions();
  const network = definition.network ?? inventory.network;
  return {
    name: definition.name,
    host: connection.host,
    ...(network ? { network } : {}),
    ...(definition.region ? { region: definition.region } : {}),
    ...(definition.environment ? { environment: definition.environment } : {}),
    ...(definition.meshRole ? { meshRole: definition.meshRole } : {}),
    ...(revisions[0] ? { istioRevision: revisions[0].revision } : {}),
    ...(revisions[0]?.version ? { istioVersion: revisions[0].version } : {}),
    istioRevisions: revisions,
    status: state.status,
    ...(state.lastSync ? { lastSync: state.lastSync } : {}),
    ...(state.lastError ? { lastError: state.lastError } : {}),
    objectCounts: state.objectCounts,
    ...(state.staleKinds.length > 0 ? { staleKinds: state.staleKinds } : {}),
    istioCrdsPresent: state.istioCrdsPresent,
    ...(state.apiServerVersion
      ? { apiServerVersion: state.apiServerVersion }
      : {}),
  };
}

/** A cluster for `GET /clusters/:name`: the summary plus kinds, namespaces and mTLS posture. */
export function clusterDetail(
  connection: ClusterConnection,
  mtls: ClusterDetail['mtls'],
): ClusterDetail {
  const state = connection.state();
  return {
    ...clusterSummary(connection, state),
    kinds: state.kinds,
    mtls,
    namespaces: connection.inventory.namespaceList(),
    connectedSince: state.connectedSince,
    ...(state.initialSyncMs !== undefined
      ? { initialSyncMs: state.initialSyncMs }
      : {}),
  };
}

/**
 * Problems of the clusters whose data is missing or stale: every cluster
 * that is not `synced` (an answer may lack objects of any of them).
 */
export function clusterProblems(fleet: Fleet): ClusterProblem[] {
  const problems: ClusterProblem[] = [];
  for (const connection of fleet.list()) {
    const state = connection.problem();
    if (!state) continue;
    problems.push({
      cluster: connection.name,
      status: state.status,
      stale: state.lastSync !== undefined,
      ...(state.lastSync ? { lastSync: state.lastSync } : {}),
      ...(state.lastError ? { error: state.lastError } : {}),
    });
  }
  return problems;
}
