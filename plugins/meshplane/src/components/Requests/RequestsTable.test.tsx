import { screen } from '@testing-library/react';
import { httpError } from '../../__fixtures__/FakeMeshplaneApi';
import { FakeRequestsApi } from './__fixtures__/requests';
import { renderRequestsView } from './__testUtils__/renderRequestsView';
import { RequestsTable } from './RequestsTable';

jest.setTimeout(30_000);

function render(requests: FakeRequestsApi, emptyContent?: string) {
  return renderRequestsView(
    <RequestsTable
      title="Mesh requests"
      query={{ workspace: 'system:default/bookinfo' }}
      emptyContent={emptyContent}
    />,
    requests,
  );
}

describe('RequestsTable', () => {
  it('lists the requests of its query, each linking to its page', async () => {
    const requests = new FakeRequestsApi();
    await render(requests);
    expect(
      await screen.findByRole('link', { name: 'traffic group reviews-plain' }),
    ).toHaveAttribute('href', '/mesh-requests/r-1');
    expect(screen.getByText('PENDING approval')).toBeInTheDocument();
    expect(screen.getByText('east-1: ACCEPTED')).toBeInTheDocument();
    expect(requests.listQueries).toEqual([
      { workspace: 'system:default/bookinfo' },
    ]);
  });

  it('shows a loading state while the backend has not answered', async () => {
    await render(new FakeRequestsApi({ pending: true }));
    expect(screen.getByTestId('loading-indicator')).toBeInTheDocument();
    expect(
      screen.queryByTestId('meshplane-requests-empty'),
    ).not.toBeInTheDocument();
  });

  it('says there are no requests, in the words of its caller', async () => {
    await render(
      new FakeRequestsApi({ items: [] }),
      'No group requests for system:default/bookinfo yet.',
    );
    expect(
      await screen.findByText(
        'No group requests for system:default/bookinfo yet.',
      ),
    ).toBeInTheDocument();
  });

  it('shows permission denied, naming meshplane.request.read, when the backend answers 403', async () => {
    await render(new FakeRequestsApi({ failure: httpError(403, 'Forbidden') }));
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.request\.read/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows other failures with a retry', async () => {
    await render(
      new FakeRequestsApi({ failure: httpError(500, 'database exploded') }),
    );
    expect(
      (await screen.findAllByText(/database exploded/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });
});
