import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import { findingCodesRouteRef, useOptionalRouteRef } from '../../routes';
import { findingDocumentationUrl } from './findingDocumentationUrl';

/**
 * A finding code linked to its documentation: Istio's and Kiali's sites for
 * their codes (in a new tab), Meshplane's code page in the portal for `MPL`
 * codes (or the engine README when `meshplane.docs.engineReadmeUrl` is
 * configured and the page is not mounted).
 *
 * @public
 */
export function FindingCodeLink(props: { code: string }) {
  const config = useApi(configApiRef);
  const codesPage = useOptionalRouteRef(findingCodesRouteRef)?.();
  const engineReadmeUrl = config.getOptionalString(
    'meshplane.docs.engineReadmeUrl',
  );
  const url = findingDocumentationUrl(props.code, {
    codesPage,
    engineReadmeUrl,
  });
  if (!url) {
    return (
      <Tooltip title="Documented in the Meshplane engine README (plugins/meshplane-common/README.md)">
        <code>{props.code}</code>
      </Tooltip>
    );
  }
  if (codesPage && url.startsWith(codesPage)) {
    return (
      <Link to={url} title={`What ${props.code} means and how to fix it`}>
        <code>{props.code}</code>
      </Link>
    );
  }
  return (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      <code>{props.code}</code>
    </Link>
  );
}
