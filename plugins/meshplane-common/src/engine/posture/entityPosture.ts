import { compareStrings } from '../model/compare';
import type {
  Edge,
  EdgeOutcome,
  EntityPosture,
  NamespacePosture,
  ObservedEdge,
  WorkloadPosture,
} from '../model/types';
import {
  ObservedTrafficIndex,
  observedRate,
  serviceKey,
} from '../traffic/observedTraffic';
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
  /**
   * Observed traffic: the lists then hold the observed edges of every outcome (with
   * `observed`), and the edges nobody used are counted per outcome in `traffic.unobserved`.
   */
  traffic?: {
    index: ObservedTrafficIndex;
    /** The observed traffic to or from the entity that matches no configured edge. */
    observedOnly: ObservedEdge[];
  };
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

function compareDestinations(a: Edge['to'], b: Edge['to']): number {
  return (
    compareServicePorts(a, b) ||
    compareStrings(a.cluster, b.cluster) ||
    compareStrings(a.subset ?? '', b.subset ?? '')
  );
}

/**
 * An edge's identity: its client workload and the service port, cluster and subset it reaches.
 *
 * @public
 */
export function edgeKey(edge: Edge): string {
  const { from, to } = edge;
  return `${from.cluster}/${from.namespace}/${from.workload}->${to.cluster}/${
    to.namespace
  }/${to.service}:${to.port}${to.subset ? `/${to.subset}` : ''}`;
}

/**
 * Orders edges worst outcome first (`fail`, `denied`, `plaintext`, `excluded`, `mtls`), then,
 * within an outcome, by observed rate (requests per second, connections per second for L4 only;
 * highest first, edges nothing was observed on last), then by caller (cluster, namespace,
 * workload) and destination (namespace, service, port, cluster, subset): the order of every
 * posture edge list, the same whatever order the edges came in.
 *
 * @public
 */
export function compareEdges(a: Edge, b: Edge): number {
  return compareCallerEdges(a, a.from, b, b.from);
}

/** {@link compareEdges} for an edge shared by a group of callers and one caller of it. */
function compareCallerEdges(
  a: Edge,
  aFrom: Edge['from'],
  b: Edge,
  bFrom: Edge['from'],
): number {
  return (
    compareOutcomes(a.outcome, b.outcome) ||
    observedRate(b) - observedRate(a) ||
    compareCallers(aFrom, bFrom) ||
    compareDestinations(a.to, b.to)
  );
}

/**
 * The first `k` items in an order, of many offered one by one: a heap of the `k` kept, whose root
 * (the last of them) is all most items are compared with. Items equal in the order keep the
 * order they were offered in, as a stable sort would.
 */
export class FirstInOrder<T> {
  private readonly heap: Array<{ item: T; seq: number }> = [];
  private seq = 0;

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  private after(
    a: { item: T; seq: number },
    b: { item: T; seq: number },
  ): boolean {
    const c = this.compare(a.item, b.item);
    return c > 0 || (c === 0 && a.seq > b.seq);
  }

  offer(item: T): void {
    const heap = this.heap;
    // Not before the last kept (an equal one comes after it, being offered later): dropped.
    if (
      heap.length === this.k &&
      (!this.k || this.compare(item, heap[0].item) >= 0)
    )
      return;
    const entry = { item, seq: this.seq++ };
    if (heap.length < this.k) {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.after(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      return;
    }
    heap[0] = entry;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < heap.length && this.after(heap[l], heap[last])) last = l;
      if (r < heap.length && this.after(heap[r], heap[last])) last = r;
      if (last === i) break;
      [heap[i], heap[last]] = [heap[last], heap[i]];
      i = last;
    }
  }

  /** The kept items, first first. */
  items(): T[] {
    return [...this.heap]
      .sort((a, b) => this.compare(a.item, b.item) || a.seq - b.seq)
      .map(e => e.item);
  }
}

