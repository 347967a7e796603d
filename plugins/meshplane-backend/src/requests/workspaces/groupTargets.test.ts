import { parseClaimsAnnotation } from '@meshplane/plugin-meshplane-common';
import { FieldErrorCollector } from '../fieldErrors';
import {
  resolveGroupTargets,
  type FleetClusterNamespaces,
} from './groupTargets';

const fleet: FleetClusterNamespaces[] = [
  { name: 'east-1', namespaces: ['bookinfo', 'payments', 'istio-system'] },
  { name: 'west-1', namespaces: ['bookinfo', 'payments'] },
  { name: 'lab-1', namespaces: ['payments-dev'] },
  { name: 'dark-1' },
];

const bookinfo = {
  ref: 'system:default/bookinfo',
  claims: parseClaimsAnnotation('*/bookinfo, dark-1/bookinfo'),
};
const payments = {
  ref: 'system:default/payments',
  claims: parseClaimsAnnotation('*/payments'),
};

function resolve(selectors: string[], others = [payments]) {
  const errors = new FieldErrorCollector();
  const targets = resolveGroupTargets({
    selectors,
    workspace: bookinfo,
    otherWorkspaces: others,
    fleet,
    errors,
  });
  return { targets, errors: errors.errors };
}

describe('resolveGroupTargets', () => {
  it('expands */ns over the clusters that have the namespace', () => {
    expect(resolve(['*/bookinfo'])).toEqual({
      targets: [
        { cluster: 'east-1', namespace: 'bookinfo' },
        { cluster: 'west-1', namespace: 'bookinfo' },
      ],
      errors: [],
    });
  });

  it('takes an explicit pair on a cluster whose namespaces are unknown', () => {
    expect(resolve(['dark-1/bookinfo']).targets).toEqual([
      { cluster: 'dark-1', namespace: 'bookinfo' },
    ]);
  });

  it('deduplicates overlapping selectors', () => {
    expect(resolve(['*/bookinfo', 'east-1/bookinfo']).targets).toHaveLength(2);
  });

  it.each([
    [
      'east-1/payments',
      /east-1\/payments is not claimed by workspace system:default\/bookinfo/,
    ],
    ['east-1/*', /east-1\/payments, east-1\/istio-system are not claimed/],
    ['mars-1/bookinfo', /cluster "mars-1" is not in the fleet/],
    ['*/identity', /selects no namespace of the fleet/],
    [
      'bookinfo',
      /is not a cluster\/namespace selector.*expected two names separated by one "\/"/,
    ],
    ['east-1/Book_Info', /"Book_Info" is not a Kubernetes namespace name/],
    ['east_1!/bookinfo', /"east_1!" is not a cluster name/],
    ['*/*', /every namespace of every cluster is not allowed/],
    [
      'east-1/bookinfo, west-1/bookinfo',
      /is not a cluster\/namespace selector \(e\.g\./,
    ],
  ])('refuses %s with a field-level message', (selector, message) => {
    const { targets, errors } = resolve([selector]);
    expect(targets).toEqual([]);
    expect(errors).toEqual([
      { field: 'group.namespaces[0]', message: expect.stringMatching(message) },
    ]);
  });

  it('refuses namespaces another workspace claims too (conflicting claims)', () => {
    const rival = {
      ref: 'system:default/storefront',
      claims: parseClaimsAnnotation('west-1/bookinfo'),
    };
    const { targets, errors } = resolve(
      ['east-1/bookinfo', '*/bookinfo'],
      [payments, rival],
    );
    expect(targets).toEqual([{ cluster: 'east-1', namespace: 'bookinfo' }]);
    expect(errors).toEqual([
      {
        field: 'group.namespaces[1]',
        message: expect.stringContaining(
          'conflicting claims: also claimed west-1/bookinfo by system:default/storefront (claim west-1/bookinfo)',
        ),
      },
    ]);
  });
});
