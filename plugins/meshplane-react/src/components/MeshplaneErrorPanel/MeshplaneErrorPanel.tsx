import {
  EmptyState,
  ErrorPanel,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import { isNotFound, isPermissionDenied } from '../../api';

/**
 * Shows why a Meshplane call failed: a permission-denied state naming the
 * missing permission, a not-found state, or the error itself with a retry.
 *
 * @public
 */
export function MeshplaneErrorPanel(props: {
  error: Error;
  /** Name of the permission the call needs, e.g. `meshplane.entity.read`. */
  permission: string;
  /** What the call was for, e.g. `the mesh view of this entity`. */
  subject: string;
  retry?: () => void;
}) {
  const { error, permission, subject, retry } = props;
  if (isPermissionDenied(error)) {
    return (
      <EmptyState
        missing="info"
        title="Permission required"
        description={`You are not allowed to see ${subject}: the permission ${permission} is not granted to you. Ask the portal's administrators or the owners of this data.`}
      />
    );
  }
  if (isNotFound(error)) {
    return (
      <EmptyState
        missing="data"
        title="Not found"
        description={`Meshplane does not know ${subject}: ${error.message}`}
      />
    );
  }
  return (
    <>
      {error instanceof ResponseError ? (
        <ResponseErrorPanel error={error} title={`Could not load ${subject}`} />
      ) : (
        <ErrorPanel error={error} title={`Could not load ${subject}`} />
      )}
      {retry && (
        <Button
          variant="outlined"
          color="primary"
          onClick={retry}
          style={{ marginTop: 8 }}
        >
          Try again
        </Button>
      )}
    </>
  );
}
