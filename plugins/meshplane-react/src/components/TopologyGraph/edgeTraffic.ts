import type { TopologyEdgeTraffic } from '@meshplane/plugin-meshplane-common';
import {
  formatByteRate,
  formatLatency,
  formatRequestRate,
  formatShare,
} from '../../format';

/** Stroke of an edge without observed traffic, and of the quietest observed one (px at scale 1). */
export const THIN_EDGE_WIDTH = 1.5;
/** Stroke of the busiest observed edges. */
export const WIDEST_EDGE_WIDTH = 6;

/*
 * Rates span decades (a cron job's trickle next to a frontend's thousands per second), so the
 * width follows the logarithm of the rate between a floor and a ceiling. TCP-only edges
 * (ztunnel without a waypoint, TCP ports) carry no requests and are weighed by their bytes.
 */
const REQUEST_SCALE = { floor: 0.01, ceiling: 1000 };
const BYTE_SCALE = { floor: 100, ceiling: 1e8 };

function logPosition(
  value: number,
  scale: { floor: number; ceiling: number },
): number {
  if (value <= scale.floor) return 0;
  return Math.min(
    1,
    Math.log10(value / scale.floor) / Math.log10(scale.ceiling / scale.floor),
  );
}

/** Stroke width of an edge by its observed rate: log scale from thin to wide, bounded. */
export function trafficStrokeWidth(observed: TopologyEdgeTraffic): number {
  const position =
    observed.requestsPerSecond > 0
      ? logPosition(observed.requestsPerSecond, REQUEST_SCALE)
      : logPosition(observed.tcpBytesPerSecond ?? 0, BYTE_SCALE);
  const width =
    THIN_EDGE_WIDTH + position * (WIDEST_EDGE_WIDTH - THIN_EDGE_WIDTH);
  return Math.round(width * 100) / 100;
}

/**
 * The busier of two edges' figures. Edges folded into one drawn edge are the same caller and
 * service on several ports; Istio's metrics carry no port, so they hold the same figures and
 * adding them would count the traffic once per port.
 */
export function busierTraffic(
  a: TopologyEdgeTraffic | undefined,
  b: TopologyEdgeTraffic | undefined,
): TopologyEdgeTraffic | undefined {
  if (!a || !b) return a ?? b;
  const volume = (t: TopologyEdgeTraffic) => [
    t.requestsPerSecond,
    t.tcpBytesPerSecond ?? 0,
  ];
  const [ar, ab] = volume(a);
  const [br, bb] = volume(b);
  return br > ar || (br === ar && bb > ab) ? b : a;
}

/** An edge's observed figures, for its hover title: `12.5 req/s, 1.2% errors, p99 180 ms, 30% plaintext`. */
export function describeTraffic(observed: TopologyEdgeTraffic): string {
  const parts: string[] = [];
  if (observed.requestsPerSecond > 0 || !observed.tcpBytesPerSecond) {
    parts.push(formatRequestRate(observed.requestsPerSecond));
    parts.push(`${formatShare(observed.errorRate)} errors`);
  }
  if (observed.latencyP99Ms !== undefined)
    parts.push(`p99 ${formatLatency(observed.latencyP99Ms)}`);
  if (observed.tcpBytesPerSecond)
    parts.push(`TCP ${formatByteRate(observed.tcpBytesPerSecond)}`);
  if (observed.plaintextShare !== undefined)
    parts.push(`${formatShare(observed.plaintextShare)} plaintext`);
  return parts.join(', ');
}
