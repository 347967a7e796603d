import type {
  Edge,
  EdgeOutcome,
  ObservedTraffic,
} from '@meshplane/plugin-meshplane-common';
import { compareOutcomes } from '@meshplane/plugin-meshplane-common';

/** A caller edge as the posture table shows it. */
export interface EdgeRow {
  id: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  port: number;
  /** `ISTIO_MUTUAL`, `DISABLE`… */
  clientTls: string;
  /** Who chose it: `auto mTLS`, `DestinationRule` or `ztunnel`. */
  clientTlsSource: string;
  /** What goes on the wire: `HBONE`, `TLS`, `plaintext` (absent when no connection is made). */
  transport?: string;
  /** The waypoints and east-west gateways passed, in order: `waypoint shop/waypoint`. */
  via?: string;
  /** The AuthorizationPolicy that rejects the caller. */
  deniedBy?: string;
  outcome: EdgeOutcome;
  reason: string;
  scope: string;
  /** What was observed on it in the window; absent when nothing was (or no traffic was joined). */
  observed?: ObservedTraffic;
}

const TLS_SOURCE: Record<Edge['clientTlsSource'], string> = {
  auto: 'auto mTLS',
  destinationRule: 'DestinationRule',
  ztunnel: 'ztunnel',
};

const TRANSPORT: Record<NonNullable<Edge['transport']>, string> = {
  hbone: 'HBONE',
  tls: 'TLS',
  plaintext: 'plaintext',
};

/**
 * Inbound and outbound edges in one list, worst outcome first (the engine's
 * order); within an outcome each direction keeps the order the API gave it.
 */
export function edgeRows(inbound: Edge[], outbound: Edge[]): EdgeRow[] {
  const rows = [
    ...inbound.map(edge => ({ edge, direction: 'inbound' as const })),
    ...outbound.map(edge => ({ edge, direction: 'outbound' as const })),
  ].map(({ edge, direction }, index) => ({
    id: `${index}`,
    direction,
    from: `${edge.from.cluster}/${edge.from.namespace}/${edge.from.workload}`,
    to: `${edge.to.cluster}/${edge.to.namespace}/${edge.to.service}${
      edge.to.subset ? ` (${edge.to.subset})` : ''
    }`,
    port: edge.to.port,
    clientTls: edge.clientTls,
    clientTlsSource: TLS_SOURCE[edge.clientTlsSource],
    ...(edge.transport ? { transport: TRANSPORT[edge.transport] } : {}),
    ...(edge.via?.length
      ? {
          via: edge.via
            .map(
              v =>
                `${v.kind === 'waypoint' ? 'waypoint' : 'east-west gateway'} ${
                  v.namespace
                }/${v.name}`,
            )
            .join(' → '),
        }
      : {}),
    ...(edge.deniedBy
      ? {
          deniedBy: `AuthorizationPolicy ${edge.deniedBy.namespace}/${edge.deniedBy.name}`,
        }
      : {}),
    outcome: edge.outcome,
    reason: edge.reason,
    scope: [
      edge.crossCluster ? 'cross-cluster' : '',
      edge.crossNetwork ? 'cross-network' : '',
    ]
      .filter(Boolean)
      .join(', '),
    ...(edge.observed ? { observed: edge.observed } : {}),
  }));
  return rows.sort((a, b) => compareOutcomes(a.outcome, b.outcome));
}
