import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import type {
  ClusterDetail,
  ClusterSummary,
  MtlsStatus,
} from '@meshplane/plugin-meshplane-common';
import {
  MtlsStatusLabel,
  pluralize,
  useMeshplane,
} from '@meshplane/plugin-meshplane-react';

interface NamespaceRow {
  id: string;
  namespace: string;
  status: MtlsStatus;
}

const columns: TableColumn<NamespaceRow>[] = [
  { title: 'Namespace', field: 'namespace', highlight: true },
  {
    title: 'mTLS',
    field: 'status',
    render: row => <MtlsStatusLabel status={row.status} />,
  },
];

/** The cluster shown first: the one asked for, else the first that answers, else the first. */
function initialCluster(clusters: ClusterSummary[], asked?: string): string {
  if (asked && clusters.some(c => c.name === asked)) return asked;
  return (
    clusters.find(c => c.status !== 'unreachable' && c.status !== 'connecting')
      ?.name ??
    clusters[0]?.name ??
    ''
  );
}

/**
 * Mesh-wide and per-namespace mTLS of one cluster at a time, chosen from the
 * clusters the page already listed: one `GET /clusters/:name` per choice,
 * never one per cluster of the fleet. A cluster whose detail cannot be read
 * says why.
 */
export function MtlsCard(props: {
  clusters: ClusterSummary[];
  cluster?: string;
  namespace?: string;
}) {
  const { clusters, namespace } = props;
  const [selected, setSelected] = useState(() =>
    initialCluster(clusters, props.cluster),
  );
  const { value, error, loading } = useMeshplane(
    async (api, signal): Promise<ClusterDetail | undefined> =>
      selected ? api.getCluster(selected, { signal }) : undefined,
    [selected],
  );
  const rows: NamespaceRow[] = (value?.mtls.namespaces ?? []).map(ns => ({
    id: `${ns.cluster}/${ns.namespace}`,
    namespace: ns.namespace,
    status: ns.status,
  }));
  const body = () => {
    if (error) {
      return (
        <Typography color="error">
          Could not load the mTLS posture of {selected}: {error.message}
        </Typography>
      );
    }
    if (loading || !value) return <Progress />;
    return (
      <>
        <Box mb={2}>
          <Typography variant="caption" color="textSecondary">
            mesh in {value.name}
          </Typography>
          <MtlsStatusLabel status={value.mtls.mesh} />
        </Box>
        <Table<NamespaceRow>
          title={`Namespaces of ${value.name} (${pluralize(
            rows.length,
            'namespace',
          )})`}
          data={rows}
          columns={columns}
          filters={[{ column: 'mTLS', type: 'multiple-select' }]}
          options={{
            search: true,
            // Opens on the namespace a posture link named (`?namespace=`).
            searchText: namespace,
            paging: rows.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No namespaces in {value.name}.
            </Typography>
          }
        />
      </>
    );
  };
  return (
    <InfoCard
      title="mTLS"
      subheader="Mesh-wide status of a cluster (root-namespace PeerAuthentication and DestinationRules), then per namespace"
    >
      {clusters.length === 0 ? (
        <Typography>No clusters are configured.</Typography>
      ) : (
        <>
          <Box mb={2}>
            <TextField
              select
              id="meshplane-mtls-cluster"
              label="Cluster"
              size="small"
              style={{ minWidth: 200 }}
              value={selected}
              onChange={event => setSelected(event.target.value)}
            >
              {clusters.map(cluster => (
                <MenuItem key={cluster.name} value={cluster.name}>
                  {cluster.name} ({cluster.status})
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {body()}
        </>
      )}
    </InfoCard>
  );
}
