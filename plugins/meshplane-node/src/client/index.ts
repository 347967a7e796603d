export { MeshplaneApiClient, RequestRefusedError } from './MeshplaneApiClient';
export type {
  MeshplaneApiRequestOptions,
  VersionedResponse,
} from './MeshplaneApiClient';
export { meshplaneApiClientServiceRef } from './meshplaneApiClientServiceRef';
