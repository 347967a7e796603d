/**
 * A Kubernetes API server simulator for a fleet of clusters: serves the demo
 * fleet, test fleets and generated benchmark fleets over the real REST
 * protocol, with bearer-token RBAC and fault injection.
 *
 * @packageDocumentation
 */
export * from './fleet';
export type { KubeObject, KubeObjectMeta } from './objects';
export * from './server';
export { RESOURCE_TYPES } from './resources';
export type { ResourceType } from './resources';
export { runFleetSimCli } from './cli';
