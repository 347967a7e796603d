import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  MeshTopology,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';
import {
  EdgeOutcomeLabel,
  formatRequestRate,
  formatShare,
} from '@meshplane/plugin-meshplane-react';
import { useServiceEntityLink } from '../CatalogLink';

/** The logical service a node belongs to: itself, or the service that selects a workload. */
function serviceOf(node: TopologyNode, topology: MeshTopology) {
  if (node.type === 'service')
    return { namespace: node.namespace, name: node.name };
  const selector = topology.edges.find(
    e => e.type === 'selects' && e.to === node.id,
  );
  const service = selector && topology.nodes.find(n => n.id === selector.from);
  return service
    ? { namespace: service.namespace, name: service.name }
    : undefined;
}

function proxyText(node: TopologyNode): string {
  if (node.type === 'waypoint') return ' · ambient waypoint (L7 proxy)';
  if (node.dataplane === 'ambient') return ' · ambient (ztunnel)';
  if (node.sidecar === undefined) return '';
  return node.sidecar ? ' · Istio proxy' : ' · no Istio proxy';
}

/** What the selected node is, its connections, and its catalog entity when there is one. */
export function NodeDetails(props: {
  node: TopologyNode;
  topology: MeshTopology;
}) {
  const { node, topology } = props;
  const { link } = useServiceEntityLink(serviceOf(node, topology));
  const name = (id: string) =>
    topology.nodes.find(n => n.id === id)?.name ?? id;
  const connections = topology.edges.filter(
    e => e.from === node.id || e.to === node.id,
  );
  const where = node.cluster ?? node.clusters?.join(', ') ?? 'outside the mesh';
  return (
    <Box mt={2} data-testid="meshplane-node-details">
      <Typography variant="subtitle1">
        {node.type} {node.namespace ? `${node.namespace}/` : ''}
        {node.name}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {node.cluster ? 'cluster' : 'clusters'} {where}
        {node.network ? ` · network ${node.network}` : ''}
        {proxyText(node)}
        {node.own ? ' · part of this entity' : ''}
      </Typography>
      {link && (
        <Typography variant="body2">
          Catalog: <Link to={link.href}>{link.title}</Link>
        </Typography>
      )}
      {connections.map((edge, index) => (
        <Box key={index} display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="body2">
            {edge.from === node.id
              ? `→ ${name(edge.to)}`
              : `← ${name(edge.from)}`}{' '}
            ({edge.type}
            {edge.port !== undefined ? ` ${edge.port}` : ''}
            {edge.subset ? `, subset ${edge.subset}` : ''}
            {edge.source ? `, ${edge.source}` : ''})
          </Typography>
          {edge.outcome && <EdgeOutcomeLabel outcome={edge.outcome} />}
          {edge.observed && (
            <Typography variant="caption" color="textSecondary">
              {formatRequestRate(edge.observed.requestsPerSecond)},{' '}
              {formatShare(edge.observed.errorRate)} errors
              {edge.observedOnly
                ? '; observed, no configuration allows it'
                : ''}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
