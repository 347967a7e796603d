import type { ClusterConnectionStatus } from '@meshplane/plugin-meshplane-common';
import { formatDateTime } from '../../format';
import { RelativeTime } from './RelativeTime';

/**
 * When a cluster's data was last in sync, for people: `live` while the
 * cluster is synced (its watches are open), with the last confirmation on
 * hover; otherwise how long ago it was last in sync (`3 minutes ago`,
 * `never`), with the full time on hover.
 *
 * @public
 */
export function ClusterSyncTime(props: {
  status: ClusterConnectionStatus;
  lastSync: string | undefined;
}) {
  if (props.status === 'synced') {
    return (
      <span
        title={`In sync (every watch is open); last confirmed ${formatDateTime(
          props.lastSync,
        )}`}
      >
        live
      </span>
    );
  }
  return <RelativeTime at={props.lastSync} />;
}
