export { RequestRollout, ROLLOUT_ACTOR } from './RequestRollout';
