import type {
  ServerMode,
  WorkloadPosture,
  WorkloadProxy,
} from '@meshplane/plugin-meshplane-common';
import { formatMtlsStatus } from './formatting';

/**
 * What proxies a workload of a posture: the engine sets `note` on gateway
 * proxies only (their listeners come from Gateways, not PeerAuthentication)
 * and `sidecar` on sidecar proxies, VMs with the Istio proxy included.
 *
 * @public
 */
export function postureProxy(workload: WorkloadPosture): WorkloadProxy {
  if (workload.dataplane === 'ambient') return 'ambient';
  if (workload.note !== undefined) return 'gateway';
  return workload.sidecar ? 'sidecar' : 'none';
}

// ztunnel enforces PeerAuthentication as an L4 deny of connections without a peer identity:
// only STRICT rejects plaintext, and mesh traffic is HBONE mTLS whatever the mode (§g.5).
const AMBIENT_MODE_TEXT: Record<ServerMode, string> = {
  STRICT: 'HBONE mTLS only (ztunnel rejects plaintext)',
  PERMISSIVE: 'HBONE mTLS or plaintext (ztunnel)',
  DISABLE: 'HBONE mTLS or plaintext (ztunnel)',
};

const SIDECAR_MODE_TEXT: Record<ServerMode, string> = {
  STRICT: 'mTLS only',
  PERMISSIVE: 'mTLS or plaintext',
  DISABLE: 'plaintext only',
};

// A gateway's listeners are its Gateway servers: ISTIO_MUTUAL/AUTO_PASSTHROUGH take
// Istio mTLS only (STRICT), the others take client traffic that the gateway itself
// terminates (plaintext or TLS, DISABLE), both on one port PERMISSIVE (gatewayListeners.ts).
const GATEWAY_MODE_TEXT: Record<ServerMode, string> = {
  STRICT: 'Istio mTLS only',
  PERMISSIVE: 'client traffic and Istio mTLS',
  DISABLE: 'client traffic, plaintext or TLS the gateway terminates',
};

/**
 * What a server mode accepts, in words fitting the proxy: `mTLS only` for a
 * STRICT sidecar, `Istio mTLS only` for a gateway listener of an
 * ISTIO_MUTUAL server, `no Istio proxy: plaintext only` without a proxy.
 *
 * @public
 */
export function formatServerMode(
  mode: ServerMode,
  proxy: WorkloadProxy,
): string {
  if (proxy === 'gateway') return GATEWAY_MODE_TEXT[mode] ?? mode;
  if (proxy === 'none') return 'no Istio proxy: plaintext only';
  if (proxy === 'ambient') return AMBIENT_MODE_TEXT[mode] ?? mode;
  return SIDECAR_MODE_TEXT[mode] ?? mode;
}

/**
 * Kiali's workload status labelled as what it is: the workload-level
 * PeerAuthentication only (`istio-semantics.md` §d), with what applies when
 * there is none: `workload policy: none (inherits namespace STRICT)`,
 * `workload policy: mTLS enabled`, `workload policy: does not apply (gateway)`.
 *
 * @public
 */
export function formatWorkloadPolicy(workload: WorkloadPosture): string {
  const proxy = postureProxy(workload);
  if (proxy === 'gateway') return 'workload policy: does not apply (gateway)';
  const unenforced = proxy === 'none' ? ', not enforced: no Istio proxy' : '';
  switch (workload.status) {
    case 'MTLS_ENABLED':
      return `workload policy: mTLS enabled${unenforced}`;
    case 'MTLS_DISABLED':
      return `workload policy: mTLS disabled${unenforced}`;
    case 'MTLS_NOT_ENABLED':
      return `workload policy: ${noEnablingWorkloadPolicy(workload)}`;
    default:
      return `workload policy: ${formatMtlsStatus(workload.status)}`;
  }
}

/** Kiali's MTLS_NOT_ENABLED: no workload-level decision, or a PERMISSIVE one without a DestinationRule. */
function noEnablingWorkloadPolicy(workload: WorkloadPosture): string {
  if (postureProxy(workload) === 'none')
    return 'none (no Istio proxy to enforce one)';
  if (workload.decidedBy.some(d => d.scope === 'workload'))
    return workload.mode;
  const inherited = workload.decidedBy.find(
    d => d.scope === 'namespace' || d.scope === 'mesh',
  );
  return inherited
    ? `none (inherits ${inherited.scope} ${workload.mode})`
    : `none (Istio default ${workload.mode})`;
}
