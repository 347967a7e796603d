import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_CLAIMS,
  ANNOTATION_MESHPLANE_CLUSTER,
  ANNOTATION_MESHPLANE_SERVICES,
  ANNOTATION_MESHPLANE_WORKLOAD_ENTRY,
  claimCovers,
  claimsByKubernetesId,
  EntityLink,
  MeshAnalyzer,
  parseClaimsAnnotation,
  parseServicesAnnotation,
  ServiceRef,
  serviceClaimant,
} from '@meshplane/plugin-meshplane-common';
import { serviceKubernetesId } from './toServiceSummary';

/** The services an entity stands for, and how they were found. */
export interface EntityLinks {
  links: EntityLink[];
  services: ServiceRef[];
  /** More services matched than `maxServices`. */
  truncated: boolean;
  /** The one cluster the answer is about (a cluster's Resource, `meshplane.io/cluster`). */
  cluster?: string;
}

function parse<T>(entityRef: string, parseFn: () => T): T {
  try {
    return parseFn();
  } catch (error) {
    throw new InputError(`Entity ${entityRef}: ${(error as Error).message}`);
  }
}

/**
 * Resolves an entity to logical services by its annotations (DESIGN §5), in
 * this order: `meshplane.io/services`; the Kubernetes plugin's
 * `backstage.io/kubernetes-id` (the services it claims by the claim rule's
 * `claimsByKubernetesId`); `meshplane.io/workload-entry`
 * (the services selecting a VM's WorkloadEntry); `meshplane.io/cluster`
 * (every service of a cluster); `meshplane.io/claims` (every service of the
 * claimed cluster/namespace pairs). Uses only the engine's services.
 *
 * @throws InputError naming the entity and annotation when an annotation is malformed.
 */
export function resolveEntityLinks(
  entity: Entity,
  entityRef: string,
  analyzer: MeshAnalyzer,
  maxServices: number,
): EntityLinks {
  const annotations = entity.metadata.annotations ?? {};
  const cap = (services: ServiceRef[], link: EntityLink): EntityLinks => ({
    links: [link],
    services: services.slice(0, maxServices),
    truncated: services.length > maxServices,
  });
  const sorted = (refs: ServiceRef[]) =>
    refs.sort((a, b) =>
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    );

  const services = annotations[ANNOTATION_MESHPLANE_SERVICES];
  if (services !== undefined) {
    const refs = parse(entityRef, () => parseServicesAnnotation(services));
    return cap(refs, {
      source: ANNOTATION_MESHPLANE_SERVICES,
      value: services,
    });
  }
  const claimant = serviceClaimant(entityRef, annotations);
  if (claimant?.kubernetesId !== undefined) {
    const { kubernetesId, kubernetesNamespace: namespace } = claimant;
    const refs = analyzer
      .serviceRefs()
      .map(({ namespace: ns, name }) => ({ namespace: ns, name }))
      .filter(ref =>
        claimsByKubernetesId(claimant, {
          ...ref,
          kubernetesId: serviceKubernetesId(analyzer, ref.namespace, ref.name),
        }),
      );
    return cap(sorted(refs), {
      source: ANNOTATION_KUBERNETES_ID,
      value: namespace
        ? `${kubernetesId} (namespace ${namespace})`
        : kubernetesId,
    });
  }
  const workloadEntry = annotations[ANNOTATION_MESHPLANE_WORKLOAD_ENTRY];
  if (workloadEntry !== undefined) {
    const [namespace, name, ...rest] = workloadEntry.trim().split('/');
    if (!namespace || !name || rest.length > 0) {
      throw new InputError(
        `Entity ${entityRef}: ${ANNOTATION_MESHPLANE_WORKLOAD_ENTRY} must be namespace/name, got "${workloadEntry}"`,
      );
    }
    const refs = analyzer
      .serviceRefs()
      .filter(ref => ref.namespace === namespace)
      .filter(ref =>
        analyzer
          .service(ref.namespace, ref.name)
          ?.clusters.some(c =>
            c.workloads.some(
              w => w.kind === 'WorkloadEntry' && w.name === name,
            ),
          ),
      )
      .map(({ namespace: ns, name: service }) => ({
        namespace: ns,
        name: service,
      }));
    return cap(sorted(refs), {
      source: ANNOTATION_MESHPLANE_WORKLOAD_ENTRY,
      value: workloadEntry,
    });
  }
  const cluster = annotations[ANNOTATION_MESHPLANE_CLUSTER];
  if (cluster !== undefined) {
    const refs = analyzer
      .serviceRefs()
      .filter(ref => ref.clusters.includes(cluster))
      .map(({ namespace, name }) => ({ namespace, name }));
    return {
      ...cap(sorted(refs), {
        source: ANNOTATION_MESHPLANE_CLUSTER,
        value: cluster,
      }),
      cluster,
    };
  }
  const claims = annotations[ANNOTATION_MESHPLANE_CLAIMS];
  if (claims !== undefined) {
    const parsed = parse(entityRef, () => parseClaimsAnnotation(claims));
    const refs = analyzer
      .serviceRefs()
      .filter(ref =>
        ref.clusters.some(c =>
          parsed.some(claim => claimCovers(claim, c, ref.namespace)),
        ),
      )
      .map(({ namespace, name }) => ({ namespace, name }));
    return cap(sorted(refs), {
      source: ANNOTATION_MESHPLANE_CLAIMS,
      value: claims,
    });
  }
  return { links: [], services: [], truncated: false };
}
