import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { FakeRequestsApi, pendingRequest } from './__fixtures__/requests';
import { renderRequestsView } from './__testUtils__/renderRequestsView';
import { RequestDetailView } from './RequestDetailView';

jest.setTimeout(30_000);

describe('RequestDetailView', () => {
  it('shows the breaking preview and lets an approver approve with a comment', async () => {
    const requests = new FakeRequestsApi();
    await renderRequestsView(<RequestDetailView id="r-1" />, requests);
    expect(
      await screen.findByText(/This request breaks traffic/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Edges that would start failing'),
    ).toBeInTheDocument();
    expect(screen.getByText(/rejects plaintext/)).toBeInTheDocument();
    expect(screen.getByText('PENDING approval')).toBeInTheDocument();

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Comment'), {
        target: { value: 'ok for canary' },
      });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    await waitFor(() =>
      expect(screen.getByText('APPROVED')).toBeInTheDocument(),
    );
    expect(requests.approvals).toEqual([
      { id: 'r-1', comment: 'ok for canary' },
    ]);
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText('READY').length).toBeGreaterThan(0);
  });

  it("opens with the one-line verdict of the request's preview", async () => {
    await renderRequestsView(
      <RequestDetailView id="r-1" />,
      new FakeRequestsApi(),
    );
    const verdict = await screen.findByTestId('meshplane-preview-verdict');
    expect(verdict).toHaveTextContent(
      'Breaking: 1 caller → service edge would start failing (bookinfo/productpage-v1 → reviews.bookinfo:9080). east-1: 1 to create.',
    );
    // Above everything else: the request's card comes after it.
    expect(
      verdict.compareDocumentPosition(
        screen.getByText('traffic group reviews-plain'),
      ) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      screen.getByText(
        'DIRECT: Istio objects supplied as YAML, validated and applied as given',
      ),
    ).toBeInTheDocument();
  });

  it.each([
    [
      'an owner other than the requester',
      { selfApproval: false },
      'Waiting for an owner of the workspace other than the requester, or a platform admin, to approve.',
    ],
    [
      'any owner when self-approval is allowed',
      { selfApproval: true },
      'Waiting for an owner of the workspace (the requester too: self-approval is allowed in this portal) or a platform admin to approve.',
    ],
  ])('says who approves: %s', async (_case, overrides, note) => {
    await renderRequestsView(
      <RequestDetailView id="r-1" />,
      new FakeRequestsApi({
        request: pendingRequest({
          ...overrides,
          actions: { approve: false, retry: false },
        }),
      }),
    );
    expect(await screen.findByText(note)).toBeInTheDocument();
  });

  it('tells requesters they may approve their own request when self-approval is allowed', async () => {
    await renderRequestsView(
      <RequestDetailView id="r-1" />,
      new FakeRequestsApi({ request: pendingRequest({ selfApproval: true }) }),
      { user: 'user:default/guest' },
    );
    expect(
      await screen.findByText(
        'You requested it, and self-approval is allowed in this portal: you may approve it yourself.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
  });

  it('says why recomputing the preview failed, and keeps the page', async () => {
    const requests = new FakeRequestsApi({
      overrides: {
        refreshPreview: async () => {
          throw new Error('cluster east-1 is unreachable');
        },
      },
    });
    await renderRequestsView(<RequestDetailView id="r-1" />, requests);
    await screen.findByTestId('meshplane-request');
    await act(async () => {
      // By text: a role query over this page takes longer than findBy waits.
      fireEvent.click(screen.getByText('Recompute against live state'));
    });
    expect(
      await screen.findByText(
        'Could not recompute the preview: cluster east-1 is unreachable',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('meshplane-request')).toBeInTheDocument();
  });

  it('follows a rollout for a bounded time, then offers a refresh that follows it again', async () => {
    const rollingOut = pendingRequest({
      approval: { state: 'APPROVED', decidedBy: 'user:default/dave' },
      actions: { approve: false, retry: false },
    });
    const requests = new FakeRequestsApi({ request: rollingOut });
    await renderRequestsView(
      <RequestDetailView
        id="r-1"
        rolloutPolling={{ intervalMs: 20, forMs: 500 }}
      />,
      requests,
    );
    const stopped = await screen.findByTestId('meshplane-rollout-stopped');
    expect(stopped).toHaveTextContent(
      'Still rolling out: this page stopped following it. Refresh to see the latest status.',
    );
    // It read the request again while following, then stopped reading.
    const readsWhenStopped = requests.requestReads;
    expect(readsWhenStopped).toBeGreaterThan(1);
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(requests.requestReads).toBe(readsWhenStopped);

    // Refresh reads it at once and follows it again, within a new bound.
    await act(async () => {
      fireEvent.click(within(stopped).getByRole('button', { name: 'Refresh' }));
    });
    await waitFor(() =>
      expect(requests.requestReads).toBeGreaterThan(readsWhenStopped),
    );
    expect(
      await screen.findByTestId('meshplane-rollout-stopped'),
    ).toBeInTheDocument();
  });

  it('names the observed traffic the request breaks, with its rate, and the window it was checked against', async () => {
    const base = pendingRequest();
    const [cluster] = base.preview!.clusters;
    const [failing] = cluster.impact.startFailing;
    const observed = {
      reporter: 'destination' as const,
      protocol: 'http' as const,
      requestsPerSecond: 11,
      errorRate: 0.1,
      tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
    };
    const request = pendingRequest({
      preview: {
        ...base.preview!,
        traffic: {
          window: '5m',
          joined: true,
          observedAt: '2025-06-01T10:00:00.000Z',
          sources: [],
        },
        clusters: [
          {
            ...cluster,
            impact: {
              ...cluster.impact,
              observedAffected: [
                {
                  before: { ...failing.before, observed },
                  after: { ...failing.after, observed },
                },
              ],
            },
          },
        ],
      },
    });
    await renderRequestsView(
      <RequestDetailView id="r-1" />,
      new FakeRequestsApi({ request }),
    );
    const section = await screen.findByTestId('preview-observed-east-1');
    expect(
      within(section).getByText(/these callers are calling now/),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(/11 req\/s, 10% errors/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('preview-traffic')).toHaveTextContent(
      /traffic observed in the last 5m/,
    );
  });
});
