import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MESHPLANE_SERVICES,
  parseServicesAnnotation,
} from './annotations';
import type { ServiceRef } from './api';

/**
 * A catalog entity that links itself to mesh services through the
 * annotations of DESIGN §5.
 *
 * @public
 */
export interface ServiceClaimant {
  /** The claiming entity, `kind:namespace/name`. */
  entityRef: string;
  /** Value of `meshplane.io/services`. */
  services?: string;
  /** Value of `backstage.io/kubernetes-id`. */
  kubernetesId?: string;
  /** Value of `backstage.io/kubernetes-namespace`. */
  kubernetesNamespace?: string;
}

/**
 * A mesh service as the claim rule sees it: its name, and the
 * `backstage.io/kubernetes-id` label of its Service when it has one.
 *
 * @public
 */
export interface ClaimableService extends ServiceRef {
  /** The `backstage.io/kubernetes-id` label of the Service. */
  kubernetesId?: string;
}

/**
 * A problem with a claim, on the entity that makes it: `invalid-claim` (its
 * `meshplane.io/services` does not parse), `duplicate-claim` (another
 * entity claims one of its services).
 *
 * @public
 */
export interface ServiceClaimFinding {
  code: 'invalid-claim' | 'duplicate-claim';
  /** What is wrong and what the rule did about it, naming the services and entities concerned. */
  message: string;
  /** The claimant the finding is on. */
  entityRef: string;
}

/**
 * Which entity claims each mesh service, by service key (`namespace/name`),
 * and the problems found on the claimants.
 *
 * @public
 */
export interface ServiceClaims {
  /** Service key (`namespace/name`) → the entity ref that represents the service. */
  claimedBy: Map<string, string>;
  /** The problems found on the claimants. */
  findings: ServiceClaimFinding[];
}

/**
 * The claim of an entity with these annotations, or `undefined` when it
 * carries neither `meshplane.io/services` nor `backstage.io/kubernetes-id`.
 *
 * @public
 */
export function serviceClaimant(
  entityRef: string,
  annotations: Record<string, string> | undefined,
): ServiceClaimant | undefined {
  const services = annotations?.[ANNOTATION_MESHPLANE_SERVICES];
  const kubernetesId = annotations?.[ANNOTATION_KUBERNETES_ID];
  if (services === undefined && kubernetesId === undefined) {
    return undefined;
  }
  const kubernetesNamespace = annotations?.[ANNOTATION_KUBERNETES_NAMESPACE];
  return {
    entityRef,
    ...(services !== undefined ? { services } : {}),
    ...(kubernetesId !== undefined ? { kubernetesId } : {}),
    ...(kubernetesNamespace !== undefined ? { kubernetesNamespace } : {}),
  };
}

/**
 * Whether a claimant claims a service through the Kubernetes plugin's
 * convention: its `backstage.io/kubernetes-id` is the Service's label, within
 * `backstage.io/kubernetes-namespace` when set. Only entities without
 * `meshplane.io/services` claim this way.
 *
 * @public
 */
export function claimsByKubernetesId(
  claimant: ServiceClaimant,
  service: ClaimableService,
): boolean {
  return (
    claimant.services === undefined &&
    claimant.kubernetesId !== undefined &&
    claimant.kubernetesId === service.kubernetesId &&
    (!claimant.kubernetesNamespace ||
      claimant.kubernetesNamespace === service.namespace)
  );
}

const serviceKey = (service: ServiceRef) =>
  `${service.namespace}/${service.name}`;

/**
 * The claim rule of DESIGN §5, over a set of claimants. The entities that
 * claim a service are those naming it in `meshplane.io/services`, or, when
 * none does, those claiming it by {@link claimsByKubernetesId}; of several,
 * the first by entity ref represents it.
 *
 * @public
 */
