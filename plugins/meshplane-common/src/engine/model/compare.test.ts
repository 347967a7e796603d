import { sameData } from './compare';

describe('sameData', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: undefined }, {}, false],
    [[1, 2], [2, 1], false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: null }, { a: {} }, false],
    [{ a: [] }, { a: [] }, true],
    ['1', 1, false],
    [
      { m: [{ code: 'IST0101', path: 'spec' }] },
      { m: [{ code: 'IST0101', path: 'spec.x' }] },
      false,
    ],
  ])('%j vs %j: %s', (a, b, expected) => {
    expect(sameData(a, b)).toBe(expected);
    expect(sameData(b, a)).toBe(expected);
  });

  it('agrees with comparing JSON wherever the key order is the same and no value is undefined', () => {
    const values: unknown[] = [
      { x: [1, 'a', null, { y: true }] },
      { x: [1, 'a', null, { y: false }] },
      { x: [1, 'a', null] },
      { x: [1, 'a', null, { y: true }], z: 0 },
    ];
    for (const a of values)
      for (const b of values)
        expect(sameData(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });
});
