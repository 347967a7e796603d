import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type {
  Edge,
  EntityPosture,
  WorkloadPosture,
} from '@meshplane/plugin-meshplane-common';
import { observedReviewsView } from '../../__fixtures__/entityMeshView';
import { PostureSection } from './PostureSection';

const noEdges = {
  inbound: [],
  outbound: [],
  outcomes: { mtls: 0, plaintext: 0, fail: 0, denied: 0, excluded: 0 },
  omitted: { inbound: 0, outbound: 0 },
  strictBlockers: [],
};

/** The STRICT blocker of one plaintext call to a service port. */
const blocker = (service: string, port: number) => ({
  caller: { cluster: 'east-1', namespace: 'bookinfo', workload: 'details-v1' },
  services: [`istio-ingress/${service}:${port}`],
});

const workload = (posture: Partial<WorkloadPosture>): WorkloadPosture => ({
  cluster: 'east-1',
  namespace: 'payments',
  name: 'payments-api',
  kind: 'Deployment',
  sidecar: true,
  status: 'MTLS_NOT_ENABLED',
  mode: 'STRICT',
  ports: [{ port: 9090, mode: 'STRICT' }],
  decidedBy: [
    {
      kind: 'PeerAuthentication',
      namespace: 'payments',
      name: 'default',
      scope: 'namespace',
      cluster: 'east-1',
    },
  ],
  ...posture,
});

const plaintextCall = (service: string, port: number): Edge => ({
  from: { cluster: 'east-1', namespace: 'bookinfo', workload: 'details-v1' },
  to: { cluster: 'east-1', namespace: 'istio-ingress', service, port },
  clientTls: 'DISABLE',
  clientTlsSource: 'auto',
  outcome: 'plaintext',
  crossCluster: false,
  crossNetwork: false,
  reason: `auto mTLS; gateway ${service} port ${port} takes plaintext`,
});

/** The first table row whose text contains `text`. */
function rowWith(text: string) {
  const row = screen
    .getAllByRole('row')
    .find(candidate => candidate.textContent?.includes(text));
  if (!row) throw new Error(`no row contains ${text}`);
  return row;
}

