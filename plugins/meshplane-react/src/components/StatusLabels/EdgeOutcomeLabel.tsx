import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { accessible } from './accessible';
import type { EdgeOutcome } from '@meshplane/plugin-meshplane-common';

/**
 * What a connection does: `mtls` (green), `plaintext` (amber), `fail` (red),
 * `denied` (red: an AuthorizationPolicy rejects the caller), `excluded` (grey:
 * Istio leaves these endpoints out for this caller).
 *
 * @public
 */
export function EdgeOutcomeLabel(props: { outcome: EdgeOutcome }) {
  switch (props.outcome) {
    case 'mtls':
      return <StatusOK {...accessible('mTLS')}>mTLS</StatusOK>;
    case 'plaintext':
      return (
        <StatusWarning {...accessible('plaintext')}>plaintext</StatusWarning>
      );
    case 'fail':
      return <StatusError {...accessible('fail')}>fail</StatusError>;
    case 'denied':
      return <StatusError {...accessible('denied')}>denied</StatusError>;
    default:
      return (
        <StatusAborted {...accessible('excluded')}>excluded</StatusAborted>
      );
  }
}
