import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  meshplaneApiRef,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import { screen, within } from '@testing-library/react';
import { FakeMeshplaneApi } from '../../__fixtures__/FakeMeshplaneApi';
import { reviewsView } from '../../__fixtures__/entityMeshView';
import { requestsRouteRef, rootRouteRef } from '../../routes';
import {
  FakeRequestsApi,
  pendingRequest,
} from '../Requests/__fixtures__/requests';
import { FleetHealthContent } from './FleetHealthContent';
import { MyMeshServicesContent } from './MyMeshServicesContent';
import { OpenRequestsContent } from './OpenRequestsContent';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

function render(element: JSX.Element, entities: Entity[] = []) {
  return renderInTestApp(element, {
    apis: [
      [meshplaneApiRef, new FakeMeshplaneApi()],
      [
        meshplaneRequestsApiRef,
        new FakeRequestsApi({
          items: [
            pendingRequest(),
            pendingRequest({
              id: 'r-2',
              group: {
                type: 'security',
                name: 'done',
                mode: 'BRIDGED',
                namespaces: ['east-1/bookinfo'],
              },
              approval: { state: 'APPROVED' },
              status: 'READY',
            }),
          ],
        }),
      ],
      [catalogApiRef, catalogApiMock({ entities })],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: [
            'user:default/guest',
            'group:default/bookinfo-team',
          ],
        }),
      ],
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/meshplane': rootRouteRef,
      '/meshplane/requests': requestsRouteRef,
    },
  });
}

// The first render of a table loads MUI and the test app: slow on a cold worker.
jest.setTimeout(30_000);

describe('home page widgets', () => {
  it("lists the user's mesh entities with their posture, linked to their Mesh tab", async () => {
    await render(<MyMeshServicesContent />, [
      component('reviews', 'group:default/bookinfo-team', {
        'meshplane.io/services': 'bookinfo/reviews',
      }),
      component('website', 'group:default/bookinfo-team'),
    ]);
    const link = await screen.findByRole('link', { name: 'reviews' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/reviews/mesh',
    );
    // Owned but not linked to the mesh: not listed.
    expect(screen.queryByText('website')).not.toBeInTheDocument();
    const { outcomes } = reviewsView.posture;
    expect(
      await screen.findByText(
        new RegExp(`${outcomes.fail} failing connection`),
      ),
    ).toBeInTheDocument();
  });

  it('says so when the user owns nothing linked to the mesh', async () => {
    await render(<MyMeshServicesContent />, [
      component('website', 'group:default/bookinfo-team'),
    ]);
    expect(
      await screen.findByText(/None of the entities you own is linked/),
    ).toBeInTheDocument();
  });

  it('lists open requests only, each linked to its page', async () => {
    await render(<OpenRequestsContent />);
    const list = await screen.findByTestId('meshplane-home-open-requests');
    expect(
      within(list).getByRole('link', { name: 'traffic group reviews-plain' }),
    ).toHaveAttribute('href', '/meshplane/requests/r-1');
    expect(within(list).getByText(/waiting for approval/)).toBeInTheDocument();
    expect(
      within(list).queryByText('security group done'),
    ).not.toBeInTheDocument();
  });

  it('sums up the fleet: clusters in sync, the unreachable one and the findings', async () => {
    await render(<FleetHealthContent />);
    expect(
      await screen.findByText('2 of 3 clusters in sync'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/west-1 unreachable, data as of/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Findings: /)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the fleet page' }),
    ).toHaveAttribute('href', '/meshplane');
  });
});
