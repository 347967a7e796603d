import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { httpError } from '../../__fixtures__/FakeMeshplaneApi';
import { FakeRequestsApi } from './__fixtures__/requests';
import { renderRequestsView } from './__testUtils__/renderRequestsView';
import { RequestsPage } from './RequestsPage';

jest.setTimeout(30_000);

function render(requests: FakeRequestsApi, initialRouteEntries?: string[]) {
  return renderRequestsView(<RequestsPage />, requests, {
    initialRouteEntries,
  });
}

describe('RequestsPage', () => {
  it('lists the requests and filters them by approval through the backend', async () => {
    const requests = new FakeRequestsApi();
    await render(requests);
    expect(
      await screen.findByRole('link', { name: 'traffic group reviews-plain' }),
    ).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('button', { name: /Approval All/ }));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'PENDING',
      }),
    );
    await waitFor(() =>
      expect(requests.listQueries.at(-1)).toEqual({ approval: 'PENDING' }),
    );
    expect(requests.listQueries[0]).toEqual({});
  });

  it('says so when there is no request', async () => {
    await render(new FakeRequestsApi({ items: [] }));
    expect(
      await screen.findByText('No group requests yet.'),
    ).toBeInTheDocument();
  });

  it('shows permission denied for a user who may not read requests', async () => {
    await render(new FakeRequestsApi({ failure: httpError(403, 'Forbidden') }));
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.request\.read/)).toBeInTheDocument();
  });

  it('opens one request at /:id', async () => {
    await render(new FakeRequestsApi(), ['/r-1']);
    expect(await screen.findByTestId('meshplane-request')).toBeInTheDocument();
    expect(screen.getByText('traffic group reviews-plain')).toBeInTheDocument();
  });

  it('shows a progress bar while a request is loading', async () => {
    await render(new FakeRequestsApi({ pending: true }), ['/r-1']);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
