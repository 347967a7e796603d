import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { EntityMeshView } from '@meshplane/plugin-meshplane-common';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import {
  FakeMeshplaneApi,
  httpError,
} from '../../__fixtures__/FakeMeshplaneApi';
import {
  observedReviewsView,
  publicGatewayView,
  reviewsView,
  westMetricsSourceDown,
} from '../../__fixtures__/entityMeshView';
import { rootRouteRef } from '../../routes';
import { EntityMeshContent } from './EntityMeshContent';

const reviews: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'reviews',
    namespace: 'default',
    annotations: { 'meshplane.io/services': 'bookinfo/reviews' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** A service Component carrying findings of the catalog module. */
const ratingsService: Entity = {
  ...reviews,
  metadata: {
    name: 'ratings-service',
    namespace: 'default',
    annotations: {
      'meshplane.io/services': 'bookinfo/ratings',
      'meshplane.io/catalog-findings': JSON.stringify([
        {
          code: 'duplicate-claim',
          message:
            'Mesh service bookinfo/ratings is claimed by component:default/ratings-service, component:default/shop-ratings; component:default/ratings-service represents it',
        },
      ]),
    },
  },
};

function render(api: FakeMeshplaneApi, entity: Entity = reviews) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityMeshContent />
    </EntityProvider>,
    {
      apis: [
        [meshplaneApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
      ],
      mountedRoutes: {
        '/meshplane': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('EntityMeshContent', () => {
  it('shows a progress bar while the backend has not answered', async () => {
    await render(new FakeMeshplaneApi({ pending: true }));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows topology, posture with edge reasons, findings and clusters', async () => {
    await render(new FakeMeshplaneApi());
    // Topology: nodes grouped in cluster lanes, the failing caller edge drawn red.
    const graph = await screen.findByTestId('meshplane-topology');
    expect(within(graph).getByText('cluster east-1')).toBeInTheDocument();
    expect(within(graph).getByText('cluster west-1')).toBeInTheDocument();
    expect(graph.querySelector('path[data-outcome="fail"]')).not.toBeNull();
    // Posture: the failing edge with its reason, the plaintext caller blocking STRICT.
    expect(screen.getByText(/server requires STRICT mTLS/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /1 caller send plaintext: moving to STRICT would make them fail/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('east-1/legacy/batch').length).toBeGreaterThan(
      0,
    );
    // The policy that decided a mode links to the namespace on the fleet page.
    expect(
      screen.getByRole('link', {
        name: 'PeerAuthentication bookinfo/strict (namespace)',
      }),
    ).toHaveAttribute('href', '/meshplane?cluster=east-1&namespace=bookinfo');
    // Findings: the code links to Istio's documentation; how to fix names the field.
    expect(screen.getByRole('link', { name: /IST0101/ })).toHaveAttribute(
      'href',
      'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
    );
    expect(
      screen.getByText(
        'Change spec.http[0].route[0].destination.host; the IST0101 documentation explains how.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('VirtualService bookinfo/reviews'),
    ).toBeInTheDocument();
    // Clusters: both clusters with their connection status.
    expect(screen.getByText('Runs in east-1, west-1')).toBeInTheDocument();
    expect(screen.getByText('degraded')).toBeInTheDocument();
    expect(screen.getAllByText('1/3 ready')).toHaveLength(2); // cluster and workload rows
  });

  it('shows no traffic controls when the backend has no metrics source', async () => {
    await render(new FakeMeshplaneApi());
    await screen.findByTestId('meshplane-topology');
    expect(
      screen.queryByTestId('meshplane-traffic-toolbar'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('meshplane-metrics-status'),
    ).not.toBeInTheDocument();
  });

  it('draws and lists the observed traffic of a joined answer', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: { getEntityMesh: async () => observedReviewsView },
      }),
    );
    const graph = await screen.findByTestId('meshplane-topology');
    expect(graph.querySelectorAll('path[data-observed]')).toHaveLength(3);
    expect(graph.querySelectorAll('path[data-observed-only]')).toHaveLength(1);
    expect(
      screen.getByText('width: requests per second (thin: none observed)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Connections with traffic in the last 5m'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Observed' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-metrics-status')).toHaveTextContent(
      /^Traffic of the last 5m, as of /,
    );
  });

  it('refetches with the chosen window and callers, keeping the previous answer on screen while the next loads', async () => {
    const pending: Array<(view: EntityMeshView) => void> = [];
    const api = new FakeMeshplaneApi({
      overrides: {
        getEntityMesh: async (_entity, options) =>
          options?.window || options?.callers
            ? new Promise<EntityMeshView>(resolve => pending.push(resolve))
            : observedReviewsView,
      },
    });
    await render(api);
    const toolbar = await screen.findByTestId('meshplane-traffic-toolbar');
    expect(within(toolbar).queryByRole('progressbar')).toBeNull();

    fireEvent.click(within(toolbar).getByRole('button', { name: '1h' }));
    expect(
      await within(toolbar).findByRole('progressbar', {
        name: 'Loading traffic',
      }),
    ).toBeInTheDocument();
    expect(within(toolbar).getByRole('button', { name: '1h' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // The previous answer stays while the next one loads.
    expect(screen.getByTestId('meshplane-topology')).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-metrics-status')).toHaveTextContent(
      /^Traffic of the last 5m/,
    );

    await act(async () =>
      pending.at(-1)!({
        ...observedReviewsView,
        metrics: { ...observedReviewsView.metrics!, window: '1h' },
      }),
    );
    await waitFor(() =>
      expect(within(toolbar).queryByRole('progressbar')).toBeNull(),
    );
    expect(screen.getByTestId('meshplane-metrics-status')).toHaveTextContent(
      /^Traffic of the last 1h/,
    );

    fireEvent.click(
      within(toolbar).getByRole('button', { name: 'All permitted callers' }),
    );
    await waitFor(() =>
      expect(api.entityQueries.at(-1)).toEqual({
        window: '1h',
        callers: 'all',
      }),
    );
    expect(api.entityQueries).toEqual([
      { window: undefined, callers: undefined },
      { window: '1h', callers: undefined },
      { window: '1h', callers: 'all' },
    ]);
  });

  it('shows the configuration and a warning naming the source when the metrics source is down', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({
            ...reviewsView,
            metrics: {
              window: '5m',
              callers: 'all',
              joined: false,
              sources: [westMetricsSourceDown],
            },
          }),
        },
      }),
    );
    const status = await screen.findByTestId('meshplane-metrics-status');
    expect(
      within(status).getByText(
        'Warning: Metrics source prometheus.west.example.com:9090 is down: the answer shows configuration only, no observed traffic',
      ),
    ).toBeInTheDocument();
    expect(
      within(status).getByText(
        'prometheus.west.example.com:9090 did not answer within 5 s',
      ),
    ).toBeInTheDocument();
    // The configuration's answer is all there, and no error page.
    expect(screen.getByTestId('meshplane-topology')).toBeInTheDocument();
    expect(screen.getByText(/server requires STRICT mTLS/)).toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Observed' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Try again' }),
    ).not.toBeInTheDocument();
    expect(
      within(screen.getByTestId('meshplane-traffic-toolbar')).getByRole(
        'button',
        { name: 'Observed traffic' },
      ),
    ).toBeEnabled();
  });

  it("shows a gateway's Gateway and its routes", async () => {
    const gateway: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'public-gateway-istio.istio-ingress',
        namespace: 'default',
        annotations: {
          'meshplane.io/services': 'istio-ingress/public-gateway-istio',
        },
      },
      spec: { type: 'mesh-gateway', owner: 'platform-team' },
    };
    await render(
      new FakeMeshplaneApi({
        overrides: { getEntityMesh: async () => publicGatewayView },
      }),
      gateway,
    );
    const section = await screen.findByTestId('meshplane-gateway-routes');
    expect(
      within(section).getByText(
        '3 routes attached to Gateway istio-ingress/public-gateway',
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByText('bookinfo/details-v2'),
    ).toBeInTheDocument();
  });

  it('shows no Gateway API section for a service no route reaches', async () => {
    await render(new FakeMeshplaneApi());
    await screen.findByTestId('meshplane-topology');
    expect(
      screen.queryByTestId('meshplane-gateway-routes'),
    ).not.toBeInTheDocument();
  });

  it('filters and searches the topology, and shows details of a clicked node', async () => {
    await render(new FakeMeshplaneApi());
    const graph = await screen.findByTestId('meshplane-topology');
    fireEvent.change(screen.getByLabelText('Search nodes'), {
      target: { value: 'batch' },
    });
    expect(screen.getByText('1 match')).toBeInTheDocument();
    fireEvent.click(
      within(graph).getByRole('button', {
        name: /workload legacy\/batch, cluster east-1, no sidecar/,
      }),
    );
    const details = screen.getByTestId('meshplane-node-details');
    expect(within(details).getByText(/no Istio proxy/)).toBeInTheDocument();
    expect(
      within(details).getByText(/→ reviews \(calls 9080\)/),
    ).toBeInTheDocument();
  });

  it('names the clusters whose data is missing (partial failure) and still shows the rest', async () => {
    const api = new FakeMeshplaneApi({
      overrides: {
        getEntityMesh: async () => ({
          ...reviewsView,
          problems: [
            {
              cluster: 'west-1',
              status: 'unreachable',
              stale: true,
              lastSync: '2026-01-10T11:00:00Z',
              error: {
                reason: 'unreachable',
                message: 'connect ECONNREFUSED',
                at: '2026-01-10T11:30:00Z',
              },
            },
          ],
        }),
      },
    });
    await render(api);
    expect(
      await screen.findByText(
        /Data from 1 cluster is missing or stale: west-1/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/connect ECONNREFUSED/)).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-topology')).toBeInTheDocument();
  });

  it('says how many connections the backend counted without listing them', async () => {
    const api = new FakeMeshplaneApi({
      overrides: {
        getEntityMesh: async () => ({
          ...reviewsView,
          posture: {
            ...reviewsView.posture,
            outcomes: {
              mtls: 40,
              plaintext: 1,
              fail: 1,
              denied: 0,
              excluded: 0,
            },
            omitted: { inbound: 40, outbound: 0 },
          },
        }),
      },
    });
    await render(api);
    expect(
      await screen.findByText(
        '40 more connections counted above, not listed: callers that get mutual TLS, and the least severe past the most each direction lists.',
      ),
    ).toBeInTheDocument();
  });

  it('explains how to link an entity that has no mesh annotation', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({ ...reviewsView, links: [] }),
        },
      }),
    );
    expect(
      await screen.findByText('Not linked to the mesh'),
    ).toBeInTheDocument();
  });

  it('shows permission denied with the missing permission', async () => {
    await render(
      new FakeMeshplaneApi({ failure: httpError(403, 'Forbidden') }),
    );
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.entity\.read/)).toBeInTheDocument();
  });

  it('shows other failures with a retry', async () => {
    await render(
      new FakeMeshplaneApi({ failure: httpError(500, 'database exploded') }),
    );
    expect(
      (await screen.findAllByText(/database exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it("shows the catalog module's findings on the entity next to the mesh view", async () => {
    await render(new FakeMeshplaneApi(), ratingsService);
    expect(await screen.findByTestId('meshplane-topology')).toBeInTheDocument();
    const findings = screen.getByTestId('meshplane-catalog-findings');
    expect(within(findings).getByText('duplicate-claim')).toBeInTheDocument();
    expect(
      within(findings).getByText(
        /is claimed by component:default\/ratings-service, component:default\/shop-ratings/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the catalog module's findings when the backend links nothing", async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({ ...reviewsView, links: [] }),
        },
      }),
      ratingsService,
    );
    expect(
      await screen.findByText('Not linked to the mesh'),
    ).toBeInTheDocument();
    expect(screen.getByText('duplicate-claim')).toBeInTheDocument();
  });
});
