import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EntityCluster,
  EntityWorkload,
} from '@meshplane/plugin-meshplane-common';
import {
  ClusterStatusLabel,
  formatReady,
  RelativeTime,
} from '@meshplane/plugin-meshplane-react';

type ClusterRow = EntityCluster & { id: string };
type WorkloadRow = EntityWorkload & {
  id: string;
  workload: string;
  readyText: string;
};

const clusterColumns: TableColumn<ClusterRow>[] = [
  { title: 'Cluster', field: 'name', highlight: true },
  {
    title: 'Connection',
    field: 'status',
    render: row => <ClusterStatusLabel status={row.status} />,
  },
  { title: 'Network', field: 'network', emptyValue: '—' },
  { title: 'Region', field: 'region', emptyValue: '—' },
  {
    title: 'Istio',
    field: 'istioRevision',
    render: row =>
      row.istioRevision
        ? `${row.istioRevision}${
            row.istioVersion ? ` (${row.istioVersion})` : ''
          }`
        : 'no control plane found',
  },
  { title: 'Workloads', field: 'workloads', type: 'numeric' },
  { title: 'Pods', render: row => formatReady(row.readyPods, row.totalPods) },
  {
    title: 'Last sync',
    field: 'lastSync',
    render: row => <RelativeTime at={row.lastSync} />,
  },
];

const workloadColumns: TableColumn<WorkloadRow>[] = [
  { title: 'Cluster', field: 'cluster' },
  { title: 'Workload', field: 'workload', highlight: true },
  {
    title: 'Ready',
    field: 'readyText',
    render: row => (
      <Typography
        variant="body2"
        color={row.ready < row.total ? 'error' : 'textPrimary'}
      >
        {row.readyText}
      </Typography>
    ),
  },
  {
    title: 'Proxy',
    field: 'proxy',
    render: row => (
      <span title={row.proxyReason}>
        {row.proxy === 'none' ? 'no proxy' : row.proxy}
        {row.vm ? ' (VM)' : ''}
      </span>
    ),
  },
  { title: 'Istio revision', field: 'istioRevision', emptyValue: '—' },
  { title: 'Network', field: 'network', emptyValue: '—' },
  { title: 'Services', render: row => row.services.join(', ') },
];

/** Where the entity runs: per cluster its status, network, Istio revision and workloads. */
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
  return (
    <InfoCard
      title="Clusters"
      subheader={`Runs in ${clusters.map(c => c.name).join(', ')}`}
    >
      <Table<ClusterRow>
        data={clusters.map(c => ({ ...c, id: c.name }))}
        columns={clusterColumns}
        options={{
          search: false,
          paging: false,
          padding: 'dense',
          toolbar: false,
        }}
      />
      <Box mt={2}>
        <Table<WorkloadRow>
          title="Workloads"
          data={workloads.map((w, index) => ({
            ...w,
            id: `${index}`,
            workload: `${w.namespace}/${w.name} (${w.kind})`,
            readyText: formatReady(w.ready, w.total),
          }))}
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
  );
}
