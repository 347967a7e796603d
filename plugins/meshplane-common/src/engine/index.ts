export type {
  AnalysisReport,
  ClientTlsMode,
  ClusterInput,
  Edge,
  EdgeOutcome,
  KubeObject,
  KubeObjectMeta,
  MeshConfig,
  MeshNetworks,
  MeshSnapshot,
  Message,
  MessageLevel,
  MtlsStatus,
  NamespacePosture,
  ObjectRef,
  ObservedEdge,
  ObservedTraffic,
  PolicyDecision,
  ServerMode,
  TrafficDestination,
  TrafficLatency,
  TrafficObservation,
  TrafficObservations,
  TrafficProtocol,
  TrafficReporter,
  TrafficSource,
  TrafficSummary,
  TrafficTlsShares,
  TrafficWindow,
  WorkloadPosture,
} from './model/types';
export { defaultMeshConfig, mergeMeshConfig } from './model/meshConfig';
export { parseKubeYaml, formatLoadError } from './load';
export type {
  LoadedObject,
  LoadError,
  ObjectSource,
  ParseResult,
} from './load';
export { analyzeSnapshot } from './analyzer/analyzeSnapshot';
export {
  MeshAnalyzer,
  levelRank,
  compareFindings,
} from './analyzer/MeshAnalyzer';
export type {
  MeshAnalyzerOptions,
  FindingFilter,
  ChangeSet,
  CallerGroup,
  EntityView,
  EntityViewOptions,
  ServiceCluster,
  UpsertOptions,
} from './analyzer/MeshAnalyzer';
export { compareOutcomes, worstOutcome } from './posture/outcomes';
export { compareEdges, edgeKey } from './posture/entityPosture';
export { observedTlsContradiction } from './traffic/trafficFindings';
export {
  MAX_TRAFFIC_OBSERVATIONS,
  parseTrafficObservations,
  TrafficObservationsError,
} from './traffic/parseTrafficObservations';
export type { TrafficObservationsProblem } from './traffic/parseTrafficObservations';
export { joinObservedTraffic } from './traffic/joinObservedTraffic';
export type { TrafficJoin } from './traffic/joinObservedTraffic';
export { observedRate } from './traffic/observedTraffic';
export { negativeListenerConditions } from './gatewayApi/gatewayRoutes';
export type { MeshService, MeshWorkload } from './topology/services';
export { postureImpact } from './impact/postureImpact';
export { observedTrafficAffected } from './impact/observedTrafficAffected';
export type { PostureReader, PostureScope } from './impact/postureImpact';
// The engine's graph; the REST API's topology types (nodes marked `own`, with cluster and
// network) take the names TopologyNode and TopologyEdge at the package's door.
export type {
  Topology,
  TopologyNode as EngineTopologyNode,
  TopologyEdge as EngineTopologyEdge,
} from './topology/topology';
export { serviceNodeId, workloadNodeId } from './topology/topology';
export { serviceCallees } from './topology/serviceCallees';
export type { SubjectService } from './topology/findingSubject';
export { validateIstioObject } from './validation/schema/validateIstioObject';
export type { FieldError } from './validation/schema/istioRules';
export { loadIstioCrdSchemas } from './validation/schema/crdSchemas';
export type { IstioCrdSchemas } from './validation/schema/crdSchemas';
export { CODES as MESSAGE_CODES } from './validation/messages';
export {
  MESHPLANE_CODE_DOCS,
  meshplaneCodeDoc,
  type MeshplaneCodeDoc,
} from './validation/meshplaneCodes';
