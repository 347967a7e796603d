export { useMeshplane } from './useMeshplane';
export type { MeshplaneQueryState } from './useMeshplane';
export {
  useClusters,
  useEntityMesh,
  useNamespaceReadiness,
  useFindings,
  useMeshplaneHealth,
  useMetricsSources,
  useServices,
} from './queries';
export {
  useMeshRequest,
  useMeshRequests,
  useWorkspaceInventory,
  useWorkspaces,
} from './requestQueries';
