import {
  InfoCard,
  Link,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  EntityPosture,
  PolicyDecision,
  WorkloadPosture,
} from '@meshplane/plugin-meshplane-common';
import {
  BreakableText,
  EdgeOutcomeLabel,
  formatCount,
  formatServerMode,
  MtlsStatusLabel,
  pluralize,
  postureProxy,
  WorkloadPolicyLabel,
} from '@meshplane/plugin-meshplane-react';
import { rootRouteRef, useOptionalRouteRef } from '../../routes';
import { EdgeRow, edgeRows } from './edgeRows';
import {
  observedColumn,
  ObservedOnlyEdges,
  unobservedCount,
  unobservedText,
} from './observedTraffic';
import { strictWarning } from './strictWarning';

const useStyles = makeStyles({
  // Beside the filters, the table's toolbar is only as wide as its content, whose
  // spacer (flex-basis 10 %) then takes that room from the title ("Connection").
  fullToolbar: { '& .MuiToolbar-root': { flexGrow: 1 } },
});

/** Up to this many plaintext callers, the STRICT warning opens with the list shown. */
const BLOCKERS_EXPANDED = 5;

type WorkloadRow = WorkloadPosture & { id: string; workload: string };

/*
 * Column widths (fixed table layout): the short columns get what their header
 * (with the room of its sort arrow) and their longest word need at 1280 px;
 * the text columns have no width and
 * share the rest equally (material-table gives each `calc(100% / n)`, which
 * the browser cuts to what is left; percentages of ours would be cut too), and
 * wrap between words (BreakableText for hosts and paths).
 */
const OUTCOME_WIDTH = '144px';
const DIRECTION_WIDTH = '148px';
const CLUSTER_WIDTH = '136px';
const CLIENT_TLS_WIDTH = '150px';

function DecidedBy(props: { decision: PolicyDecision; cluster: string }) {
  const { decision, cluster } = props;
  const fleetPage = useOptionalRouteRef(rootRouteRef);
  const text = (
    <BreakableText
      text={`${decision.kind} ${decision.namespace}/${decision.name} (${decision.scope})`}
    />
  );
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

/** What decided a workload's mode: its PeerAuthentications, its Gateways, or nothing. */
function DecidedByCell(props: { row: WorkloadRow }) {
  const { row } = props;
  const proxy = postureProxy(row);
  if (proxy === 'gateway') {
    return (
      <>
        <Typography variant="body2">Gateway servers</Typography>
        <Typography variant="caption" color="textSecondary">
          <BreakableText text={row.note ?? ''} />
        </Typography>
      </>
    );
  }
  if (proxy === 'none') {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing: without an Istio proxy no PeerAuthentication is enforced
        {row.kind === 'WorkloadEntry'
          ? ' (install the Istio proxy on the VM)'
          : ' (inject a sidecar)'}
      </Typography>
    );
  }
  if (row.decidedBy.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Istio default (PERMISSIVE): no PeerAuthentication applies
      </Typography>
    );
  }
  return (
    <>
      {row.decidedBy.map((decision, index) => (
        <DecidedBy key={index} decision={decision} cluster={row.cluster} />
      ))}
    </>
  );
}

/** The effective mode in words fitting the proxy, then each port's mode. */
function EffectiveModeCell(props: { row: WorkloadRow }) {
  const { row } = props;
  const proxy = postureProxy(row);
  return (
    <>
      <Typography variant="body2">
        <strong>{row.mode}</strong> · {formatServerMode(row.mode, proxy)}
      </Typography>
      {row.ports.map(port => (
        <Typography
          key={port.port}
          variant="caption"
          display="block"
          color="textSecondary"
        >
          port {port.port}: {port.mode}
          {proxy === 'gateway' && port.mode !== row.mode
            ? ` (${formatServerMode(port.mode, proxy)})`
            : ''}
        </Typography>
      ))}
    </>
  );
}

/** Whether the entity's workloads in a namespace are all gateways, to which PeerAuthentication does not apply. */
function onlyGateways(
  workloads: WorkloadPosture[],
  ns: { cluster: string; namespace: string },
): boolean {
  const inNamespace = workloads.filter(
    w => w.cluster === ns.cluster && w.namespace === ns.namespace,
  );
  return (
    inNamespace.length > 0 &&
    inNamespace.every(w => postureProxy(w) === 'gateway')
  );
}

