import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { toEntityName, toLabelValue } from './entityNames';

describe('toEntityName', () => {
  it.each(['east-1', 'reviews.bookinfo', 'Prod_EU.1', 'a'])(
    'keeps the valid name %s',
    name => {
      expect(toEntityName(name)).toEqual({ value: name, mapped: false });
    },
  );

  it.each([
    ['a space', /^a-space-[0-9a-f]{8}$/],
    ['EU West/1', /^eu-west-1-[0-9a-f]{8}$/],
    ['-leading-dash', /^leading-dash-[0-9a-f]{8}$/],
    ['ends-with-dot.', /^ends-with-dot-[0-9a-f]{8}$/],
    ['ünïcödé', /^n-c-d-[0-9a-f]{8}$/],
    ['%%%', /^[0-9a-f]{8}$/],
    ['x'.repeat(64), /^x{54}-[0-9a-f]{8}$/],
  ])('maps %s to a valid name', (name, expected) => {
    const result = toEntityName(name);
    expect(result.mapped).toBe(true);
    expect(result.value).toMatch(expected);
    expect(KubernetesValidatorFunctions.isValidObjectName(result.value)).toBe(
      true,
    );
  });

  it('maps the same name to the same value every time', () => {
    expect(toEntityName('EU West/1')).toEqual(toEntityName('EU West/1'));
  });

  it('keeps names apart that sanitise to the same text', () => {
    const first = toEntityName('east 1');
    const second = toEntityName('east/1');
    expect(first.value).not.toBe(second.value);
    expect(first.value.startsWith('east-1-')).toBe(true);
    expect(second.value.startsWith('east-1-')).toBe(true);
  });

  it('keeps long names apart that share their first 63 characters', () => {
    const prefix = 'p'.repeat(63);
    expect(toEntityName(`${prefix}a`).value).not.toBe(
      toEntityName(`${prefix}b`).value,
    );
  });
});

describe('toLabelValue', () => {
  it('keeps valid label values and maps the others', () => {
    expect(toLabelValue('eu-west-1')).toEqual({
      value: 'eu-west-1',
      mapped: false,
    });
    const mapped = toLabelValue('EU West 1');
    expect(mapped.mapped).toBe(true);
    expect(KubernetesValidatorFunctions.isValidLabelValue(mapped.value)).toBe(
      true,
    );
  });
});
