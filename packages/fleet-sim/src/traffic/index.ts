export { inferDataPlane } from './dataPlane';
export type { DataPlaneInput } from './dataPlane';
export { renderExposition } from './exposition';
export {
  DEFAULT_LATENCY_MS,
  ISTIO_BUCKETS,
  istioMetrics,
  latencyShareBelow,
} from './istioMetrics';
export type { MetricFamily } from './istioMetrics';
export { parseTrafficSpec } from './parseTrafficSpec';
export { proxyReports } from './proxyReports';
export type { ProxyReport, Reporter } from './proxyReports';
export { resolveTraffic } from './resolveTraffic';
export type { MeshWorkload, ResolvedFlow } from './resolveTraffic';
export { TrafficClock } from './TrafficClock';
export { TrafficSpecError } from './TrafficSpecError';
export type {
  DataPlaneMode,
  ObservedTls,
  TrafficDestination,
  TrafficErrors,
  TrafficFlow,
  TrafficLatency,
  TrafficProtocol,
  TrafficSource,
  TrafficSpec,
} from './types';