export class ServiceClaimIndex {
  /** Explicit claims: service key → claimant refs, sorted. */
  private readonly explicit = new Map<string, string[]>();
  /** Claimants without `meshplane.io/services`, by kubernetes-id, sorted by ref. */
  private readonly byKubernetesId = new Map<string, ServiceClaimant[]>();
  private readonly explicitRefs: ServiceRef[] = [];
  /** `invalid-claim` findings: claimants whose `meshplane.io/services` does not parse claim nothing. */
  readonly invalid: ServiceClaimFinding[] = [];

  constructor(claimants: ServiceClaimant[]) {
    for (const claimant of claimants) {
      if (claimant.services !== undefined) {
        this.addExplicit(claimant);
      } else if (claimant.kubernetesId !== undefined) {
        const list = this.byKubernetesId.get(claimant.kubernetesId) ?? [];
        list.push(claimant);
        this.byKubernetesId.set(claimant.kubernetesId, list);
      }
    }
    for (const refs of this.explicit.values()) refs.sort(compareRefs);
    for (const list of this.byKubernetesId.values()) {
      list.sort((a, b) => compareRefs(a.entityRef, b.entityRef));
    }
  }

  private addExplicit(claimant: ServiceClaimant): void {
    let refs: ServiceRef[];
    try {
      refs = parseServicesAnnotation(claimant.services!);
    } catch (error) {
      this.invalid.push({
        code: 'invalid-claim',
        message: `${
          (error as Error).message
        }; the entity claims no mesh service until it is fixed`,
        entityRef: claimant.entityRef,
      });
      return;
    }
    for (const ref of refs) {
      const key = serviceKey(ref);
      const list = this.explicit.get(key);
      if (!list) {
        this.explicit.set(key, [claimant.entityRef]);
        this.explicitRefs.push(ref);
      } else if (!list.includes(claimant.entityRef)) {
        list.push(claimant.entityRef);
      }
    }
  }

  /** The entities claiming a service, the one that represents it first. */
  claimantsOf(service: ClaimableService): string[] {
    const explicit = this.explicit.get(serviceKey(service));
    if (explicit) return [...explicit];
    if (service.kubernetesId === undefined) return [];
    return [
      ...new Set(
        (this.byKubernetesId.get(service.kubernetesId) ?? [])
          .filter(claimant => claimsByKubernetesId(claimant, service))
          .map(claimant => claimant.entityRef),
      ),
    ];
  }

  /** The entity that represents a service, if any claims it. */
  claimantOf(service: ClaimableService): string | undefined {
    return this.claimantsOf(service)[0];
  }

  /** The services named in `meshplane.io/services` annotations, in the order of the first claimant naming each. */
  explicitlyClaimed(): ServiceRef[] {
    return [...this.explicitRefs];
  }
}

/** Entity refs in code unit order: the same order on every machine, whatever its locale. */
function compareRefs(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Resolves every claim (see {@link ServiceClaimIndex}) over the fleet's
 * services and the services claimants name explicitly, and reports the
 * problems on the claimants: `invalid-claim`, and `duplicate-claim` on every
 * claimant of a service claimed by several (each team sees the conflict on
 * its own entity).
 *
 * @public
 */
export function resolveServiceClaims(
  claimants: ServiceClaimant[],
  services: ClaimableService[],
): ServiceClaims {
  const index = new ServiceClaimIndex(claimants);
  const findings: ServiceClaimFinding[] = [...index.invalid];
  const claimedBy = new Map<string, string>();
  for (const service of [...index.explicitlyClaimed(), ...services]) {
    const key = serviceKey(service);
    const refs = claimedBy.has(key) ? [] : index.claimantsOf(service);
    if (refs.length === 0) continue;
    claimedBy.set(key, refs[0]);
    if (refs.length > 1) {
      const message = `Mesh service ${key} is claimed by ${refs.join(', ')}; ${
        refs[0]
      } represents it`;
      findings.push(
        ...refs.map(entityRef => ({
          code: 'duplicate-claim' as const,
          message,
          entityRef,
        })),
      );
    }
  }
  return { claimedBy, findings };
}
