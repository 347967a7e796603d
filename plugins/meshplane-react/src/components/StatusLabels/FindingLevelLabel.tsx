import {
  StatusAborted,
  StatusError,
  StatusWarning,
} from '@backstage/core-components';
import { accessible } from './accessible';
import type { MessageLevel } from '@meshplane/plugin-meshplane-common';

/**
 * Severity of a finding, as istioctl names it.
 *
 * @public
 */
export function FindingLevelLabel(props: { level: MessageLevel }) {
  switch (props.level) {
    case 'Error':
      return <StatusError {...accessible('Error')}>Error</StatusError>;
    case 'Warning':
      return <StatusWarning {...accessible('Warning')}>Warning</StatusWarning>;
    default:
      return <StatusAborted {...accessible('Info')}>Info</StatusAborted>;
  }
}
