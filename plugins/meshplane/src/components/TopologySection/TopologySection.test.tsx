import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { FakeMeshplaneApi } from '../../__fixtures__/FakeMeshplaneApi';
import { reviewsView } from '../../__fixtures__/entityMeshView';
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

  it('links a clicked service to the entity that claims it, as the backend names it', async () => {
    // The fixture's bookinfo/reviews: entityRef component:default/reviews-app.
    await renderInTestApp(<TopologySection topology={reviewsView.topology} />, {
      apis: [[meshplaneApiRef, new FakeMeshplaneApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    fireEvent.click(
      within(screen.getByTestId('meshplane-topology')).getByRole('button', {
        name: /^service bookinfo\/reviews/,
      }),
    );
    const details = screen.getByTestId('meshplane-node-details');
    expect(
      await within(details).findByRole('link', {
        name: 'component:default/reviews-app',
      }),
    ).toHaveAttribute('href', '/catalog/default/component/reviews-app');
  });
});
