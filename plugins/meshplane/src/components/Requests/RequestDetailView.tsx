import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
  Table,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { BreadcrumbEntry } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  meshplaneRequestReadPermission,
  type ClusterRollout,
  type MeshGroupMode,
  type MeshRequestDetail,
  type RequestEvent,
} from '@meshplane/plugin-meshplane-common';
import {
  formatDateTime,
  MeshplaneErrorPanel,
  meshplaneRequestsApiRef,
  useMeshRequest,
} from '@meshplane/plugin-meshplane-react';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import YAML from 'yaml';
import { PreviewSection } from './PreviewSection';
import { PreviewVerdict } from './PreviewVerdict';
import { ApprovalLabel, RequestStatusLabel } from './RequestStatusLabel';

/** How an open request page follows a rollout: read again every 2 s, for 2 minutes at most. */
const DEFAULT_ROLLOUT_POLLING = { intervalMs: 2_000, forMs: 120_000 };

/**
 * Who approves a pending request, as this portal's policy has it: the
 * backend says whether requesters may approve their own requests.
 */
function approvalNote(
  request: MeshRequestDetail,
  viewer?: string,
): string | undefined {
  if (request.actions.approve) {
    return request.selfApproval && viewer === request.requester
      ? 'You requested it, and self-approval is allowed in this portal: you may approve it yourself.'
      : undefined;
  }
  return request.selfApproval
    ? 'Waiting for an owner of the workspace (the requester too: self-approval is allowed in this portal) or a platform admin to approve.'
    : 'Waiting for an owner of the workspace other than the requester, or a platform admin, to approve.';
}

/** What a group's mode means, where the request page shows it. */
const MODE_MEANING: Record<MeshGroupMode, string> = {
  BRIDGED:
    'settings that Meshplane rendered into the objects below (Istio, or Gateway API for a gateway group of a workspace in Gateway API mode), the same way in every cluster',
  DIRECT: 'Istio objects supplied as YAML, validated and applied as given',
};

function Decision(props: {
  request: MeshRequestDetail;
  /** Entity ref of the signed-in user. */
  viewer?: string;
  onChange: (next: MeshRequestDetail) => void;
}) {
  const api = useApi(meshplaneRequestsApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (action: () => Promise<MeshRequestDetail>) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChange(await action());
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const { request } = props;
  const note =
    request.approval.state === 'PENDING'
      ? approvalNote(request, props.viewer)
      : undefined;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 12 }}>
      {request.actions.approve && (
        <>
          <TextField
            id="meshplane-request-comment"
            label="Comment"
            size="small"
            variant="outlined"
            value={comment}
            onChange={event => setComment(event.target.value)}
          />
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() =>
              run(() => api.approveRequest(request.id, comment || undefined))
            }
          >
            Approve
          </Button>
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() =>
              run(() => api.rejectRequest(request.id, comment || undefined))
            }
          >
            Reject
          </Button>
        </>
      )}
      {request.actions.retry && (
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => run(() => api.retryRequest(request.id))}
        >
          Retry failed clusters
        </Button>
      )}
      {note && (
        <Typography variant="body2" color="textSecondary">
          {note}
        </Typography>
      )}
      {error && (
        <Typography variant="body2" color="error">
          {error.message}
        </Typography>
      )}
    </Box>
  );
}

function RecomputePreviewButton(props: {
  id: string;
  onChange: (next: MeshRequestDetail) => void;
}) {
  const api = useApi(meshplaneRequestsApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {error && (
        <Typography variant="body2" color="error">
          Could not recompute the preview: {error.message}
        </Typography>
      )}
      <Button
        size="small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            props.onChange(await api.refreshPreview(props.id));
          } catch (e) {
            setError(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        Recompute against live state
      </Button>
    </Box>
  );
}

/**
 * Re-reads the request while a cluster is still ACCEPTED after approval,
 * within a bound: `true` once the bound is reached with the rollout still
 * running. `restart` starts a new period.
 */
function useRolloutPolling(
  rollingOut: boolean,
  retry: () => void,
  polling: { intervalMs: number; forMs: number },
): { stopped: boolean; restart: () => void } {
  const [period, setPeriod] = useState(0);
  const [stopped, setStopped] = useState(false);
  // `retry` changes with every load; the period must not restart with it.
  const retryRef = useRef(retry);
  retryRef.current = retry;
  useEffect(() => {
    setStopped(false);
    if (!rollingOut) return undefined;
    const startedAt = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - startedAt >= polling.forMs) {
        clearInterval(timer);
        setStopped(true);
      } else {
        retryRef.current();
      }
    }, polling.intervalMs);
    return () => clearInterval(timer);
  }, [rollingOut, polling.intervalMs, polling.forMs, period]);
  return {
    stopped: rollingOut && stopped,
    restart: () => {
      retry();
      setPeriod(p => p + 1);
    },
  };
}

function Rollout(props: { clusters: ClusterRollout[] }) {
  return (
    <Table<ClusterRollout>
      title="Rollout per cluster"
      options={{ paging: false, search: false, padding: 'dense' }}
      data={props.clusters}
      columns={[
        { title: 'Cluster', field: 'cluster' },
        {
          title: 'Status',
          field: 'status',
          render: row => <RequestStatusLabel status={row.status} />,
        },
        {
          title: 'Applied',
          render: row => `${row.appliedCount} of ${row.objectCount}`,
        },
        { title: 'Attempts', field: 'attempts' },
        {
          title: 'Last error',
          field: 'lastError',
          render: row => row.lastError ?? '',
        },
        {
          title: 'Updated',
          field: 'updatedAt',
          render: row => formatDateTime(row.updatedAt),
        },
      ]}
    />
  );
}

