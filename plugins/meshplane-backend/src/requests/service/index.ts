export { RequestPlanner, type PlannedRequest } from './RequestPlanner';
