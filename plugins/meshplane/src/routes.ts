import {
  type AnyParams,
  createExternalRouteRef,
  createRouteRef,
  type ExternalRouteRef,
  type RouteFunc,
  type RouteRef,
  useRouteRef,
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
 * Route of the requests page (`/meshplane/requests`, a request at
 * `/meshplane/requests/:id`).
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

/**
 * The path function of a route, or `undefined` when the app does not mount
 * (or bind) it, so a component can fall back to plain text. `useRouteRef`
 * throws for an unmounted route only after running all its hooks, so
 * catching keeps the hook order stable.
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params> | ExternalRouteRef<Params, boolean>,
): RouteFunc<Params> | undefined {
  try {
    // Called on every render: the try only catches the throw for an unmounted route.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(routeRef as RouteRef<Params>);
  } catch {
    return undefined;
  }
}
