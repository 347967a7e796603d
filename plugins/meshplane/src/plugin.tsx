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
  AUTHORIZATION_PICKER_FIELD_NAME,
  AuthorizationPickerField,
  GATEWAY_ROUTE_FIELD_NAME,
  GatewayRouteField,
  NAMESPACE_PICKER_FIELD_NAME,
  NamespacePickerField,
  REACHABILITY_PICKER_FIELD_NAME,
  ReachabilityPickerField,
  REQUEST_PREVIEW_FIELD_NAME,
  RequestPreviewField,
  SERVICE_PICKER_FIELD_NAME,
  ServicePickerField,
  validateAuthorization,
  validateNamespaces,
  validateReachability,
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
export const MeshplanePage: () => JSX.Element = meshplanePlugin.provide(
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
export const MeshplaneFindingCodesPage: () => JSX.Element =
  meshplanePlugin.provide(
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
export const EntityMeshContent: () => JSX.Element = meshplanePlugin.provide(
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
export const EntityMeshPostureCard: () => JSX.Element = meshplanePlugin.provide(
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
 * The group requests page; mount it at `/mesh-requests`.
 *
 * @public
 */
export const MeshplaneRequestsPage: () => JSX.Element = meshplanePlugin.provide(
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
export const EntityMeshRequestsContent: () => JSX.Element =
  meshplanePlugin.provide(
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
    validation: validateNamespaces,
  }),
);

/**
 * The scaffolder field `MeshplaneAuthorizationPicker` (who may call a
 * security group's workloads: the mode, and the service accounts picked from
 * the workspace for CUSTOM) for apps on the legacy frontend system.
 *
 * @public
 */
export const MeshplaneAuthorizationPickerFieldExtension =
  meshplanePlugin.provide(
    createScaffolderFieldExtension({
      name: AUTHORIZATION_PICKER_FIELD_NAME,
      component: AuthorizationPickerField,
      validation: validateAuthorization,
    }),
  );

/**
 * The scaffolder field `MeshplaneReachabilityPicker` (which hosts a traffic
 * group's workloads may call) for apps on the legacy frontend system.
 *
 * @public
 */
export const MeshplaneReachabilityPickerFieldExtension =
  meshplanePlugin.provide(
    createScaffolderFieldExtension({
      name: REACHABILITY_PICKER_FIELD_NAME,
      component: ReachabilityPickerField,
      validation: validateReachability,
    }),
  );

/**
 * The scaffolder field `MeshplaneServicePicker` (a Service of the selected
 * namespaces) for apps on the legacy frontend system.
 *
 * @public
 */
export const MeshplaneServicePickerFieldExtension = meshplanePlugin.provide(
  createScaffolderFieldExtension({
    name: SERVICE_PICKER_FIELD_NAME,
    component: ServicePickerField,
  }),
);

/**
 * The scaffolder field `MeshplaneGatewayRoute` (a gateway route to a Service
 * and port of the workspace) for apps on the legacy frontend system.
 *
 * @public
 */
export const MeshplaneGatewayRouteFieldExtension = meshplanePlugin.provide(
  createScaffolderFieldExtension({
    name: GATEWAY_ROUTE_FIELD_NAME,
    component: GatewayRouteField,
  }),
);

/**
 * The scaffolder field `MeshplaneRequestPreview` (the templates' last step:
 * the dry run's verdict, shown before Create) for apps on the legacy frontend
 * system.
 *
 * @public
 */
export const MeshplaneRequestPreviewFieldExtension = meshplanePlugin.provide(
  createScaffolderFieldExtension({
    name: REQUEST_PREVIEW_FIELD_NAME,
    component: RequestPreviewField,
  }),
);
