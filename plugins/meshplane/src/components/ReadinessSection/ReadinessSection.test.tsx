import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { meshplaneApiRef } from '@meshplane/plugin-meshplane-react';
import {
  FakeMeshplaneApi,
  httpError,
} from '../../__fixtures__/FakeMeshplaneApi';
import { readiness } from '../../__fixtures__/entityMeshView';
import { ReadinessSection } from './ReadinessSection';

function render(api: FakeMeshplaneApi, namespaces: string[]) {
  return renderInTestApp(<ReadinessSection namespaces={namespaces} />, {
    apis: [[meshplaneApiRef, api]],
  });
}

describe('ReadinessSection', () => {
  it('lists what breaks and what changes per cluster, with the Istio rule', async () => {
    await render(new FakeMeshplaneApi(), ['shop']);
    const cluster = await screen.findByTestId('meshplane-readiness-east-1');
    expect(
      within(cluster).getByText(
        /3 sidecar, 0 ambient, 0 out of the mesh · not ready: 1 thing would break, 1 change of meaning/,
      ),
    ).toBeInTheDocument();
    expect(
      within(cluster).getByText('AuthorizationPolicy shop/get-only'),
    ).toBeInTheDocument();
    expect(
      within(cluster).getByText(
        'pilot/pkg/serviceregistry/ambient/authorization.go',
      ),
    ).toBeInTheDocument();
    expect(within(cluster).getByText('breaks')).toBeInTheDocument();
    expect(within(cluster).getByText('changes')).toBeInTheDocument();
  });

  it('asks for the chosen namespace when the entity has several', async () => {
    const asked: string[] = [];
    const api = new FakeMeshplaneApi({
      overrides: {
        getNamespaceReadiness: async namespace => {
          asked.push(namespace);
          return readiness(namespace);
        },
      },
    });
    await render(api, ['orders', 'shop']);
    await screen.findByText('AuthorizationPolicy orders/get-only');
    fireEvent.mouseDown(screen.getByRole('button', { name: /orders/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'shop' }));
    expect(
      await screen.findByText('AuthorizationPolicy shop/get-only'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['orders', 'shop']);
  });

  it('says when the namespace is in no cluster', async () => {
    await render(
      new FakeMeshplaneApi({
        overrides: { getNamespaceReadiness: async () => [] },
      }),
      ['gone'],
    );
    expect(
      await screen.findByText('Namespace gone is in no connected cluster.'),
    ).toBeInTheDocument();
  });

  it('names the missing permission when the backend refuses', async () => {
    await render(
      new FakeMeshplaneApi({ failure: httpError(403, 'Forbidden') }),
      ['shop'],
    );
    expect(
      await screen.findByText(/meshplane\.fleet\.read/),
    ).toBeInTheDocument();
  });
});
