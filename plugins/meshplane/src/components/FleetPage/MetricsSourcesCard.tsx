import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { MetricsSourceStatus } from '@meshplane/plugin-meshplane-common';
import {
  MeshplaneErrorPanel,
  MetricsSourceStatusLabel,
  oneLine,
  pluralize,
  RelativeTime,
  useMetricsSources,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { LastErrorCaption } from './LastErrorCaption';
import { fleetReadPermissionName } from './permissions';

type SourceRow = MetricsSourceStatus & { id: string };

const columns: TableColumn<SourceRow>[] = [
  oneLine({
    title: 'Source',
    field: 'source',
    render: row =>
      row.source ?? (
        <Typography variant="body2" color="textSecondary">
          none configured
        </Typography>
      ),
  }),
  oneLine({ title: 'Host', field: 'host', emptyValue: '—' }),
  wholeWords({
    title: 'Clusters',
    field: 'clusters',
    render: row => row.clusters.join(', ') || '—',
  }),
  wholeWords({
    title: 'Status',
    field: 'status',
    // The failure that explains `down` sits under it, as a cluster's does.
    render: row => (
      <>
        <MetricsSourceStatusLabel status={row.status} />
        <LastErrorCaption error={row.lastError} />
        {row.status === 'slow' && row.durationMs !== undefined && (
          <Typography variant="caption" color="textSecondary" component="div">
            last answer took {Math.round(row.durationMs)} ms
          </Typography>
        )}
      </>
    ),
  }),
  oneLine({
    title: 'Last answer',
    field: 'lastAnswerAt',
    render: row =>
      row.status === 'not-configured' ? (
        '—'
      ) : (
        <RelativeTime at={row.lastAnswerAt} />
      ),
  }),
  oneLine({
    title: 'Checked',
    field: 'checkedAt',
    render: row =>
      row.status === 'not-configured' ? (
        '—'
      ) : (
        <RelativeTime at={row.checkedAt} />
      ),
  }),
];

/**
 * The fleet's metrics sources (Prometheus-compatible): the clusters each
 * answers for, its status with the failure that explains `down`, when it last
 * answered usable figures and when it was last checked. Clusters without a
 * source come as one `not configured` row.
 */
export function MetricsSourcesCard() {
  const { value, error, retry } = useMetricsSources();
  if (error) {
    return (
      <InfoCard title="Metrics sources">
        <MeshplaneErrorPanel
          error={error}
          permission={fleetReadPermissionName}
          subject="the fleet's metrics sources"
          retry={retry}
        />
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Metrics sources">
        <Progress />
      </InfoCard>
    );
  }
  const configured = value.items.filter(s => s.status !== 'not-configured');
  const down = configured.filter(s => s.status === 'down');
  return (
    <div data-testid="meshplane-fleet-metrics">
      <InfoCard
        title="Metrics sources"
        subheader={`${pluralize(configured.length, 'source')}${
          down.length > 0 ? `, ${down.length} down` : ''
        }: observed traffic of the Mesh tabs, read from Prometheus' query API`}
      >
        <Table<SourceRow>
          data={value.items.map((s, index) => ({ ...s, id: `${index}` }))}
          columns={columns}
          options={{
            search: false,
            paging: false,
            padding: 'dense',
            toolbar: false,
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No clusters, so no metrics sources: add clusters under
              meshplane.clusters in app-config.yaml.
            </Typography>
          }
        />
      </InfoCard>
    </div>
  );
}
