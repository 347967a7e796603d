import {
  claimCovers,
  parseClaimsAnnotation,
  type MeshplaneClaim,
} from '@meshplane/plugin-meshplane-common';
import type { FieldErrorCollector } from '../fieldErrors';
import { formatClaim, type WorkspaceClaims } from './claimConflicts';

/** A cluster of the fleet and its namespaces (`undefined` while the cluster never synced). */
export interface FleetClusterNamespaces {
  name: string;
  namespaces?: string[];
}

/** One `cluster/namespace` pair a group's objects go to. */
export interface GroupTarget {
  cluster: string;
  namespace: string;
}

const SELECTOR_HINT =
  'a cluster/namespace selector (e.g. */bookinfo or east/bookinfo)';

/**
 * One `cluster/namespace` selector, read with the workspace claims' own
 * parser (same names, same wildcards), so a selector means what a claim means.
 */
function parseSelector(selector: string): MeshplaneClaim | string {
  let claims: MeshplaneClaim[];
  try {
    claims = parseClaimsAnnotation(selector);
  } catch (error) {
    // The parser names the annotation; the reason after it is what concerns the field.
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.includes('": ')
      ? message.slice(message.indexOf('": ') + 3)
      : message;
    return `"${selector}" is not ${SELECTOR_HINT}: ${reason}`;
  }
  if (claims.length !== 1) return `"${selector}" is not ${SELECTOR_HINT}`;
  return claims[0];
}

function formatPairs(pairs: GroupTarget[]): string {
  return pairs.map(pair => `${pair.cluster}/${pair.namespace}`).join(', ');
}

/**
 * Expands a group's `cluster/namespace` selectors over the fleet and checks
 * them against the workspace: every selected namespace must be claimed by
 * the workspace and by no other workspace (claims are exclusive), and every
 * selector must select something. Problems go to `errors` under
 * `group.namespaces[i]`; the returned targets are the valid ones, sorted.
 *
 * A cluster that never synced has unknown namespaces: an explicit
 * `cluster/namespace` selector on it is taken as is (its rollout will say
 * whether the namespace exists), a `*` selector cannot reach it.
 */
export function resolveGroupTargets(options: {
  selectors: string[];
  workspace: WorkspaceClaims;
  otherWorkspaces: WorkspaceClaims[];
  fleet: FleetClusterNamespaces[];
  errors: FieldErrorCollector;
}): GroupTarget[] {
  const { selectors, workspace, otherWorkspaces, fleet, errors } = options;
  const targets = new Map<string, GroupTarget>();

  selectors.forEach((text, index) => {
    const field = `group.namespaces[${index}]`;
    const selector = parseSelector(text);
    if (typeof selector === 'string') {
      errors.add(field, selector);
      return;
    }
    const clusters = fleet.filter(
      cluster => selector.cluster === '*' || cluster.name === selector.cluster,
    );
    if (clusters.length === 0) {
      errors.add(
        field,
        `cluster "${selector.cluster}" is not in the fleet (known: ${
          fleet.map(c => c.name).join(', ') || 'none'
        })`,
      );
      return;
    }

    const selected: GroupTarget[] = [];
    for (const cluster of clusters) {
      if (cluster.namespaces === undefined) {
        if (selector.cluster !== '*' && selector.namespace !== '*') {
          selected.push({
            cluster: cluster.name,
            namespace: selector.namespace,
          });
        }
        continue;
      }
      for (const namespace of cluster.namespaces) {
        if (selector.namespace === '*' || selector.namespace === namespace) {
          selected.push({ cluster: cluster.name, namespace });
        }
      }
    }
    if (selected.length === 0) {
      errors.add(field, `"${text}" selects no namespace of the fleet`);
      return;
    }

    const unclaimed = selected.filter(
      pair =>
        !workspace.claims.some(claim =>
          claimCovers(claim, pair.cluster, pair.namespace),
        ),
    );
    if (unclaimed.length > 0) {
      errors.add(
        field,
        `${formatPairs(unclaimed)} ${
          unclaimed.length === 1 ? 'is' : 'are'
        } not claimed by workspace ${workspace.ref} (its claims: ${
          workspace.claims.map(formatClaim).join(', ') || 'none'
        })`,
      );
      return;
    }

    const contested = selected.flatMap(pair =>
      otherWorkspaces.flatMap(other =>
        other.claims
          .filter(claim => claimCovers(claim, pair.cluster, pair.namespace))
          .map(
            claim =>
              `${pair.cluster}/${pair.namespace} by ${
                other.ref
              } (claim ${formatClaim(claim)})`,
          ),
      ),
    );
    if (contested.length > 0) {
      errors.add(
        field,
        `conflicting claims: also claimed ${contested.join(
          '; ',
        )}; claims are exclusive, so the platform team must resolve the conflict first`,
      );
      return;
    }

    for (const pair of selected) {
      targets.set(`${pair.cluster}/${pair.namespace}`, pair);
    }
  });

  return [...targets.values()].sort(
    (a, b) =>
      a.cluster.localeCompare(b.cluster) ||
      a.namespace.localeCompare(b.namespace),
  );
}
