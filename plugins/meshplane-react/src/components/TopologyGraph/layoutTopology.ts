import type {
  EdgeOutcome,
  MeshTopology,
  TopologyEdge,
  TopologyEdgeTraffic,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';
import { worstOutcome } from '@meshplane/plugin-meshplane-common';
import { busierTraffic, describeTraffic } from './edgeTraffic';

/** Font size of node names in drawing units: the body text size at scale 1. */
export const LABEL_FONT_SIZE = 14;
/** Font size of a node's second line (namespace or lane), its kind glyph and lane titles. */
export const SUBLABEL_FONT_SIZE = 12;

/** Size of every node box; labels longer than the box are cut with an ellipsis. */
export const NODE_WIDTH = 200;
/** Height of every node box: two lines of text. */
export const NODE_HEIGHT = 44;

const NODE_GAP = 12;
const COLUMN_GAP = 72;
const SUBCOLUMN_GAP = 16;
/** A layer with more nodes than this in one lane wraps into several sub-columns. */
export const MAX_ROWS = 12;
const LANE_HEADER = 32;
const LANE_PADDING = 12;
const LANE_GAP = 16;
const NETWORK_HEADER = 32;

/** Lane of the logical services that run in more than one cluster. */
export const MULTI_CLUSTER_LANE = 'multi-cluster services';
/** Lane of hosts outside the mesh. */
export const EXTERNAL_LANE = 'outside the mesh';

/** A node with the centre of its box. */
export interface PlacedNode extends TopologyNode {
  x: number;
  y: number;
}

/** A box around one cluster's lane, or around the lanes of one network. */
export interface PlacedGroup {
  id: string;
  kind: 'network' | 'lane';
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One drawn edge: the topology's edges between the same two nodes (several
 * ports, types) folded into one, with the worst outcome among them and the
 * busiest observed traffic.
 */
export interface PlacedEdge {
  id: string;
  from: string;
  to: string;
  outcome?: EdgeOutcome;
  /** A Gateway API backend Istio cannot use (drawn dashed; the reason is in `lines`). */
  unresolved?: boolean;
  /** The traffic observed on its `calls` edges (the busiest of them; they differ by port only). */
  observed?: TopologyEdgeTraffic;
  /** Observed traffic that no configuration allows: every folded edge is `observedOnly`. */
  observedOnly?: boolean;
  /** One line per folded edge, for the hover title. */
  lines: string[];
  /** Start (right side of the client) and end (left side of the server). */
  start: { x: number; y: number };
  end: { x: number; y: number };
}

/** The laid-out topology, in SVG user units. */
export interface TopologyLayout {
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** The lane (row) a node is drawn in: its cluster, or a shared lane. */
export function laneOf(node: TopologyNode): string {
  if (node.cluster) return node.cluster;
  if (node.clusters?.length === 1) return node.clusters[0];
  if (node.type === 'external') return EXTERNAL_LANE;
  return MULTI_CLUSTER_LANE;
}

function describeEdge(edge: TopologyEdge): string {
  const parts: string[] = [edge.type];
  if (edge.port !== undefined) parts.push(`port ${edge.port}`);
  if (edge.subset) parts.push(`subset ${edge.subset}`);
  if (edge.weight !== undefined) parts.push(`${edge.weight}%`);
  if (edge.outcome) parts.push(edge.outcome);
  if (edge.unresolved) parts.push(`unresolved: ${edge.unresolved}`);
  if (edge.source) parts.push(`(${edge.source})`);
  if (edge.observedOnly) parts.push('observed, no configuration allows it');
  const line = parts.join(' ');
  return edge.observed ? `${line}: ${describeTraffic(edge.observed)}` : line;
}

/**
 * Longest-path layering from the sources, so that traffic reads left to
 * right: callers, services, their workloads, callees. Edges that close a
 * cycle (found by depth-first search) are ignored for layering.
 */
function rankNodes(
  ids: string[],
  successors: Map<string, string[]>,
): Map<string, number> {
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const forward = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS: topologies can be deep enough to overflow recursion.
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const targets = successors.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        const seen = state.get(target);
        if (seen === undefined) {
          forward.get(frame.id)!.push(target);
          state.set(target, 'open');
          stack.push({ id: target, next: 0 });
        } else if (seen === 'done') {
          forward.get(frame.id)!.push(target);
        }
      } else {
        state.set(frame.id, 'done');
        order.push(frame.id);
        stack.pop();
      }
    }
  }
  const rank = new Map<string, number>(ids.map(id => [id, 0]));
  for (const id of order.reverse()) {
    for (const target of forward.get(id)!) {
      rank.set(target, Math.max(rank.get(target)!, rank.get(id)! + 1));
    }
  }
  return rank;
}

