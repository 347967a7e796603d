import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MESHPLANE_CATALOG_FINDINGS,
  parseCatalogFindingsAnnotation,
} from '@meshplane/plugin-meshplane-common';

/**
 * What went wrong with the fleet's data for the catalog.
 *
 * - `invalid-name`: a cluster, namespace or object name the catalog rejects was mapped to a valid name;
 * - `name-collision`: two fleet objects mapped to the same entity name; the later one got a hash suffix;
 * - `missing-owner`: no owner label on the namespace in any cluster; the fallback owner was used;
 * - `conflicting-owner` / `conflicting-system`: the namespace's labels disagree across clusters;
 * - `conflicting-definition`: the Service's type or ports differ across clusters;
 * - `conflicting-vm`: a WorkloadEntry with one namespace/name has different addresses across clusters;
 * - `duplicate-claim`: several catalog entities claim the same mesh service (on each claimant);
 * - `invalid-claim`: a catalog entity's `meshplane.io/services` annotation cannot be parsed (on that entity);
 * - `incomplete-fleet`: a cluster has not synced yet, so the entities built from it are kept (on its cluster Resource).
 *
 * @public
 */
export type CatalogFindingCode =
  | 'invalid-name'
  | 'name-collision'
  | 'missing-owner'
  | 'conflicting-owner'
  | 'conflicting-system'
  | 'conflicting-definition'
  | 'conflicting-vm'
  | 'duplicate-claim'
  | 'invalid-claim'
  | 'incomplete-fleet';

/**
 * One problem found while turning the fleet into catalog entities.
 *
 * @public
 */
export interface CatalogFinding {
  code: CatalogFindingCode;
  /** What happened and what the provider did about it, naming the objects concerned. */
  message: string;
}

/**
 * A finding with the entity it concerns: an entity the provider emits (which
 * carries it in its annotation), or a catalog entity claiming mesh services
 * (`duplicate-claim`, `invalid-claim`; the claims processor annotates it).
 *
 * @public
 */
export interface LocatedCatalogFinding extends CatalogFinding {
  entityRef: string;
}

/** Writes the findings on the entity's annotation (and nothing when there are none). */
export function annotateFindings(
  entity: Entity,
  findings: CatalogFinding[],
): Entity {
  if (findings.length === 0) {
    return entity;
  }
  return withAnnotation(
    entity,
    ANNOTATION_MESHPLANE_CATALOG_FINDINGS,
    JSON.stringify(findings.map(({ code, message }) => ({ code, message }))),
  );
}

/** The entity with one more (or a replaced) annotation. */
export function withAnnotation(
  entity: Entity,
  name: string,
  value: string,
): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, [name]: value },
    },
  };
}

/**
 * Reads the findings back from an entity's annotation (with the parser the
 * frontend uses, `parseCatalogFindingsAnnotation` of meshplane-common).
 *
 * @public
 */
export function readCatalogFindings(entity: Entity): CatalogFinding[] {
  const value =
    entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CATALOG_FINDINGS];
  return value
    ? (parseCatalogFindingsAnnotation(value) as CatalogFinding[])
    : [];
}
