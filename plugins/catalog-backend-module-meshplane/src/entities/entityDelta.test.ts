import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MESHPLANE_ENTITY_HASH,
  clustersOfEntity,
  diffEntities,
  toProvidedEntity,
  withContentHash,
} from './entityDelta';

function resource(
  name: string,
  owner = 'group:default/a',
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type: 'kubernetes-cluster', owner },
  };
}

/** The catalog's processed copy of a provided entity. */
function processed(entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      namespace: entity.metadata.namespace ?? 'default',
      uid: `uid-${entity.metadata.name}`,
      etag: 'abc',
    },
    relations: [{ type: 'ownedBy', targetRef: String(entity.spec?.owner) }],
  };
}

describe('withContentHash', () => {
  it('gives equal content an equal hash and changed content another', () => {
    const hash = (entity: Entity) =>
      withContentHash(entity).metadata.annotations?.[
        ANNOTATION_MESHPLANE_ENTITY_HASH
      ];
    expect(hash(resource('east'))).toMatch(/^[0-9a-f]{32}$/);
    expect(hash(resource('east'))).toBe(hash(resource('east')));
    expect(hash(resource('east', 'group:default/b'))).not.toBe(
      hash(resource('east')),
    );
  });
});

describe('diffEntities', () => {
  // What the catalog holds: processed copies, compared by their hash annotation only.
  const previous = [resource('east'), resource('west')]
    .map(withContentHash)
    .map(processed);

  it('finds nothing to do when the catalog holds the build', () => {
    expect(
      diffEntities(
        previous,
        [resource('west'), resource('east')].map(withContentHash),
      ),
    ).toEqual({ added: [], removed: [] });
  });

  it('adds new and changed entities and removes the missing ones', () => {
    const delta = diffEntities(
      previous,
      [resource('east', 'group:default/b'), resource('north')].map(
        withContentHash,
      ),
    );
    expect(delta.added.map(entity => entity.metadata.name)).toEqual([
      'east',
      'north',
    ]);
    expect(delta.removed.map(entity => entity.metadata.name)).toEqual(['west']);
  });
});

describe('toProvidedEntity', () => {
  it('drops what the catalog added, so the entity is handed back as it was built', () => {
    const built = withContentHash(resource('east'));
    expect(toProvidedEntity(processed(built))).toEqual(built);
    const elsewhere = {
      ...built,
      metadata: { ...built.metadata, namespace: 'mesh' },
    };
    expect(toProvidedEntity(processed(elsewhere)).metadata.namespace).toBe(
      'mesh',
    );
  });
});

describe('clustersOfEntity', () => {
  it('reads the cluster of a cluster Resource and the clusters of a service', () => {
    expect(
      clustersOfEntity(
        resource('east', 'a', { 'meshplane.io/cluster': 'east' }),
      ),
    ).toEqual(['east']);
    expect(
      clustersOfEntity(
        resource('reviews.bookinfo', 'a', {
          'meshplane.io/clusters': 'east,west',
        }),
      ),
    ).toEqual(['east', 'west']);
    expect(clustersOfEntity(resource('other'))).toEqual([]);
  });
});
