import {
  type AnyParams,
  createRouteRef,
  type ExternalRouteRef,
  type RouteFunc,
  type RouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * Route of the page that documents Meshplane's own finding codes
 * (`/meshplane/codes`, one code at `/meshplane/codes/MPL0001`). Mounted by the
 * Meshplane frontend plugin; {@link FindingCodeLink} links `MPL` codes there.
 *
 * @public
 */
export const findingCodesRouteRef = createRouteRef({
  id: 'meshplane-finding-codes',
});

/**
 * The path function of a route, or `undefined` when the app does not mount
 * (or bind) it, so a component can fall back to plain text. `useRouteRef`
 * throws for an unmounted route only after running all its hooks, so
 * catching keeps the hook order stable.
 *
 * @public
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
