import {
  type ClaimableService,
  claimsByKubernetesId,
  resolveServiceClaims,
  ServiceClaimIndex,
  type ServiceClaimant,
  serviceClaimant,
} from './serviceClaims';

const reviews: ClaimableService = {
  namespace: 'bookinfo',
  name: 'reviews',
  kubernetesId: 'reviews',
};

const services: ClaimableService[] = [
  reviews,
  { namespace: 'staging', name: 'reviews', kubernetesId: 'reviews' },
  { namespace: 'bookinfo', name: 'ratings' },
];

describe('serviceClaimant', () => {
  it.each<[string, Record<string, string> | undefined, unknown]>([
    ['no annotations', undefined, undefined],
    [
      'neither claim annotation',
      { 'backstage.io/kubernetes-namespace': 'bookinfo' },
      undefined,
    ],
    [
      'meshplane.io/services',
      { 'meshplane.io/services': 'bookinfo/reviews' },
      { entityRef: 'component:default/x', services: 'bookinfo/reviews' },
    ],
    [
      'a kubernetes-id within a namespace',
      {
        'backstage.io/kubernetes-id': 'reviews',
        'backstage.io/kubernetes-namespace': 'bookinfo',
      },
      {
        entityRef: 'component:default/x',
        kubernetesId: 'reviews',
        kubernetesNamespace: 'bookinfo',
      },
    ],
  ])('reads the claim of an entity with %s', (_case, annotations, expected) => {
    expect(serviceClaimant('component:default/x', annotations)).toEqual(
      expected,
    );
  });
});

describe('claimsByKubernetesId', () => {
  const claimant = (claim: Partial<ServiceClaimant>): ServiceClaimant => ({
    entityRef: 'component:default/x',
    ...claim,
  });
  it.each<[string, Partial<ServiceClaimant>, ClaimableService, boolean]>([
    ['the Service label', { kubernetesId: 'reviews' }, reviews, true],
    [
      'the label within the kubernetes-namespace',
      { kubernetesId: 'reviews', kubernetesNamespace: 'bookinfo' },
      reviews,
      true,
    ],
    [
      'the label in another namespace',
      { kubernetesId: 'reviews', kubernetesNamespace: 'staging' },
      reviews,
      false,
    ],
    ['another label', { kubernetesId: 'ratings' }, reviews, false],
    [
      'a Service without the label',
      { kubernetesId: 'reviews' },
      { namespace: 'bookinfo', name: 'reviews' },
      false,
    ],
    [
      'an entity that also has meshplane.io/services',
      { kubernetesId: 'reviews', services: 'bookinfo/ratings' },
      reviews,
      false,
    ],
  ])('%s', (_case, claim, service, expected) => {
    expect(claimsByKubernetesId(claimant(claim), service)).toBe(expected);
  });
});

describe('ServiceClaimIndex', () => {
  const component = (
    name: string,
    annotations: Record<string, string>,
  ): ServiceClaimant =>
    serviceClaimant(`component:default/${name}`, annotations)!;

  it.each<[string, ServiceClaimant[], string | undefined]>([
    [
      'a single meshplane.io/services value',
      [component('reviews', { 'meshplane.io/services': 'bookinfo/reviews' })],
      'component:default/reviews',
    ],
    [
      'one entry of a comma-separated list',
      [
        component('backend', {
          'meshplane.io/services': 'bookinfo/ratings, bookinfo/reviews',
        }),
      ],
      'component:default/backend',
    ],
    [
      'the Service label through backstage.io/kubernetes-id',
      [component('reviews-app', { 'backstage.io/kubernetes-id': 'reviews' })],
      'component:default/reviews-app',
    ],
    [
      'meshplane.io/services ahead of a kubernetes-id claim',
      [
        component('a-label', { 'backstage.io/kubernetes-id': 'reviews' }),
        component('z-explicit', {
          'meshplane.io/services': 'bookinfo/reviews',
        }),
      ],
      'component:default/z-explicit',
    ],
    [
      'the first of several explicit claimants by ref',
      [
        component('zed', { 'meshplane.io/services': 'bookinfo/reviews' }),
        component('abe', { 'meshplane.io/services': 'bookinfo/reviews' }),
      ],
      'component:default/abe',
    ],
    [
      'the first of several kubernetes-id claimants by ref',
      [
        component('zed', { 'backstage.io/kubernetes-id': 'reviews' }),
        component('Abe', { 'backstage.io/kubernetes-id': 'reviews' }),
      ],
      'component:default/Abe',
    ],
    [
      'no claimant: another service in the list',
      [component('ratings', { 'meshplane.io/services': 'bookinfo/ratings' })],
      undefined,
    ],
    [
      'no claimant: an unparsable meshplane.io/services',
      [component('broken', { 'meshplane.io/services': 'reviews' })],
      undefined,
    ],
  ])('finds the entity claiming a service by %s', (_case, claimants, ref) => {
    expect(new ServiceClaimIndex(claimants).claimantOf(reviews)).toBe(ref);
  });
});

describe('resolveServiceClaims', () => {
  it('claims the services named by meshplane.io/services, known to the fleet or not', () => {
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

  it('lets meshplane.io/services win over a kubernetes-id claim, without a duplicate', () => {
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

  it('reports a service claimed twice on both claimants and gives it to the first by ref', () => {
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
    expect(findings).toEqual([
      { code: 'duplicate-claim', message, entityRef: 'component:default/abe' },
      { code: 'duplicate-claim', message, entityRef: 'component:default/zed' },
    ]);
  });

  it('reports two kubernetes-id claims of one Service', () => {
    const { claimedBy, findings } = resolveServiceClaims(
      [
        {
          entityRef: 'component:default/b',
          kubernetesId: 'reviews',
          kubernetesNamespace: 'bookinfo',
        },
        { entityRef: 'component:default/a', kubernetesId: 'reviews' },
      ],
      services,
    );
    expect(claimedBy.get('bookinfo/reviews')).toBe('component:default/a');
    expect(claimedBy.get('staging/reviews')).toBe('component:default/a');
    expect(findings.map(f => `${f.code} ${f.entityRef}`)).toEqual([
      'duplicate-claim component:default/a',
      'duplicate-claim component:default/b',
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
