import type { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EdgeOutcomeCounts,
  ObservedEdge,
  ObservedTraffic,
  TrafficSummary,
  TrafficTlsShares,
} from '@meshplane/plugin-meshplane-common';
import { observedTlsContradiction } from '@meshplane/plugin-meshplane-common';
import {
  BreakableText,
  formatByteRate,
  formatCount,
  formatLatency,
  formatRequestRate,
  formatShare,
  formatTlsShares,
  pluralize,
} from '@meshplane/plugin-meshplane-react';
import type { EdgeRow } from './edgeRows';

/*
 * One column for the four figures: at 1280 px the table has about 980 px, of which the fixed
 * columns take 440; four columns of their own (each with its header and sort arrow) would leave
 * the connection and its reason under 100 px each, and break their words.
 */
const OBSERVED_WIDTH = '176px';

/** The TLS observed on a connection, marked where it contradicts the configured outcome. */
function ObservedTls(props: { row: EdgeRow; tls: TrafficTlsShares }) {
  const { row, tls } = props;
  // The engine's rule behind MPL0200 and MPL0201, for this one connection.
  const contradicts = observedTlsContradiction(row.outcome, tls) !== undefined;
  return (
    <Typography
      variant="caption"
      display="block"
      color={contradicts ? 'error' : 'textSecondary'}
      title={
        contradicts
          ? `Observed TLS differs from the configured outcome (${row.outcome})`
          : undefined
      }
    >
      observed {formatTlsShares(tls)}
    </Typography>
  );
}

/** Requests per second, or the bytes of L4-only traffic (no request figures). */
function rateText(observed: ObservedTraffic): string {
  if (observed.protocol !== 'tcp')
    return formatRequestRate(observed.requestsPerSecond ?? 0);
  return observed.tcpBytesPerSecond === undefined
    ? 'L4 only'
    : `L4 only, TCP ${formatByteRate(observed.tcpBytesPerSecond)}`;
}

/** `1.2% errors · p99 180 ms`: what requests carry; nothing for L4-only traffic. */
function requestFigures(observed: ObservedTraffic): string | undefined {
  const parts = [
    ...(observed.errorRate !== undefined
      ? [`${formatShare(observed.errorRate)} errors`]
      : []),
    ...(observed.latencyMs
      ? [`p99 ${formatLatency(observed.latencyMs.p99)}`]
      : []),
  ];
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * The posture table's observed column, for an answer joined with traffic: the
 * request rate (TCP bytes for L4-only traffic), error share and p99 latency
 * (p50 and p95 on hover), and the TLS that was observed. Sortable by rate;
 * the rows come in the backend's order.
 */
export const observedColumn: TableColumn<EdgeRow> = {
  title: 'Observed',
  width: OBSERVED_WIDTH,
  customSort: (a, b) =>
    (a.observed?.requestsPerSecond ?? -1) -
    (b.observed?.requestsPerSecond ?? -1),
  render: row => {
    const { observed } = row;
    if (!observed) {
      return (
        <Typography
          variant="body2"
          color="textSecondary"
          title="Nothing observed on this connection in the window"
        >
          no traffic
        </Typography>
      );
    }
    const figures = requestFigures(observed);
    const latency = observed.latencyMs;
    return (
      <>
        <Typography variant="body2">{rateText(observed)}</Typography>
        {figures && (
          <Typography
            variant="caption"
            display="block"
            title={
              latency &&
              `p50 ${formatLatency(latency.p50)} · p95 ${formatLatency(
                latency.p95,
              )} · p99 ${formatLatency(latency.p99)}`
            }
          >
            {figures}
          </Typography>
        )}
        <ObservedTls row={row} tls={observed.tls} />
      </>
    );
  },
};

const OUTCOME_WORDS: Array<[keyof EdgeOutcomeCounts, string]> = [
  ['fail', 'failing'],
  ['denied', 'denied'],
  ['plaintext', 'plaintext'],
  ['excluded', 'excluded'],
  ['mtls', 'mTLS'],
];

/** How many configured connections nobody used in the window. */
export function unobservedCount(traffic: TrafficSummary): number {
  const counts = traffic.unobserved;
  return counts
    ? OUTCOME_WORDS.reduce((sum, [outcome]) => sum + counts[outcome], 0)
    : 0;
}

/**
 * The configured connections nobody used in the window, per outcome:
 * `40 configured connections carried no traffic in the last 5m: 1 failing, 39 mTLS.`
 * Nothing when every one was used.
 */
export function unobservedText(traffic: TrafficSummary): string | undefined {
  const counts = traffic.unobserved;
  const total = unobservedCount(traffic);
  if (!counts || total === 0) return undefined;
  const parts = OUTCOME_WORDS.filter(([outcome]) => counts[outcome] > 0).map(
    ([outcome, word]) => `${formatCount(counts[outcome])} ${word}`,
  );
  return `${pluralize(
    total,
    'configured connection',
  )} carried no traffic in the last ${traffic.window}: ${parts.join(', ')}.`;
}

function observedEdgeText(edge: ObservedEdge): string {
  const { observed } = edge;
  const figures = requestFigures(observed);
  return [
    rateText(observed),
    ...(figures ? [figures] : []),
    `TLS ${formatTlsShares(observed.tls)}`,
  ].join(' · ');
}

/** Traffic that was observed but matches no configured edge, busiest first (the backend's order). */
export function ObservedOnlyEdges(props: { edges: ObservedEdge[] }) {
  const { edges } = props;
  if (edges.length === 0) return null;
  return (
    <Box mt={2} data-testid="meshplane-observed-only">
      <Typography variant="subtitle2">
        Observed traffic no configuration allows (
        {pluralize(edges.length, 'connection')})
      </Typography>
      <Typography variant="caption" color="textSecondary" paragraph>
        Its caller or its service is unknown to the fleet's configuration: a
        client outside the mesh, a workload of a cluster Meshplane does not
        read, or a host without a ServiceEntry.
      </Typography>
      {edges.map(edge => {
        const from = `${edge.from.cluster}/${edge.from.namespace}/${edge.from.workload}`;
        const to = `${edge.to.cluster}/${edge.to.namespace}/${edge.to.service}`;
        return (
          <Typography key={`${from}→${to}`} variant="body2">
            <BreakableText text={from} /> → <BreakableText text={to} /> ·{' '}
            {observedEdgeText(edge)}
          </Typography>
        );
      })}
    </Box>
  );
}
