import type {
  GatewayApiCondition,
  GatewayApiListener,
  GatewayApiRoute,
  GatewayApiRouteBackend,
} from '@meshplane/plugin-meshplane-common';
import { negativeListenerConditions } from '@meshplane/plugin-meshplane-common';

/** A condition with a verdict: `ok`, `problem`, or `unknown` when istiod has not written it. */
export interface ConditionVerdict {
  verdict: 'ok' | 'problem' | 'unknown';
  /** `Accepted`, `AddressNotAssigned`…, or `not reported`. */
  text: string;
  message?: string;
}

/** A Gateway's condition of this type (`Accepted`, `Programmed`) as istiod wrote it. */
export function gatewayCondition(
  conditions: GatewayApiCondition[],
  type: string,
): ConditionVerdict {
  const condition = conditions.find(c => c.type === type);
  if (!condition) return { verdict: 'unknown', text: 'not reported' };
  return {
    verdict: condition.status === 'True' ? 'ok' : 'problem',
    text: condition.reason ?? `${type}=${condition.status}`,
    ...(condition.message ? { message: condition.message } : {}),
  };
}

/**
 * A listener's state from the conditions istiod wrote: those that are wrong
 * (`Accepted`, `Programmed` or `ResolvedRefs` False, `Conflicted` True), each
 * with its reason, else ready.
 */
export function listenerVerdict(
  listener: GatewayApiListener,
): ConditionVerdict {
  if (!listener.conditions.length)
    return { verdict: 'unknown', text: 'not reported' };
  const wrong = negativeListenerConditions(listener.conditions);
  if (!wrong.length) return { verdict: 'ok', text: 'ready' };
  const messages = wrong.flatMap(c => (c.message ? [c.message] : []));
  return {
    verdict: 'problem',
    text: wrong.map(c => `${c.type}: ${c.reason ?? c.status}`).join(', '),
    ...(messages.length ? { message: messages.join('; ') } : {}),
  };
}

/**
 * A backend's share of its rule's traffic, in percent (rounded), from the
 * Gateway API's relative weights; undefined for the only backend of a rule.
 */
export function backendShare(
  route: GatewayApiRoute,
  backend: GatewayApiRouteBackend,
): number | undefined {
  const rule = route.backends.filter(b => b.rule === backend.rule);
  if (rule.length < 2) return undefined;
  const total = rule.reduce((sum, b) => sum + b.weight, 0);
  return total > 0 ? Math.round((backend.weight / total) * 100) : 0;
}
