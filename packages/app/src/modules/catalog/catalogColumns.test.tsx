import type { Entity } from '@backstage/catalog-model';
import { meshplaneCatalogColumns } from './catalogColumns';

type EntityListContextProps = Parameters<typeof meshplaneCatalogColumns>[0];

function context(
  kind: string,
  entities: Entity[],
  types?: string[],
): EntityListContextProps {
  return {
    filters: {
      kind: { value: kind },
      ...(types ? { type: { getTypes: () => types } } : {}),
    },
    entities,
  } as unknown as EntityListContextProps;
}

const resource = (type: string, extra: Partial<Entity['metadata']> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: `${type}-1`, ...extra },
    spec: { type, owner: 'platform-team' },
  } as Entity);

const titlesOrFields = (list: ReturnType<typeof meshplaneCatalogColumns>) =>
  list
    .filter(c => !c.hidden)
    .map(c => (typeof c.title === 'string' ? c.title : c.field));

describe('meshplaneCatalogColumns', () => {
  it('gives kubernetes-cluster Resources status, network, region and Istio revision', () => {
    const columns = meshplaneCatalogColumns(
      context(
        'resource',
        [resource('kubernetes-cluster')],
        ['kubernetes-cluster'],
      ),
    );
    expect(titlesOrFields(columns)).toEqual([
      'resolved.entityRef',
      'Status',
      'Network',
      'Region',
      'Istio revision',
      'resolved.ownedByRelationsTitle',
    ]);
  });

  it('keeps names on one line and lets only the description wrap, between words', () => {
    const columns = meshplaneCatalogColumns(
      context('component', [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'reviews.bookinfo', tags: ['mesh'] },
          spec: { type: 'service', lifecycle: 'production', owner: 'team' },
        },
      ]),
    );
    const name = columns.find(c => c.field === 'resolved.entityRef');
    const description = columns.find(
      c => c.field === 'entity.metadata.description',
    );
    expect(name?.cellStyle).toMatchObject({
      whiteSpace: 'nowrap',
      wordBreak: 'normal',
    });
    expect(description?.cellStyle).toMatchObject({ wordBreak: 'normal' });
    expect(description?.cellStyle).not.toHaveProperty('whiteSpace');
    expect(columns.some(c => c.field === 'entity.spec.lifecycle')).toBe(true);
    expect(columns.some(c => c.field === 'entity.metadata.tags')).toBe(true);
  });

  it('leaves out the lifecycle and tags columns when no listed entity has them', () => {
    const columns = meshplaneCatalogColumns(
      context('resource', [resource('virtual-machine')]),
    );
    expect(columns.some(c => c.field === 'entity.spec.lifecycle')).toBe(false);
    expect(columns.some(c => c.field === 'entity.metadata.tags')).toBe(false);
    expect(titlesOrFields(columns)).not.toContain('Status');
  });
});
