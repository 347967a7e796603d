import type { Edge, EdgeOutcome } from '../model/types';
import { compareEdges, entityPosture, FirstInOrder } from './entityPosture';

/** An edge from `cluster/namespace/workload` to `namespace/service:port` (in cluster c1). */
function edge(from: string, to: string, outcome: EdgeOutcome): Edge {
  const [cluster, namespace, workload] = from.split('/');
  const [, ns, service, port] = /^(.+)\/(.+):(\d+)$/.exec(to)!;
  return {
    from: { cluster, namespace, workload },
    to: { cluster: 'c1', namespace: ns, service, port: Number(port) },
    crossCluster: cluster !== 'c1',
    crossNetwork: false,
    clientTls: outcome === 'plaintext' ? 'DISABLE' : 'ISTIO_MUTUAL',
    clientTlsSource: 'auto',
    outcome,
    reason: outcome,
  };
}

const label = (e: Edge) =>
  `${e.outcome} ${e.from.cluster}/${e.from.namespace}/${e.from.workload} -> ${e.to.namespace}/${e.to.service}:${e.to.port}`;

function posture(inbound: Edge[], outbound: Edge[], maxEdges = 500) {
  return entityPosture({
    workloads: [],
    namespaces: [],
    // Each edge its caller's own; the analyzer's callers share theirs (a caller's `from` wins).
    inbound: inbound.map(e => ({
      from: e.from,
      edges: [{ ...e, from: { cluster: '-', namespace: '-', workload: '-' } }],
    })),
    outbound,
    maxEdges,
  });
}

describe('entityPosture', () => {
  it.each([
    {
      name: 'lists inbound callers without mTLS worst first, then by caller and destination',
      inbound: [
        edge('c1/b/x', 'shop/api:80', 'excluded'),
        edge('c1/a/y', 'shop/api:80', 'mtls'),
        edge('c2/a/x', 'shop/api:80', 'plaintext'),
        edge('c1/a/x', 'shop/api:8080', 'plaintext'),
        edge('c1/a/x', 'shop/api:80', 'plaintext'),
        edge('c1/z/z', 'shop/api:80', 'fail'),
      ],
      outbound: [],
      maxEdges: 500,
      listed: {
        inbound: [
          'fail c1/z/z -> shop/api:80',
          'plaintext c1/a/x -> shop/api:80',
          'plaintext c1/a/x -> shop/api:8080',
          'plaintext c2/a/x -> shop/api:80',
          'excluded c1/b/x -> shop/api:80',
        ],
        outbound: [],
      },
      omitted: { inbound: 1, outbound: 0 },
    },
    {
      name: 'lists outbound edges of every outcome, mTLS included, worst first',
      inbound: [],
      outbound: [
        edge('c1/shop/api', 'data/db:5432', 'mtls'),
        edge('c1/shop/api', 'data/cache:6379', 'excluded'),
        edge('c1/shop/api', 'data/legacy:80', 'plaintext'),
      ],
      maxEdges: 500,
      listed: {
        inbound: [],
        outbound: [
          'plaintext c1/shop/api -> data/legacy:80',
          'excluded c1/shop/api -> data/cache:6379',
          'mtls c1/shop/api -> data/db:5432',
        ],
      },
      omitted: { inbound: 0, outbound: 0 },
    },
    {
      name: 'cuts each direction at maxEdges, keeping the worst, and counts what it leaves out',
      inbound: [
        edge('c1/a/p', 'shop/api:80', 'plaintext'),
        edge('c1/a/q', 'shop/api:80', 'excluded'),
        edge('c1/a/r', 'shop/api:80', 'fail'),
        edge('c1/a/s', 'shop/api:80', 'mtls'),
      ],
      outbound: [
        edge('c1/shop/api', 'data/db:5432', 'mtls'),
        edge('c1/shop/api', 'data/legacy:80', 'fail'),
        edge('c1/shop/api', 'data/cache:6379', 'plaintext'),
      ],
      maxEdges: 2,
      listed: {
        inbound: [
          'fail c1/a/r -> shop/api:80',
          'plaintext c1/a/p -> shop/api:80',
        ],
        outbound: [
          'fail c1/shop/api -> data/legacy:80',
          'plaintext c1/shop/api -> data/cache:6379',
        ],
      },
      omitted: { inbound: 2, outbound: 1 },
    },
  ])('$name', ({ inbound, outbound, maxEdges, listed, omitted }) => {
    const result = posture(inbound, outbound, maxEdges);
    expect({
      inbound: result.inbound.map(label),
      outbound: result.outbound.map(label),
    }).toEqual(listed);
    expect(result.omitted).toEqual(omitted);
    // Every edge is either listed or omitted, and counted once in `outcomes`.
    expect(
      result.inbound.length +
        result.omitted.inbound +
        result.outbound.length +
        result.omitted.outbound,
    ).toBe(Object.values(result.outcomes).reduce((n, c) => n + c, 0));
  });

  it('counts every inbound and outbound edge per outcome', () => {
    const result = posture(
      [
        edge('c1/a/x', 'shop/api:80', 'mtls'),
        edge('c1/a/y', 'shop/api:80', 'mtls'),
        edge('c1/a/z', 'shop/api:80', 'plaintext'),
      ],
      [
        edge('c1/shop/api', 'data/db:5432', 'fail'),
        edge('c1/shop/api', 'data/cache:6379', 'excluded'),
      ],
    );
    expect(result.outcomes).toEqual({
      mtls: 2,
      plaintext: 1,
      fail: 1,
      denied: 0,
      excluded: 1,
    });
  });

  it('names each plaintext caller once, with its service ports, from the edges a cut leaves out too', () => {
    const result = posture(
      [
        edge('c1/shop/web', 'shop/api:8080', 'plaintext'),
        edge('c1/legacy/old', 'shop/api:80', 'fail'),
        edge('c2/shop/web', 'shop/api:80', 'plaintext'),
        edge('c1/shop/web', 'shop/api:80', 'plaintext'),
        edge('c1/shop/web', 'shop/api:80', 'plaintext'),
        edge('c1/shop/web', 'shop/admin:9090', 'plaintext'),
        edge('c1/mesh/ok', 'shop/api:80', 'mtls'),
      ],
      [edge('c1/shop/api', 'data/db:5432', 'plaintext')],
      1,
    );
    expect(result.inbound.map(label)).toEqual([
      'fail c1/legacy/old -> shop/api:80',
    ]);
    // Outbound plaintext is the entity's own: it blocks nothing on its services.
    expect(result.strictBlockers).toEqual([
      {
        caller: { cluster: 'c1', namespace: 'shop', workload: 'web' },
        services: ['shop/admin:9090', 'shop/api:80', 'shop/api:8080'],
      },
      {
        caller: { cluster: 'c2', namespace: 'shop', workload: 'web' },
        services: ['shop/api:80'],
      },
    ]);
  });

  it('lists the same edges in the same order whatever order they come in', () => {
    const edges = [
      edge('c1/b/x', 'shop/api:80', 'plaintext'),
      edge('c1/a/x', 'shop/api:80', 'plaintext'),
      edge('c1/a/x', 'shop/api:80', 'fail'),
      edge('c2/a/x', 'shop/web:80', 'excluded'),
    ];
    expect(posture(edges, edges)).toEqual(
      posture([...edges].reverse(), [...edges].reverse()),
    );
  });
});

