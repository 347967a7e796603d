import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { EntityCluster } from '@meshplane/plugin-meshplane-common';
import { reviewsView } from '../../__fixtures__/entityMeshView';
import { ClustersSection } from './ClustersSection';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

/** east-1 synced (live), west-1 in the state given. */
function clusters(west: Partial<EntityCluster>): EntityCluster[] {
  const [east, westCluster] = reviewsView.clusters;
  return [
    {
      ...east,
      status: 'synced',
      lastSync: minutesAgo(0),
      staleKinds: undefined,
    },
    { ...westCluster, ...west },
  ];
}

/** The row of a table (by its first cell's text). */
function row(cluster: string, table: number): HTMLElement {
  const rows = within(screen.getAllByRole('table')[table]).getAllByRole('row');
  return rows.find(r => within(r).queryAllByText(cluster).length > 0)!;
}

describe('ClustersSection', () => {
  it('says so when the linked services run in no connected cluster', async () => {
    await renderInTestApp(<ClustersSection clusters={[]} workloads={[]} />);
    expect(
      screen.getByText('The linked services run in no connected cluster.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Runs in/)).not.toBeInTheDocument();
  });

  it('lists the clusters and says so when no workload is selected', async () => {
    await renderInTestApp(
      <ClustersSection clusters={reviewsView.clusters} workloads={[]} />,
    );
    expect(screen.getByText('Runs in east-1, west-1')).toBeInTheDocument();
    expect(
      screen.getByText('No workloads selected by the linked services.'),
    ).toBeInTheDocument();
  });

  it('shows a synced cluster as live and its counts as they are', async () => {
    const lastSync = minutesAgo(0);
    await renderInTestApp(
      <ClustersSection
        clusters={clusters({ status: 'synced', lastSync })}
        workloads={reviewsView.workloads}
      />,
    );
    const west = row('west-1', 0);
    expect(within(west).getByText('live')).toHaveAttribute(
      'title',
      `In sync (every watch is open); last confirmed ${new Date(
        lastSync,
      ).toLocaleString()}`,
    );
    expect(within(west).getByText('1/3 ready')).toBeInTheDocument();
    expect(screen.queryByText(/^as of/)).not.toBeInTheDocument();
    expect(screen.queryByText('never')).not.toBeInTheDocument();
  });

  it('marks the counts of an unreachable cluster stale, as of its last sync', async () => {
    await renderInTestApp(
      <ClustersSection
        clusters={clusters({
          status: 'unreachable',
          lastSync: minutesAgo(5),
          staleKinds: ['Deployment', 'Pod', 'Service'],
        })}
        workloads={reviewsView.workloads}
      />,
    );
    const west = row('west-1', 0);
    expect(within(west).getByText('5 minutes ago')).toBeInTheDocument();
    // Workloads and pods, each marked.
    expect(within(west).getAllByText(/^as of /)).toHaveLength(2);
    expect(
      within(west).getByText('1/3 ready').closest('[data-stale]'),
    ).not.toBeNull();
    expect(within(row('east-1', 0)).queryByText(/^as of/)).toBeNull();
    // The workloads table marks the ready pods of west-1's workloads only.
    const westWorkload = row('west-1', 1);
    expect(within(westWorkload).getByText(/^as of /)).toBeVisible();
    for (const east of within(screen.getAllByRole('table')[1])
      .getAllByRole('row')
      .filter(r => within(r).queryAllByText('east-1').length > 0)) {
      expect(within(east).queryByText(/^as of/)).toBeNull();
    }
  });

  it('marks counts stale when a kind they are made of fails, not for other kinds', async () => {
    await renderInTestApp(
      <ClustersSection
        clusters={clusters({
          status: 'degraded',
          lastSync: minutesAgo(2),
          staleKinds: ['VirtualService'],
        })}
        workloads={[]}
      />,
    );
    expect(within(row('west-1', 0)).queryByText(/^as of/)).toBeNull();
  });

  it('breaks headers and cells between words only, names not at all', async () => {
    await renderInTestApp(
      <ClustersSection
        clusters={reviewsView.clusters}
        workloads={reviewsView.workloads}
      />,
    );
    // Every header stays on one line or wraps between words: none is cut.
    for (const header of screen.getAllByRole('columnheader')) {
      expect({
        header: header.textContent,
        whole:
          header.style.whiteSpace === 'nowrap' ||
          header.style.wordBreak === 'normal',
      }).toEqual({ header: header.textContent, whole: true });
    }
    const workload = reviewsView.workloads[0];
    expect(
      screen
        .getAllByText(`${workload.namespace}/${workload.name}`)[0]
        .closest('td'),
    ).toHaveStyle({ whiteSpace: 'nowrap', wordBreak: 'normal' });
  });
});
