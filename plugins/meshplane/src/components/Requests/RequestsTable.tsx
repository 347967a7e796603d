import { Link, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  meshplaneRequestReadPermission,
  type MeshRequest,
  type MeshRequestListQuery,
} from '@meshplane/plugin-meshplane-common';
import {
  formatDateTime,
  formatRelativeTime,
  MeshplaneErrorPanel,
  useMeshRequests,
  oneLine,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { requestsRouteRef, useOptionalRouteRef } from '../../routes';
import { ApprovalLabel, RequestStatusLabel } from './RequestStatusLabel';

/**
 * The group requests matching a query that the user may read, newest first,
 * each linking to its page. A user who may not read requests (the backend
 * answers 403) sees a permission-denied state naming
 * `meshplane.request.read`; no request at all shows `emptyContent`.
 */
export function RequestsTable(props: {
  title: string;
  query: MeshRequestListQuery;
  /** Shown in the table when there is no request. */
  emptyContent?: ReactNode;
}) {
  const { value, loading, error, retry } = useMeshRequests(props.query);
  const requestsPage = useOptionalRouteRef(requestsRouteRef);
  // Lines break between words only: a narrow column broke "ACCEPTED" and
  // group names mid-word.
  const columns: TableColumn<MeshRequest>[] = [
    wholeWords({
      title: 'Group',
      field: 'group.name',
      render: request => {
        const label = `${request.group.type} group ${request.group.name}`;
        return requestsPage ? (
          <Link to={`${requestsPage()}/${encodeURIComponent(request.id)}`}>
            {label}
          </Link>
        ) : (
          label
        );
      },
    }),
    { title: 'Mode', field: 'group.mode' },
    {
      title: 'Workspace',
      field: 'workspace',
      render: request => (
        <EntityRefLink entityRef={request.workspace} defaultKind="system" />
      ),
    },
    {
      title: 'Requester',
      field: 'requester',
      render: request => (
        <EntityRefLink entityRef={request.requester} defaultKind="user" />
      ),
    },
    {
      title: 'Requested',
      field: 'createdAt',
      render: request => (
        <span title={formatDateTime(request.createdAt)}>
          {formatRelativeTime(request.createdAt)}
        </span>
      ),
    },
    oneLine({
      title: 'Approval',
      field: 'approval.state',
      render: request => <ApprovalLabel state={request.approval.state} />,
    }),
    oneLine({
      title: 'Status',
      field: 'status',
      render: request => <RequestStatusLabel status={request.status} />,
    }),
    {
      title: 'Clusters',
      render: request =>
        request.clusters
          .map(cluster => `${cluster.cluster}: ${cluster.status}`)
          .join(', '),
    },
  ];
  if (error) {
    return (
      <MeshplaneErrorPanel
        error={error}
        permission={meshplaneRequestReadPermission.name}
        subject="the requests"
        retry={retry}
      />
    );
  }
  const requests = value?.items ?? [];
  return (
    <Table<MeshRequest>
      title={props.title}
      columns={columns}
      data={requests}
      isLoading={loading}
      options={{
        paging: requests.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      emptyContent={
        <Typography
          style={{ padding: 16 }}
          data-testid="meshplane-requests-empty"
        >
          {props.emptyContent ?? 'No group requests yet.'}
        </Typography>
      }
    />
  );
}
