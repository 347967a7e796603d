import type { MeshIndex } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { gatewayPosture } from './gatewayListeners';
import {
  ambientPeerAuthentication,
  effectivePeerAuthentication,
  PeerAuthenticationResult,
} from './peerAuthentication';

/**
 * What a workload's proxy accepts: its Gateway listeners for a gateway, PeerAuthentication as the
 * destination ztunnel enforces it for an ambient workload, else as its sidecar does.
 */
export function serverPosture(
  index: MeshIndex,
  w: Workload,
): PeerAuthenticationResult & { note?: string } {
  if (w.proxy === 'gateway') return gatewayPosture(index, w);
  if (w.proxy === 'ambient')
    return ambientPeerAuthentication(index, w.cluster, w.namespace, w.labels);
  return effectivePeerAuthentication(index, w.cluster, w.namespace, w.labels);
}
