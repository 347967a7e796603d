import {
  InfoCard,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ClusterSummary } from '@meshplane/plugin-meshplane-common';
import {
  ClusterStatusLabel,
  formatCount,
  formatDateTime,
  formatRelativeTime,
  pluralize,
  RelativeTime,
} from '@meshplane/plugin-meshplane-react';

type ClusterRow = ClusterSummary & { id: string; objects: number };

const columns: TableColumn<ClusterRow>[] = [
  { title: 'Cluster', field: 'name', highlight: true },
  {
    title: 'Status',
    field: 'status',
    render: row => <ClusterStatusLabel status={row.status} />,
  },
  {
    title: 'API server',
    field: 'host',
    render: row => (
      <>
        <Typography variant="body2">{row.host}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.apiServerVersion ?? 'version unknown'}
        </Typography>
      </>
    ),
  },
  {
    title: 'Placement',
    field: 'network',
    render: row => (
      <>
        <Typography variant="body2">
          {row.network ? `network ${row.network}` : 'no network'}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {[row.region, row.environment, row.meshRole]
            .filter(Boolean)
            .join(' · ') || '—'}
        </Typography>
      </>
    ),
  },
  {
    title: 'Istio',
    render: row =>
      row.istioCrdsPresent ? (
        row.istioRevisions
          .map(r => `${r.revision}${r.version ? ` (${r.version})` : ''}`)
          .join(', ') || 'CRDs only, no control plane'
      ) : (
        <Typography variant="body2" color="textSecondary">
          no Istio CRDs
        </Typography>
      ),
  },
  {
    title: 'Objects',
    field: 'objects',
    type: 'numeric',
    render: row => (
      <span
        title={Object.entries(row.objectCounts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([kind, count]) => `${kind}: ${formatCount(count)}`)
          .join('\n')}
      >
        {formatCount(row.objects)}
      </span>
    ),
  },
  {
    title: 'Last sync',
    field: 'lastSync',
    render: row => <RelativeTime at={row.lastSync} />,
  },
  {
    title: 'Last error',
    field: 'lastError.message',
    render: row =>
      row.lastError ? (
        <Typography
          variant="body2"
          color="error"
          title={formatDateTime(row.lastError.at)}
        >
          {row.lastError.reason}: {row.lastError.message}
        </Typography>
      ) : (
        '—'
      ),
  },
];

/** Every configured cluster: status, API server, network, region, Istio, object counts, last sync, errors. */
export function ClustersCard(props: { clusters: ClusterSummary[] }) {
  const { clusters } = props;
  const unhealthy = clusters.filter(c => c.status !== 'synced');
  return (
    <div data-testid="meshplane-fleet-clusters">
      <InfoCard
        title="Clusters"
        subheader={pluralize(clusters.length, 'cluster')}
      >
        {unhealthy.length > 0 && (
          <WarningPanel
            severity={
              unhealthy.some(c => c.status === 'unreachable')
                ? 'error'
                : 'warning'
            }
            title={`${pluralize(
              unhealthy.length,
              'cluster',
            )} not in sync: ${unhealthy
              .map(c => `${c.name} (${c.status})`)
              .join(', ')}`}
          >
            {unhealthy.map(c => (
              <Typography key={c.name} variant="body2">
                <strong>{c.name}</strong>: {c.status}
                {c.lastError ? ` — ${c.lastError.message}` : ''}; last synced{' '}
                {formatRelativeTime(c.lastSync)}
              </Typography>
            ))}
          </WarningPanel>
        )}
        <Table<ClusterRow>
          data={clusters.map(c => ({
            ...c,
            id: c.name,
            objects: Object.values(c.objectCounts).reduce(
              (sum, n) => sum + n,
              0,
            ),
          }))}
          columns={columns}
          options={{
            search: clusters.length > 10,
            paging: clusters.length > 25,
            pageSize: 25,
            padding: 'dense',
            toolbar: clusters.length > 10,
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No clusters configured: add them under meshplane.clusters in
              app-config.yaml.
            </Typography>
          }
        />
      </InfoCard>
    </div>
  );
}
