export type {
  ClusterApplier,
  ObjectIdentity,
  RequestFleet,
  RequestFleetCluster,
} from './RequestFleet';
export { fleetRequestFleet } from './fleetRequestFleet';
export { ServerSideApplier } from './ServerSideApplier';
