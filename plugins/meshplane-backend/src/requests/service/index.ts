export { RequestPlanner, type PlannedRequest } from './RequestPlanner';
export type { RequestFleet, RequestFleetCluster } from './RequestFleet';
export { fleetRequestFleet } from './fleetRequestFleet';
