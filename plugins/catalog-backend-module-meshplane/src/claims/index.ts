export { MeshplaneClaimsProcessor } from './MeshplaneClaimsProcessor';
