export { MeshplaneEntityProvider } from './MeshplaneEntityProvider';
export type { MeshplaneEntityProviderDeps } from './MeshplaneEntityProvider';
export { readProviderConfigs } from './MeshplaneEntityProviderConfig';
export type { MeshplaneEntityProviderConfig } from './MeshplaneEntityProviderConfig';
export { FleetReader } from './FleetReader';
export type { FleetClient, FleetRead } from './FleetReader';
export {
  isProvidedByMeshplane,
  MESHPLANE_PROVIDER_LOCATION_TYPE,
  readProvidedEntities,
} from './catalogReads';
