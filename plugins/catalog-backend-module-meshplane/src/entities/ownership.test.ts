import type { OwnershipOptions } from './options';
import { resolveOwnership } from './ownership';

const options: OwnershipOptions = {
  fallbackOwner: 'group:default/platform-team',
  owners: { legacy: 'group:default/payments-team' },
  systems: { shop: 'system:default/bookinfo' },
  namespaces: { sandbox: { owner: 'user:default/alice' } },
};

describe('resolveOwnership', () => {
  it('takes owner and system from the namespace labels as catalog refs', () => {
    expect(
      resolveOwnership(
        'bookinfo',
        [
          { cluster: 'east', owner: 'bookinfo-team', system: 'bookinfo' },
          { cluster: 'west', owner: 'bookinfo-team', system: 'bookinfo' },
        ],
        options,
      ),
    ).toEqual({
      owner: 'group:default/bookinfo-team',
      system: 'system:default/bookinfo',
      findings: [],
    });
  });

  it('maps label values through the configured tables', () => {
    const resolved = resolveOwnership(
      'billing',
      [{ cluster: 'east', owner: 'legacy', system: 'shop' }],
      options,
    );
    expect(resolved.owner).toBe('group:default/payments-team');
    expect(resolved.system).toBe('system:default/bookinfo');
  });

  it('prefers the configured namespace owner over labels', () => {
    const resolved = resolveOwnership(
      'sandbox',
      [{ cluster: 'east', owner: 'bookinfo-team' }],
      options,
    );
    expect(resolved.owner).toBe('user:default/alice');
    expect(resolved.findings).toEqual([]);
  });

  it('falls back and reports a namespace without owner', () => {
    const resolved = resolveOwnership(
      'scratch',
      [{ cluster: 'east' }, { cluster: 'west' }],
      options,
    );
    expect(resolved.owner).toBe('group:default/platform-team');
    expect(resolved.system).toBeUndefined();
    expect(resolved.findings).toEqual([
      {
        code: 'missing-owner',
        message:
          'Namespace scratch has no meshplane.io/owner label in any cluster (east, west); the fallback owner group:default/platform-team is used',
      },
    ]);
  });

  it('resolves conflicting labels by majority and reports them', () => {
    const resolved = resolveOwnership(
      'payments',
      [
        { cluster: 'a', owner: 'payments-team', system: 'payments' },
        { cluster: 'b', owner: 'identity-team', system: 'payments' },
        { cluster: 'c', owner: 'identity-team', system: 'identity' },
      ],
      options,
    );
    expect(resolved.owner).toBe('group:default/identity-team');
    expect(resolved.system).toBe('system:default/payments');
    expect(resolved.findings.map(f => f.code)).toEqual([
      'conflicting-owner',
      'conflicting-system',
    ]);
    expect(resolved.findings[0].message).toContain(
      '"identity-team" in b, c; "payments-team" in a',
    );
  });

  it('breaks ties alphabetically, whatever order the clusters come in', () => {
    const labels = [
      { cluster: 'a', owner: 'zeta-team' },
      { cluster: 'b', owner: 'alpha-team' },
    ];
    expect(resolveOwnership('ns', labels, options).owner).toBe(
      'group:default/alpha-team',
    );
    expect(resolveOwnership('ns', [...labels].reverse(), options).owner).toBe(
      'group:default/alpha-team',
    );
  });
});
