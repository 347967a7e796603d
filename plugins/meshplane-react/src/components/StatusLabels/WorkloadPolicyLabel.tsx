import {
  StatusAborted,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import type { WorkloadPosture } from '@meshplane/plugin-meshplane-common';
import { formatWorkloadPolicy, postureProxy } from '../../format';
import { accessible } from './accessible';

/**
 * Kiali's workload-level mTLS status, labelled as the workload policy it is
 * (`workload policy: none (inherits namespace STRICT)`): green when a policy
 * on the workload enables mTLS, red when it disables it, grey when there is
 * none, it is not enforced (no proxy) or it does not apply (gateways).
 *
 * @public
 */
export function WorkloadPolicyLabel(props: { workload: WorkloadPosture }) {
  const { workload } = props;
  const text = formatWorkloadPolicy(workload);
  const enforced = postureProxy(workload) === 'sidecar';
  if (enforced && workload.status === 'MTLS_ENABLED')
    return <StatusOK {...accessible(text)}>{text}</StatusOK>;
  if (enforced && workload.status === 'MTLS_DISABLED')
    return <StatusError {...accessible(text)}>{text}</StatusError>;
  return <StatusAborted {...accessible(text)}>{text}</StatusAborted>;
}
