import { useSearchParams } from 'react-router-dom';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { meshplaneEntityReadPermission } from '@meshplane/plugin-meshplane-common';
import {
  CatalogFindingsPanel,
  ClusterProblemsPanel,
  type EntityTrafficQuery,
  formatDateTime,
  formatRelativeTime,
  MeshplaneErrorPanel,
  useEntityMesh,
} from '@meshplane/plugin-meshplane-react';
import { ClustersSection } from '../ClustersSection';
import { FindingsSection } from '../FindingsSection';
import { GatewayRoutesSection } from '../GatewayRoutesSection';
import { PostureSection } from '../PostureSection';
import { ReadinessSection } from '../ReadinessSection';
import { TopologySection } from '../TopologySection';
import { MetricsStatus, TrafficToolbar } from '../TrafficToolbar';

const WINDOWS: readonly string[] = ['5m', '1h', '24h'];
const CALLERS: readonly string[] = ['observed', 'all'];

/** The traffic query of the page's URL; values the backend would refuse are left out. */
function trafficQueryOf(params: URLSearchParams): EntityTrafficQuery {
  const window = params.get('window') ?? '';
  const callers = params.get('callers') ?? '';
  return {
    ...(WINDOWS.includes(window)
      ? { window: window as EntityTrafficQuery['window'] }
      : {}),
    ...(CALLERS.includes(callers)
      ? { callers: callers as EntityTrafficQuery['callers'] }
      : {}),
  };
}

/**
 * The entity's "Mesh" tab: topology, the Gateway API (a gateway's Gateways and
 * routes, the routes that reach a service), mTLS posture, findings, ambient
 * migration readiness and clusters of the mesh services linked to a Component,
 * System or cluster Resource. When the backend has a metrics source, the
 * answer is joined with observed traffic, whose window and listed callers the
 * tab's traffic toolbar chooses.
 *
 * @public
 */
export function EntityMeshContent() {
  const { entity } = useEntity();
  // In the page's URL (`?window=1h&callers=all`), so that a view can be shared and reloaded;
  // unset: the backend's defaults (5m, observed callers when traffic was joined).
  const [params, setParams] = useSearchParams();
  const traffic = trafficQueryOf(params);
  const setTraffic = (change: EntityTrafficQuery) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change))
          if (value) next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const { value, loading, error, retry } = useEntityMesh(
    getCompoundEntityRef(entity),
    traffic,
  );

  // What the catalog module reports on the entity shows whatever the backend answers.
  const catalogFindings = <CatalogFindingsPanel entity={entity} />;
  if (error) {
    return (
      <>
        {catalogFindings}
        <MeshplaneErrorPanel
          error={error}
          permission={meshplaneEntityReadPermission.name}
          subject="the mesh view of this entity"
          retry={retry}
        />
      </>
    );
  }
  if (!value) return <Progress />;
  if (value.links.length === 0) {
    return (
      <>
        {catalogFindings}
        <EmptyState
          missing="field"
          title="Not linked to the mesh"
          description="Annotate the entity with meshplane.io/services: <namespace>/<name> (Components), backstage.io/kubernetes-id (Components), meshplane.io/claims (Systems) or meshplane.io/cluster (cluster Resources)."
        />
      </>
    );
  }
  const namespaces = [...new Set(value.services.map(s => s.namespace))];
  const { metrics } = value;
  const joined = metrics?.joined ?? false;
  return (
    <Grid container spacing={3} data-testid="meshplane-entity-mesh">
      <Grid item xs={12}>
        {catalogFindings}
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography
            variant="body2"
            color="textSecondary"
            title={formatDateTime(value.generatedAt)}
          >
            Linked by{' '}
            {value.links.map(l => `${l.source}: ${l.value}`).join('; ')} ·
            computed {formatRelativeTime(value.generatedAt)}
          </Typography>
          <Button size="small" onClick={retry} disabled={loading}>
            Refresh
          </Button>
        </Box>
        {metrics && (
          <>
            <TrafficToolbar
              window={traffic.window ?? metrics.window}
              callers={traffic.callers ?? metrics.callers}
              joined={joined}
              loading={loading}
              onChange={setTraffic}
            />
            <MetricsStatus metrics={metrics} />
          </>
        )}
        <ClusterProblemsPanel problems={value.problems} />
        {value.truncated && (
          <WarningPanel
            severity="info"
            title={`Showing the first ${value.services.length} services: the entity links more than the backend expands per request (meshplane.entity.maxServices).`}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <TopologySection topology={value.topology} traffic={joined} />
      </Grid>
      {(value.gateways.length > 0 || value.routes.length > 0) && (
        <Grid item xs={12}>
          <GatewayRoutesSection
            gateways={value.gateways}
            routes={value.routes}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <PostureSection
          posture={value.posture}
          callers={joined ? metrics?.callers : undefined}
        />
      </Grid>
      <Grid item xs={12}>
        <FindingsSection
          findings={value.findings}
          counts={value.findingCounts}
        />
      </Grid>
      {namespaces.length > 0 && (
        <Grid item xs={12}>
          <ReadinessSection namespaces={namespaces} />
        </Grid>
      )}
      <Grid item xs={12}>
        <ClustersSection
          clusters={value.clusters}
          workloads={value.workloads}
        />
      </Grid>
    </Grid>
  );
}
