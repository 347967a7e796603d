// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  EdgesOmitted,
  EntityCluster,
  EntityLink,
  EntityLinkSource,
  EntityMeshView,
  EntityPosture,
  EntityWorkload,
  NamespaceReadiness,
  ReadinessBlocker,
  StrictBlocker,
  WorkloadProxy,
  WorkloadRole,
} from '../schema/openapi';
