/**
 * Meshplane web library: the API clients of `/api/meshplane`, React hooks over
 * them, and shared MUI v4 components (status labels, finding links, error and
 * partial-failure panels, the topology graph) with their formatting helpers.
 *
 * @packageDocumentation
 */
export {
  meshplaneApiRef,
  MeshplaneClient,
  meshplaneRequestsApiRef,
  MeshplaneRequestsClient,
  MeshplaneTimeoutError,
} from './api';
export type {
  EntityMeshRequestOptions,
  EntityTrafficQuery,
  MeshplaneApi,
  MeshplaneHttpOptions,
  MeshplaneRequestOptions,
  MeshplaneRequestsApi,
} from './api';
export {
  CatalogFindingsPanel,
  ClusterProblemsPanel,
  ClusterStatusLabel,
  ClusterSyncTime,
  EdgeOutcomeLabel,
  FindingCodeLink,
  findingDocumentationUrl,
  FindingLevelLabel,
  FindingsTable,
  MeshplaneErrorPanel,
  MetricsSourceStatusLabel,
  MtlsStatusLabel,
  oneLine,
  RelativeTime,
  StaleValue,
  TopologyGraph,
  wholeWords,
  WorkloadPolicyLabel,
} from './components';
export type { FindingSubjectLink, TopologyGraphProps } from './components';
export {
  BreakableText,
  formatByteRate,
  formatCount,
  formatDateTime,
  formatLatency,
  formatReady,
  formatRelativeTime,
  formatRequestRate,
  formatServerMode,
  formatShare,
  formatTlsShares,
  pluralize,
  postureProxy,
} from './format';
export {
  useClusters,
  useEntityMesh,
  useNamespaceReadiness,
  useFindings,
  useMeshplane,
  useMeshplaneHealth,
  useMeshRequest,
  useMetricsSources,
  useMeshRequests,
  useServices,
  useWorkspaceInventory,
  useWorkspaces,
} from './hooks';
export type { MeshplaneQueryState } from './hooks';
export { findingCodesRouteRef, useOptionalRouteRef } from './routes';
export { edgeOutcomeColor } from './theme';
