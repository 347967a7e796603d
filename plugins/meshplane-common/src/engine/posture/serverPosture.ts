import type { MeshIndex } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { gatewayPosture } from './gatewayListeners';
import {
  effectivePeerAuthentication,
  PeerAuthenticationResult,
} from './peerAuthentication';

/** What a workload's proxy accepts: its Gateway listeners for a gateway, else its PeerAuthentication. */
export function serverPosture(
  index: MeshIndex,
  w: Workload,
): PeerAuthenticationResult & { note?: string } {
  return w.proxy === 'gateway'
    ? gatewayPosture(index, w)
    : effectivePeerAuthentication(index, w.cluster, w.namespace, w.labels);
}
