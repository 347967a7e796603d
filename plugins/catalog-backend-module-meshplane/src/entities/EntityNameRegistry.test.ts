import { EntityNameRegistry } from './EntityNameRegistry';

describe('EntityNameRegistry', () => {
  it('hands out preferred names while they are free, per kind', () => {
    const registry = new EntityNameRegistry();
    expect(registry.assign('Resource', 'cluster east', 'east')).toEqual({
      name: 'east',
      findings: [],
    });
    expect(registry.assign('Component', 'service x/east', 'east')).toEqual({
      name: 'east',
      findings: [],
    });
  });

  it('gives a later object with a case-insensitively equal name a suffix and reports both objects', () => {
    const registry = new EntityNameRegistry();
    registry.assign('Resource', 'cluster east', 'east');
    const second = registry.assign('Resource', 'cluster EAST', 'EAST');
    expect(second.name).toMatch(/^EAST-[0-9a-f]{8}$/);
    expect(second.findings).toEqual([
      {
        code: 'name-collision',
        message: expect.stringContaining(
          'cluster EAST maps to the Resource name "EAST", already used by cluster east',
        ),
      },
    ]);
  });

  it('reports a mapped name and a collision between a mapped and a valid name', () => {
    const registry = new EntityNameRegistry();
    const mapped = registry.assign('Resource', 'cluster eu west', 'eu west');
    expect(mapped.findings.map(f => f.code)).toEqual(['invalid-name']);
    const clash = registry.assign('Resource', 'cluster lookalike', mapped.name);
    expect(clash.name).not.toBe(mapped.name);
    expect(clash.findings.map(f => f.code)).toEqual(['name-collision']);
  });

  it('gives the same identity the same name again', () => {
    const registry = new EntityNameRegistry();
    registry.assign('Resource', 'cluster east', 'east');
    expect(registry.assign('Resource', 'cluster east', 'east').name).toBe(
      'east',
    );
  });
});
