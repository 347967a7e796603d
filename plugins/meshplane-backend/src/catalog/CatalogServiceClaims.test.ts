import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogServiceClaims } from './CatalogServiceClaims';

function component(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

const reviews = {
  namespace: 'bookinfo',
  name: 'reviews',
  kubernetesId: 'reviews',
};
const ratings = { namespace: 'bookinfo', name: 'ratings' };

async function claimsOf(catalog: ReturnType<typeof catalogServiceMock>) {
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  const claims = await CatalogServiceClaims.create({
    catalog,
    auth: mockServices.auth(),
    logger,
    scheduler,
  });
  const [task] = scheduler.scheduleTask.mock.calls[0];
  return { claims, logger, task };
}

describe('CatalogServiceClaims', () => {
  it('reads the claimants every 30 s on each replica and names the entity claiming a service', async () => {
    const { claims, task } = await claimsOf(
      catalogServiceMock({
        entities: [
          component('reviews-app', { 'backstage.io/kubernetes-id': 'reviews' }),
          component('shop', { 'meshplane.io/services': 'bookinfo/ratings' }),
          component('unlinked'),
        ],
      }),
    );
    expect(task).toMatchObject({
      frequency: { seconds: 30 },
      scope: 'local',
    });
    expect(claims.entityRefOf(reviews)).toBeUndefined();
    await task.fn(new AbortController().signal);
    expect(claims.entityRefOf(reviews)).toBe('component:default/reviews-app');
    expect(claims.entityRefOf(ratings)).toBe('component:default/shop');
    expect(
      claims.entityRefOf({ namespace: 'bookinfo', name: 'details' }),
    ).toBeUndefined();
  });

  it('changes its version only when the claims change', async () => {
    const entities = [
      component('shop', { 'meshplane.io/services': 'bookinfo/ratings' }),
    ];
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn(async () => ({ items: entities })),
    });
    const { claims } = await claimsOf(catalog);
    await claims.refresh();
    const first = claims.version;
    await claims.refresh();
    expect(claims.version).toBe(first);
    entities.push(
      component('ratings', { 'meshplane.io/services': 'bookinfo/ratings' }),
    );
    await claims.refresh();
    expect(claims.version).toBe(first + 1);
    expect(claims.entityRefOf(ratings)).toBe('component:default/ratings');
  });

  it('keeps the last claims read and warns once while the catalog fails; none before a first read', async () => {
    const getEntities = jest.fn();
    const { claims, logger } = await claimsOf(
      catalogServiceMock.mock({ getEntities }),
    );
    getEntities.mockRejectedValue(new Error('catalog unavailable'));
    await claims.refresh();
    expect(claims.entityRefOf(ratings)).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unavailable'),
    );

    getEntities.mockResolvedValue({
      items: [
        component('shop', { 'meshplane.io/services': 'bookinfo/ratings' }),
      ],
    });
    await claims.refresh();
    getEntities.mockRejectedValue(new Error('catalog unavailable'));
    await claims.refresh();
    await claims.refresh();
    expect(claims.entityRefOf(ratings)).toBe('component:default/shop');
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
