export { ClusterSyncTime } from './ClusterSyncTime';
export { RelativeTime } from './RelativeTime';
export { StaleValue } from './StaleValue';
