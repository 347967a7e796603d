import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import { findingDocumentationUrl } from './findingDocumentationUrl';

/**
 * A finding code linked to its documentation (Istio, Kiali, or the Meshplane
 * engine README when `meshplane.docs.engineReadmeUrl` is configured).
 *
 * @public
 */
export function FindingCodeLink(props: { code: string }) {
  const config = useApi(configApiRef);
  const engineReadmeUrl = config.getOptionalString(
    'meshplane.docs.engineReadmeUrl',
  );
  const url = findingDocumentationUrl(props.code, { engineReadmeUrl });
  if (!url) {
    return (
      <Tooltip title="Documented in the Meshplane engine README (plugins/meshplane-common/README.md)">
        <code>{props.code}</code>
      </Tooltip>
    );
  }
  return (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      <code>{props.code}</code>
    </Link>
  );
}
