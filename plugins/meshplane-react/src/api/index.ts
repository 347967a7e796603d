export { meshplaneApiRef } from './MeshplaneApi';
export type {
  EntityMeshRequestOptions,
  EntityTrafficQuery,
  MeshplaneApi,
  MeshplaneRequestOptions,
} from './MeshplaneApi';
export { MeshplaneClient } from './MeshplaneClient';
export type { MeshplaneHttpOptions } from './requestMeshplane';
export { MeshplaneTimeoutError } from './MeshplaneTimeoutError';
export { isNotFound, isPermissionDenied } from './errors';
export { meshplaneRequestsApiRef } from './MeshplaneRequestsApi';
export type { MeshplaneRequestsApi } from './MeshplaneRequestsApi';
export { MeshplaneRequestsClient } from './MeshplaneRequestsClient';
