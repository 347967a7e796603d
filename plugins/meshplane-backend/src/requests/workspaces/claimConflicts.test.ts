import { parseClaimsAnnotation } from '@meshplane/plugin-meshplane-common';
import { claimsOverlap, findClaimConflicts } from './claimConflicts';

function claim(text: string) {
  return parseClaimsAnnotation(text)[0];
}

describe('claimsOverlap', () => {
  it.each([
    ['*/bookinfo', '*/bookinfo', true],
    ['*/bookinfo', 'east-1/bookinfo', true],
    ['east-1/*', 'east-1/payments', true],
    ['east-1/*', '*/payments', true],
    ['east-1/*', 'west-1/*', false],
    ['*/bookinfo', '*/payments', false],
    ['east-1/bookinfo', 'west-1/bookinfo', false],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(claimsOverlap(claim(a), claim(b))).toBe(expected);
    expect(claimsOverlap(claim(b), claim(a))).toBe(expected);
  });
});

describe('findClaimConflicts', () => {
  it('reports each overlapping pair from both workspaces and nothing for disjoint ones', () => {
    const conflicts = findClaimConflicts([
      {
        ref: 'system:default/bookinfo',
        claims: parseClaimsAnnotation('*/bookinfo'),
      },
      {
        ref: 'system:default/payments',
        claims: parseClaimsAnnotation('*/payments'),
      },
      { ref: 'system:default/lab', claims: parseClaimsAnnotation('lab-1/*') },
    ]);
    expect(conflicts).toEqual([
      {
        workspace: 'system:default/bookinfo',
        claim: '*/bookinfo',
        otherWorkspace: 'system:default/lab',
        otherClaim: 'lab-1/*',
      },
      {
        workspace: 'system:default/payments',
        claim: '*/payments',
        otherWorkspace: 'system:default/lab',
        otherClaim: 'lab-1/*',
      },
      {
        workspace: 'system:default/lab',
        claim: 'lab-1/*',
        otherWorkspace: 'system:default/bookinfo',
        otherClaim: '*/bookinfo',
      },
      {
        workspace: 'system:default/lab',
        claim: 'lab-1/*',
        otherWorkspace: 'system:default/payments',
        otherClaim: '*/payments',
      },
    ]);
  });

  it('does not report a workspace against itself', () => {
    expect(
      findClaimConflicts([
        {
          ref: 'system:default/a',
          claims: parseClaimsAnnotation('*/a, east-1/a'),
        },
      ]),
    ).toEqual([]);
  });
});
