import { InfoCard, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  ClusterProblemsPanel,
  FindingsTable,
  formatCount,
  MeshplaneErrorPanel,
  useFindings,
} from '@meshplane/plugin-meshplane-react';
import { useCatalogLinks } from '../CatalogLink';
import { fleetReadPermissionName } from './permissions';

/** The most the page loads at once; past that the note asks to filter. */
const FINDINGS_LIMIT = 1000;

/**
 * Every finding of the fleet, filterable and searchable; each leads to the
 * Mesh tab of the service it concerns, else of its cluster's entity.
 */
export function FleetFindingsCard() {
  const { value, error, retry } = useFindings({ limit: FINDINGS_LIMIT });
  const { serviceLink, clusterLink } = useCatalogLinks();
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
      <div data-testid="meshplane-fleet-findings">
        <FindingsTable
          title={`Findings (${formatCount(counts.Error)} errors, ${formatCount(
            counts.Warning,
          )} warnings, ${formatCount(counts.Info)} info)`}
          findings={value.items}
          subjectLink={finding => {
            const { service, resource } = finding;
            const href = service
              ? serviceLink(service, { mesh: true })?.href
              : clusterLink(resource.cluster, { mesh: true })?.href;
            if (!href) return undefined;
            return service
              ? {
                  what: 'service',
                  name: `${service.namespace}/${service.name}`,
                  href,
                }
              : { what: 'cluster', name: resource.cluster, href };
          }}
        />
      </div>
      {value.totalItems > value.items.length && (
        <Typography variant="body2" color="textSecondary">
          Showing the first {formatCount(value.items.length)} of{' '}
          {formatCount(value.totalItems)} findings, most severe first.
        </Typography>
      )}
    </>
  );
}
