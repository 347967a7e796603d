/**
 * Meshplane's common library: the object model and the mesh analysis engine
 * (pure, isomorphic), the REST API types of `/api/meshplane`, permission
 * definitions and annotation names.
 *
 * @packageDocumentation
 */

export * from './engine';
export * from './api';
export * from './permissions';
export * from './annotations';
// The REST API's topology types (nodes marked `own`, with cluster and network) take
// these names; the engine's own graph types stay reachable as `Topology['nodes']`.
export type { TopologyEdge, TopologyNode } from './api';
