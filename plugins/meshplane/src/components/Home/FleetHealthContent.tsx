import {
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { meshplaneFleetReadPermission } from '@meshplane/plugin-meshplane-common';
import {
  formatCount,
  formatRelativeTime,
  MeshplaneErrorPanel,
  pluralize,
  useClusters,
  useFindings,
} from '@meshplane/plugin-meshplane-react';
import { rootRouteRef, useOptionalRouteRef } from '../../routes';

/**
 * The fleet at a glance: clusters by connection status (the ones not in sync
 * named, with when they last were), and the fleet's findings by level.
 * Content of the home page widget "Mesh fleet health".
 */
export function FleetHealthContent() {
  const clusters = useClusters();
  // Only the counts are used: one finding is the smallest page.
  const findings = useFindings({ limit: 1 });
  const fleetPage = useOptionalRouteRef(rootRouteRef)?.();
  const error = clusters.error ?? findings.error;
  if (error) {
    return (
      <MeshplaneErrorPanel
        error={error}
        permission={meshplaneFleetReadPermission.name}
        subject="the fleet"
        retry={clusters.error ? clusters.retry : findings.retry}
      />
    );
  }
  if (!clusters.value || !findings.value) return <Progress />;
  const items = clusters.value.items;
  const synced = items.filter(c => c.status === 'synced');
  const troubled = items.filter(c => c.status !== 'synced');
  const counts = findings.value.counts;
  return (
    <Box data-testid="meshplane-home-fleet-health">
      {troubled.length === 0 ? (
        <StatusOK>
          {items.length === 0
            ? 'No cluster configured'
            : `${pluralize(items.length, 'cluster')} in sync`}
        </StatusOK>
      ) : (
        <>
          <StatusOK>
            {formatCount(synced.length)} of {pluralize(items.length, 'cluster')}{' '}
            in sync
          </StatusOK>
          {troubled.map(c =>
            c.status === 'unreachable' ? (
              <Typography key={c.name} variant="body2">
                <StatusError>
                  {c.name} unreachable
                  {c.lastSync
                    ? `, data as of ${formatRelativeTime(c.lastSync)}`
                    : ', never synced'}
                </StatusError>
              </Typography>
            ) : (
              <Typography key={c.name} variant="body2">
                <StatusWarning>
                  {c.name} {c.status}
                  {c.lastError ? `: ${c.lastError.message}` : ''}
                </StatusWarning>
              </Typography>
            ),
          )}
        </>
      )}
      <Box mt={1}>
        <Typography variant="body2">
          Findings: {pluralize(counts.Error, 'error')},{' '}
          {pluralize(counts.Warning, 'warning')}, {formatCount(counts.Info)}{' '}
          info
        </Typography>
      </Box>
      {fleetPage && (
        <Box mt={1}>
          <Typography variant="body2">
            <Link to={fleetPage}>Open the fleet page</Link>
          </Typography>
        </Box>
      )}
    </Box>
  );
}
