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
});
