import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { demoLikeSnapshot } from '../__fixtures__/fleetSnapshot';
import type { ServiceClaimant } from '@meshplane/plugin-meshplane-common';
import { readCatalogFindings } from '../entities';
import { MeshplaneClaimsProcessor } from './MeshplaneClaimsProcessor';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const process = (processor: MeshplaneClaimsProcessor, entity: Entity) =>
  processor.postProcessEntity(entity);

describe('MeshplaneClaimsProcessor', () => {
  it('writes a kubernetes-id duplicate on the entity, resolved against the fleet', async () => {
    const claimants: ServiceClaimant[] = [
      { entityRef: 'component:default/details-app', kubernetesId: 'details' },
    ];
    const processor = new MeshplaneClaimsProcessor({
      readClaimants: async () => claimants,
      fleet: { read: async () => ({ snapshot: demoLikeSnapshot() }) },
      logger: mockServices.logger.mock(),
    });
    const processed = await process(
      processor,
      component('another-details', { 'backstage.io/kubernetes-id': 'details' }),
    );
    expect(readCatalogFindings(processed)).toEqual([
      {
        code: 'duplicate-claim',
        message:
          'Mesh service bookinfo/details is claimed by component:default/another-details, component:default/details-app; component:default/another-details represents it',
      },
    ]);
  });

  it('leaves entities alone that claim nothing, claim cleanly, or come from a Meshplane provider', async () => {
    const processor = new MeshplaneClaimsProcessor({
      readClaimants: async () => [],
      fleet: { read: async () => ({ snapshot: demoLikeSnapshot() }) },
      logger: mockServices.logger.mock(),
    });
    const plain = component('website', {});
    expect(await process(processor, plain)).toBe(plain);
    const clean = component('reviews', {
      'meshplane.io/services': 'bookinfo/reviews',
    });
    expect(await process(processor, clean)).toBe(clean);
    const provided = component('reviews.bookinfo', {
      'meshplane.io/services': 'bookinfo',
      'backstage.io/managed-by-location': 'meshplane-provider:default',
    });
    expect(await process(processor, provided)).toBe(provided);
  });

  it('still reports an unparsable claim while the backend cannot be read, and says so once', async () => {
    const logger = mockServices.logger.mock();
    let reads = 0;
    const processor = new MeshplaneClaimsProcessor({
      readClaimants: async () => [],
      fleet: {
        read: async () => {
          reads++;
          throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        },
      },
      logger,
    });
    const broken = component('broken', { 'meshplane.io/services': 'ratings' });
    for (let i = 0; i < 3; i++) {
      expect(readCatalogFindings(await process(processor, broken))).toEqual([
        {
          code: 'invalid-claim',
          message: expect.stringContaining(
            'Invalid meshplane.io/services entry "ratings"',
          ),
        },
      ]);
    }
    // One failed read per cache time, not one per entity.
    expect(reads).toBe(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('connect ECONNREFUSED 127.0.0.1:7007'),
    );
  });
});
