import type { EntityCluster } from '@meshplane/plugin-meshplane-common';

/** The kinds an entity's workload and pod counts are made of (workloads, their owners, their pods, the Services that select them). */
const WORKLOAD_KINDS = [
  'Pod',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'WorkloadEntry',
  'Service',
];

/**
 * Whether an entity's workload and pod counts in a cluster may be out of
 * date: the cluster is unreachable, or a kind they are made of fails.
 */
export function workloadCountsStale(cluster: EntityCluster): boolean {
  return (
    cluster.status === 'unreachable' ||
    (cluster.staleKinds ?? []).some(kind => WORKLOAD_KINDS.includes(kind))
  );
}
