import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * Route of the fleet page (`/meshplane`). Route refs are legacy refs,
 * converted for the new frontend system in `alpha.tsx`, so components
 * resolve them in both systems.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'meshplane' });

/**
 * Route of the requests page (`/mesh-requests`, a request at
 * `/mesh-requests/:id`).
 *
 * @public
 */
export const requestsRouteRef = createRouteRef({ id: 'meshplane-requests' });

/**
 * The scaffolder's page of one template, where the Mesh requests tab sends
 * users to request a group. Bound to `scaffolder.selectedTemplate` by default
 * (the catalog plugin's `createFromTemplate` works the same way); when the app
 * has no scaffolder, the tab shows no template links.
 *
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'meshplane-create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});

// One helper for optional routes, shared with the web library's components.
export { useOptionalRouteRef } from '@meshplane/plugin-meshplane-react';
