import { compareStrings } from '../model/compare';
import type {
  Edge,
  EdgeOutcome,
  EntityPosture,
  NamespacePosture,
  WorkloadPosture,
} from '../model/types';
import { compareOutcomes } from './outcomes';

/**
 * One caller's edges, as `EdgeCalculator.namespaceEdgeTemplates` gives them: shared with
 * the other callers of its group, so their `from` is not read (the caller is `from`).
 */
export interface CallerEdges {
  from: Edge['from'];
  edges: readonly Edge[];
}

/** What {@link entityPosture} orders, cuts and counts. */
export interface EntityEdges {
  workloads: WorkloadPosture[];
  namespaces: NamespacePosture[];
  /** Every potential caller's edges to the entity's services. */
  inbound: CallerEdges[];
  /** The entity's workloads' edges to the services they call. */
  outbound: Edge[];
  /** Most edges listed per direction. */
  maxEdges: number;
}

function compareCallers(a: Edge['from'], b: Edge['from']): number {
  return (
    compareStrings(a.cluster, b.cluster) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.workload, b.workload)
  );
}

function compareServicePorts(a: Edge['to'], b: Edge['to']): number {
  return (
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.service, b.service) ||
    a.port - b.port
  );
}

/** Worst outcome first, then by caller, then by destination: the same order whatever order the edges came in. */
function compareEdges(a: Edge, b: Edge): number {
  return (
    compareOutcomes(a.outcome, b.outcome) ||
    compareCallers(a.from, b.from) ||
    compareServicePorts(a.to, b.to) ||
    compareStrings(a.to.cluster, b.to.cluster) ||
    compareStrings(a.to.subset ?? '', b.to.subset ?? '')
  );
}

/**
 * An entity's posture from all its edges: inbound lists the callers that do
 * not get mutual TLS, each direction worst first and cut at `maxEdges`;
 * `outcomes` counts every edge, `omitted` what the lists leave out, and
 * `strictBlockers` names every plaintext caller from the full inbound set
 * (a cut list would leave blockers out on a large mesh).
 */
export function entityPosture(input: EntityEdges): EntityPosture {
  const { maxEdges } = input;
  const outcomes: Record<EdgeOutcome, number> = {
    mtls: 0,
    plaintext: 0,
    fail: 0,
    denied: 0,
    excluded: 0,
  };
  // Only the edges that may be listed (not mTLS) become the caller's own copies.
  const notMtls: Edge[] = [];
  // Per caller workload, its plaintext edges by service port (one per destination cluster and subset).
  const blocked = new Map<
    string,
    { from: Edge['from']; ports: Map<string, Edge['to']> }
  >();
  let inboundEdges = 0;
  for (const { from, edges } of input.inbound) {
    for (const e of edges) {
      inboundEdges++;
      outcomes[e.outcome]++;
      if (e.outcome === 'mtls') continue;
      notMtls.push({ ...e, from: { ...from } });
      if (e.outcome !== 'plaintext') continue;
      const key = `${from.cluster}/${from.namespace}/${from.workload}`;
      let blocker = blocked.get(key);
      if (!blocker) blocked.set(key, (blocker = { from, ports: new Map() }));
      blocker.ports.set(`${e.to.namespace}/${e.to.service}:${e.to.port}`, e.to);
    }
  }
  const inbound = notMtls.sort(compareEdges).slice(0, maxEdges);
  const outbound = [...input.outbound].sort(compareEdges).slice(0, maxEdges);
  for (const e of input.outbound) outcomes[e.outcome]++;
  return {
    workloads: input.workloads,
    namespaces: input.namespaces,
    inbound,
    outbound,
    outcomes,
    omitted: {
      inbound: inboundEdges - inbound.length,
      outbound: input.outbound.length - outbound.length,
    },
    strictBlockers: [...blocked.values()]
      .sort((a, b) => compareCallers(a.from, b.from))
      .map(({ from, ports }) => ({
        caller: { ...from },
        services: [...ports.entries()]
          .sort(([, a], [, b]) => compareServicePorts(a, b))
          .map(([servicePort]) => servicePort),
      })),
  };
}
