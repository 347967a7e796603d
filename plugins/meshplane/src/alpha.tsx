import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import {
  findingCodesRouteRef,
  MeshplaneClient,
  meshplaneApiRef,
} from '@meshplane/plugin-meshplane-react';
import { homeWidgets } from './components/Home/homeWidgets';
import { requestExtensions } from './components/Requests/extensions';
import { isMeshAvailable } from './isMeshAvailable';
import {
  createFromTemplateRouteRef,
  requestsRouteRef,
  rootRouteRef,
} from './routes';

/** The Meshplane API client (`api:meshplane`). */
const meshplaneApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: meshplaneApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MeshplaneClient({ discoveryApi, fetchApi }),
    }),
});

/** The fleet page at `/meshplane` (`page:meshplane`). */
const meshplanePage = PageBlueprint.make({
  params: {
    path: '/meshplane',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    title: 'Meshplane',
    icon: <DeviceHubIcon />,
    loader: () =>
      import('./components/FleetPage').then(m =>
        compatWrapper(<m.FleetPageContent />),
      ),
  },
});

/** The pages of Meshplane's finding codes at `/meshplane/codes` (`page:meshplane/codes`). */
const meshplaneCodesPage = PageBlueprint.make({
  name: 'codes',
  params: {
    path: '/meshplane/codes',
    routeRef: convertLegacyRouteRef(findingCodesRouteRef),
    title: 'Meshplane finding codes',
    loader: () =>
      import('./components/FindingCodePage').then(m =>
        compatWrapper(<m.FindingCodesPageContent />),
      ),
  },
});

/** The entity "Mesh" tab (`entity-content:meshplane/mesh`). */
const entityMeshContent = EntityContentBlueprint.make({
  name: 'mesh',
  params: {
    path: '/mesh',
    title: 'Mesh',
    filter: isMeshAvailable,
    loader: () =>
      import('./components/EntityMeshContent').then(m =>
        compatWrapper(<m.EntityMeshContent />),
      ),
  },
});

/** The "Mesh posture" card of the entity overview (`entity-card:meshplane/mesh-posture`). */
const entityMeshPostureCard = EntityCardBlueprint.make({
  name: 'mesh-posture',
  params: {
    filter: isMeshAvailable,
    loader: () =>
      import('./components/EntityMeshPostureCard').then(m =>
        compatWrapper(<m.EntityMeshPostureCard />),
      ),
  },
});

/**
 * The Meshplane plugin for the new frontend system: API, fleet page, entity
 * Mesh tab and posture card. Add extensions to the list below.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'meshplane',
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    codes: convertLegacyRouteRef(findingCodesRouteRef),
    requests: convertLegacyRouteRef(requestsRouteRef),
  },
  externalRoutes: {
    createFromTemplate: convertLegacyRouteRef(createFromTemplateRouteRef),
  },
  extensions: [
    meshplaneApi,
    meshplanePage,
    meshplaneCodesPage,
    entityMeshContent,
    entityMeshPostureCard,
    ...requestExtensions,
    ...homeWidgets,
  ],
});
