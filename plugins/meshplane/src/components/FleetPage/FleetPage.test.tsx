import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import {
  FakeMeshplaneApi,
  httpError,
} from '../../__fixtures__/FakeMeshplaneApi';
import { clusterList } from '../../__fixtures__/entityMeshView';
import { FleetPage } from './FleetPage';
import { MtlsCard } from './MtlsCard';

/** The fleet page with the catalog (for its links) and the entity pages mounted. */
function renderFleetPage(
  api: FakeMeshplaneApi,
  entities: Parameters<typeof catalogApiMock>[0] = {},
) {
  return renderInTestApp(<FleetPage />, {
    apis: [
      [meshplaneApiRef, api],
      [catalogApiRef, catalogApiMock(entities)],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('FleetPage', () => {
  it('lists clusters with status, Istio, object counts and the unreachable cluster with its error', async () => {
    await renderFleetPage(new FakeMeshplaneApi());
    const health = (await screen.findByText('Meshplane backend'))
      .parentElement!;
    expect(within(health).getByText('0.1.0')).toBeInTheDocument();
    expect(within(health).getByText('ok')).toBeInTheDocument();
    expect(
      screen.getByText(/1 cluster not in sync: west-1 \(unreachable\)/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/connect ECONNREFUSED 127.0.0.1:6444/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('1-28 (1.28.1)')).toBeInTheDocument();
    expect(screen.getByText('no Istio CRDs')).toBeInTheDocument();
    expect(screen.getByText('1,243')).toBeInTheDocument();
    // The metrics sources, with the one that is down.
    const metrics = await screen.findByTestId('meshplane-fleet-metrics');
    expect(within(metrics).getByText('down')).toBeInTheDocument();
  });

  it('shows mesh-wide and namespace mTLS of one cluster at a time, with one request per choice', async () => {
    const api = new FakeMeshplaneApi();
    await renderFleetPage(api);
    // The first cluster that answers (west-1 is unreachable), from one request.
    expect(await screen.findByText('mesh in east-1')).toBeInTheDocument();
    expect(screen.getByText('mTLS partially enabled')).toBeInTheDocument();
    expect(
      screen.getByText('Namespaces of east-1 (2 namespaces)'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('mTLS disabled').length).toBeGreaterThan(0);
    expect(api.clusterReads).toEqual(['east-1']);

    fireEvent.mouseDown(
      screen.getByRole('button', { name: /east-1 \(synced\)/ }),
    );
    fireEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'west-1 (unreachable)',
      }),
    );
    expect(
      await screen.findByText(
        'Could not load the mTLS posture of west-1: cluster west-1 is unreachable',
      ),
    ).toBeInTheDocument();
    expect(api.clusterReads).toEqual(['east-1', 'west-1']);
  });

  it('opens the mTLS card on the cluster and namespace of the link that led here', async () => {
    const api = new FakeMeshplaneApi();
    await renderInTestApp(
      <MtlsCard
        clusters={clusterList.items}
        cluster="lab-1"
        namespace="payments"
      />,
      { apis: [[meshplaneApiRef, api]] },
    );
    expect(await screen.findByText('mesh in lab-1')).toBeInTheDocument();
    expect(api.clusterReads).toEqual(['lab-1']);
    expect(screen.getByText('payments')).toBeInTheDocument();
    expect(screen.queryByText('bookinfo')).not.toBeInTheDocument();
  });

  it('lists every finding with linked codes, the page it leads to and the clusters missing from the answer', async () => {
    await renderFleetPage(new FakeMeshplaneApi());
    expect(
      await screen.findByText('Findings (1 errors, 1 warnings, 0 info)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /KIA0501/ })).toHaveAttribute(
      'href',
      'https://kiali.io/docs/features/validations/#:~:text=KIA0501',
    );
    // Each finding leads to the Mesh tab of the entity claiming the service it concerns (the
    // backend's entityRef), where the catalog has one.
    // (By text, not role: role queries over the page's four tables are slow.)
    await waitFor(() =>
      expect(
        within(screen.getByTestId('meshplane-fleet-findings'))
          .getByText('bookinfo/reviews')
          .closest('a'),
      ).toHaveAttribute('href', '/catalog/default/component/reviews-app/mesh'),
    );
    expect(
      screen.getByText(
        /No data from 1 cluster|Data from 1 cluster is missing or stale: west-1/,
      ),
    ).toBeInTheDocument();
  });

  it('searches services through the backend, each linked to the Mesh tab of its entity', async () => {
    const api = new FakeMeshplaneApi();
    await renderFleetPage(api);
    expect(
      await screen.findByText('reviews.bookinfo.svc.cluster.local'),
    ).toBeInTheDocument();
    // (By text, not role: role queries over the page's four tables are slow.)
    await waitFor(() =>
      expect(
        within(screen.getByTestId('meshplane-fleet-findings'))
          .getByText('bookinfo/reviews')
          .closest('a'),
      ).toHaveAttribute('href', '/catalog/default/component/reviews-app/mesh'),
    );
    fireEvent.change(screen.getByLabelText('Search services'), {
      target: { value: 'nothing-like-this' },
    });
    expect(
      await screen.findByText('No service matches "nothing-like-this".'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.serviceQueries.at(-1)?.q).toBe('nothing-like-this'),
    );
  });

  it('shows permission denied naming meshplane.fleet.read', async () => {
    await renderFleetPage(
      new FakeMeshplaneApi({ failure: httpError(403, 'Forbidden') }),
    );
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.fleet\.read/)).toBeInTheDocument();
  });

  it('shows a progress bar while the backend has not answered', async () => {
    await renderFleetPage(new FakeMeshplaneApi({ pending: true }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
