export { startFleet } from './startFleet';
export type {
  FleetCluster,
  FleetServer,
  StartFleetOptions,
} from './startFleet';
export { ClusterHandle } from './ClusterHandle';
export type { ObjectRef } from './ClusterHandle';
export type { ApiVerb, ClusterFaults } from './faults';
export { renderAppConfig } from './appConfig';
export { renderKubeconfig } from './kubeconfig';
export type { ClusterEndpoint } from './kubeconfig';
export { MAX_REQUEST_BODY_BYTES } from './ClusterServer';
