export type {
  ClusterApplier,
  LiveMesh,
  ObjectIdentity,
  RequestFleet,
  RequestFleetCluster,
} from './RequestFleet';
export { fleetRequestFleet } from './fleetRequestFleet';
export { ServerSideApplier } from './ServerSideApplier';