/**
 * Lays a topology out in swimlanes: one lane (row) per cluster, grouped in a
 * box per network when there are several, plus lanes for multi-cluster
 * services and outside hosts; columns are traffic layers (callers → services
 * → workloads → callees). Within a column nodes are ordered by the mean
 * position of their already placed neighbours (one barycentre sweep); a layer
 * with more than {@link MAX_ROWS} nodes in a lane wraps into sub-columns, so
 * hundreds of callers make a block rather than a thin, very tall column.
 *
 * Linear in nodes and edges, so it stays fast at hundreds of nodes: no
 * crossing-minimisation passes as in dagre, whose nested (per-cluster) layout
 * took 472 ms for 200 nodes in Node 24 (README, "Topology graph").
 */
export function layoutTopology(topology: MeshTopology): TopologyLayout {
  const nodes = topology.nodes;
  const byId = new Map(nodes.map(node => [node.id, node]));

  const folded = new Map<string, Omit<PlacedEdge, 'id' | 'start' | 'end'>>();
  for (const edge of topology.edges) {
    if (!byId.has(edge.from) || !byId.has(edge.to) || edge.from === edge.to)
      continue;
    const id = `${edge.from}->${edge.to}`;
    const entry = folded.get(id) ?? {
      from: edge.from,
      to: edge.to,
      observedOnly: true,
      lines: [],
    };
    entry.outcome = worstOutcome([entry.outcome, edge.outcome]);
    if (edge.unresolved) entry.unresolved = true;
    entry.observed = busierTraffic(entry.observed, edge.observed);
    entry.observedOnly = entry.observedOnly && edge.observedOnly === true;
    entry.lines.push(describeEdge(edge));
    folded.set(id, entry);
  }
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const { from, to } of folded.values()) {
    successors.set(from, [...(successors.get(from) ?? []), to]);
    predecessors.set(to, [...(predecessors.get(to) ?? []), from]);
  }
  const rank = rankNodes(
    nodes.map(n => n.id),
    successors,
  );
  const columns = Math.max(0, ...rank.values()) + 1;

  // Lanes: multi-cluster services first (usually the entity itself), then
  // clusters grouped by network, clusters without a network, outside hosts last.
  const lanes = new Map<
    string,
    { network?: string; byRank: TopologyNode[][] }
  >();
  for (const node of nodes) {
    const key = laneOf(node);
    let lane = lanes.get(key);
    if (!lane) {
      lane = { byRank: Array.from({ length: columns }, () => []) };
      lanes.set(key, lane);
    }
    if (node.cluster && node.network && !lane.network)
      lane.network = node.network;
    lane.byRank[rank.get(node.id)!].push(node);
  }
  const shared = (key: string) =>
    key === MULTI_CLUSTER_LANE || key === EXTERNAL_LANE;
  const laneGroup = (key: string) => {
    if (key === MULTI_CLUSTER_LANE) return 0;
    if (key === EXTERNAL_LANE) return 3;
    return lanes.get(key)!.network ? 1 : 2;
  };
  const laneKeys = [...lanes.keys()].sort(
    (a, b) =>
      laneGroup(a) - laneGroup(b) ||
      (lanes.get(a)!.network ?? '').localeCompare(
        lanes.get(b)!.network ?? '',
      ) ||
      a.localeCompare(b),
  );
  const networks = new Set(
    laneKeys.flatMap(k =>
      lanes.get(k)!.network ? [lanes.get(k)!.network!] : [],
    ),
  );
  const groupByNetwork = networks.size > 1;
  const networkOf = (key: string) =>
    groupByNetwork && !shared(key) ? lanes.get(key)!.network : undefined;

  // Width of each layer: its widest lane's sub-columns.
  const subcolumns = Array.from({ length: columns }, (_, r) =>
    Math.max(
      1,
      ...[...lanes.values()].map(lane =>
        Math.ceil(lane.byRank[r].length / MAX_ROWS),
      ),
    ),
  );
  const layerLeft: number[] = [];
  let contentWidth = 0;
  subcolumns.forEach((count, r) => {
    layerLeft[r] = contentWidth;
    contentWidth +=
      count * NODE_WIDTH +
      (count - 1) * SUBCOLUMN_GAP +
      (r < columns - 1 ? COLUMN_GAP : 0);
  });
  const laneWidth = contentWidth + 2 * LANE_PADDING;
  const inset = groupByNetwork ? LANE_PADDING : 0;
  const groups: PlacedGroup[] = [];
  const laneTop = new Map<string, number>();
  let y = 0;
  let currentNetwork: string | undefined;
  let networkTop = 0;
  const closeNetwork = () => {
    if (currentNetwork === undefined) return;
    groups.push({
      id: `network:${currentNetwork}`,
      kind: 'network',
      label: `network ${currentNetwork}`,
      x: 0,
      y: networkTop,
      width: laneWidth + 2 * inset,
      height: y - LANE_GAP + LANE_PADDING - networkTop,
    });
    y += LANE_PADDING;
    currentNetwork = undefined;
  };
  for (const key of laneKeys) {
    const network = networkOf(key);
    if (network !== currentNetwork) {
      closeNetwork();
      if (network !== undefined) {
        currentNetwork = network;
        networkTop = y;
        y += NETWORK_HEADER;
      }
    }
    const lane = lanes.get(key)!;
    const rows = Math.max(
      ...lane.byRank.map(column => Math.min(column.length, MAX_ROWS)),
    );
    const height =
      LANE_HEADER + rows * NODE_HEIGHT + (rows - 1) * NODE_GAP + LANE_PADDING;
    laneTop.set(key, y);
    groups.push({
      id: `lane:${key}`,
      kind: 'lane',
      label: shared(key) ? key : `cluster ${key}`,
      x: inset,
      y,
      width: laneWidth,
      height,
    });
    y += height + LANE_GAP;
  }
  closeNetwork();

  const positions = new Map<string, { x: number; y: number }>();
  const meanNeighbourY = (id: string): number | undefined => {
    const ys = [...(predecessors.get(id) ?? []), ...(successors.get(id) ?? [])]
      .map(n => positions.get(n)?.y)
      .filter((v): v is number => v !== undefined);
    return ys.length > 0
      ? ys.reduce((s, v) => s + v, 0) / ys.length
      : undefined;
  };
  for (let r = 0; r < columns; r++) {
    const left = inset + LANE_PADDING + layerLeft[r];
    for (const key of laneKeys) {
      const column = lanes.get(key)!.byRank[r];
      const keyed = column.map(node => ({ node, at: meanNeighbourY(node.id) }));
      keyed.sort(
        (a, b) =>
          (a.at ?? Infinity) - (b.at ?? Infinity) ||
          (a.node.namespace ?? '').localeCompare(b.node.namespace ?? '') ||
          a.node.name.localeCompare(b.node.name),
      );
      const top = laneTop.get(key)! + LANE_HEADER;
      // Column-major: fill a sub-column top to bottom, then the next one.
      keyed.forEach(({ node }, index) => {
        const sub = Math.floor(index / MAX_ROWS);
        const row = index % MAX_ROWS;
        positions.set(node.id, {
          x: left + sub * (NODE_WIDTH + SUBCOLUMN_GAP) + NODE_WIDTH / 2,
          y: top + row * (NODE_HEIGHT + NODE_GAP) + NODE_HEIGHT / 2,
        });
      });
    }
  }
  // Networks first, so lanes are painted over them.
  const paintOrder = (group: PlacedGroup) => (group.kind === 'network' ? 0 : 1);
  groups.sort((a, b) => paintOrder(a) - paintOrder(b));

  return {
    nodes: nodes.map(node => ({ ...node, ...positions.get(node.id)! })),
    groups,
    edges: [...folded.entries()].map(([id, edge]) => {
      const from = positions.get(edge.from)!;
      const to = positions.get(edge.to)!;
      return {
        id,
        ...edge,
        start: { x: from.x + NODE_WIDTH / 2, y: from.y },
        end: { x: to.x - NODE_WIDTH / 2, y: to.y },
      };
    }),
    width: laneWidth + 2 * inset,
    height: Math.max(0, y - LANE_GAP),
  };
}
