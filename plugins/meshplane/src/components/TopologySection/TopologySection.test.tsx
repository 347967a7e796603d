import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { FakeMeshplaneApi } from '../../__fixtures__/FakeMeshplaneApi';
import { reviewsView, serviceList } from '../../__fixtures__/entityMeshView';
import { TopologySection } from './TopologySection';

describe('TopologySection', () => {
  it('says why there is nothing to draw when the linked services have no objects', async () => {
    await renderInTestApp(
      <TopologySection topology={{ nodes: [], edges: [] }} />,
    );
    expect(
      screen.getByText(
        'No workloads or services: the linked services have no objects in any connected cluster.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('meshplane-topology')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Search nodes')).not.toBeInTheDocument();
  });

  it("links a clicked service to the entity that claims it by the Service's kubernetes-id label", async () => {
    const reviewsApp: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'reviews-app',
        namespace: 'default',
        title: 'Reviews',
        annotations: { 'backstage.io/kubernetes-id': 'reviews' },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    };
    const labelled = {
      ...serviceList,
      items: serviceList.items.map(s => ({ ...s, kubernetesId: 'reviews' })),
    };
    await renderInTestApp(<TopologySection topology={reviewsView.topology} />, {
      apis: [
        [
          meshplaneApiRef,
          new FakeMeshplaneApi({
            overrides: { getServices: async () => labelled },
          }),
        ],
        [catalogApiRef, catalogApiMock({ entities: [reviewsApp] })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    fireEvent.click(
      within(screen.getByTestId('meshplane-topology')).getByRole('button', {
        name: /^service bookinfo\/reviews/,
      }),
    );
    const details = screen.getByTestId('meshplane-node-details');
    expect(
      await within(details).findByRole('link', { name: 'Reviews' }),
    ).toHaveAttribute('href', '/catalog/default/component/reviews-app');
  });
});
