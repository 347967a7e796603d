import type { EdgeOutcome } from '../model/types';

/**
 * Rank of each outcome, worst highest: a connection that fails, then one an
 * AuthorizationPolicy rejects, then one that sends plaintext, then endpoints
 * Istio leaves out for the caller (lost failover capacity), then mutual TLS.
 * The one severity order of DESIGN §4.1.
 */
const SEVERITY: Record<EdgeOutcome, number> = {
  fail: 4,
  denied: 3,
  plaintext: 2,
  excluded: 1,
  mtls: 0,
};

/**
 * Orders two edge outcomes worst first (`fail`, `denied`, `plaintext`, `excluded`,
 * `mtls`): negative when `a` is worse than `b`, for `Array.prototype.sort`.
 * @public
 */
export function compareOutcomes(a: EdgeOutcome, b: EdgeOutcome): number {
  return SEVERITY[b] - SEVERITY[a];
}

/**
 * The worst of some edge outcomes (`fail` \> `denied` \> `plaintext` \> `excluded` \> `mtls`);
 * `undefined` entries are passed over, and nothing gives `undefined`.
 * @public
 */
export function worstOutcome(
  outcomes: Iterable<EdgeOutcome | undefined>,
): EdgeOutcome | undefined {
  let worst: EdgeOutcome | undefined;
  for (const o of outcomes)
    if (
      o !== undefined &&
      (worst === undefined || SEVERITY[o] > SEVERITY[worst])
    )
      worst = o;
  return worst;
}
