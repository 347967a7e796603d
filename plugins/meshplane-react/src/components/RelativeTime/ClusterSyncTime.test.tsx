import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ClusterSyncTime } from './ClusterSyncTime';

describe('ClusterSyncTime', () => {
  it('shows a synced cluster as live, its last confirmation on hover', async () => {
    const lastSync = new Date(Date.now() - 20_000).toISOString();
    await renderInTestApp(
      <ClusterSyncTime status="synced" lastSync={lastSync} />,
    );
    expect(screen.getByText('live')).toHaveAttribute(
      'title',
      `In sync (every watch is open); last confirmed ${new Date(
        lastSync,
      ).toLocaleString()}`,
    );
  });

  it('shows when a cluster that is down was last in sync', async () => {
    const lastSync = new Date(Date.now() - 120_000).toISOString();
    await renderInTestApp(
      <ClusterSyncTime status="unreachable" lastSync={lastSync} />,
    );
    expect(screen.getByText('2 minutes ago')).toHaveAttribute(
      'title',
      new Date(lastSync).toLocaleString(),
    );
  });

  it('says never for a cluster that never synced', async () => {
    await renderInTestApp(
      <ClusterSyncTime status="connecting" lastSync={undefined} />,
    );
    expect(screen.getByText('never')).toBeInTheDocument();
  });
});
