import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { accessible } from './accessible';
import type { MetricsSourceState } from '@meshplane/plugin-meshplane-common';

/**
 * How a metrics source is doing: ok (green), slow (amber: its figures are
 * used), down (red: the answers show configuration only), not configured
 * (grey: no Prometheus for these clusters).
 *
 * @public
 */
export function MetricsSourceStatusLabel(props: {
  status: MetricsSourceState;
}) {
  switch (props.status) {
    case 'ok':
      return <StatusOK {...accessible('ok')}>ok</StatusOK>;
    case 'slow':
      return <StatusWarning {...accessible('slow')}>slow</StatusWarning>;
    case 'down':
      return <StatusError {...accessible('down')}>down</StatusError>;
    default:
      return (
        <StatusAborted {...accessible('not configured')}>
          not configured
        </StatusAborted>
      );
  }
}
