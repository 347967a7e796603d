import {
  parseServicesAnnotation,
  type ServiceRef,
  type ServiceSummary,
} from '@meshplane/plugin-meshplane-common';
import type { LocatedCatalogFinding } from './findings';

/**
 * A catalog entity (not made by a Meshplane provider) that links itself to
 * mesh services, through the annotations of DESIGN §5.
 *
 * @public
 */
export interface ServiceClaimant {
  entityRef: string;
  /** Value of `meshplane.io/services`. */
  services?: string;
  /** Value of `backstage.io/kubernetes-id`. */
  kubernetesId?: string;
  /** Value of `backstage.io/kubernetes-namespace`. */
  kubernetesNamespace?: string;
}

/**
 * Which mesh services are already represented in the catalog, by service key
 * (`namespace/name`) → the entity ref that claims it.
 *
 * @public
 */
export interface ServiceClaims {
  claimedBy: Map<string, string>;
  findings: LocatedCatalogFinding[];
}

export function serviceKey(service: ServiceRef): string {
  return `${service.namespace}/${service.name}`;
}

/**
 * Resolves claims the way the backend links an entity to services (DESIGN §5):
 * `meshplane.io/services` names services explicitly and wins; otherwise
 * `backstage.io/kubernetes-id` claims every Service labelled with that id (in
 * `backstage.io/kubernetes-namespace` when set). A service claimed by several
 * entities goes to the alphabetically first claim, and the duplicate is
 * reported on every claimant.
 *
 * @public
 */
export function resolveServiceClaims(
  claimants: ServiceClaimant[],
  services: ServiceSummary[],
): ServiceClaims {
  const findings: LocatedCatalogFinding[] = [];
  const explicit = new Map<string, string[]>();
  const byLabel = new Map<string, string[]>();
  const add = (into: Map<string, string[]>, key: string, ref: string) => {
    into.set(key, [...(into.get(key) ?? []), ref]);
  };

  const byKubernetesId = new Map<string, ServiceSummary[]>();
  for (const service of services) {
    if (service.kubernetesId) {
      byKubernetesId.set(service.kubernetesId, [
        ...(byKubernetesId.get(service.kubernetesId) ?? []),
        service,
      ]);
    }
  }

  for (const claimant of claimants) {
    if (claimant.services !== undefined) {
      try {
        for (const ref of parseServicesAnnotation(claimant.services)) {
          add(explicit, serviceKey(ref), claimant.entityRef);
        }
      } catch (error) {
        findings.push({
          code: 'invalid-claim',
          message: `${
            (error as Error).message
          }; the entity claims no mesh service until it is fixed`,
          entityRef: claimant.entityRef,
        });
      }
    } else if (claimant.kubernetesId) {
      for (const service of byKubernetesId.get(claimant.kubernetesId) ?? []) {
        if (
          !claimant.kubernetesNamespace ||
          claimant.kubernetesNamespace === service.namespace
        ) {
          add(byLabel, serviceKey(service), claimant.entityRef);
        }
      }
    }
  }

  const claimedBy = new Map<string, string>();
  for (const [key, refs] of [...explicit, ...byLabel]) {
    if (claimedBy.has(key)) {
      continue;
    }
    const sorted = [...new Set(refs)].sort();
    claimedBy.set(key, sorted[0]);
    if (sorted.length > 1) {
      const message = `Mesh service ${key} is claimed by ${sorted.join(
        ', ',
      )}; ${sorted[0]} represents it`;
      findings.push(
        ...sorted.map(entityRef => ({
          code: 'duplicate-claim' as const,
          message,
          entityRef,
        })),
      );
    }
  }
  return { claimedBy, findings };
}
