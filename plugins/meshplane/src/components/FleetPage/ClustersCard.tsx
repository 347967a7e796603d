import {
  InfoCard,
  Link,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ClusterSummary } from '@meshplane/plugin-meshplane-common';
import {
  ClusterStatusLabel,
  ClusterSyncTime,
  formatCount,
  formatRelativeTime,
  pluralize,
  StaleValue,
  oneLine,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { LastErrorCaption } from './LastErrorCaption';
import { useCatalogLinks } from '../CatalogLink';

type ClusterRow = ClusterSummary & {
  id: string;
  objects: number;
  /** The cluster's catalog entity, when the catalog has one. */
  entityHref?: string;
};

/** Kinds whose cached objects may be out of date (every kind while the cluster is unreachable). */
function staleKinds(cluster: ClusterSummary): Set<string> {
  return new Set(
    cluster.status === 'unreachable'
      ? Object.keys(cluster.objectCounts)
      : cluster.staleKinds ?? [],
  );
}

// Sort arrows take width: the columns of free text and facts have none.
const columns: TableColumn<ClusterRow>[] = [
  oneLine({
    title: 'Cluster',
    field: 'name',
    highlight: true,
    render: row =>
      row.entityHref ? (
        <Link to={row.entityHref} title="Open the cluster's catalog entity">
          {row.name}
        </Link>
      ) : (
        row.name
      ),
  }),
  wholeWords({
    title: 'Status',
    field: 'status',
    // The failure that explains the status sits under it.
    render: row => (
      <>
        <ClusterStatusLabel status={row.status} />
        <LastErrorCaption error={row.lastError} />
      </>
    ),
  }),
  oneLine({
    title: 'API server',
    sorting: false,
    field: 'host',
    render: row => (
      <>
        <Typography variant="body2">{row.host}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.apiServerVersion ?? 'version unknown'}
        </Typography>
      </>
    ),
  }),
  wholeWords({
    title: 'Placement',
    sorting: false,
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
  }),
  wholeWords({
    title: 'Istio',
    sorting: false,
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
  }),
  oneLine({
    title: 'Objects',
    field: 'objects',
    type: 'numeric',
    render: row => {
      const stale = staleKinds(row);
      return (
        <StaleValue stale={stale.size > 0} asOf={row.lastSync}>
          <span
            title={Object.entries(row.objectCounts)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(
                ([kind, count]) =>
                  `${kind}: ${formatCount(count)}${
                    stale.has(kind) ? ' (stale)' : ''
                  }`,
              )
              .join('\n')}
          >
            {formatCount(row.objects)}
          </span>
        </StaleValue>
      );
    },
  }),
  wholeWords({
    title: 'Last sync',
    field: 'lastSync',
    render: row => (
      <ClusterSyncTime status={row.status} lastSync={row.lastSync} />
    ),
  }),
];

/**
 * Every configured cluster: status (with the failure that explains it), API
 * server, network, region, Istio, object counts (marked stale, as of the last
 * sync, while kinds are not live), last sync.
 */
export function ClustersCard(props: { clusters: ClusterSummary[] }) {
  const { clusters } = props;
  const { clusterLink } = useCatalogLinks();
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
            entityHref: clusterLink(c.name)?.href,
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
