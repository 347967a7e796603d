import Typography from '@material-ui/core/Typography';
import HistoryIcon from '@material-ui/icons/History';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format';

/** `11:58` for a time of today, `Jan 10` for an earlier day: short enough to sit under a count. */
function formatAsOf(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toDateString() === now.toDateString()
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/**
 * A value read from a cluster's cache (a count of objects, pods, workloads).
 * While the cluster's data for it is not live (the cluster is unreachable, or
 * the kinds it counts fail), it is marked stale: a history icon, the value in
 * secondary text and `as of <time>`, the full date and time on hover.
 *
 * @public
 */
export function StaleValue(props: {
  /** Whether the value may be out of date. */
  stale: boolean;
  /** When the cluster's data was last in sync (ISO 8601); absent if it never was. */
  asOf: string | undefined;
  children: ReactNode;
}) {
  if (!props.stale) return <>{props.children}</>;
  return (
    <Typography
      component="span"
      variant="inherit"
      color="textSecondary"
      title={`Stale: the cluster's data ${
        props.asOf ? `as of ${formatDateTime(props.asOf)}` : 'never synced'
      }`}
      data-stale="true"
      style={{
        display: 'inline-flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: 4,
      }}
    >
      <span
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 4,
          whiteSpace: 'nowrap',
        }}
      >
        <HistoryIcon fontSize="inherit" />
        {props.children}
      </span>
      <Typography
        component="span"
        variant="caption"
        style={{ whiteSpace: 'nowrap' }}
      >
        {props.asOf ? `as of ${formatAsOf(props.asOf)}` : 'never synced'}
      </Typography>
    </Typography>
  );
}
