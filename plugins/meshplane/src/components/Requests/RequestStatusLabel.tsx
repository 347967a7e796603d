import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  ClusterRollout,
  RequestApprovalState,
  RequestStatus,
} from '@meshplane/plugin-meshplane-common';

/** TSB's status of a request: ACCEPTED, READY, PARTIAL, FAILED. */
export function RequestStatusLabel(props: {
  status: RequestStatus | ClusterRollout['status'];
}) {
  switch (props.status) {
    case 'READY':
      return <StatusOK>READY</StatusOK>;
    case 'PARTIAL':
      return <StatusWarning>PARTIAL</StatusWarning>;
    case 'FAILED':
      return <StatusError>FAILED</StatusError>;
    default:
      return <StatusPending>ACCEPTED</StatusPending>;
  }
}

/** Approval of a request: PENDING, APPROVED, REJECTED. */
export function ApprovalLabel(props: { state: RequestApprovalState }) {
  switch (props.state) {
    case 'APPROVED':
      return <StatusOK>APPROVED</StatusOK>;
    case 'REJECTED':
      return <StatusAborted>REJECTED</StatusAborted>;
    default:
      return <StatusPending>PENDING approval</StatusPending>;
  }
}
