import type { Entity } from '@backstage/catalog-model';
import { isMeshAvailable } from './isMeshAvailable';

const entity = (kind: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

describe('isMeshAvailable', () => {
  it('accepts Components linked by meshplane.io/services or backstage.io/kubernetes-id', () => {
    expect(
      isMeshAvailable(
        entity('Component', { 'meshplane.io/services': 'bookinfo/reviews' }),
      ),
    ).toBe(true);
    expect(
      isMeshAvailable(
        entity('Component', { 'backstage.io/kubernetes-id': 'reviews' }),
      ),
    ).toBe(true);
    expect(
      isMeshAvailable(entity('Component', { 'meshplane.io/services': '  ' })),
    ).toBe(false);
    expect(isMeshAvailable(entity('Component', {}))).toBe(false);
  });

  it('accepts VM Resources by their WorkloadEntry', () => {
    expect(
      isMeshAvailable(
        entity('Resource', {
          'meshplane.io/workload-entry': 'payments/legacy-billing',
        }),
      ),
    ).toBe(true);
    expect(
      isMeshAvailable(
        entity('Component', {
          'meshplane.io/workload-entry': 'payments/legacy-billing',
        }),
      ),
    ).toBe(false);
  });

  it('accepts Systems with claims and cluster Resources', () => {
    expect(
      isMeshAvailable(
        entity('System', { 'meshplane.io/claims': '*/bookinfo' }),
      ),
    ).toBe(true);
    expect(
      isMeshAvailable(entity('Resource', { 'meshplane.io/cluster': 'east-1' })),
    ).toBe(true);
    expect(
      isMeshAvailable(entity('System', { 'meshplane.io/cluster': 'east-1' })),
    ).toBe(false);
  });

  it('rejects other kinds', () => {
    expect(
      isMeshAvailable(entity('User', { 'meshplane.io/services': 'a/b' })),
    ).toBe(false);
  });
});
