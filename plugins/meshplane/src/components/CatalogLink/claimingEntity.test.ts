import type { Entity } from '@backstage/catalog-model';
import { claimingEntity } from './claimingEntity';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
  };
}

const reviews = {
  namespace: 'bookinfo',
  name: 'reviews',
  kubernetesId: 'reviews',
};
const names = (entity: Entity | undefined) => entity?.metadata.name;

describe('claimingEntity', () => {
  it.each([
    [
      'a single meshplane.io/services value',
      [component('reviews', { 'meshplane.io/services': 'bookinfo/reviews' })],
      'reviews',
    ],
    [
      'one entry of a comma-separated list',
      [
        component('bookinfo-backend', {
          'meshplane.io/services': 'bookinfo/ratings, bookinfo/reviews',
        }),
      ],
      'bookinfo-backend',
    ],
    [
      'the Service label through backstage.io/kubernetes-id',
      [component('reviews-app', { 'backstage.io/kubernetes-id': 'reviews' })],
      'reviews-app',
    ],
    [
      'the kubernetes-id within its kubernetes-namespace',
      [
        component('reviews-app', {
          'backstage.io/kubernetes-id': 'reviews',
          'backstage.io/kubernetes-namespace': 'bookinfo',
        }),
      ],
      'reviews-app',
    ],
    [
      'meshplane.io/services ahead of a kubernetes-id claim',
      [
        component('a-label', { 'backstage.io/kubernetes-id': 'reviews' }),
        component('z-explicit', {
          'meshplane.io/services': 'bookinfo/reviews',
        }),
      ],
      'z-explicit',
    ],
    [
      'the first of several claimants by ref',
      [
        component('zed', { 'meshplane.io/services': 'bookinfo/reviews' }),
        component('abe', { 'meshplane.io/services': 'bookinfo/reviews' }),
      ],
      'abe',
    ],
  ])(
    'finds the entity claiming a service by %s',
    (_case, entities, expected) => {
      expect(names(claimingEntity(entities, reviews))).toBe(expected);
    },
  );

  it.each([
    [
      'another service in the list',
      [component('ratings', { 'meshplane.io/services': 'bookinfo/ratings' })],
    ],
    [
      'a kubernetes-id in another namespace',
      [
        component('reviews-staging', {
          'backstage.io/kubernetes-id': 'reviews',
          'backstage.io/kubernetes-namespace': 'staging',
        }),
      ],
    ],
    [
      'a kubernetes-id on an entity whose meshplane.io/services names other services',
      [
        component('ratings', {
          'meshplane.io/services': 'bookinfo/ratings',
          'backstage.io/kubernetes-id': 'reviews',
        }),
      ],
    ],
    [
      'an unparsable meshplane.io/services',
      [component('broken', { 'meshplane.io/services': 'reviews' })],
    ],
  ])('finds nothing for %s', (_case, entities) => {
    expect(claimingEntity(entities, reviews)).toBeUndefined();
  });

  it('ignores kubernetes-id claims when the Service has no label', () => {
    expect(
      claimingEntity(
        [component('reviews-app', { 'backstage.io/kubernetes-id': 'reviews' })],
        { namespace: 'bookinfo', name: 'reviews' },
      ),
    ).toBeUndefined();
  });
});
