export {
  aggregateStatus,
  RequestStore,
  type ClusterLease,
  type NewRequest,
  type RequestFilter,
  type StoredObject,
} from './RequestStore';
