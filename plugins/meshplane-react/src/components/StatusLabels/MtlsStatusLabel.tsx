import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { accessible } from './accessible';
import type { MtlsStatus } from '@meshplane/plugin-meshplane-common';
import { formatMtlsStatus } from '../../format';

/**
 * A Kiali mTLS status (mesh, namespace or workload) with its colour: enabled
 * green, partially enabled amber, disabled red, not enabled and unset grey.
 *
 * @public
 */
export function MtlsStatusLabel(props: { status: MtlsStatus }) {
  const text = formatMtlsStatus(props.status);
  switch (props.status) {
    case 'MTLS_ENABLED':
    case 'UNSET_INHERITED_STRICT':
      return <StatusOK {...accessible(text)}>{text}</StatusOK>;
    case 'MTLS_PARTIALLY_ENABLED':
      return <StatusWarning {...accessible(text)}>{text}</StatusWarning>;
    case 'MTLS_DISABLED':
    case 'UNSET_INHERITED_DISABLED':
      return <StatusError {...accessible(text)}>{text}</StatusError>;
    default:
      return <StatusAborted {...accessible(text)}>{text}</StatusAborted>;
  }
}
