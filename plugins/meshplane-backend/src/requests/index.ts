export {
  createRequestsRouter,
  ROLLOUT_TASK_ID,
  type RequestsRouterOptions,
} from './router';
export {
  fleetRequestFleet,
  type RequestFleet,
  type RequestFleetCluster,
} from './service';
