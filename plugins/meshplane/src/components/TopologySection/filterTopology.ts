import type {
  MeshTopology,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';

/** Filters of the topology section; `undefined` means "all". */
export interface TopologyFilter {
  cluster?: string;
  namespace?: string;
}

function inCluster(node: TopologyNode, cluster: string): boolean {
  return node.cluster === cluster || Boolean(node.clusters?.includes(cluster));
}

/** The nodes that pass the filter, and the edges between them. */
export function filterTopology(
  topology: MeshTopology,
  filter: TopologyFilter,
): MeshTopology {
  const { cluster, namespace } = filter;
  if (!cluster && !namespace) return topology;
  const nodes = topology.nodes.filter(
    node =>
      (!cluster || inCluster(node, cluster)) &&
      (!namespace || node.namespace === namespace),
  );
  const kept = new Set(nodes.map(n => n.id));
  return {
    nodes,
    edges: topology.edges.filter(e => kept.has(e.from) && kept.has(e.to)),
  };
}

/** Ids of the nodes whose name, namespace or cluster contains the text (case-insensitive). */
export function searchTopology(
  topology: MeshTopology,
  text: string,
): Set<string> | undefined {
  const query = text.trim().toLocaleLowerCase('en-US');
  if (!query) return undefined;
  return new Set(
    topology.nodes
      .filter(node =>
        [
          node.name,
          node.namespace,
          node.cluster,
          `${node.namespace}/${node.name}`,
        ].some(value => value?.toLocaleLowerCase('en-US').includes(query)),
      )
      .map(node => node.id),
  );
}

/** Clusters and namespaces present in the topology, sorted, for the filter menus. */
export function topologyFacets(topology: MeshTopology): {
  clusters: string[];
  namespaces: string[];
} {
  const clusters = new Set<string>();
  const namespaces = new Set<string>();
  for (const node of topology.nodes) {
    if (node.cluster) clusters.add(node.cluster);
    node.clusters?.forEach(c => clusters.add(c));
    if (node.namespace) namespaces.add(node.namespace);
  }
  return { clusters: [...clusters].sort(), namespaces: [...namespaces].sort() };
}