const noEdges = (): Record<EdgeOutcome, number> => ({
  mtls: 0,
  plaintext: 0,
  fail: 0,
  denied: 0,
  excluded: 0,
});

/**
 * An entity's posture from all its edges: inbound lists the callers that do
 * not get mutual TLS — with traffic, the observed edges of every outcome instead,
 * each carrying `observed` — each direction in {@link compareEdges} order and cut at
 * `maxEdges`; `outcomes` counts every edge, `omitted` what the lists leave out (with
 * traffic, `traffic.unobserved` the edges nobody used), and `strictBlockers` names every
 * plaintext caller from the full inbound set (a cut list would leave blockers out on a
 * large mesh).
 */
export function entityPosture(input: EntityEdges): EntityPosture {
  const { maxEdges } = input;
  const traffic = input.traffic?.index;
  const outcomes = noEdges();
  const unobserved = noEdges();
  // The first `maxEdges` edges that may be listed (not mTLS; with traffic, observed), with their
  // caller, out of what may be tens of thousands: only those that make the cut become the caller's own copies.
  const listed = new FirstInOrder<{ e: Edge; from: Edge['from'] }>(
    maxEdges,
    (a, b) => compareCallerEdges(a.e, a.from, b.e, b.from),
  );
  // Per caller workload, its plaintext edges by service port (one per destination cluster and subset).
  const blocked = new Map<
    string,
    { from: Edge['from']; ports: Map<string, Edge['to']> }
  >();
  // Callers of one group share their edges' destinations: each one's key is built once.
  const portKeys = new Map<Edge['to'], string>();
  let inboundEdges = 0;
  for (const { from, edges } of input.inbound) {
    let ports: Map<string, Edge['to']> | undefined;
    // With traffic, what this caller was observed calling (most callers: nothing).
    const callees = traffic?.callees(from);
    for (const e of edges) {
      inboundEdges++;
      outcomes[e.outcome]++;
      if (traffic) {
        const observed = callees?.get(serviceKey(e.to))?.observed;
        if (observed) listed.offer({ e: { ...e, observed }, from });
        else unobserved[e.outcome]++;
      } else if (e.outcome !== 'mtls') listed.offer({ e, from });
      if (e.outcome !== 'plaintext') continue;
      if (!ports) {
        const key = `${from.cluster}/${from.namespace}/${from.workload}`;
        let blocker = blocked.get(key);
        if (!blocker) blocked.set(key, (blocker = { from, ports: new Map() }));
        ports = blocker.ports;
      }
      let port = portKeys.get(e.to);
      if (port === undefined)
        portKeys.set(
          e.to,
          (port = `${e.to.namespace}/${e.to.service}:${e.to.port}`),
        );
      ports.set(port, e.to);
    }
  }
  const inbound = listed
    .items()
    .map(({ e, from }) => ({ ...e, from: { ...from } }));
  const firstOutbound = new FirstInOrder(maxEdges, compareEdges);
  for (const e of input.outbound) {
    outcomes[e.outcome]++;
    if (!traffic) {
      firstOutbound.offer(e);
      continue;
    }
    const observed = traffic.observed(e.from, e.to);
    if (observed) firstOutbound.offer({ ...e, observed });
    else unobserved[e.outcome]++;
  }
  const outbound = firstOutbound.items();
  // By cluster, namespace and name: the order the clusters' objects arrived in (a backend syncs
  // its clusters concurrently) must not show in the answer, so CLI and portal agree.
  const byPlace = (
    a: { cluster: string; namespace: string; name?: string },
    b: { cluster: string; namespace: string; name?: string },
  ) =>
    compareStrings(a.cluster, b.cluster) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.name ?? '', b.name ?? '');
  return {
    workloads: [...input.workloads].sort(byPlace),
    namespaces: [...input.namespaces].sort(byPlace),
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
    ...(traffic
      ? {
          traffic: {
            window: traffic.window,
            observedAt: traffic.observedAt,
            unobserved,
            observedOnly: input.traffic!.observedOnly,
          },
        }
      : {}),
  };
}
