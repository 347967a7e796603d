import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  MeshTopology,
  TopologyNode,
} from '@meshplane/plugin-meshplane-common';
import { pluralize, TopologyGraph } from '@meshplane/plugin-meshplane-react';
import {
  filterTopology,
  searchTopology,
  topologyFacets,
} from './filterTopology';
import { NodeDetails } from './NodeDetails';
import { TopologyLegend } from './TopologyLegend';

const ALL = '';

/** A drop-down of one facet (clusters, namespaces) with an "all" entry. */
function FacetSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  options: string[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 160 }}
      size="small"
    >
      <MenuItem value={ALL}>{props.allLabel}</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The entity's workloads and services with their callers and callees one
 * hop out, grouped by cluster and network, edges coloured by mTLS outcome,
 * with cluster/namespace filters and a search that highlights matches.
 * Joined with traffic (`traffic`), calls are as wide as their request rate.
 */
export function TopologySection(props: {
  topology: MeshTopology;
  traffic?: boolean;
}) {
  const { topology, traffic } = props;
  const [cluster, setCluster] = useState(ALL);
  const [namespace, setNamespace] = useState(ALL);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<TopologyNode>();
  const facets = useMemo(() => topologyFacets(topology), [topology]);
  const shown = useMemo(
    () =>
      filterTopology(topology, {
        cluster: cluster || undefined,
        namespace: namespace || undefined,
      }),
    [topology, cluster, namespace],
  );
  const matches = useMemo(() => searchTopology(shown, search), [shown, search]);
  const firstMatch = matches && shown.nodes.find(n => matches.has(n.id))?.id;

  if (topology.nodes.length === 0) {
    return (
      <InfoCard title="Topology">
        <Typography>
          No workloads or services: the linked services have no objects in any
          connected cluster.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title="Topology"
      subheader={`${pluralize(shown.nodes.length, 'node')} shown of ${
        topology.nodes.length
      }; callers on the left, callees on the right${
        traffic ? ', calls as wide as their request rate' : ''
      }. Drag to pan, Ctrl + scroll (or pinch) to zoom, hover an edge for its figures, click a node for details.`}
    >
      <Box display="flex" flexWrap="wrap" mb={1} style={{ gap: 16 }}>
        <FacetSelect
          id="meshplane-topology-cluster"
          label="Cluster"
          allLabel="All clusters"
          options={facets.clusters}
          value={cluster}
          onChange={setCluster}
        />
        <FacetSelect
          id="meshplane-topology-namespace"
          label="Namespace"
          allLabel="All namespaces"
          options={facets.namespaces}
          value={namespace}
          onChange={setNamespace}
        />
        <TextField
          id="meshplane-topology-search"
          label="Search nodes"
          value={search}
          onChange={e => setSearch(e.target.value)}
          size="small"
          helperText={
            matches ? `${pluralize(matches.size, 'match', 'matches')}` : ' '
          }
        />
      </Box>
      <TopologyGraph
        topology={shown}
        highlighted={matches}
        focusNodeId={firstMatch}
        selectedNodeId={selected?.id}
        onNodeClick={setSelected}
      />
      <TopologyLegend traffic={traffic} />
      {selected && <NodeDetails node={selected} topology={topology} />}
    </InfoCard>
  );
}
