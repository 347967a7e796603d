export { ApiError } from './ApiError';
export type { KubeStatus, StatusDetails } from './ApiError';
export { ClusterApi, PATCH_TYPES, parseBody } from './ClusterApi';
export type { ObjectTarget, WriteOptions } from './ClusterApi';
export {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
