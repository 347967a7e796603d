import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  type RenderTestAppOptions,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  meshplaneApiRef,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import type { ReactElement } from 'react';
import { FakeMeshplaneApi } from '../../../__fixtures__/FakeMeshplaneApi';
import { requestsRouteRef } from '../../../routes';
import type { FakeRequestsApi } from '../__fixtures__/requests';

/**
 * Renders a requests view in a test app with the requests API fake, the
 * Meshplane API fake, an empty catalog, a signed-in user, and the requests
 * page and entity pages mounted (plus `mountedRoutes`).
 */
export function renderRequestsView(
  element: ReactElement,
  requests: FakeRequestsApi,
  options: Pick<
    RenderTestAppOptions,
    'mountedRoutes' | 'initialRouteEntries'
  > & {
    /** The signed-in user; default `user:default/test`. */
    user?: string;
  } = {},
) {
  return renderInTestApp(element, {
    apis: [
      [meshplaneApiRef, new FakeMeshplaneApi()],
      [meshplaneRequestsApiRef, requests],
      [catalogApiRef, catalogApiMock()],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: options.user ?? 'user:default/test',
        }),
      ],
    ],
    mountedRoutes: {
      '/mesh-requests': requestsRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...options.mountedRoutes,
    },
    initialRouteEntries: options.initialRouteEntries,
  });
}
