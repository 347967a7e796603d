import type { Edge, ObservedEdge, TrafficObservations } from '../model/types';
import { ObservedTrafficIndex, serviceKey } from './observedTraffic';

/** What {@link joinObservedTraffic} answers. @public */
export interface TrafficJoin {
  /**
   * The configured edges in their order: those whose caller, service and destination cluster
   * were observed are copies carrying `observed`, the others are the edges given.
   */
  edges: Edge[];
  /** The observed traffic that matches none of the edges, by rate (highest first), then caller and service. */
  observedOnly: ObservedEdge[];
}

/**
 * {@link joinObservedTraffic} over an indexed document; `concerns` limits the observed-only
 * edges to those the answer is about (an entity's).
 */
export function joinTraffic(
  edges: readonly Edge[],
  traffic: ObservedTrafficIndex,
  concerns: (o: ObservedEdge) => boolean = () => true,
): TrafficJoin {
  const matched = new Set<ObservedEdge>();
  const joined = edges.map(e => {
    const o = traffic.callees(e.from)?.get(serviceKey(e.to));
    if (!o) return e;
    matched.add(o);
    return { ...e, observed: o.observed };
  });
  return {
    edges: joined,
    observedOnly: traffic.edges().filter(o => !matched.has(o) && concerns(o)),
  };
}

/**
 * Joins configured edges with observed traffic: an edge (client workload → service port →
 * destination cluster, subset) gets `observed` when the document holds series from its caller
 * (cluster, namespace, workload) to its service (namespace, name) in its destination cluster —
 * one reporter's, summed over endpoint workloads (istio-semantics.md §i "Dedupe"); Istio's
 * metrics carry no port, so every port and subset edge of that caller → service → cluster gets
 * the same figures. The observations that match no edge are kept as observed-only edges.
 *
 * @public
 */
export function joinObservedTraffic(
  edges: readonly Edge[],
  observations: TrafficObservations,
): TrafficJoin {
  return joinTraffic(edges, ObservedTrafficIndex.of(observations));
}
