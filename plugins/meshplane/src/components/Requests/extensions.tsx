import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import {
  MeshplaneRequestsClient,
  meshplaneRequestsApiRef,
} from '@meshplane/plugin-meshplane-react';
import { hasMeshWorkspace } from './EntityRequestsContent';
import { requestsRouteRef } from '../../routes';

/** The group requests API client (`api:meshplane/requests`). @alpha */
export const meshplaneRequestsApi = ApiBlueprint.make({
  name: 'requests',
  params: defineParams =>
    defineParams({
      api: meshplaneRequestsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshplaneRequestsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The requests page at `/mesh-requests` (`page:meshplane/requests`), under
 * the portal's page header like every page. A path of its own, not under
 * `/meshplane`, so that the sidebar highlights only "Mesh requests" there
 * (a nav item stays highlighted on every path below its own).
 *
 * @alpha
 */
export const meshplaneRequestsPage = PageBlueprint.make({
  name: 'requests',
  params: {
    path: '/mesh-requests',
    routeRef: convertLegacyRouteRef(requestsRouteRef),
    title: 'Mesh requests',
    icon: <AssignmentIcon />,
    loader: () =>
      import('./RequestsPage').then(m =>
        compatWrapper(<m.RequestsPageContent />),
      ),
  },
});

/** The entity "Mesh requests" tab of workspaces and their components (`entity-content:meshplane/requests`). @alpha */
export const entityMeshRequestsContent = EntityContentBlueprint.make({
  name: 'requests',
  params: {
    path: '/mesh-requests',
    title: 'Mesh requests',
    group: 'deployment',
    filter: hasMeshWorkspace,
    loader: () =>
      import('./EntityRequestsContent').then(m =>
        compatWrapper(<m.EntityRequestsContent />),
      ),
  },
});

/** The scaffolder field `MeshplaneNamespacePicker` (`scaffolder-form-field:meshplane/namespace-picker`). @alpha */
export const meshplaneNamespacePickerField = FormFieldBlueprint.make({
  name: 'namespace-picker',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.NAMESPACE_PICKER_FIELD_NAME,
          component: m.NamespacePickerField,
          validation: m.validateNamespaces,
        }),
      ),
  },
});

/** The scaffolder field `MeshplaneAuthorizationPicker` (`scaffolder-form-field:meshplane/authorization-picker`). @alpha */
export const meshplaneAuthorizationPickerField = FormFieldBlueprint.make({
  name: 'authorization-picker',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.AUTHORIZATION_PICKER_FIELD_NAME,
          component: m.AuthorizationPickerField,
          validation: m.validateAuthorization,
        }),
      ),
  },
});

/** The scaffolder field `MeshplaneReachabilityPicker` (`scaffolder-form-field:meshplane/reachability-picker`). @alpha */
export const meshplaneReachabilityPickerField = FormFieldBlueprint.make({
  name: 'reachability-picker',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.REACHABILITY_PICKER_FIELD_NAME,
          component: m.ReachabilityPickerField,
          validation: m.validateReachability,
        }),
      ),
  },
});

/** The scaffolder field `MeshplaneServicePicker` (`scaffolder-form-field:meshplane/service-picker`). @alpha */
export const meshplaneServicePickerField = FormFieldBlueprint.make({
  name: 'service-picker',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.SERVICE_PICKER_FIELD_NAME,
          component: m.ServicePickerField,
        }),
      ),
  },
});

/** The scaffolder field `MeshplaneGatewayRoute` (`scaffolder-form-field:meshplane/gateway-route`). @alpha */
export const meshplaneGatewayRouteField = FormFieldBlueprint.make({
  name: 'gateway-route',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.GATEWAY_ROUTE_FIELD_NAME,
          component: m.GatewayRouteField,
        }),
      ),
  },
});

/** The scaffolder field `MeshplaneRequestPreview` (`scaffolder-form-field:meshplane/request-preview`). @alpha */
export const meshplaneRequestPreviewField = FormFieldBlueprint.make({
  name: 'request-preview',
  params: {
    field: () =>
      import('./formFields').then(m =>
        createFormField({
          name: m.REQUEST_PREVIEW_FIELD_NAME,
          component: m.RequestPreviewField,
        }),
      ),
  },
});

/** Every extension of the requests, for the plugin's extension list. @alpha */
export const requestExtensions = [
  meshplaneRequestsApi,
  meshplaneRequestsPage,
  entityMeshRequestsContent,
  meshplaneNamespacePickerField,
  meshplaneAuthorizationPickerField,
  meshplaneReachabilityPickerField,
  meshplaneServicePickerField,
  meshplaneGatewayRouteField,
  meshplaneRequestPreviewField,
];
