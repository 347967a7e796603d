import type { Edge, EdgeOutcome } from '@meshplane/plugin-meshplane-common';

/** A caller edge as the posture table shows it. */
export interface EdgeRow {
  id: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  port: number;
  /** `ISTIO_MUTUAL`, `DISABLE`… */
  clientTls: string;
  /** Who chose it: `auto mTLS` or `DestinationRule`. */
  clientTlsSource: string;
  outcome: EdgeOutcome;
  reason: string;
  scope: string;
}

const SEVERITY: Record<EdgeOutcome, number> = {
  fail: 0,
  plaintext: 1,
  excluded: 2,
  mtls: 3,
};

/** Inbound and outbound edges, worst outcome first. */
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
    clientTlsSource:
      edge.clientTlsSource === 'auto' ? 'auto mTLS' : 'DestinationRule',
    outcome: edge.outcome,
    reason: edge.reason,
    scope: [
      edge.crossCluster ? 'cross-cluster' : '',
      edge.crossNetwork ? 'cross-network' : '',
    ]
      .filter(Boolean)
      .join(', '),
  }));
  return rows.sort((a, b) => SEVERITY[a.outcome] - SEVERITY[b.outcome]);
}

/**
 * Callers that send plaintext to the entity's services: a move to STRICT
 * would make each of them fail. One entry per caller workload.
 */
export function strictBlockers(
  inbound: Edge[],
): Array<{ caller: string; services: string[] }> {
  const byCaller = new Map<string, Set<string>>();
  for (const edge of inbound) {
    if (edge.outcome !== 'plaintext') continue;
    const caller = `${edge.from.cluster}/${edge.from.namespace}/${edge.from.workload}`;
    const services = byCaller.get(caller) ?? new Set<string>();
    services.add(`${edge.to.namespace}/${edge.to.service}:${edge.to.port}`);
    byCaller.set(caller, services);
  }
  return [...byCaller.entries()]
    .map(([caller, services]) => ({ caller, services: [...services].sort() }))
    .sort((a, b) => a.caller.localeCompare(b.caller));
}
