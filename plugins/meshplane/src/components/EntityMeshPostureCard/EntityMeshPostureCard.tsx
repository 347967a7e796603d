import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { meshplaneEntityReadPermission } from '@meshplane/plugin-meshplane-common';
import {
  CatalogFindingsPanel,
  ClusterProblemsPanel,
  ClusterStatusLabel,
  FindingCodeLink,
  FindingLevelLabel,
  formatCount,
  formatReady,
  MeshplaneErrorPanel,
  StaleValue,
  useEntityMesh,
} from '@meshplane/plugin-meshplane-react';
import { workloadCountsStale } from '../ClustersSection';

const TOP_FINDINGS = 3;

/** A big number with its caption; red when `alarming` and not zero. */
function Count(props: { value: number; label: string; alarming?: boolean }) {
  return (
    <Box>
      <Typography
        variant="h5"
        color={props.alarming && props.value > 0 ? 'error' : 'textPrimary'}
      >
        {formatCount(props.value)}
      </Typography>
      <Typography variant="caption">{props.label}</Typography>
    </Box>
  );
}

/**
 * "Mesh posture" card for the entity overview: status per cluster, counts of
 * failing and plaintext connections, and the most severe findings.
 *
 * @public
 */
export function EntityMeshPostureCard() {
  const { entity } = useEntity();
  const { value, error, retry } = useEntityMesh(getCompoundEntityRef(entity));
  const body = () => {
    if (error) {
      return (
        <MeshplaneErrorPanel
          error={error}
          permission={meshplaneEntityReadPermission.name}
          subject="the mesh posture of this entity"
          retry={retry}
        />
      );
    }
    if (!value) return <Progress />;
    if (value.links.length === 0) {
      return (
        <Typography>
          Not linked to the mesh: annotate the entity with
          meshplane.io/services, backstage.io/kubernetes-id, meshplane.io/claims
          or meshplane.io/cluster.
        </Typography>
      );
    }
    // The clusters that could not answer come first: they may be why nothing else shows.
    const problems = <ClusterProblemsPanel problems={value.problems} />;
    if (value.clusters.length === 0) {
      return (
        <>
          {problems}
          <Typography>
            {value.problems.length > 0
              ? 'The linked services run in no cluster that answered.'
              : 'The linked services run in no connected cluster.'}
          </Typography>
        </>
      );
    }
    const { outcomes } = value.posture;
    return (
      <>
        {problems}
        {value.clusters.map(cluster => (
          <Box
            key={cluster.name}
            display="flex"
            alignItems="center"
            style={{ gap: 12 }}
          >
            <Typography variant="body2" style={{ minWidth: 90 }}>
              <strong>{cluster.name}</strong>
            </Typography>
            <ClusterStatusLabel status={cluster.status} />
            <Typography variant="body2" color="textSecondary">
              <StaleValue
                stale={workloadCountsStale(cluster)}
                asOf={cluster.lastSync}
              >
                {formatReady(cluster.readyPods, cluster.totalPods)}
              </StaleValue>
            </Typography>
          </Box>
        ))}
        <Box display="flex" my={2} style={{ gap: 32 }}>
          <Count value={outcomes.fail} label="failing connections" alarming />
          <Count value={outcomes.plaintext} label="plaintext connections" />
          <Count value={value.findingCounts.Error} label="error findings" />
        </Box>
        {value.findings.slice(0, TOP_FINDINGS).map((finding, index) => (
          <Box
            key={index}
            display="flex"
            alignItems="baseline"
            style={{ gap: 8 }}
          >
            <FindingLevelLabel level={finding.level} />
            <FindingCodeLink code={finding.code} />
            <Typography variant="body2">{finding.message}</Typography>
          </Box>
        ))}
      </>
    );
  };
  return (
    <div data-testid="meshplane-posture-card">
      <InfoCard
        title="Mesh posture"
        deepLink={{ title: 'Open the Mesh tab', link: 'mesh' }}
      >
        <CatalogFindingsPanel entity={entity} />
        {body()}
      </InfoCard>
    </div>
  );
}
