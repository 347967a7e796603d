// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  ClusterConnectionStatus,
  ClusterDetail,
  ClusterKindStatus,
  ClusterListResponse,
  ClusterNamespace,
  ClusterSummary,
  IstioRevision,
  KindSyncState,
  MeshRole,
} from '../schema/openapi';
