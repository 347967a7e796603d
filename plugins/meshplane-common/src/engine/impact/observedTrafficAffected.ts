import type { Edge, TrafficObservations } from '../model/types';
import type { EdgeChange } from '../../schema/openapi';
import { compareEdges, edgeKey } from '../posture/entityPosture';
import {
  isTrafficUsed,
  ObservedTrafficIndex,
} from '../traffic/observedTraffic';

const rejects = (edge: Edge) =>
  edge.outcome === 'fail' || edge.outcome === 'denied';

/**
 * The observed traffic a proposed change breaks ("observed traffic affected" of a request's
 * preview): the edges that get through before the change (any outcome but `fail` and
 * `denied`) and are rejected after it (`fail`: a PeerAuthentication, a DestinationRule;
 * `denied`: an AuthorizationPolicy), on which the observations show traffic in their window
 * (requests, bytes or connections), each with `observed` on both sides; in
 * `compareEdges` order (worst, then busiest first). `before` and `after` are the edges of the
 * two states (e.g. `serverEdges` of the fleet and of its fork with the change applied; for the
 * observed out-of-mesh callers, `MeshAnalyzer.trafficEdges` of both).
 *
 * @public
 */
export function observedTrafficAffected(
  before: readonly Edge[],
  after: readonly Edge[],
  observations: TrafficObservations,
): EdgeChange[] {
  const traffic = ObservedTrafficIndex.of(observations);
  const previous = new Map(before.map(e => [edgeKey(e), e]));
  const out: EdgeChange[] = [];
  for (const next of after) {
    if (!rejects(next)) continue;
    const prev = previous.get(edgeKey(next));
    if (!prev || rejects(prev)) continue;
    const observed = traffic.observed(next.from, next.to);
    if (!observed || !isTrafficUsed(observed)) continue;
    out.push({
      before: { ...prev, observed },
      after: { ...next, observed },
    });
  }
  return out.sort((a, b) => compareEdges(a.after, b.after));
}
