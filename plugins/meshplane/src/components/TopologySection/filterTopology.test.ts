import type { MeshTopology } from '@meshplane/plugin-meshplane-common';
import {
  filterTopology,
  searchTopology,
  topologyFacets,
} from './filterTopology';

const topology: MeshTopology = {
  nodes: [
    {
      id: 's',
      type: 'service',
      name: 'reviews',
      namespace: 'bookinfo',
      clusters: ['east-1', 'west-1'],
      own: true,
    },
    {
      id: 'w1',
      type: 'workload',
      name: 'reviews-v1',
      namespace: 'bookinfo',
      cluster: 'east-1',
      own: true,
    },
    {
      id: 'w2',
      type: 'workload',
      name: 'reviews-v2',
      namespace: 'bookinfo',
      cluster: 'west-1',
      own: true,
    },
    {
      id: 'c',
      type: 'workload',
      name: 'productpage-v1',
      namespace: 'frontend',
      cluster: 'east-1',
      own: false,
    },
  ],
  edges: [
    { from: 's', to: 'w1', type: 'selects' },
    { from: 's', to: 'w2', type: 'selects' },
    { from: 'c', to: 's', type: 'calls', outcome: 'fail', port: 9080 },
  ],
};

describe('filterTopology', () => {
  it('keeps multi-cluster services in each of their clusters, and only edges between kept nodes', () => {
    const east = filterTopology(topology, { cluster: 'east-1' });
    expect(east.nodes.map(n => n.id)).toEqual(['s', 'w1', 'c']);
    expect(east.edges.map(e => `${e.from}>${e.to}`)).toEqual(['s>w1', 'c>s']);
  });

  it('filters by namespace', () => {
    const frontend = filterTopology(topology, { namespace: 'frontend' });
    expect(frontend.nodes.map(n => n.id)).toEqual(['c']);
    expect(frontend.edges).toEqual([]);
  });

  it('finds nodes by name, namespace/name or cluster, ignoring case', () => {
    expect([...searchTopology(topology, 'REVIEWS-V')!]).toEqual(['w1', 'w2']);
    expect([...searchTopology(topology, 'frontend/product')!]).toEqual(['c']);
    expect(searchTopology(topology, '  ')).toBeUndefined();
  });

  it('lists the clusters and namespaces present', () => {
    expect(topologyFacets(topology)).toEqual({
      clusters: ['east-1', 'west-1'],
      namespaces: ['bookinfo', 'frontend'],
    });
  });
});
