import type { EdgeOutcome } from '../engine/model/types';

/**
 * Kind of a topology node.
 *
 * - `workload`: Deployment, StatefulSet, DaemonSet or bare pod in one cluster;
 * - `vm`: a WorkloadEntry;
 * - `service`: a logical service (namespace/name) with the clusters it runs in;
 * - `gateway`: an Istio gateway workload (ingress, egress, east-west);
 * - `external`: a host declared by a ServiceEntry (or routed to without any service).
 *
 * @public
 */
export type TopologyNodeType =
  | 'workload'
  | 'vm'
  | 'service'
  | 'gateway'
  | 'external';

/**
 * A node of an entity's mesh topology.
 *
 * @public
 */
export interface TopologyNode {
  /** Stable id within one topology, e.g. `service:bookinfo/reviews`, `workload:east-1/bookinfo/Deployment/reviews-v1`. */
  id: string;
  /** Node type. */
  type: TopologyNodeType;
  /** Display name (service, workload or host name). */
  name: string;
  /** Namespace, absent for external hosts. */
  namespace?: string;
  /** Cluster of a workload, VM or gateway node. */
  cluster?: string;
  /** Clusters a service node runs in. */
  clusters?: string[];
  /** Istio network of the node's cluster (or of the VM). */
  network?: string;
  /** Whether a workload, VM or gateway node runs an Istio proxy. */
  sidecar?: boolean;
  /** `true` for the nodes that belong to the entity itself; `false` for callers and callees one hop out. */
  own: boolean;
}

/**
 * Why a topology edge exists.
 *
 * - `calls`: a client workload reaches a service (mTLS posture edge);
 * - `route`: a VirtualService routes from a gateway or service to a service (or subset);
 * - `selects`: a service selects a workload or VM (its endpoints);
 * - `egress`: a Sidecar resource lets the workload reach the host;
 * - `allows`: an AuthorizationPolicy lets the caller call the service.
 *
 * @public
 */
export type TopologyEdgeType =
  | 'calls'
  | 'route'
  | 'selects'
  | 'egress'
  | 'allows';

/**
 * A directed edge of an entity's mesh topology.
 *
 * @public
 */
export interface TopologyEdge {
  /** Source node id. */
  from: string;
  /** Target node id. */
  to: string;
  /** Why the edge exists. */
  type: TopologyEdgeType;
  /** mTLS outcome of the traffic, for `calls` and `route` edges (worst over ports and clusters). */
  outcome?: EdgeOutcome;
  /** Port of a `calls` or `route` edge. */
  port?: number;
  /** DestinationRule subset of a `route` edge. */
  subset?: string;
  /** Route weight (percent) of a `route` edge. */
  weight?: number;
  /** The object that creates the edge (`VirtualService bookinfo/reviews`), for `route`, `egress` and `allows`. */
  source?: string;
}

/**
 * An entity's topology: its own workloads and services plus their callers and
 * callees one hop out.
 *
 * @public
 */
export interface MeshTopology {
  /** Nodes, own nodes first. */
  nodes: TopologyNode[];
  /** Edges between those nodes. */
  edges: TopologyEdge[];
}
