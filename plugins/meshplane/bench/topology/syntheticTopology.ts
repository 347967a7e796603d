import type {
  MeshTopology,
  TopologyEdge,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';

const CLUSTERS = [
  { name: 'east-1', network: 'net-east' },
  { name: 'east-2', network: 'net-east' },
  { name: 'west-1', network: 'net-west' },
  { name: 'west-2', network: 'net-west' },
];
const OUTCOMES = [
  'mtls',
  'mtls',
  'mtls',
  'plaintext',
  'fail',
  'excluded',
] as const;

/**
 * A deterministic topology of about `size` nodes shaped like a popular
 * service: the service with three versions in four clusters, two callees, and
 * callers from many namespaces filling the rest, a third of them calling
 * across clusters.
 */
export function syntheticTopology(size: number): MeshTopology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const service = (name: string, own: boolean): TopologyNode => ({
    id: `service:shop/${name}`,
    type: 'service',
    name,
    namespace: 'shop',
    clusters: CLUSTERS.map(c => c.name),
    own,
  });
  nodes.push(
    service('catalog', true),
    service('pricing', false),
    service('stock', false),
  );
  for (const cluster of CLUSTERS) {
    for (const version of ['v1', 'v2', 'v3']) {
      const id = `workload:${cluster.name}/shop/Deployment/catalog-${version}`;
      nodes.push({
        id,
        type: 'workload',
        name: `catalog-${version}`,
        namespace: 'shop',
        cluster: cluster.name,
        network: cluster.network,
        sidecar: true,
        own: true,
      });
      edges.push({ from: 'service:shop/catalog', to: id, type: 'selects' });
      edges.push({
        from: id,
        to: 'service:shop/pricing',
        type: 'calls',
        port: 8080,
        outcome: 'mtls',
      });
      edges.push({
        from: id,
        to: 'service:shop/stock',
        type: 'calls',
        port: 9090,
        outcome: 'mtls',
      });
    }
  }
  for (let i = 0; nodes.length < size; i++) {
    const cluster = CLUSTERS[i % CLUSTERS.length];
    const id = `workload:${cluster.name}/team-${i % 23}/Deployment/caller-${i}`;
    nodes.push({
      id,
      type: i % 17 === 0 ? 'vm' : 'workload',
      name: `caller-${i}`,
      namespace: `team-${i % 23}`,
      cluster: cluster.name,
      network: cluster.network,
      sidecar: i % 5 !== 0,
      own: false,
    });
    edges.push({
      from: id,
      to: 'service:shop/catalog',
      type: 'calls',
      port: 8080,
      outcome: OUTCOMES[i % OUTCOMES.length],
    });
  }
  return { nodes, edges };
}
