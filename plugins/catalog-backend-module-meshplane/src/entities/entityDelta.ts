import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_MESHPLANE_CLUSTER } from '@meshplane/plugin-meshplane-common';
import { createHash } from 'node:crypto';
import { ANNOTATION_MESHPLANE_CLUSTERS } from './fleetEntities';
import { withAnnotation } from './findings';

/**
 * Annotation with a hash of the entity as the provider built it (everything
 * but this annotation). The provider compares it with the catalog's copy to
 * find what changed, whichever replica applied the previous mutation: the
 * catalog adds fields of its own (uid, etag, relations, namespace), so the
 * entities themselves cannot be compared.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_ENTITY_HASH = 'meshplane.io/entity-hash';

/** Fields of the catalog's copy a delta needs: the ref and the annotations. */
export const ENTITY_SUMMARY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/**
 * The change from what the catalog holds to a new build.
 *
 * @public
 */
export interface EntityDelta {
  /** New entities and entities whose content changed. */
  added: Entity[];
  /** The catalog's entities that the build no longer has. */
  removed: Entity[];
}

/**
 * The entity with its content hash annotation. Builds are deterministic
 * (sorted, same key order), so equal content gives an equal hash.
 *
 * @public
 */
export function withContentHash(entity: Entity): Entity {
  const hash = createHash('sha256')
    .update(JSON.stringify(entity))
    .digest('hex')
    .slice(0, 32);
  return withAnnotation(entity, ANNOTATION_MESHPLANE_ENTITY_HASH, hash);
}

/**
 * Compares the catalog's entities of the provider (at least
 * {@link ENTITY_SUMMARY_FIELDS}) with a build made by
 * {@link withContentHash}, for a `delta` mutation. An entity whose hash is
 * unchanged is left alone.
 *
 * @public
 */
export function diffEntities(
  previous: Entity[],
  entities: Entity[],
): EntityDelta {
  const hashOf = (entity: Entity) =>
    entity.metadata.annotations?.[ANNOTATION_MESHPLANE_ENTITY_HASH];
  const before = new Map(
    previous.map(entity => [stringifyEntityRef(entity), entity]),
  );
  const next = new Set(entities.map(entity => stringifyEntityRef(entity)));
  const added = entities.filter(entity => {
    const known = before.get(stringifyEntityRef(entity));
    return !known || hashOf(known) !== hashOf(entity);
  });
  const removed = [...before]
    .filter(([ref]) => !next.has(ref))
    .map(([, e]) => e);
  return { added, removed };
}

/**
 * The entity as a provider hands it to the catalog, from the catalog's
 * processed copy: without the fields the catalog adds (uid, etag, relations,
 * status, the default namespace).
 *
 * @public
 */
export function toProvidedEntity(entity: Entity): Entity {
  const { relations: _relations, ...rest } = entity;
  const { status: _status, ...provided } = rest as Entity & {
    status?: unknown;
  };
  const { uid: _uid, etag: _etag, namespace, ...metadata } = entity.metadata;
  return {
    ...provided,
    metadata: {
      ...metadata,
      ...(namespace && namespace !== 'default' ? { namespace } : {}),
    },
  };
}

/**
 * The clusters an emitted entity was built from (a cluster Resource's own
 * cluster; the clusters of a service, gateway or VM).
 *
 * @public
 */
export function clustersOfEntity(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const own = annotations[ANNOTATION_MESHPLANE_CLUSTER];
  if (own) {
    return [own];
  }
  return (annotations[ANNOTATION_MESHPLANE_CLUSTERS] ?? '')
    .split(',')
    .filter(cluster => cluster !== '');
}
