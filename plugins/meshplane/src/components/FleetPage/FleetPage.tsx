import { Content, Header, Page, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  formatDateTime,
  formatRelativeTime,
  MeshplaneErrorPanel,
  useClusters,
  useMeshplaneHealth,
} from '@meshplane/plugin-meshplane-react';
import { useSearchParams } from 'react-router-dom';
import { ClustersCard } from './ClustersCard';
import { FleetFindingsCard } from './FleetFindingsCard';
import { MetricsSourcesCard } from './MetricsSourcesCard';
import { MtlsCard } from './MtlsCard';
import { fleetReadPermissionName } from './permissions';
import { ServicesCard } from './ServicesCard';

/** Backend status and version, one line. */
function HealthLine() {
  const { value, error } = useMeshplaneHealth();
  if (error) {
    return (
      <Typography variant="body2" color="error">
        Meshplane backend not answering: {error.message}
      </Typography>
    );
  }
  if (!value) return null;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      title={formatDateTime(value.startedAt)}
    >
      <span>Meshplane backend</span> <span>{value.version}</span> ·{' '}
      <span>{value.status}</span> · started{' '}
      {formatRelativeTime(value.startedAt)}
    </Typography>
  );
}

/**
 * The fleet page's content: clusters, metrics sources, mTLS, findings and services. Accepts
 * `?cluster=…&namespace=…` to open the mTLS table on a namespace.
 */
export function FleetContent() {
  const [params] = useSearchParams();
  const { value, error, retry } = useClusters();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HealthLine />
      </Grid>
      {error && (
        <Grid item xs={12}>
          <MeshplaneErrorPanel
            error={error}
            permission={fleetReadPermissionName}
            subject="the fleet"
            retry={retry}
          />
        </Grid>
      )}
      {!error && !value && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {value && (
        <>
          <Grid item xs={12}>
            <ClustersCard clusters={value.items} />
          </Grid>
          <Grid item xs={12}>
            <MetricsSourcesCard />
          </Grid>
          <Grid item xs={12}>
            <MtlsCard
              clusters={value.items}
              cluster={params.get('cluster') ?? undefined}
              namespace={params.get('namespace') ?? undefined}
            />
          </Grid>
          <Grid item xs={12}>
            <FleetFindingsCard />
          </Grid>
          <Grid item xs={12}>
            <ServicesCard />
          </Grid>
        </>
      )}
    </Grid>
  );
}

/**
 * The fleet page `/meshplane` for legacy apps, with its own header (the new
 * frontend system adds the plugin header itself and renders {@link FleetContent}).
 *
 * @public
 */
export function FleetPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Meshplane"
        subtitle="Clusters, mTLS and findings of the service mesh fleet"
      />
      <Content>
        <FleetContent />
      </Content>
    </Page>
  );
}

/** The new frontend system's page body: content without a header of its own. */
export function FleetPageContent() {
  return (
    <Content>
      <FleetContent />
    </Content>
  );
}