describe('FirstInOrder', () => {
  it('keeps the first k of what is offered as a stable sort would order them, ties in offer order', () => {
    let state = 7;
    // A small deterministic generator (Park–Miller): the same items on every run.
    const rnd = () => (state = (state * 48271) % 2147483647) / 2147483647;
    for (const [n, k] of [
      [0, 3],
      [5, 0],
      [5, 10],
      [200, 1],
      [200, 17],
      [1000, 500],
    ]) {
      // Few distinct keys: many ties, told apart only by the order they were offered in.
      const items = Array.from({ length: n }, (_, i) => ({
        key: Math.floor(rnd() * 20),
        i,
      }));
      const first = new FirstInOrder<{ key: number; i: number }>(
        k,
        (a, b) => a.key - b.key,
      );
      for (const item of items) first.offer(item);
      expect(first.items()).toEqual(
        [...items].sort((a, b) => a.key - b.key).slice(0, k),
      );
    }
  });
});

describe('compareEdges', () => {
  it('orders by outcome, then observed rate (L4 only by connections, unobserved last), then by name', () => {
    const observed = (rps?: number, connections?: number) => ({
      reporter: 'destination' as const,
      protocol: rps === undefined ? ('tcp' as const) : ('http' as const),
      ...(rps === undefined ? {} : { requestsPerSecond: rps }),
      ...(connections === undefined
        ? {}
        : { connectionsPerSecond: connections }),
      tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
    });
    const edges: Edge[] = [
      edge('c1/a/quiet', 'shop/api:80', 'mtls'),
      { ...edge('c1/b/busy', 'shop/api:80', 'mtls'), observed: observed(40) },
      {
        ...edge('c1/a/l4', 'shop/api:80', 'mtls'),
        observed: observed(undefined, 3),
      },
      { ...edge('c1/a/slow', 'shop/api:80', 'mtls'), observed: observed(0.5) },
      { ...edge('c1/z/z', 'shop/api:80', 'fail'), observed: observed(1) },
      edge('c1/a/a', 'shop/api:80', 'fail'),
    ];
    expect([...edges].sort(compareEdges).map(e => e.from.workload)).toEqual([
      'z',
      'a',
      'busy',
      'l4',
      'slow',
      'quiet',
    ]);
  });
});
