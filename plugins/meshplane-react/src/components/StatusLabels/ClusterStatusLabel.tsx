import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { accessible } from './accessible';
import type { ClusterConnectionStatus } from '@meshplane/plugin-meshplane-common';

/**
 * Connection status of a cluster: synced (green), connecting (pending),
 * degraded (amber), unreachable (red).
 *
 * @public
 */
export function ClusterStatusLabel(props: { status: ClusterConnectionStatus }) {
  switch (props.status) {
    case 'synced':
      return <StatusOK {...accessible('synced')}>synced</StatusOK>;
    case 'connecting':
      return (
        <StatusPending {...accessible('connecting')}>connecting</StatusPending>
      );
    case 'degraded':
      return (
        <StatusWarning {...accessible('degraded')}>degraded</StatusWarning>
      );
    default:
      return (
        <StatusError {...accessible('unreachable')}>unreachable</StatusError>
      );
  }
}
