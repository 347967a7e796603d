import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import { screen } from '@testing-library/react';
import { FakeMeshplaneApi } from '../../__fixtures__/FakeMeshplaneApi';
import { MeshplaneClusterStatus } from './MeshplaneClusterStatus';

const cluster = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations: { 'meshplane.io/cluster': name } },
  spec: { type: 'kubernetes-cluster' },
});

describe('MeshplaneClusterStatus', () => {
  it('shows the live status of each cluster from one shared cluster list', async () => {
    const api = new FakeMeshplaneApi();
    const reads = jest.spyOn(api, 'getClusters');
    await renderInTestApp(
      <>
        <MeshplaneClusterStatus entity={cluster('east-1')} />
        <MeshplaneClusterStatus entity={cluster('west-1')} />
        <MeshplaneClusterStatus entity={cluster('gone-1')} />
      </>,
      { apis: [[meshplaneApiRef, api]] },
    );
    expect(await screen.findByText('synced')).toBeInTheDocument();
    expect(screen.getByText('unreachable')).toBeInTheDocument();
    expect(screen.getByText('not configured')).toBeInTheDocument();
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
