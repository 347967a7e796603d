export { RequestRollout, ROLLOUT_ACTOR } from './RequestRollout';
export {
  FIELD_MANAGER,
  ServerSideApplier,
  type ClusterApplier,
  type ObjectIdentity,
} from './ServerSideApplier';
