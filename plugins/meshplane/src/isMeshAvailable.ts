import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_MESHPLANE_CLAIMS,
  ANNOTATION_MESHPLANE_CLUSTER,
  ANNOTATION_MESHPLANE_SERVICES,
  ANNOTATION_MESHPLANE_WORKLOAD_ENTRY,
} from '@meshplane/plugin-meshplane-common';

/**
 * `true` when the Mesh tab and card have something to show for the entity:
 * a Component linked with `meshplane.io/services` or `backstage.io/kubernetes-id`,
 * a System claiming namespaces with `meshplane.io/claims`, a cluster
 * Resource with `meshplane.io/cluster`, or a VM Resource with
 * `meshplane.io/workload-entry` (DESIGN §5).
 *
 * @public
 */
export function isMeshAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  const has = (name: string) => Boolean(annotations[name]?.trim());
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'component':
      return (
        has(ANNOTATION_MESHPLANE_SERVICES) || has(ANNOTATION_KUBERNETES_ID)
      );
    case 'system':
      return has(ANNOTATION_MESHPLANE_CLAIMS);
    case 'resource':
      return (
        has(ANNOTATION_MESHPLANE_CLUSTER) ||
        has(ANNOTATION_MESHPLANE_SERVICES) ||
        has(ANNOTATION_MESHPLANE_WORKLOAD_ENTRY)
      );
    default:
      return false;
  }
}
