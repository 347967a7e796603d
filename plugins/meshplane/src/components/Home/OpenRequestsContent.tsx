import { Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  meshplaneRequestReadPermission,
  type MeshRequest,
} from '@meshplane/plugin-meshplane-common';
import {
  formatRelativeTime,
  MeshplaneErrorPanel,
  useMeshRequests,
} from '@meshplane/plugin-meshplane-react';
import { requestsRouteRef, useOptionalRouteRef } from '../../routes';

/** At most this many open requests are listed; the requests page has them all. */
const MAX_REQUESTS = 8;

/** What is still to happen to an open request, in words. */
function openState(request: MeshRequest): string {
  if (request.approval.state === 'PENDING') return 'waiting for approval';
  switch (request.status) {
    case 'FAILED':
      return 'rollout failed';
    case 'PARTIAL':
      return 'rolled out partly';
    default:
      return 'rolling out';
  }
}

/** Requests still open: not decided yet, or approved and not READY in every cluster. */
const isOpen = (request: MeshRequest) =>
  request.approval.state === 'PENDING' ||
  (request.approval.state === 'APPROVED' && request.status !== 'READY');

/**
 * The mesh requests the user may read that are still open (waiting for an
 * approval, or approved and not rolled out everywhere), newest first.
 * Content of the home page widget "Open mesh requests".
 */
export function OpenRequestsContent() {
  const { value, error, retry } = useMeshRequests({});
  const requestsPage = useOptionalRouteRef(requestsRouteRef);
  if (error) {
    return (
      <MeshplaneErrorPanel
        error={error}
        permission={meshplaneRequestReadPermission.name}
        subject="mesh requests"
        retry={retry}
      />
    );
  }
  if (!value) return <Progress />;
  const open = value.items.filter(isOpen);
  const page = requestsPage?.();
  if (open.length === 0) {
    return (
      <Typography data-testid="meshplane-home-open-requests">
        No open mesh requests. {page && <Link to={page}>All requests</Link>}
      </Typography>
    );
  }
  return (
    <div data-testid="meshplane-home-open-requests">
      <List dense disablePadding>
        {open.slice(0, MAX_REQUESTS).map(request => {
          const label = `${request.group.type} group ${request.group.name}`;
          return (
            <ListItem key={request.id} disableGutters>
              <ListItemText
                primary={
                  page ? (
                    <Link to={`${page}/${encodeURIComponent(request.id)}`}>
                      {label}
                    </Link>
                  ) : (
                    label
                  )
                }
                secondary={
                  <>
                    {openState(request)},{' '}
                    {formatRelativeTime(request.createdAt)}
                    <br />
                    workspace{' '}
                    <EntityRefLink
                      entityRef={request.workspace}
                      defaultKind="system"
                    />
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
      {page && (
        <Typography variant="body2">
          <Link to={page}>
            {open.length > MAX_REQUESTS
              ? `All ${open.length} open requests`
              : 'All requests'}
          </Link>
        </Typography>
      )}
    </div>
  );
}
