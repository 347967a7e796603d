/**
 * A Kubernetes API server simulator for a fleet of clusters: serves the demo
 * fleet, test fleets and generated benchmark fleets over the real REST
 * protocol, with bearer-token RBAC and fault injection; plays the data plane
 * too (Istio's metrics from a traffic spec) and starts a real Prometheus.
 *
 * @packageDocumentation
 */
export * from './fleet';
export type { KubeObject, KubeObjectMeta } from './objects';
export * from './server';
export * from './prometheus';
export { TrafficSpecError } from './traffic';
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
} from './traffic';
export { RESOURCE_TYPES } from './resources';
export type { ResourceType } from './resources';
export { runFleetSimCli } from './cli';
// For the tests of other packages that run a real Prometheus (skipped with a reason, failed in CI).
export { prometheusAvailable } from './testing/prometheus';
