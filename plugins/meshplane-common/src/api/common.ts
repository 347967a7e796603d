// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  ClusterError,
  ClusterErrorReason,
  ClusterProblem,
  HealthResponse,
  PageInfo,
} from '../schema/openapi';
