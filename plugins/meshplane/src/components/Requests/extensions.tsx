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

/** The requests page at `/meshplane/requests` (`page:meshplane/requests`). @alpha */
export const meshplaneRequestsPage = PageBlueprint.make({
  name: 'requests',
  params: {
    path: '/meshplane/requests',
    routeRef: convertLegacyRouteRef(requestsRouteRef),
    title: 'Mesh requests',
    icon: <AssignmentIcon />,
    loader: () =>
      import('./RequestsPage').then(m => compatWrapper(<m.RequestsPage />)),
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
      import('./NamespacePickerField').then(m =>
        createFormField({
          name: m.NAMESPACE_PICKER_FIELD_NAME,
          component: m.NamespacePickerField,
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
];
