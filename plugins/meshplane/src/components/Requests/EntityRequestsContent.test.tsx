import type { Entity } from '@backstage/catalog-model';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { httpError } from '../../__fixtures__/FakeMeshplaneApi';
import { createFromTemplateRouteRef } from '../../routes';
import { FakeRequestsApi } from './__fixtures__/requests';
import { renderRequestsView } from './__testUtils__/renderRequestsView';
import { EntityRequestsContent, workspaceOf } from './EntityRequestsContent';

jest.setTimeout(30_000);

/** A service Component as the catalog module emits it: `spec.system` is a full ref. */
const productpage: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'productpage.bookinfo',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'meshplane-provider:default',
      'meshplane.io/services': 'bookinfo/productpage',
      'meshplane.io/clusters': 'east-1,east-2',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/bookinfo-team',
    system: 'system:default/bookinfo',
    dependsOn: ['resource:default/east-1', 'resource:default/east-2'],
  },
};

function component(
  system: string | number | undefined,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'c', ...(namespace ? { namespace } : {}) },
    spec: { type: 'service', owner: 'team', system },
  };
}

describe('workspaceOf', () => {
  it.each([
    [component('system:default/bookinfo'), 'system:default/bookinfo'],
    [component('bookinfo'), 'system:default/bookinfo'],
    [component('default/bookinfo', 'shop'), 'system:default/bookinfo'],
    [component('bookinfo', 'shop'), 'system:shop/bookinfo'],
    [component('System:Default/bookinfo'), 'system:default/bookinfo'],
    [component(undefined), undefined],
    [component(''), undefined],
    [component(42), undefined],
    [component('system:default/'), undefined],
  ])('finds the workspace of %j', (entity, expected) => {
    expect(workspaceOf(entity)).toBe(expected);
  });

  it('takes a System with claims as its own workspace, and no other kind', () => {
    const system = (annotations: Record<string, string>): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'bookinfo', namespace: 'default', annotations },
    });
    expect(workspaceOf(system({ 'meshplane.io/claims': '*/bookinfo' }))).toBe(
      'system:default/bookinfo',
    );
    expect(workspaceOf(system({}))).toBeUndefined();
    expect(workspaceOf({ ...productpage, kind: 'Resource' })).toBeUndefined();
  });
});

function render(
  requests: FakeRequestsApi,
  options: { scaffolder?: boolean } = { scaffolder: true },
) {
  return renderRequestsView(
    <EntityProvider entity={productpage}>
      <EntityRequestsContent />
    </EntityProvider>,
    requests,
    {
      mountedRoutes: options.scaffolder
        ? {
            '/create/templates/:namespace/:templateName': convertLegacyRouteRef(
              createFromTemplateRouteRef,
            ),
          }
        : {},
    },
  );
}

describe('EntityRequestsContent', () => {
  it("lists the requests of a catalog-module service's System, with links to the templates", async () => {
    const requests = new FakeRequestsApi();
    await render(requests);
    expect(
      await screen.findByRole('link', { name: 'traffic group reviews-plain' }),
    ).toBeInTheDocument();
    expect(requests.listQueries).toEqual([
      { workspace: 'system:default/bookinfo' },
    ]);
    expect(
      screen.getByText('Requests of workspace system:default/bookinfo'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request a security group' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/meshplane-security-group',
    );
  });

  it('offers no template links when the app has no scaffolder', async () => {
    await render(new FakeRequestsApi({ items: [] }), { scaffolder: false });
    expect(
      await screen.findByText(
        'No group requests for system:default/bookinfo yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Request a/ }),
    ).not.toBeInTheDocument();
  });

  it('points to the templates when the workspace has no requests yet', async () => {
    await render(new FakeRequestsApi({ items: [] }));
    expect(
      await screen.findByText(
        'No group requests for system:default/bookinfo yet. Request one with the buttons above.',
      ),
    ).toBeInTheDocument();
  });

  it('shows permission denied when the user may not read requests', async () => {
    await render(new FakeRequestsApi({ failure: httpError(403, 'Forbidden') }));
    expect(await screen.findByText('Permission required')).toBeInTheDocument();
    expect(screen.getByText(/meshplane\.request\.read/)).toBeInTheDocument();
  });
});
