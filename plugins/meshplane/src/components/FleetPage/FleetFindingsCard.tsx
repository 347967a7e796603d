import { InfoCard, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ClusterProblemsPanel,
  FindingsTable,
  formatCount,
  MeshplaneErrorPanel,
  useFindings,
} from '@meshplane/plugin-meshplane-react';
import { fleetReadPermissionName } from './permissions';

/** The most the page loads at once; past that the note asks to filter. */
const FINDINGS_LIMIT = 1000;

/** Every finding of the fleet, filterable and searchable. */
export function FleetFindingsCard() {
  const { value, error, retry } = useFindings({ limit: FINDINGS_LIMIT });
  if (error) {
    return (
      <InfoCard title="Findings">
        <MeshplaneErrorPanel
          error={error}
          permission={fleetReadPermissionName}
          subject="the fleet's findings"
          retry={retry}
        />
      </InfoCard>
    );
  }
  if (!value) {
    return (
      <InfoCard title="Findings">
        <Progress />
      </InfoCard>
    );
  }
  const { counts } = value;
  return (
    <>
      <ClusterProblemsPanel problems={value.problems} />
      <FindingsTable
        title={`Findings (${formatCount(counts.Error)} errors, ${formatCount(
          counts.Warning,
        )} warnings, ${formatCount(counts.Info)} info)`}
        findings={value.items}
      />
      {value.totalItems > value.items.length && (
        <Typography variant="body2" color="textSecondary">
          Showing the first {formatCount(value.items.length)} of{' '}
          {formatCount(value.totalItems)} findings, most severe first.
        </Typography>
      )}
    </>
  );
}
