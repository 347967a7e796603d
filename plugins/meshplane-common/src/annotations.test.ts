import {
  claimCovers,
  parseCatalogFindingsAnnotation,
  parseClaimsAnnotation,
  parseServicesAnnotation,
} from './annotations';

describe('parseServicesAnnotation', () => {
  it.each([
    ['bookinfo/reviews', [{ namespace: 'bookinfo', name: 'reviews' }]],
    [
      ' bookinfo/reviews ,payments/ledger,, bookinfo/reviews',
      [
        { namespace: 'bookinfo', name: 'reviews' },
        { namespace: 'payments', name: 'ledger' },
      ],
    ],
    ['', []],
  ])('parses %j', (value, expected) => {
    expect(parseServicesAnnotation(value)).toEqual(expected);
  });

  it.each([
    ['reviews', /expected two names/],
    ['a/b/c', /expected two names/],
    ['/reviews', /expected two names/],
    ['Bookinfo/reviews', /"Bookinfo" is not a Kubernetes name/],
    ['bookinfo/reviews_v1', /"reviews_v1" is not a Kubernetes name/],
  ])('rejects %j naming the entry', (value, message) => {
    expect(() => parseServicesAnnotation(value)).toThrow(message);
    expect(() => parseServicesAnnotation(value)).toThrow(value);
  });
});

describe('parseClaimsAnnotation', () => {
  it('parses wildcards and drops duplicates', () => {
    expect(
      parseClaimsAnnotation('*/bookinfo, east-1/payments, lab-1/*, */bookinfo'),
    ).toEqual([
      { cluster: '*', namespace: 'bookinfo' },
      { cluster: 'east-1', namespace: 'payments' },
      { cluster: 'lab-1', namespace: '*' },
    ]);
  });

  it.each([
    ['*/*', /every namespace of every cluster/],
    ['east-1', /expected two names/],
    ['east-1/Pay', /"Pay" is not a Kubernetes namespace name/],
    ['-east/payments', /"-east" is not a cluster name/],
  ])('rejects %j', (value, message) => {
    expect(() => parseClaimsAnnotation(value)).toThrow(message);
  });

  it('matches claims against cluster and namespace', () => {
    const [anyCluster, exact, anyNamespace] = parseClaimsAnnotation(
      '*/bookinfo, east-1/payments, lab-1/*',
    );
    expect(claimCovers(anyCluster, 'west-1', 'bookinfo')).toBe(true);
    expect(claimCovers(anyCluster, 'west-1', 'payments')).toBe(false);
    expect(claimCovers(exact, 'east-1', 'payments')).toBe(true);
    expect(claimCovers(exact, 'east-2', 'payments')).toBe(false);
    expect(claimCovers(anyNamespace, 'lab-1', 'sandbox')).toBe(true);
    expect(claimCovers(anyNamespace, 'east-1', 'sandbox')).toBe(false);
  });
});

describe('parseCatalogFindingsAnnotation', () => {
  it('reads code and message of each entry, leaving other fields out', () => {
    expect(
      parseCatalogFindingsAnnotation(
        '[{"code":"missing-owner","message":"Namespace sandbox has no owner","extra":1},{"code":"invalid-name","message":"mapped"}]',
      ),
    ).toEqual([
      { code: 'missing-owner', message: 'Namespace sandbox has no owner' },
      { code: 'invalid-name', message: 'mapped' },
    ]);
    expect(parseCatalogFindingsAnnotation('[]')).toEqual([]);
  });

  it.each([
    ['[{"code":"x"', /meshplane\.io\/catalog-findings annotation: not JSON/],
    ['{"code":"x","message":"y"}', /expected a JSON array/],
    [
      '[{"code":"x","message":"y"},{"code":3,"message":"y"}]',
      /entry \[1\] needs a string code and message/,
    ],
    ['[null]', /entry \[0\]/],
  ])('rejects %j naming the annotation', (value, message) => {
    expect(() => parseCatalogFindingsAnnotation(value)).toThrow(message);
  });
});
