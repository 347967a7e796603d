import type { WorkloadPosture } from '@meshplane/plugin-meshplane-common';
import { pluralize, postureProxy } from '@meshplane/plugin-meshplane-react';

/** The warning over the plaintext callers, worded for the proxies that serve them. */
export interface StrictWarning {
  severity: 'warning' | 'info';
  title: string;
  /** What a STRICT policy does not change here, and what would. */
  details: string[];
}

const GATEWAY_DETAIL =
  "A gateway takes client traffic on the listeners of its Gateway servers (plaintext, or TLS it terminates itself) and originates mTLS to the mesh: PeerAuthentication does not apply to it. A port takes only Istio mTLS when its Gateway server's tls.mode is ISTIO_MUTUAL.";

/** What installs the proxy: a sidecar for pods, the Istio proxy on the machine for VMs. */
function unproxiedDetail(unproxied: WorkloadPosture[]): string {
  const vms = unproxied.some(w => w.kind === 'WorkloadEntry');
  const pods = unproxied.some(w => w.kind !== 'WorkloadEntry');
  const remedy = [
    pods ? 'inject a sidecar into the pods' : '',
    vms ? 'install the Istio proxy on the VMs' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `Without an Istio proxy nothing enforces a PeerAuthentication: those workloads keep taking plaintext until you ${remedy}.`;
}

/**
 * Words the warning over the callers that send plaintext to the entity
 * (the API's `strictBlockers`): "moving to STRICT would make them fail" holds where a
 * sidecar (or a VM's proxy) enforces PeerAuthentication, not for a gateway's
 * listeners nor for a workload without a proxy.
 */
export function strictWarning(
  workloads: WorkloadPosture[],
  callers: number,
): StrictWarning {
  const senders = `${pluralize(callers, 'caller')} send plaintext`;
  const gateways = workloads.filter(w => postureProxy(w) === 'gateway');
  const unproxied = workloads.filter(w => postureProxy(w) === 'none');
  const enforced = workloads.some(w => postureProxy(w) === 'sidecar');
  const details = [
    gateways.length > 0 ? GATEWAY_DETAIL : '',
    unproxied.length > 0 ? unproxiedDetail(unproxied) : '',
  ].filter(Boolean);
  if (enforced) {
    return {
      severity: 'warning',
      title: `${senders}: moving to STRICT would make them fail`,
      details:
        details.length > 0
          ? [
              'This holds for the workloads whose sidecar (or VM proxy) enforces PeerAuthentication.',
              ...details,
            ]
          : [],
    };
  }
  if (unproxied.length === 0) {
    return {
      severity: 'info',
      title: `${senders} to the gateway: a STRICT PeerAuthentication does not change that`,
      details,
    };
  }
  return {
    severity: 'warning',
    title: `${senders}: a STRICT PeerAuthentication would not be enforced`,
    details,
  };
}
