import {
  InfoCard,
  Link,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EntityPosture,
  PolicyDecision,
  WorkloadPosture,
} from '@meshplane/plugin-meshplane-common';
import {
  EdgeOutcomeLabel,
  formatCount,
  MtlsStatusLabel,
  pluralize,
} from '@meshplane/plugin-meshplane-react';
import { rootRouteRef, useOptionalRouteRef } from '../../routes';
import { EdgeRow, edgeRows, strictBlockers } from './edgeRows';

/** Up to this many plaintext callers, the STRICT warning opens with the list shown. */
const BLOCKERS_EXPANDED = 5;

type WorkloadRow = WorkloadPosture & { id: string; workload: string };

function DecidedBy(props: { decision: PolicyDecision; cluster: string }) {
  const { decision, cluster } = props;
  const fleetPage = useOptionalRouteRef(rootRouteRef);
  const text = `${decision.kind} ${decision.namespace}/${decision.name} (${decision.scope})`;
  if (!fleetPage) return <Typography variant="body2">{text}</Typography>;
  const query = new URLSearchParams({
    cluster: decision.cluster ?? cluster,
    namespace: decision.namespace,
  });
  return (
    <Typography variant="body2">
      <Link
        to={`${fleetPage()}?${query}`}
        title="Open the namespace's mTLS posture on the fleet page"
      >
        {text}
      </Link>
    </Typography>
  );
}

const workloadColumns: TableColumn<WorkloadRow>[] = [
  { title: 'Cluster', field: 'cluster', width: '110px' },
  { title: 'Workload', field: 'workload' },
  {
    title: 'Status',
    field: 'status',
    render: row => <MtlsStatusLabel status={row.status} />,
  },
  {
    title: 'Effective mode',
    field: 'mode',
    render: row => (
      <>
        <Typography variant="body2">
          <strong>{row.mode}</strong>
          {row.sidecar ? '' : ' (no sidecar: accepts plaintext only)'}
        </Typography>
        {row.ports.map(port => (
          <Typography
            key={port.port}
            variant="caption"
            display="block"
            color="textSecondary"
          >
            port {port.port}: {port.mode}
          </Typography>
        ))}
      </>
    ),
  },
  {
    title: 'Decided by',
    render: row =>
      row.decidedBy.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Istio default (PERMISSIVE, no PeerAuthentication applies)
        </Typography>
      ) : (
        row.decidedBy.map((decision, index) => (
          <DecidedBy key={index} decision={decision} cluster={row.cluster} />
        ))
      ),
  },
];

const edgeColumns: TableColumn<EdgeRow>[] = [
  {
    title: 'Outcome',
    field: 'outcome',
    width: '100px',
    render: row => <EdgeOutcomeLabel outcome={row.outcome} />,
  },
  { title: 'Direction', field: 'direction', width: '90px' },
  {
    title: 'Connection',
    field: 'from',
    width: '320px',
    render: row => (
      <>
        <Typography variant="body2">{row.from}</Typography>
        <Typography variant="body2" color="textSecondary">
          → {row.to}:{row.port}
        </Typography>
      </>
    ),
  },
  { title: 'Client TLS', field: 'clientTls', width: '130px' },
  {
    title: 'Reason',
    field: 'reason',
    render: row => (
      <>
        <Typography variant="body2">{row.reason}</Typography>
        {row.scope && (
          <Typography variant="caption" color="textSecondary">
            {row.scope}
          </Typography>
        )}
      </>
    ),
  },
];

/**
 * mTLS posture: per workload and port the effective mode with the policy that
 * decided it, Kiali-style status, every caller edge with its outcome and
 * reason, and the plaintext callers that block a move to STRICT.
 */
export function PostureSection(props: { posture: EntityPosture }) {
  const { posture } = props;
  const blockers = strictBlockers(posture.inbound);
  const edges = edgeRows(posture.inbound, posture.outbound);
  const { outcomes } = posture;
  // The backend lists only the connections that are not mutual TLS (and the
  // outbound ones); the other mTLS callers are counted in `outcomes` only.
  const unlistedMtls =
    outcomes.mtls - edges.filter(e => e.outcome === 'mtls').length;
  return (
    <InfoCard
      title="mTLS posture"
      subheader={`${formatCount(outcomes.mtls)} mTLS · ${formatCount(
        outcomes.plaintext,
      )} plaintext · ${formatCount(outcomes.fail)} failing · ${formatCount(
        outcomes.excluded,
      )} excluded connections`}
    >
      {blockers.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`${pluralize(
              blockers.length,
              'caller',
            )} send plaintext: moving to STRICT would make them fail`}
            defaultExpanded={blockers.length <= BLOCKERS_EXPANDED}
          >
            {blockers.map(blocker => (
              <Typography key={blocker.caller} variant="body2">
                <strong>{blocker.caller}</strong> →{' '}
                {blocker.services.join(', ')}
              </Typography>
            ))}
          </WarningPanel>
        </Box>
      )}
      {posture.namespaces.length > 0 && (
        <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 24 }}>
          {posture.namespaces.map(ns => (
            <Box key={`${ns.cluster}/${ns.namespace}`}>
              <Typography variant="caption" color="textSecondary">
                namespace {ns.namespace} in {ns.cluster}
              </Typography>
              <MtlsStatusLabel status={ns.status} />
            </Box>
          ))}
        </Box>
      )}
      <Table<WorkloadRow>
        title="Workloads"
        data={posture.workloads.map((w, index) => ({
          ...w,
          id: `${index}`,
          workload: `${w.namespace}/${w.name} (${w.kind})`,
        }))}
        columns={workloadColumns}
        options={{
          search: false,
          paging: posture.workloads.length > 10,
          pageSize: 10,
          padding: 'dense',
          toolbar: true,
        }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No workloads in any connected cluster.
          </Typography>
        }
      />
      <Box mt={2}>
        {unlistedMtls > 0 && (
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {pluralize(unlistedMtls, 'more connection')} use mutual TLS: counted
            above, not listed.
          </Typography>
        )}
        <Table<EdgeRow>
          title="Connections"
          data={edges}
          columns={edgeColumns}
          filters={[
            { column: 'Outcome', type: 'multiple-select' },
            { column: 'Direction', type: 'select' },
          ]}
          options={{
            search: true,
            paging: edges.length > 20,
            pageSize: 20,
            padding: 'dense',
            // Fixed layout honours the column widths, leaving the rest to the reason.
            tableLayout: 'fixed',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No connections: nothing calls these services and they call nothing
              known to the mesh.
            </Typography>
          }
        />
      </Box>
    </InfoCard>
  );
}
