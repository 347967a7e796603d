import type { MeshplaneClaim } from '@meshplane/plugin-meshplane-common';

/** A workspace's claims, as parsed from its System's `meshplane.io/claims`. */
export interface WorkspaceClaims {
  /** System entity ref. */
  ref: string;
  claims: MeshplaneClaim[];
}

/** Two workspaces claiming overlapping `cluster/namespace` pairs. */
export interface ClaimConflict {
  workspace: string;
  claim: string;
  otherWorkspace: string;
  otherClaim: string;
}

/** `cluster/namespace` text of a claim. */
export function formatClaim(claim: MeshplaneClaim): string {
  return `${claim.cluster}/${claim.namespace}`;
}

function partsOverlap(a: string, b: string): boolean {
  return a === '*' || b === '*' || a === b;
}

/** Whether some `cluster/namespace` pair is covered by both claims. */
export function claimsOverlap(a: MeshplaneClaim, b: MeshplaneClaim): boolean {
  return (
    partsOverlap(a.cluster, b.cluster) && partsOverlap(a.namespace, b.namespace)
  );
}

/**
 * Claims are exclusive across workspaces (TSB: a workspace owns its
 * namespaces exclusively). Returns every overlapping pair of claims of two
 * different workspaces, once from each side, so each workspace sees its own.
 */
export function findClaimConflicts(
  workspaces: WorkspaceClaims[],
): ClaimConflict[] {
  const conflicts: ClaimConflict[] = [];
  for (const a of workspaces) {
    for (const b of workspaces) {
      if (a.ref === b.ref) continue;
      for (const claimA of a.claims) {
        for (const claimB of b.claims) {
          if (claimsOverlap(claimA, claimB)) {
            conflicts.push({
              workspace: a.ref,
              claim: formatClaim(claimA),
              otherWorkspace: b.ref,
              otherClaim: formatClaim(claimB),
            });
          }
        }
      }
    }
  }
  return conflicts;
}
