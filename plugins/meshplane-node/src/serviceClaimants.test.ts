import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readServiceClaimants } from './serviceClaimants';

function component(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

describe('readServiceClaimants', () => {
  const catalog = catalogServiceMock({
    entities: [
      component('zed', { 'meshplane.io/services': 'bookinfo/ratings' }),
      component('reviews-app', {
        'backstage.io/kubernetes-id': 'reviews',
        'backstage.io/kubernetes-namespace': 'bookinfo',
      }),
      component('emitted', {
        'meshplane.io/services': 'bookinfo/details',
        'backstage.io/managed-by-location': 'meshplane-provider:default',
      }),
      component('unlinked', { 'backstage.io/techdocs-ref': 'dir:.' }),
    ],
  });

  it('reads the entities claiming mesh services as claimants, sorted by ref', async () => {
    expect(
      await readServiceClaimants({ catalog, auth: mockServices.auth() }),
    ).toEqual([
      {
        entityRef: 'component:default/emitted',
        services: 'bookinfo/details',
      },
      {
        entityRef: 'component:default/reviews-app',
        kubernetesId: 'reviews',
        kubernetesNamespace: 'bookinfo',
      },
      { entityRef: 'component:default/zed', services: 'bookinfo/ratings' },
    ]);
  });

  it('leaves out the entities include rejects', async () => {
    const claimants = await readServiceClaimants({
      catalog,
      auth: mockServices.auth(),
      include: entity =>
        !entity.metadata.annotations?.[
          'backstage.io/managed-by-location'
        ]?.startsWith('meshplane-provider:'),
    });
    expect(claimants.map(c => c.entityRef)).toEqual([
      'component:default/reviews-app',
      'component:default/zed',
    ]);
  });
});