const DATAPLANE_TEXT: Record<
  NonNullable<WorkloadPosture['dataplane']>,
  string
> = {
  sidecar: 'sidecar',
  ambient: 'ambient (ztunnel)',
  none: 'no proxy',
};

/** What a workload is, beyond its owner kind: its data plane, its role (gateway, waypoint…), a VM, its waypoint. */
function workloadRole(row: WorkloadPosture): string {
  const parts = [
    row.kind === 'WorkloadEntry' ? 'WorkloadEntry · VM' : row.kind,
  ];
  const gateway = row.role === 'gateway' || postureProxy(row) === 'gateway';
  if (row.dataplane && !gateway) parts.push(DATAPLANE_TEXT[row.dataplane]);
  if (row.role) parts.push(row.role);
  else if (gateway) parts.push('gateway');
  if (row.waypoint)
    parts.push(`via waypoint ${row.waypoint.namespace}/${row.waypoint.name}`);
  return parts.join(' · ');
}

const workloadColumns: TableColumn<WorkloadRow>[] = [
  { title: 'Cluster', field: 'cluster', width: CLUSTER_WIDTH },
  {
    title: 'Workload',
    field: 'workload',
    render: row => (
      <>
        <Typography variant="body2">
          <BreakableText text={`${row.namespace}/${row.name}`} />
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {workloadRole(row)}
        </Typography>
      </>
    ),
  },
  {
    title: 'Effective mode',
    field: 'mode',
    render: row => <EffectiveModeCell row={row} />,
  },
  {
    title: 'Decided by',
    render: row => <DecidedByCell row={row} />,
  },
  {
    title: 'Kiali status',
    field: 'status',
    render: row => <WorkloadPolicyLabel workload={row} />,
  },
];

