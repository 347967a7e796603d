import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MESHPLANE_SERVICES,
  parseServicesAnnotation,
} from '@meshplane/plugin-meshplane-common';

/** A mesh service, with its `backstage.io/kubernetes-id` label when it has one. */
export interface LinkedService {
  namespace: string;
  name: string;
  kubernetesId?: string;
}

function claimsExplicitly(entity: Entity, service: LinkedService): boolean {
  const value = entity.metadata.annotations?.[ANNOTATION_MESHPLANE_SERVICES];
  if (value === undefined) return false;
  try {
    return parseServicesAnnotation(value).some(
      ref => ref.namespace === service.namespace && ref.name === service.name,
    );
  } catch {
    // An unparsable claim claims nothing (the catalog module reports it on the entity).
    return false;
  }
}

function claimsByKubernetesId(entity: Entity, service: LinkedService): boolean {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE];
  return (
    annotations[ANNOTATION_MESHPLANE_SERVICES] === undefined &&
    service.kubernetesId !== undefined &&
    annotations[ANNOTATION_KUBERNETES_ID] === service.kubernetesId &&
    (!namespace || namespace === service.namespace)
  );
}

const firstByRef = (entities: Entity[]) =>
  [...entities].sort((a, b) =>
    stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
  )[0];

/**
 * The catalog entity that represents a mesh service, by DESIGN §5's linking
 * rules, as the catalog module resolves claims: an entity listing it in
 * `meshplane.io/services` (comma-separated `namespace/name`), else one whose
 * `backstage.io/kubernetes-id` is the Service's label (within
 * `backstage.io/kubernetes-namespace` when set; only for entities without
 * `meshplane.io/services`). Several claimants: the first by entity ref.
 */
export function claimingEntity(
  entities: Entity[],
  service: LinkedService,
): Entity | undefined {
  return (
    firstByRef(entities.filter(entity => claimsExplicitly(entity, service))) ??
    firstByRef(entities.filter(entity => claimsByKubernetesId(entity, service)))
  );
}
