import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'conditions.ConditionAnalyzer';

/**
 * The condition types whose `False` status istioctl reports, per kind
 * (istio/istio `pkg/config/analysis/analyzers/conditions/conditions.go`, `negativeConditionsToReport`).
 */
const NEGATIVE: Record<string, readonly string[]> = {
  [K.Service]: ['istio.io/WaypointBound'],
  [K.ServiceEntry]: ['istio.io/WaypointBound'],
  [K.WorkloadEntry]: ['istio.io/WaypointBound'],
  [K.AuthorizationPolicy]: ['ZtunnelAccepted', 'WaypointAccepted'],
  [K.GatewayApiGateway]: ['Accepted', 'Programmed', 'ResolvedRefs'],
  [K.HTTPRoute]: ['Accepted', 'Programmed', 'ResolvedRefs'],
  [K.GRPCRoute]: ['Accepted', 'Programmed', 'ResolvedRefs'],
};

/** `extractConditions`: a Gateway's own conditions (not its listeners'), every route parent's. */
function conditionsOf(kk: string, obj: StoredObject): any[] {
  const status = obj.obj.status;
  if (!status || typeof status !== 'object') return [];
  if (kk === K.HTTPRoute || kk === K.GRPCRoute) {
    const parents: any[] = Array.isArray(status.parents) ? status.parents : [];
    return parents.flatMap(p =>
      Array.isArray(p?.conditions) ? p.conditions : [],
    );
  }
  return Array.isArray(status.conditions) ? status.conditions : [];
}

/**
 * IST0171 NegativeConditionStatus: a status condition Istio wrote with a negative status — a
 * Gateway or route not accepted, not programmed or with unresolved references, a Service whose
 * waypoint is not bound, an AuthorizationPolicy ztunnel or the waypoint did not accept (and the
 * waypoint's `PartiallyInvalid`, reported although its status is True).
 */
export const conditionAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: Object.keys(NEGATIVE),
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const [kk, types] of Object.entries(NEGATIVE)) {
      for (const obj of index.list(cluster, kk, namespace)) {
        for (const c of conditionsOf(kk, obj)) {
          const negative = types.includes(c?.type) && c?.status === 'False';
          const partial =
            kk === K.AuthorizationPolicy &&
            c?.type === 'WaypointAccepted' &&
            c?.reason === 'PartiallyInvalid';
          if (!negative && !partial) continue;
          out.push(
            message(
              'IST0171',
              NAME,
              obj,
              `A condition with a negative status is present: type=${
                c.type
              }, reason=${c.reason ?? ''}, message=${c.message ?? ''}.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
