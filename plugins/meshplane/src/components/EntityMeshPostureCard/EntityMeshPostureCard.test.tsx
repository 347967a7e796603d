import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import {
  FakeMeshplaneApi,
  httpError,
} from '../../__fixtures__/FakeMeshplaneApi';
import { reviewsView } from '../../__fixtures__/entityMeshView';
import { EntityMeshPostureCard } from './EntityMeshPostureCard';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'bookinfo',
    annotations: { 'meshplane.io/claims': '*/bookinfo' },
  },
};

function render(api: FakeMeshplaneApi, entity: Entity = system) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityMeshPostureCard />
    </EntityProvider>,
    { apis: [[meshplaneApiRef, api]] },
  );
}

describe('EntityMeshPostureCard', () => {
  it('shows status per cluster, failing and plaintext counts, and the top findings', async () => {
    const asked: string[] = [];
    const api = new FakeMeshplaneApi({
      overrides: {
        getEntityMesh: async entity => {
          asked.push(`${entity.kind}:${entity.namespace}/${entity.name}`);
          return reviewsView;
        },
      },
    });
    await render(api);
    expect(await screen.findByText('failing connections')).toBeInTheDocument();
    expect(asked).toEqual(['System:default/bookinfo']);
    expect(screen.getByText('east-1')).toBeInTheDocument();
    expect(screen.getByText('synced')).toBeInTheDocument();
    expect(screen.getByText('degraded')).toBeInTheDocument();
    expect(
      screen.getByText('Referenced host not found: "ratings-v9"'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /IST0101/ })).toBeInTheDocument();
  });

  it('marks the ready pods of a cluster that is down as stale, as of its last sync', async () => {
    const lastSync = new Date(Date.now() - 4 * 60_000).toISOString();
    const [east, west] = reviewsView.clusters;
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({
            ...reviewsView,
            clusters: [
              { ...east, status: 'synced', staleKinds: undefined },
              {
                ...west,
                status: 'unreachable',
                lastSync,
                staleKinds: ['Pod', 'Service'],
              },
            ],
          }),
        },
      }),
    );
    const stale = await screen.findByText(/^as of /);
    expect(stale.parentElement).toHaveTextContent('1/3 ready');
    expect(screen.getAllByText(/^as of/)).toHaveLength(1);
    expect(screen.getByText('2/2 ready').closest('[data-stale]')).toBeNull();
  });

  it('says so when the services run nowhere', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({ ...reviewsView, clusters: [] }),
        },
      }),
    );
    expect(
      await screen.findByText(
        'The linked services run in no connected cluster.',
      ),
    ).toBeInTheDocument();
  });

  it('shows permission denied', async () => {
    await render(
      new FakeMeshplaneApi({ failure: httpError(403, 'Forbidden') }),
    );
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
  });

  it('names the unreachable cluster first when the services run in no cluster that answered', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({
            ...reviewsView,
            clusters: [],
            problems: [
              {
                cluster: 'west-1',
                status: 'unreachable',
                stale: false,
                error: {
                  reason: 'unreachable',
                  message: 'connect ECONNREFUSED 127.0.0.1:6444',
                  at: '2026-01-10T11:30:00Z',
                },
              },
            ],
          }),
        },
      }),
    );
    expect(
      await screen.findByText(/No data from 1 cluster: west-1/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/connect ECONNREFUSED 127.0.0.1:6444/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The linked services run in no cluster that answered.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('The linked services run in no connected cluster.'),
    ).not.toBeInTheDocument();
  });

  it('says how to link an entity that is not linked to the mesh', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: {
          getEntityMesh: async () => ({
            ...reviewsView,
            links: [],
            clusters: [],
          }),
        },
      }),
    );
    expect(
      await screen.findByText(/^Not linked to the mesh: annotate the entity/),
    ).toBeInTheDocument();
    expect(screen.queryByText('failing connections')).not.toBeInTheDocument();
  });

  it("shows the catalog module's findings on the entity", async () => {
    await render(new FakeMeshplaneApi(), {
      ...system,
      metadata: {
        ...system.metadata,
        annotations: {
          ...system.metadata.annotations,
          'meshplane.io/catalog-findings': JSON.stringify([
            {
              code: 'conflicting-owner',
              message:
                'Namespace bookinfo names different owners across clusters',
            },
          ]),
        },
      },
    });
    expect(await screen.findByText('failing connections')).toBeInTheDocument();
    expect(screen.getByText('conflicting-owner')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Namespace bookinfo names different owners across clusters/,
      ),
    ).toBeInTheDocument();
  });
});
