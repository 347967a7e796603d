export { EntityMeshPostureCard } from './EntityMeshPostureCard';
