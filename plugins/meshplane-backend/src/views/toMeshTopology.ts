import type {
  Edge,
  EdgeOutcome,
  MeshTopology,
  ObservedEdge,
  ObservedTraffic,
  Topology,
  TopologyEdge,
  TopologyEdgeTraffic,
  TopologyEdgeType,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';
import {
  serviceNodeId,
  workloadNodeId,
  worstOutcome,
} from '@meshplane/plugin-meshplane-common';

type EngineEdge = Topology['edges'][number];

const EDGE_TYPES: Record<EngineEdge['source'], TopologyEdgeType> = {
  route: 'route',
  subset: 'route',
  endpoint: 'selects',
  egress: 'egress',
  authorization: 'allows',
  waypoint: 'waypoint',
  attach: 'attaches',
  backend: 'backend',
};

/**
 * What a `calls` edge carries of the traffic observed on its posture edges. Every port and
 * subset edge of one caller → service → destination cluster carries the same figures (Istio's
 * metrics have no port): they count once per destination cluster, and the clusters add up.
 */
function edgeTraffic(
  perCluster: Map<string, ObservedTraffic>,
): TopologyEdgeTraffic | undefined {
  if (perCluster.size === 0) return undefined;
  let rps = 0;
  let errors = 0;
  let bytes = 0;
  let plaintext = 0;
  let weight = 0;
  let p99: number | undefined;
  for (const o of perCluster.values()) {
    const requests = o.requestsPerSecond ?? 0;
    rps += requests;
    errors += requests * (o.errorRate ?? 0);
    bytes += o.tcpBytesPerSecond ?? 0;
    const w = requests || o.connectionsPerSecond || o.tcpBytesPerSecond || 0;
    plaintext += w * o.tls.plaintext;
    weight += w;
    if (o.latencyMs) p99 = Math.max(p99 ?? 0, o.latencyMs.p99);
  }
  return {
    requestsPerSecond: rps,
    errorRate: rps > 0 ? errors / rps : 0,
    ...(p99 !== undefined ? { latencyP99Ms: p99 } : {}),
    ...(bytes > 0 ? { tcpBytesPerSecond: bytes } : {}),
    ...(weight > 0 ? { plaintextShare: plaintext / weight } : {}),
  };
}

/**
 * The API's topology of an entity from the engine's topology around its
 * services: nodes carry `own`, their cluster and network; edges get the
 * API's edge types, and `calls` edges are added for the posture edges of
 * the entity's callers and callees (one per caller workload and service, worst outcome).
 */
export function toMeshTopology(options: {
  topology: Topology;
  ownNodeIds: Set<string>;
  networkOf: (cluster: string) => string | undefined;
  inbound: Edge[];
  outbound: Edge[];
  /** Observed traffic no configured edge allows: drawn as `calls` edges marked `observedOnly`. */
  observedOnly?: ObservedEdge[];
}): MeshTopology {
  const { topology, ownNodeIds, networkOf } = options;
  const nodes = new Map<string, TopologyNode>();
  for (const n of topology.nodes) {
    const single =
      n.type !== 'service' && n.clusters.length === 1
        ? n.clusters[0]
        : undefined;
    nodes.set(n.id, {
      id: n.id,
      type: n.type,
      name: n.name,
      ...(n.namespace ? { namespace: n.namespace } : {}),
      ...(single ? { cluster: single } : {}),
      clusters: n.clusters,
      ...(single && networkOf(single) ? { network: networkOf(single) } : {}),
      ...(n.sidecar !== undefined ? { sidecar: n.sidecar } : {}),
      ...(n.dataplane ? { dataplane: n.dataplane } : {}),
      ...(n.kind ? { kind: n.kind } : {}),
      ...(n.gateway ? { gateway: n.gateway } : {}),
      own: ownNodeIds.has(n.id),
    });
  }
  const edges: TopologyEdge[] = topology.edges.map(e => ({
    from: e.from,
    to: e.to,
    type: EDGE_TYPES[e.source],
    ...(e.outcome ? { outcome: e.outcome } : {}),
    ...(e.subset ? { subset: e.subset } : {}),
    ...(e.weight !== undefined ? { weight: e.weight } : {}),
    ...(e.unresolved ? { unresolved: e.unresolved } : {}),
    ...(e.object
      ? { source: `${e.object.kind} ${e.object.namespace}/${e.object.name}` }
      : {}),
  }));
  const calls = new Map<
    string,
    {
      from: string;
      to: string;
      outcomes: EdgeOutcome[];
      observed: Map<string, ObservedTraffic>;
      observedOnly: boolean;
    }
  >();
  // Configured edges (with their outcome), then the observed traffic no configuration allows.
  const inputs: Array<{
    from: Edge['from'] | ObservedEdge['from'];
    to: ObservedEdge['to'];
    outcome?: EdgeOutcome;
    observed?: ObservedTraffic;
  }> = [
    ...options.inbound,
    ...options.outbound,
    ...(options.observedOnly ?? []),
  ];
  for (const e of inputs) {
    // An edge names its client workload, not whether it is a VM (one with a sidecar calls too).
    const client = { ...e.from, name: e.from.workload };
    const vmId = workloadNodeId({ ...client, vm: true });
    const from = nodes.has(vmId)
      ? vmId
      : workloadNodeId({ ...client, vm: false });
    const to = serviceNodeId({ namespace: e.to.namespace, name: e.to.service });
    if (!nodes.has(from)) {
      nodes.set(from, {
        id: from,
        type: 'workload',
        name: e.from.workload,
        namespace: e.from.namespace,
        cluster: e.from.cluster,
        clusters: [e.from.cluster],
        ...(networkOf(e.from.cluster)
          ? { network: networkOf(e.from.cluster) }
          : {}),
        own: ownNodeIds.has(from),
      });
    }
    if (!nodes.has(to)) {
      nodes.set(to, {
        id: to,
        type: 'service',
        name: e.to.service,
        namespace: e.to.namespace,
        clusters: [e.to.cluster],
        own: ownNodeIds.has(to),
      });
    }
    const key = `${from}>${to}`;
    let call = calls.get(key);
    if (!call) {
      call = {
        from,
        to,
        outcomes: [],
        observed: new Map(),
        observedOnly: !e.outcome,
      };
      calls.set(key, call);
    }
    if (!e.outcome) {
      if (e.observed) call.observed.set(`only|${e.to.cluster}`, e.observed);
    } else {
      call.observedOnly = false;
      call.outcomes.push(e.outcome);
      if (e.observed) call.observed.set(e.to.cluster, e.observed);
    }
  }
  for (const call of calls.values()) {
    const observed = edgeTraffic(call.observed);
    edges.push({
      from: call.from,
      to: call.to,
      type: 'calls',
      ...(call.observedOnly
        ? { observedOnly: true }
        : { outcome: worstOutcome(call.outcomes) }),
      ...(observed ? { observed } : {}),
    });
  }
  // One hop out means connected: nodes without an edge (e.g. unrelated external hosts) are left out.
  const connected = new Set(edges.flatMap(e => [e.from, e.to]));
  const ordered = [...nodes.values()]
    .filter(n => n.own || connected.has(n.id))
    .sort((a, b) => Number(b.own) - Number(a.own));
  return { nodes: ordered, edges };
}
