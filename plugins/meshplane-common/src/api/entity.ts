// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  EntityCluster,
  EntityLink,
  EntityLinkSource,
  EntityMeshView,
  EntityPosture,
  EntityWorkload,
  WorkloadProxy,
} from '../schema/openapi';
