export { MeshplaneErrorPanel } from './MeshplaneErrorPanel';
