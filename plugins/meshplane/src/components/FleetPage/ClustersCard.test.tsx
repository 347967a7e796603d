import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import type { ClusterSummary } from '@meshplane/plugin-meshplane-common';
import { clusterList } from '../../__fixtures__/entityMeshView';
import { ClustersCard } from './ClustersCard';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const [east, lab, west] = clusterList.items;

function row(cluster: string): HTMLElement {
  return screen
    .getAllByRole('row')
    .find(r => within(r).queryAllByText(cluster).length > 0)!;
}

describe('ClustersCard', () => {
  it('links each cluster to its catalog entity, where the catalog has one', async () => {
    await renderInTestApp(<ClustersCard clusters={[east, lab]} />, {
      apis: [
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Resource',
                metadata: {
                  name: 'east-1',
                  namespace: 'default',
                  annotations: { 'meshplane.io/cluster': 'east-1' },
                },
                spec: { type: 'kubernetes-cluster' },
              },
            ],
          }),
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    await waitFor(() =>
      expect(screen.getByText('east-1').closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/resource/east-1',
      ),
    );
    expect(screen.getByText('lab-1').closest('a')).toBeNull();
  });

  it('shows a synced cluster as live, its object count as it is', async () => {
    const lastSync = minutesAgo(0);
    await renderInTestApp(
      <ClustersCard clusters={[{ ...east, lastSync }, lab]} />,
    );
    const eastRow = row('east-1');
    expect(within(eastRow).getByText('live')).toHaveAttribute(
      'title',
      `In sync (every watch is open); last confirmed ${new Date(
        lastSync,
      ).toLocaleString()}`,
    );
    expect(within(eastRow).getByText('1,243')).toHaveAttribute(
      'title',
      'Pod: 1,200\nService: 40\nVirtualService: 3',
    );
    expect(screen.queryByText(/^as of/)).not.toBeInTheDocument();
  });

  it('marks the object count of an unreachable cluster stale, as of its last sync', async () => {
    await renderInTestApp(
      <ClustersCard clusters={[east, { ...west, lastSync: minutesAgo(10) }]} />,
    );
    const westRow = row('west-1');
    expect(within(westRow).getByText('10 minutes ago')).toBeInTheDocument();
    expect(within(westRow).getByText(/^as of /)).toBeVisible();
    expect(within(westRow).getByText('300')).toHaveAttribute(
      'title',
      'Pod: 300 (stale)',
    );
    expect(within(row('east-1')).queryByText(/^as of/)).toBeNull();
  });

  it('marks a degraded cluster’s count stale and names the kinds that are', async () => {
    const degraded: ClusterSummary = {
      ...east,
      status: 'degraded',
      lastSync: minutesAgo(3),
      staleKinds: ['VirtualService'],
    };
    await renderInTestApp(<ClustersCard clusters={[degraded]} />);
    expect(screen.getByText(/^as of /)).toBeVisible();
    expect(screen.getByText('1,243')).toHaveAttribute(
      'title',
      'Pod: 1,200\nService: 40\nVirtualService: 3 (stale)',
    );
  });

  it('breaks headers and cells between words only, names not at all', async () => {
    await renderInTestApp(<ClustersCard clusters={clusterList.items} />);
    // Every header stays on one line or wraps between words: none is cut.
    for (const header of screen.getAllByRole('columnheader')) {
      expect({
        header: header.textContent,
        whole:
          header.style.whiteSpace === 'nowrap' ||
          header.style.wordBreak === 'normal',
      }).toEqual({ header: header.textContent, whole: true });
    }
    expect(screen.getByText('east-1').closest('td')).toHaveStyle({
      whiteSpace: 'nowrap',
      wordBreak: 'normal',
    });
  });
});
