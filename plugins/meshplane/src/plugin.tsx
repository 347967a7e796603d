import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  findingCodesRouteRef,
  MeshplaneClient,
  meshplaneApiRef,
  MeshplaneRequestsClient,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import {
  NAMESPACE_PICKER_FIELD_NAME,
  NamespacePickerField,
} from './components/Requests';
import {
  createFromTemplateRouteRef,
  requestsRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The Meshplane plugin for apps on the legacy frontend system
 * (`@backstage/core-plugin-api`). Apps on the new frontend system use the
 * package's default export instead.
 *
 * @public
 */
export const meshplanePlugin = createPlugin({
  id: 'meshplane',
  apis: [
    createApiFactory({
      api: meshplaneApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshplaneClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: meshplaneRequestsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshplaneRequestsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    requests: requestsRouteRef,
    codes: findingCodesRouteRef,
  },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
});

/**
 * The fleet page; mount it at `/meshplane` (`<Route path="/meshplane" element={<MeshplanePage />} />`).
 *
 * @public
 */
export const MeshplanePage = meshplanePlugin.provide(
  createRoutableExtension({
    name: 'MeshplanePage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The pages of Meshplane's finding codes; mount them at `/meshplane/codes`
 * (`<Route path="/meshplane/codes" element={<MeshplaneFindingCodesPage />} />`):
 * `MPL` codes in findings link there.
 *
 * @public
 */
export const MeshplaneFindingCodesPage = meshplanePlugin.provide(
  createRoutableExtension({
    name: 'MeshplaneFindingCodesPage',
    component: () =>
      import('./components/FindingCodePage').then(m => m.FindingCodesPage),
    mountPoint: findingCodesRouteRef,
  }),
);

/**
 * The entity "Mesh" tab content, for `EntityLayout.Route path="/mesh" if={isMeshAvailable}`.
 *
 * @public
 */
export const EntityMeshContent = meshplanePlugin.provide(
  createComponentExtension({
    name: 'EntityMeshContent',
    component: {
      lazy: () =>
        import('./components/EntityMeshContent').then(m => m.EntityMeshContent),
    },
  }),
);

/**
 * The "Mesh posture" card for the entity overview page.
 *
 * @public
 */
export const EntityMeshPostureCard = meshplanePlugin.provide(
  createComponentExtension({
    name: 'EntityMeshPostureCard',
    component: {
      lazy: () =>
        import('./components/EntityMeshPostureCard').then(
          m => m.EntityMeshPostureCard,
        ),
    },
  }),
);

/**
 * The group requests page; mount it at `/meshplane/requests`.
 *
 * @public
 */
export const MeshplaneRequestsPage = meshplanePlugin.provide(
  createRoutableExtension({
    name: 'MeshplaneRequestsPage',
    component: () => import('./components/Requests').then(m => m.RequestsPage),
    mountPoint: requestsRouteRef,
  }),
);

/**
 * The entity "Mesh requests" tab content, for `EntityLayout.Route path="/mesh-requests" if={hasMeshWorkspace}`.
 *
 * @public
 */
export const EntityMeshRequestsContent = meshplanePlugin.provide(
  createComponentExtension({
    name: 'EntityMeshRequestsContent',
    component: {
      lazy: () =>
        import('./components/Requests').then(m => m.EntityRequestsContent),
    },
  }),
);

/**
 * The scaffolder field `MeshplaneNamespacePicker` (the cluster/namespace
 * selectors of the chosen workspace) for apps on the legacy frontend system:
 *
 * ```tsx
 * <Route path="/create" element={<ScaffolderPage />}>
 *   <ScaffolderFieldExtensions>
 *     <MeshplaneNamespacePickerFieldExtension />
 *   </ScaffolderFieldExtensions>
 * </Route>
 * ```
 *
 * @public
 */
export const MeshplaneNamespacePickerFieldExtension = meshplanePlugin.provide(
  createScaffolderFieldExtension({
    name: NAMESPACE_PICKER_FIELD_NAME,
    component: NamespacePickerField,
  }),
);
