export { MeshplaneClusterStatus } from './MeshplaneClusterStatus';
