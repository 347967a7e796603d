import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EntityCluster,
  EntityWorkload,
} from '@meshplane/plugin-meshplane-common';
import {
  ClusterStatusLabel,
  ClusterSyncTime,
  formatReady,
  StaleValue,
  oneLine,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { workloadCountsStale } from './workloadCountsStale';

type ClusterRow = EntityCluster & { id: string; stale: boolean };
type WorkloadRow = EntityWorkload & {
  id: string;
  workload: string;
  readyText: string;
  stale: boolean;
  asOf?: string;
};

const clusterColumns: TableColumn<ClusterRow>[] = [
  oneLine({ title: 'Cluster', field: 'name', highlight: true }),
  oneLine({
    title: 'Connection',
    field: 'status',
    render: row => <ClusterStatusLabel status={row.status} />,
  }),
  wholeWords({ title: 'Network', field: 'network', emptyValue: '—' }),
  oneLine({ title: 'Region', field: 'region', emptyValue: '—' }),
  wholeWords({
    title: 'Istio',
    field: 'istioRevision',
    render: row =>
      row.istioRevision
        ? `${row.istioRevision}${
            row.istioVersion ? ` (${row.istioVersion})` : ''
          }`
        : 'no control plane found',
  }),
  oneLine({
    title: 'Workloads',
    field: 'workloads',
    type: 'numeric',
    render: row => (
      <StaleValue stale={row.stale} asOf={row.lastSync}>
        {row.workloads}
      </StaleValue>
    ),
  }),
  oneLine({
    title: 'Pods',
    render: row => (
      <StaleValue stale={row.stale} asOf={row.lastSync}>
        {formatReady(row.readyPods, row.totalPods)}
      </StaleValue>
    ),
  }),
  oneLine({
    title: 'Last sync',
    field: 'lastSync',
    render: row => (
      <ClusterSyncTime status={row.status} lastSync={row.lastSync} />
    ),
  }),
];

const workloadColumns: TableColumn<WorkloadRow>[] = [
  oneLine({ title: 'Cluster', field: 'cluster' }),
  oneLine({
    title: 'Workload',
    field: 'workload',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2" style={{ fontWeight: 'inherit' }}>
          {row.namespace}/{row.name}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {row.kind}
        </Typography>
      </>
    ),
  }),
  oneLine({
    title: 'Ready',
    field: 'readyText',
    render: row => (
      <StaleValue stale={row.stale} asOf={row.asOf}>
        <Typography
          variant="body2"
          component="span"
          color={row.ready < row.total ? 'error' : 'textPrimary'}
        >
          {row.readyText}
        </Typography>
      </StaleValue>
    ),
  }),
  oneLine({
    title: 'Proxy',
    field: 'proxy',
    render: row => (
      <span title={row.proxyReason}>
        {row.proxy === 'none' ? 'no proxy' : row.proxy}
        {row.vm ? ' (VM)' : ''}
      </span>
    ),
  }),
  wholeWords({
    title: 'Istio revision',
    field: 'istioRevision',
    emptyValue: '—',
  }),
  wholeWords({ title: 'Network', field: 'network', emptyValue: '—' }),
  wholeWords({ title: 'Services', render: row => row.services.join(', ') }),
];

/**
 * Where the entity runs: per cluster its status, network, Istio revision and
 * workloads. Counts from a cluster whose data is not live are marked stale,
 * as of the cluster's last sync.
 */
export function ClustersSection(props: {
  clusters: EntityCluster[];
  workloads: EntityWorkload[];
}) {
  const { clusters, workloads } = props;
  if (clusters.length === 0) {
    return (
      <InfoCard title="Clusters">
        <Typography>
          The linked services run in no connected cluster.
        </Typography>
      </InfoCard>
    );
  }
  const byName = new Map(clusters.map(c => [c.name, c]));
  return (
    <div data-testid="meshplane-clusters">
      <InfoCard
        title="Clusters"
        subheader={`Runs in ${clusters.map(c => c.name).join(', ')}`}
      >
        <Table<ClusterRow>
          data={clusters.map(c => ({
            ...c,
            id: c.name,
            stale: workloadCountsStale(c),
          }))}
          columns={clusterColumns}
          options={{
            search: false,
            paging: false,
            // A handful of clusters, by name: sort arrows would only take width.
            sorting: false,
            padding: 'dense',
            toolbar: false,
          }}
        />
        <Box mt={2}>
          <Table<WorkloadRow>
            title="Workloads"
            data={workloads.map((w, index) => {
              const cluster = byName.get(w.cluster);
              return {
                ...w,
                id: `${index}`,
                workload: `${w.namespace}/${w.name} (${w.kind})`,
                readyText: formatReady(w.ready, w.total),
                stale: cluster ? workloadCountsStale(cluster) : false,
                asOf: cluster?.lastSync,
              };
            })}
            columns={workloadColumns}
            options={{
              search: workloads.length > 10,
              paging: workloads.length > 20,
              pageSize: 20,
              padding: 'dense',
            }}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No workloads selected by the linked services.
              </Typography>
            }
          />
        </Box>
      </InfoCard>
    </div>
  );
}
