import { renderInTestApp } from '@backstage/frontend-test-utils';
import { findingCodesRouteRef } from '@meshplane/plugin-meshplane-react';
import { screen, within } from '@testing-library/react';
import { publicGatewayView } from '../../__fixtures__/entityMeshView';
import { GatewayRoutesSection } from './GatewayRoutesSection';

/** The row of the routes table whose route is `namespace/name`. */
function routeRow(route: string): HTMLElement {
  const table = within(screen.getByTestId('meshplane-gateway-routes'))
    .getAllByRole('table')
    .at(-1)!;
  return within(table)
    .getAllByRole('row')
    .find(row => within(row).queryByText(route))!;
}

describe('GatewayRoutesSection', () => {
  const render = (view = publicGatewayView) =>
    renderInTestApp(
      <GatewayRoutesSection gateways={view.gateways} routes={view.routes} />,
      { mountedRoutes: { '/meshplane/codes': findingCodesRouteRef } },
    );

  it("shows a gateway's Gateway: class, address, Accepted and Programmed with their reasons, listeners with their status", async () => {
    await render();
    const gateway = screen.getByTestId('meshplane-gateway');
    expect(
      within(gateway).getByText('Gateway istio-ingress/public-gateway'),
    ).toBeInTheDocument();
    expect(
      within(gateway).getByText(
        'class istio · cluster east-1 · address 203.0.113.10 · hostnames bookinfo.example.com',
      ),
    ).toBeInTheDocument();
    expect(within(gateway).getByLabelText('Accepted')).toBeInTheDocument();
    expect(
      within(gateway).getByLabelText('AddressNotAssigned').closest('[title]'),
    ).toHaveAttribute('title', 'Assigned to service(s) but no address');
    const https = within(gateway)
      .getAllByRole('row')
      .find(row => within(row).queryByText('https'))!;
    expect(
      within(https).getByText(
        'Programmed: Invalid, ResolvedRefs: RefNotPermitted',
      ),
    ).toBeInTheDocument();
    expect(within(https).getByText('HTTPS/443')).toBeInTheDocument();
  });

  it('lists the routes with their listeners, hostnames, Accepted and backends with weight and status; an unresolved backend with its reason and finding codes linked', async () => {
    await render();
    expect(
      screen.getByText(
        '3 routes attached to Gateway istio-ingress/public-gateway',
      ),
    ).toBeInTheDocument();
    const bookinfo = routeRow('bookinfo/bookinfo');
    expect(within(bookinfo).getByText('http, https')).toBeInTheDocument();
    expect(within(bookinfo).getByLabelText('Accepted')).toBeInTheDocument();
    expect(within(bookinfo).getByLabelText('resolved')).toBeInTheDocument();
    expect(within(bookinfo).getByText('weight 1')).toBeInTheDocument();

    const details = routeRow('bookinfo/details-v2');
    expect(
      within(details).getByLabelText('BackendNotFound'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(
        'backend(details-v2.bookinfo.svc.cluster.local) not found',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: 'MPL0501' }),
    ).toHaveAttribute('href', '/meshplane/codes/MPL0501');
    expect(
      within(details).getByRole('link', { name: /KIA1402/ }),
    ).toHaveAttribute('href', expect.stringContaining('kiali.io'));

    // A route the gateway does not accept: its reason, no listener; a weighted split.
    const elsewhere = routeRow('shop/elsewhere');
    expect(
      within(elsewhere).getByLabelText('NoMatchingListenerHostname'),
    ).toBeInTheDocument();
    expect(within(elsewhere).getByText('none')).toBeInTheDocument();
    expect(
      within(elsewhere).getByText('weight 3 (75% of rule 1)'),
    ).toBeInTheDocument();
    expect(
      within(elsewhere).getByText('weight 1 (25% of rule 1)'),
    ).toBeInTheDocument();
  });

  it('says so when no route names the gateway', async () => {
    await render({ ...publicGatewayView, routes: [] });
    expect(
      screen.getByText(
        'No HTTPRoute, GRPCRoute, TCPRoute or TLSRoute names this gateway as its parent.',
      ),
    ).toBeInTheDocument();
  });

  it('words the routes of a service as reaching it, a mesh route as one', async () => {
    const [route] = publicGatewayView.routes;
    await render({
      ...publicGatewayView,
      gateways: [],
      routes: [
        {
          ...route,
          name: 'reviews',
          relations: ['parent'],
          hostnames: [],
          parents: [
            {
              kind: 'Service',
              namespace: 'bookinfo',
              name: 'reviews',
              port: 9080,
              accepted: true,
              reason: 'Accepted',
              message: 'Route was valid',
              listeners: [],
            },
          ],
        },
      ],
    });
    expect(
      screen.getByText('1 route reaches the linked services'),
    ).toBeInTheDocument();
    const reviews = routeRow('bookinfo/reviews');
    expect(
      within(reviews).getByText('HTTPRoute · mesh route'),
    ).toBeInTheDocument();
    expect(
      within(reviews).getByText('mesh (all clients of the service)'),
    ).toBeInTheDocument();
    expect(within(reviews).getByText('any (listener)')).toBeInTheDocument();
    expect(screen.queryByTestId('meshplane-gateway')).not.toBeInTheDocument();
  });
});
