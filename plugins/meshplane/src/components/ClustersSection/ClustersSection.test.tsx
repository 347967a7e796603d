import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { reviewsView } from '../../__fixtures__/entityMeshView';
import { ClustersSection } from './ClustersSection';

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
});
