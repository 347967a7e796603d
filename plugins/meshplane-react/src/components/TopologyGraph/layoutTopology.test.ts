import type {
  MeshTopology,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';
import {
  layoutTopology,
  MAX_ROWS,
  MULTI_CLUSTER_LANE,
  NODE_WIDTH,
} from './layoutTopology';

const workload = (
  id: string,
  cluster: string,
  network?: string,
): TopologyNode => ({
  id,
  type: 'workload',
  name: id,
  namespace: 'ns',
  cluster,
  network,
  own: false,
});

describe('layoutTopology', () => {
  const topology: MeshTopology = {
    nodes: [
      {
        id: 'svc',
        type: 'service',
        name: 'reviews',
        namespace: 'bookinfo',
        clusters: ['east', 'west'],
        own: true,
      },
      workload('caller', 'east', 'n1'),
      workload('reviews-v1', 'east', 'n1'),
      workload('reviews-v2', 'west', 'n2'),
    ],
    edges: [
      { from: 'caller', to: 'svc', type: 'calls', port: 9080, outcome: 'mtls' },
      { from: 'caller', to: 'svc', type: 'calls', port: 9090, outcome: 'fail' },
      { from: 'svc', to: 'reviews-v1', type: 'selects' },
      { from: 'svc', to: 'reviews-v2', type: 'selects' },
    ],
  };
  const layout = layoutTopology(topology);
  const at = (id: string) => layout.nodes.find(n => n.id === id)!;

  it('reads left to right: callers, then services, then their workloads', () => {
    expect(at('caller').x).toBeLessThan(at('svc').x);
    expect(at('svc').x).toBeLessThan(at('reviews-v1').x);
    expect(at('reviews-v1').x).toBe(at('reviews-v2').x);
  });

  it('draws a lane per cluster inside a box per network, and a lane for multi-cluster services', () => {
    expect(layout.groups.map(g => `${g.kind}:${g.label}`)).toEqual([
      'network:network n1',
      'network:network n2',
      `lane:${MULTI_CLUSTER_LANE}`,
      'lane:cluster east',
      'lane:cluster west',
    ]);
    const lanesTopDown = layout.groups
      .filter(g => g.kind === 'lane')
      .sort((a, b) => a.y - b.y);
    expect(lanesTopDown.map(g => g.label)).toEqual([
      MULTI_CLUSTER_LANE,
      'cluster east',
      'cluster west',
    ]);
    const east = layout.groups.find(g => g.label === 'cluster east')!;
    for (const id of ['caller', 'reviews-v1']) {
      expect(at(id).y).toBeGreaterThan(east.y);
      expect(at(id).y).toBeLessThan(east.y + east.height);
    }
  });

  it('folds edges between the same nodes into one with the worst outcome', () => {
    const folded = layout.edges.filter(e => e.from === 'caller');
    expect(folded).toHaveLength(1);
    expect(folded[0].outcome).toBe('fail');
    expect(folded[0].lines).toEqual([
      'calls port 9080 mtls',
      'calls port 9090 fail',
    ]);
    expect(folded[0].start.x).toBe(at('caller').x + NODE_WIDTH / 2);
  });

  it('folds the ports of an observed caller into one edge with their figures once, not added', () => {
    const observed = {
      requestsPerSecond: 12.5,
      errorRate: 0.012,
      latencyP99Ms: 180,
      plaintextShare: 0.3,
    };
    const folded = layoutTopology({
      nodes: [workload('a', 'east'), workload('b', 'east')],
      edges: [
        {
          from: 'a',
          to: 'b',
          type: 'calls',
          port: 80,
          outcome: 'mtls',
          observed,
        },
        {
          from: 'a',
          to: 'b',
          type: 'calls',
          port: 90,
          outcome: 'mtls',
          observed,
        },
      ],
    }).edges;
    expect(folded).toHaveLength(1);
    expect(folded[0].observed).toEqual(observed);
    expect(folded[0].observedOnly).toBe(false);
    expect(folded[0].lines).toEqual([
      'calls port 80 mtls: 12.5 req/s, 1.2% errors, p99 180 ms, 30% plaintext',
      'calls port 90 mtls: 12.5 req/s, 1.2% errors, p99 180 ms, 30% plaintext',
    ]);
  });

  it('marks an edge observed only when no folded edge is configured', () => {
    const observed = { requestsPerSecond: 2, errorRate: 0 };
    const layoutOf = (observedOnly: boolean[]) =>
      layoutTopology({
        nodes: [workload('a', 'east'), workload('b', 'east')],
        edges: observedOnly.map((only, port) => ({
          from: 'a',
          to: 'b',
          type: 'calls' as const,
          port,
          observed,
          ...(only ? { observedOnly: true } : {}),
        })),
      }).edges[0];
    const alone = layoutOf([true]);
    expect(alone.observedOnly).toBe(true);
    expect(alone.lines).toEqual([
      'calls port 0 observed, no configuration allows it: 2 req/s, 0% errors',
    ]);
    expect(layoutOf([true, false]).observedOnly).toBe(false);
  });

  it('wraps a crowded layer into sub-columns and survives cycles', () => {
    const callers = Array.from({ length: MAX_ROWS * 2 + 1 }, (_, i) =>
      workload(`c${i}`, 'east'),
    );
    const big = layoutTopology({
      nodes: [
        ...callers,
        {
          id: 'svc',
          type: 'service',
          name: 's',
          namespace: 'ns',
          clusters: ['east'],
          own: true,
        },
      ],
      edges: [
        ...callers.map(c => ({
          from: c.id,
          to: 'svc',
          type: 'calls' as const,
        })),
        { from: 'svc', to: 'c0', type: 'calls' as const },
      ],
    });
    const xs = new Set(
      big.nodes.filter(n => n.id.startsWith('c')).map(n => n.x),
    );
    expect(xs.size).toBe(3);
    expect(
      big.nodes.every(n => Number.isFinite(n.x) && Number.isFinite(n.y)),
    ).toBe(true);
  });

  it.each([
    [['mtls', 'fail'], 'fail'],
    [['mtls', 'excluded'], 'excluded'],
    [['excluded', 'plaintext'], 'plaintext'],
    [[undefined, 'mtls'], 'mtls'],
  ] as const)(
    'draws edges %j between two nodes as one with the worst outcome, %s',
    (outcomes, worst) => {
      const folded = layoutTopology({
        nodes: [workload('a', 'east'), workload('b', 'east')],
        edges: outcomes.map((outcome, port) => ({
          from: 'a',
          to: 'b',
          type: 'calls' as const,
          port,
          ...(outcome ? { outcome } : {}),
        })),
      });
      expect(folded.edges.map(e => e.outcome)).toEqual([worst]);
    },
  );
});
