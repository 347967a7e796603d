import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { PostureSection } from './PostureSection';

describe('PostureSection', () => {
  it('says so when there are no workloads and no connections', async () => {
    await renderInTestApp(
      <PostureSection
        posture={{
          workloads: [],
          namespaces: [],
          inbound: [],
          outbound: [],
          outcomes: { mtls: 0, plaintext: 0, fail: 0, excluded: 0 },
        }}
      />,
    );
    expect(
      screen.getByText(
        '0 mTLS · 0 plaintext · 0 failing · 0 excluded connections',
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
    expect(screen.queryByText(/use mutual TLS/)).not.toBeInTheDocument();
  });
});
