import { instance, serviceSummary } from '../__fixtures__/fleetSnapshot';
import { resolveServiceClaims } from './serviceClaims';

const services = [
  serviceSummary('bookinfo', 'reviews', [instance('east')], {
    kubernetesId: 'reviews',
  }),
  serviceSummary('staging', 'reviews', [instance('east')], {
    kubernetesId: 'reviews',
  }),
  serviceSummary('bookinfo', 'ratings', [instance('east')]),
];

describe('resolveServiceClaims', () => {
  it('claims the services named by meshplane.io/services', () => {
    const { claimedBy, findings } = resolveServiceClaims(
      [
        {
          entityRef: 'component:default/shop',
          services: 'bookinfo/ratings, bookinfo/unknown',
        },
      ],
      services,
    );
    expect([...claimedBy]).toEqual([
      ['bookinfo/ratings', 'component:default/shop'],
      ['bookinfo/unknown', 'component:default/shop'],
    ]);
    expect(findings).toEqual([]);
  });

  it('claims Services labelled with the kubernetes-id, in the kubernetes-namespace when set', () => {
    expect([
      ...resolveServiceClaims(
        [{ entityRef: 'component:default/reviews', kubernetesId: 'reviews' }],
        services,
      ).claimedBy.keys(),
    ]).toEqual(['bookinfo/reviews', 'staging/reviews']);
    expect([
      ...resolveServiceClaims(
        [
          {
            entityRef: 'component:default/reviews',
            kubernetesId: 'reviews',
            kubernetesNamespace: 'staging',
          },
        ],
        services,
      ).claimedBy.keys(),
    ]).toEqual(['staging/reviews']);
  });

  it('lets meshplane.io/services win over a kubernetes-id claim', () => {
    const { claimedBy, findings } = resolveServiceClaims(
      [
        { entityRef: 'component:default/a', kubernetesId: 'reviews' },
        { entityRef: 'component:default/z', services: 'bookinfo/reviews' },
      ],
      services,
    );
    expect(claimedBy.get('bookinfo/reviews')).toBe('component:default/z');
    expect(claimedBy.get('staging/reviews')).toBe('component:default/a');
    expect(findings).toEqual([]);
  });

  it('reports a service claimed twice and gives it to the first claim alphabetically', () => {
    const { claimedBy, findings } = resolveServiceClaims(
      [
        { entityRef: 'component:default/zed', services: 'bookinfo/ratings' },
        { entityRef: 'component:default/abe', services: 'bookinfo/ratings' },
      ],
      services,
    );
    expect(claimedBy.get('bookinfo/ratings')).toBe('component:default/abe');
    const message =
      'Mesh service bookinfo/ratings is claimed by component:default/abe, component:default/zed; component:default/abe represents it';
    // On both claimants: each team sees the conflict on its own entity.
    expect(findings).toEqual([
      { code: 'duplicate-claim', message, entityRef: 'component:default/abe' },
      { code: 'duplicate-claim', message, entityRef: 'component:default/zed' },
    ]);
  });

  it('reports an unparsable annotation and ignores it', () => {
    const { claimedBy, findings } = resolveServiceClaims(
      [{ entityRef: 'component:default/broken', services: 'reviews' }],
      services,
    );
    expect(claimedBy.size).toBe(0);
    expect(findings).toEqual([
      {
        code: 'invalid-claim',
        message: expect.stringMatching(
          /^Invalid meshplane.io\/services entry "reviews".*; the entity claims no mesh service until it is fixed$/,
        ),
        entityRef: 'component:default/broken',
      },
    ]);
  });
});