describe('PostureSection', () => {
  it('shows an ambient workload with its data plane, waypoint and ztunnel mode, and a denied caller with its policy', async () => {
    const denied: Edge = {
      from: { cluster: 'east-1', namespace: 'sandbox', workload: 'echo' },
      to: { cluster: 'east-1', namespace: 'shop', service: 'cart', port: 8080 },
      clientTls: 'HBONE',
      clientTlsSource: 'auto',
      outcome: 'denied',
      transport: 'hbone',
      deniedBy: {
        kind: 'AuthorizationPolicy',
        cluster: 'east-1',
        namespace: 'shop',
        name: 'cart-no-sandbox',
      },
      crossCluster: false,
      crossNetwork: false,
      reason:
        'auto mTLS; cart is captured by ztunnel, which takes HBONE; ztunnel of cart denies: DENY AuthorizationPolicy shop/cart-no-sandbox matches the caller',
    };
    await renderInTestApp(
      <PostureSection
        posture={{
          workloads: [
            workload({
              namespace: 'shop',
              name: 'cart',
              sidecar: false,
              dataplane: 'ambient',
              waypoint: { namespace: 'shop', name: 'waypoint' },
            }),
          ],
          namespaces: [],
          ...noEdges,
          inbound: [denied],
          outcomes: { ...noEdges.outcomes, denied: 1 },
        }}
      />,
    );
    const row = rowWith('shop/cart');
    expect(row).toHaveTextContent(
      'Deployment · ambient (ztunnel) · via waypoint shop/waypoint',
    );
    expect(row).toHaveTextContent(
      'STRICT · HBONE mTLS only (ztunnel rejects plaintext)',
    );
    const edgeRow = rowWith('sandbox/echo');
    expect(edgeRow).toHaveTextContent('denied');
    expect(edgeRow).toHaveTextContent(
      'DENY AuthorizationPolicy shop/cart-no-sandbox matches the caller',
    );
    expect(
      screen.getByText(
        '0 mTLS · 0 plaintext · 0 failing · 1 denied · 0 excluded connections',
      ),
    ).toBeInTheDocument();
  });

  it('says so when there are no workloads and no connections', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{ workloads: [], namespaces: [], ...noEdges }}
      />,
    );
    expect(
      screen.getByText(
        '0 mTLS · 0 plaintext · 0 failing · 0 denied · 0 excluded connections',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No workloads in any connected cluster.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No connections: nothing calls these services and they call nothing known to the mesh.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/moving to STRICT/)).not.toBeInTheDocument();
    expect(screen.queryByText(/not listed/)).not.toBeInTheDocument();
  });

  it('leads with the effective mode and its policy, and labels the Kiali status as the workload policy', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{ workloads: [workload({})], namespaces: [], ...noEdges }}
      />,
    );
    const row = rowWith('payments/payments-api');
    const cells = within(row).getAllByRole('cell');
    expect(cells.map(cell => cell.textContent)).toEqual([
      'east-1',
      'payments/payments-apiDeployment',
      'STRICT · mTLS onlyport 9090: STRICT',
      'PeerAuthentication payments/default (namespace)',
      'workload policy: none (inherits namespace STRICT)',
    ]);
    expect(within(row).queryByText(/mTLS not enabled/)).not.toBeInTheDocument();
  });

  it('words a gateway as a gateway: Gateway servers decide, no sidecar advice, PeerAuthentication does not apply', async () => {
    const gateway = workload({
      namespace: 'istio-ingress',
      name: 'istio-ingressgateway',
      sidecar: false,
      mode: 'DISABLE',
      ports: [
        { port: 8080, mode: 'DISABLE' },
        { port: 15443, mode: 'STRICT' },
      ],
      decidedBy: [],
      note: 'gateway proxy: PeerAuthentication does not apply; its listeners come from Gateway bookinfo/bookinfo-gateway',
    });
    const posture: EntityPosture = {
      workloads: [gateway],
      namespaces: [
        {
          cluster: 'east-1',
          namespace: 'istio-ingress',
          status: 'UNSET_INHERITED_STRICT',
        },
      ],
      inbound: [plaintextCall('istio-ingressgateway', 8080)],
      outbound: [],
      outcomes: { mtls: 0, plaintext: 1, fail: 0, denied: 0, excluded: 0 },
      omitted: { inbound: 0, outbound: 0 },
      strictBlockers: [blocker('istio-ingressgateway', 8080)],
    };
    await renderInTestApp(<PostureSection posture={posture} />);
    const row = rowWith('istio-ingress/istio-ingressgateway');
    expect(row).toHaveTextContent('Deployment · gateway');
    expect(row).toHaveTextContent(
      'DISABLE · client traffic, plaintext or TLS the gateway terminates',
    );
    expect(row).toHaveTextContent('port 15443: STRICT (Istio mTLS only)');
    expect(row).toHaveTextContent(
      'Gateway serversgateway proxy: PeerAuthentication does not apply; its listeners come from Gateway bookinfo/bookinfo-gateway',
    );
    expect(row).toHaveTextContent('workload policy: does not apply (gateway)');
    expect(
      screen.getByText(
        'namespace-wide policy of istio-ingress in east-1 (its gateways do not apply it)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/sidecar|Istio default|moving to STRICT/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        /1 caller send plaintext to the gateway: a STRICT PeerAuthentication does not change that/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/PeerAuthentication does not apply to it/),
    ).toBeInTheDocument();
  });

  it('tells what installs the proxy on a workload without one: the VM proxy, not a sidecar', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{
          workloads: [
            workload({
              name: 'legacy-billing-vm-1',
              kind: 'WorkloadEntry',
              sidecar: false,
              mode: 'DISABLE',
              ports: [{ port: 8080, mode: 'DISABLE' }],
              decidedBy: [],
            }),
          ],
          namespaces: [],
          ...noEdges,
        }}
      />,
    );
    const row = rowWith('payments/legacy-billing-vm-1');
    expect(row).toHaveTextContent('WorkloadEntry · VM');
    expect(row).toHaveTextContent('DISABLE · no Istio proxy: plaintext only');
    expect(row).toHaveTextContent(
      'Nothing: without an Istio proxy no PeerAuthentication is enforced (install the Istio proxy on the VM)',
    );
    expect(row).toHaveTextContent(
      'workload policy: none (no Istio proxy to enforce one)',
    );
    expect(row).not.toHaveTextContent(/inject/);
  });

  it('lets hosts wrap after their separators and shows who chose the client TLS', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{
          workloads: [],
          namespaces: [],
          inbound: [plaintextCall('istio-ingressgateway', 8080)],
          outbound: [],
          outcomes: { mtls: 0, plaintext: 1, fail: 0, denied: 0, excluded: 0 },
          omitted: { inbound: 0, outbound: 0 },
          strictBlockers: [blocker('istio-ingressgateway', 8080)],
        }}
      />,
    );
    const row = rowWith('east-1/bookinfo/details-v1');
    const cells = within(row).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent(
      'east-1/bookinfo/details-v1→ east-1/istio-ingress/istio-ingressgateway:8080',
    );
    expect(cells[2].querySelectorAll('wbr').length).toBeGreaterThan(4);
    expect(cells[3]).toHaveTextContent('DISABLEauto mTLS');
  });

  it("warns of every STRICT blocker the API names, also those past the list's cut, and counts what is not listed", async () => {
    const blockers = ['a', 'b', 'c'].map(name => ({
      caller: { cluster: 'east-1', namespace: 'legacy', workload: name },
      services: ['payments/payments-api:9090'],
    }));
    await renderInTestApp(
      <PostureSection
        posture={{
          workloads: [workload({ mode: 'PERMISSIVE', decidedBy: [] })],
          namespaces: [],
          // The API cut the list before these callers: only the blockers name them.
          inbound: [],
          outbound: [],
          outcomes: { mtls: 40, plaintext: 3, fail: 0, denied: 0, excluded: 0 },
          omitted: { inbound: 43, outbound: 0 },
          strictBlockers: blockers,
        }}
      />,
    );
    expect(
      screen.getByText(
        /3 callers send plaintext: moving to STRICT would make them fail/,
      ),
    ).toBeInTheDocument();
    for (const name of ['a', 'b', 'c'])
      expect(screen.getByText(`east-1/legacy/${name}`)).toBeInTheDocument();
    expect(
      screen.getByText(/^43 more connections counted above, not listed/),
    ).toBeInTheDocument();
  });

  it('shows the observed figures of each connection of a joined answer, in the order the backend gave', async () => {
    await renderInTestApp(
      <PostureSection
        posture={observedReviewsView.posture}
        callers="observed"
      />,
    );
    expect(
      screen.getByText('Connections with traffic in the last 5m'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('columnheader').map(header => header.textContent),
    ).toContain('Observed');
    // Worst outcome first, then busiest: the backend's order, kept.
    const rows = screen
      .getAllByRole('row')
      .filter(row => /east-1\/(legacy|bookinfo)\//.test(row.textContent ?? ''));
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell');
    expect(rows.map(row => cells(row)[2].textContent)).toEqual([
      'east-1/legacy/batch→ west-1/bookinfo/reviews:9080',
      'east-1/bookinfo/productpage-v1→ east-1/bookinfo/reviews:9080',
    ]);
    expect(cells(rows[0]).at(-1)).toHaveTextContent(
      '2.5 req/s0% errors · p99 35 msobserved plaintext',
    );
    expect(cells(rows[1]).at(-1)).toHaveTextContent(
      '42.3 req/s1.2% errors · p99 180 msobserved mTLS',
    );
    expect(
      within(rows[1]).getByText('1.2% errors · p99 180 ms'),
    ).toHaveAttribute('title', 'p50 12 ms · p95 80 ms · p99 180 ms');
  });

  it('counts the configured connections nobody used and lists the traffic no configuration allows', async () => {
    await renderInTestApp(
      <PostureSection
        posture={observedReviewsView.posture}
        callers="observed"
      />,
    );
    expect(screen.getByTestId('meshplane-unobserved')).toHaveTextContent(
      '40 configured connections carried no traffic in the last 5m: 1 failing, 39 mTLS. Show “All permitted callers” to list them.',
    );
    // The unused connections are what the API omitted: no second line counts them again.
    expect(screen.queryByText(/more connections? counted above/)).toBeNull();
    const observedOnly = screen.getByTestId('meshplane-observed-only');
    expect(observedOnly).toHaveTextContent(
      'Observed traffic no configuration allows (1 connection)',
    );
    expect(observedOnly).toHaveTextContent(
      'east-1/unknown/unknown → east-1/bookinfo/reviews · 0.5 req/s · 0% errors · p99 14 ms · TLS plaintext',
    );
  });

  it('counts the observed connections past the cut apart from the unused ones', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{
          ...observedReviewsView.posture,
          omitted: { inbound: 42, outbound: 3 },
        }}
        callers="observed"
      />,
    );
    expect(
      screen.getByText(
        '5 more connections counted above, not listed: the least busy past the most each direction lists.',
      ),
    ).toBeInTheDocument();
  });

  it('marks observed TLS that contradicts the configured outcome, and the connections without traffic when every caller is listed', async () => {
    const [plaintext, mtls] = observedReviewsView.posture.inbound;
    const quiet: Edge = { ...plaintextCall('details', 9080) };
    await renderInTestApp(
      <PostureSection
        posture={{
          ...observedReviewsView.posture,
          inbound: [
            plaintext,
            quiet,
            {
              ...mtls,
              observed: {
                ...mtls.observed!,
                tls: { mutualTls: 0.25, plaintext: 0.75, unknown: 0 },
              },
            },
          ],
        }}
        callers="all"
      />,
    );
    expect(screen.getByText('Connections')).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-unobserved')).not.toHaveTextContent(
      /Show/,
    );
    const contradicting = screen.getByText('observed 75% plaintext, 25% mTLS');
    expect(contradicting).toHaveAttribute(
      'title',
      'Observed TLS differs from the configured outcome (mtls)',
    );
    const quietRow = rowWith('istio-ingress/details');
    expect(within(quietRow).getAllByRole('cell').at(-1)).toHaveTextContent(
      /^no traffic$/,
    );
    expect(within(quietRow).getByText('no traffic')).toHaveAttribute(
      'title',
      'Nothing observed on this connection in the window',
    );
  });

  it('has no observed columns when the answer was not joined with traffic', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{ ...observedReviewsView.posture, traffic: undefined }}
      />,
    );
    expect(
      screen.queryByRole('columnheader', { name: 'Observed' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('meshplane-unobserved')).toBeNull();
    expect(screen.queryByTestId('meshplane-observed-only')).toBeNull();
  });
});