function AuditTrail(props: { events: RequestEvent[] }) {
  return (
    <Table<RequestEvent>
      title="Audit trail"
      options={{ paging: false, search: false, padding: 'dense' }}
      data={props.events}
      columns={[
        {
          title: 'When',
          field: 'at',
          render: event => formatDateTime(event.at),
        },
        {
          title: 'Who',
          field: 'actor',
          render: event =>
            event.actor.startsWith('user:') ? (
              <EntityRefLink entityRef={event.actor} />
            ) : (
              event.actor
            ),
        },
        { title: 'What', field: 'action' },
        {
          title: 'Cluster',
          field: 'cluster',
          render: event => event.cluster ?? '',
        },
        { title: 'Details', field: 'message' },
      ]}
    />
  );
}

/**
 * One request: what was asked, its preview (diff and posture impact), the
 * decision, the rollout per cluster and the audit trail. Re-reads the request
 * while a rollout is in progress, for a bounded time.
 */
export function RequestDetailView(props: {
  id: string;
  /** How the page follows a rollout; default every 2 s for 2 minutes. */
  rolloutPolling?: { intervalMs: number; forMs: number };
}) {
  const { value, error, retry } = useMeshRequest(props.id);
  const identityApi = useApi(identityApiRef);
  const viewer = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  ).value;
  const location = useLocation();
  const [request, setRequest] = useState<MeshRequestDetail>();
  useEffect(() => setRequest(value), [value]);

  const rollingOut =
    request?.approval.state === 'APPROVED' &&
    request.clusters.some(cluster => cluster.status === 'ACCEPTED');
  const polling = useRolloutPolling(
    rollingOut,
    retry,
    props.rolloutPolling ?? DEFAULT_ROLLOUT_POLLING,
  );

  if (error) {
    return (
      <MeshplaneErrorPanel
        error={error}
        permission={meshplaneRequestReadPermission.name}
        subject="this request"
        retry={retry}
      />
    );
  }
  if (!request) return <Progress />;

  return (
    <BreadcrumbEntry
      entry={{
        label: `${request.group.type} group ${request.group.name}`,
        href: location.pathname,
      }}
    >
      <Grid container spacing={3} data-testid="meshplane-request">
        <Grid item xs={12}>
          {request.preview ? (
            <PreviewVerdict preview={request.preview} />
          ) : (
            <Typography variant="body1">
              No preview stored: recompute it below before deciding.
            </Typography>
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title={`${request.group.type} group ${request.group.name}`}>
            <StructuredMetadataTable
              metadata={{
                workspace: <EntityRefLink entityRef={request.workspace} />,
                requester: <EntityRefLink entityRef={request.requester} />,
                requested: formatDateTime(request.createdAt),
                mode: `${request.group.mode}: ${
                  MODE_MEANING[request.group.mode]
                }`,
                namespaces: request.group.namespaces.join(', '),
                why: request.description ?? '',
                approval: <ApprovalLabel state={request.approval.state} />,
                ...(request.approval.decidedBy
                  ? {
                      'decided by': (
                        <EntityRefLink entityRef={request.approval.decidedBy} />
                      ),
                    }
                  : {}),
                ...(request.approval.comment
                  ? { comment: request.approval.comment }
                  : {}),
                status: <RequestStatusLabel status={request.status} />,
              }}
            />
            <Box mt={2}>
              <Decision
                request={request}
                viewer={viewer}
                onChange={setRequest}
              />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Requested settings">
            <Box
              component="pre"
              fontSize={12}
              m={0}
              style={{ overflowX: 'auto' }}
            >
              {request.group.mode === 'DIRECT'
                ? request.group.objects
                : YAML.stringify(request.group.settings ?? {})}
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          {polling.stopped && (
            <Box
              mb={1}
              display="flex"
              alignItems="center"
              style={{ gap: 12 }}
              data-testid="meshplane-rollout-stopped"
            >
              <Typography variant="body2">
                Still rolling out: this page stopped following it. Refresh to
                see the latest status.
              </Typography>
              <Button size="small" variant="outlined" onClick={polling.restart}>
                Refresh
              </Button>
            </Box>
          )}
          <Rollout clusters={request.clusters} />
        </Grid>
        <Grid item xs={12}>
          <PreviewSection
            preview={request.preview}
            action={
              <RecomputePreviewButton id={request.id} onChange={setRequest} />
            }
          />
        </Grid>
        <Grid item xs={12}>
          <AuditTrail events={request.events} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Rendered objects">
            <Box
              component="pre"
              fontSize={12}
              m={0}
              style={{ overflowX: 'auto' }}
            >
              {request.objects
                .map(
                  ({ cluster, object }) =>
                    `# cluster ${cluster}\n${YAML.stringify(object)}`,
                )
                .join('---\n')}
            </Box>
          </InfoCard>
        </Grid>
      </Grid>
    </BreadcrumbEntry>
  );
}