const edgeColumns: TableColumn<EdgeRow>[] = [
  {
    title: 'Outcome',
    field: 'outcome',
    width: OUTCOME_WIDTH,
    render: row => <EdgeOutcomeLabel outcome={row.outcome} />,
  },
  { title: 'Direction', field: 'direction', width: DIRECTION_WIDTH },
  {
    title: 'Connection',
    field: 'from',
    render: row => (
      <>
        <Typography variant="body2">
          <BreakableText text={row.from} />
        </Typography>
        <Typography variant="body2" color="textSecondary">
          → <BreakableText text={`${row.to}:${row.port}`} />
        </Typography>
        {row.via && (
          <Typography variant="caption" color="textSecondary">
            via <BreakableText text={row.via} />
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Client TLS',
    field: 'clientTls',
    width: CLIENT_TLS_WIDTH,
    render: row => (
      <>
        <Typography variant="body2">{row.clientTls}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.clientTlsSource}
          {row.transport ? ` · ${row.transport} on the wire` : ''}
        </Typography>
      </>
    ),
  },
  {
    title: 'Reason',
    field: 'reason',
    render: row => (
      <>
        <Typography variant="body2">
          <BreakableText text={row.reason} />
        </Typography>
        {row.deniedBy && (
          <Typography variant="caption" display="block">
            denied by {row.deniedBy}
          </Typography>
        )}
        {row.scope && (
          <Typography variant="caption" color="textSecondary">
            {row.scope}
          </Typography>
        )}
      </>
    ),
  },
];

/** Why connections that `outcomes` counts are not in the table, by what the lists hold. */
function unlistedText(
  unlisted: number,
  callers: 'observed' | 'all' | undefined,
): string {
  const reason = {
    configured:
      'callers that get mutual TLS, and the least severe past the most each direction lists',
    observed: 'the least busy past the most each direction lists',
    all: 'the least severe past the most each direction lists',
  }[callers ?? 'configured'];
  return `${pluralize(
    unlisted,
    'more connection',
  )} counted above, not listed: ${reason}.`;
}

/**
 * mTLS posture: per workload and port the effective mode with what decided it
 * (PeerAuthentications, a gateway's Gateway servers, or no proxy at all),
 * Kiali's workload status labelled as the workload policy it is, every caller
 * edge with its outcome and reason, and the plaintext callers that a move to
 * STRICT would break. Joined with traffic (`posture.traffic`), each edge has
 * its observed figures, in the backend's order (worst outcome, then busiest,
 * first); `callers` says whether the lists hold only the observed edges.
 */
export function PostureSection(props: {
  posture: EntityPosture;
  callers?: 'observed' | 'all';
}) {
  const { posture } = props;
  const classes = useStyles();
  const { outcomes, omitted, strictBlockers: blockers, traffic } = posture;
  const callers = traffic ? props.callers ?? 'observed' : undefined;
  const warning = strictWarning(posture.workloads, blockers.length);
  const edges = edgeRows(posture.inbound, posture.outbound);
  const unobserved = traffic && unobservedText(traffic);
  // Listing only the observed edges, the API counts the unused ones as omitted: they have their own line.
  const unlisted =
    omitted.inbound +
    omitted.outbound -
    (traffic && callers === 'observed' ? unobservedCount(traffic) : 0);
  return (
    <div data-testid="meshplane-posture">
      <InfoCard
        title="mTLS posture"
        subheader={`${formatCount(outcomes.mtls)} mTLS · ${formatCount(
          outcomes.plaintext,
        )} plaintext · ${formatCount(outcomes.fail)} failing · ${formatCount(
          outcomes.denied,
        )} denied · ${formatCount(outcomes.excluded)} excluded connections`}
      >
        {blockers.length > 0 && (
          <Box mb={2}>
            <WarningPanel
              severity={warning.severity}
              title={warning.title}
              defaultExpanded={blockers.length <= BLOCKERS_EXPANDED}
            >
              {warning.details.map(detail => (
                <Typography key={detail} variant="body2" paragraph>
                  {detail}
                </Typography>
              ))}
              {blockers.map(({ caller, services }) => {
                const name = `${caller.cluster}/${caller.namespace}/${caller.workload}`;
                return (
                  <Typography key={name} variant="body2">
                    <strong>{name}</strong> → {services.join(', ')}
                  </Typography>
                );
              })}
            </WarningPanel>
          </Box>
        )}
        {posture.namespaces.length > 0 && (
          <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 24 }}>
            {posture.namespaces.map(ns => (
              <Box key={`${ns.cluster}/${ns.namespace}`}>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  namespace-wide policy of {ns.namespace} in {ns.cluster}
                  {onlyGateways(posture.workloads, ns)
                    ? ' (its gateways do not apply it)'
                    : ''}
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
            workload: `${w.namespace}/${w.name} ${workloadRole(w)}`,
          }))}
          columns={workloadColumns}
          options={{
            search: false,
            paging: posture.workloads.length > 10,
            pageSize: 10,
            padding: 'dense',
            toolbar: true,
            tableLayout: 'fixed',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No workloads in any connected cluster.
            </Typography>
          }
        />
        <Box mt={2} className={classes.fullToolbar}>
          {unobserved && (
            <Typography
              variant="body2"
              gutterBottom
              data-testid="meshplane-unobserved"
            >
              {unobserved}
              {callers === 'observed'
                ? ' Show “All permitted callers” to list them.'
                : ''}
            </Typography>
          )}
          {unlisted > 0 && (
            <Typography variant="body2" color="textSecondary" gutterBottom>
              {unlistedText(unlisted, callers)}
            </Typography>
          )}
          <Table<EdgeRow>
            title={
              callers === 'observed'
                ? `Connections with traffic in the last ${traffic!.window}`
                : 'Connections'
            }
            data={edges}
            columns={traffic ? [...edgeColumns, observedColumn] : edgeColumns}
            filters={[
              { column: 'Outcome', type: 'multiple-select' },
              { column: 'Direction', type: 'select' },
            ]}
            options={{
              search: true,
              paging: edges.length > 20,
              pageSize: 20,
              padding: 'dense',
              tableLayout: 'fixed',
            }}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                {callers === 'observed'
                  ? 'No traffic in the window: nothing called these services and they called nothing.'
                  : 'No connections: nothing calls these services and they call nothing known to the mesh.'}
              </Typography>
            }
          />
          {traffic && <ObservedOnlyEdges edges={traffic.observedOnly} />}
        </Box>
      </InfoCard>
    </div>
  );
}
