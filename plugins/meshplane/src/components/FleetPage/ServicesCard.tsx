import { useState } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { ServiceSummary } from '@meshplane/plugin-meshplane-common';
import { fleetReadPermissionName } from './permissions';
import {
  formatCount,
  formatReady,
  MeshplaneErrorPanel,
  useServices,
} from '@meshplane/plugin-meshplane-react';
import useDebounce from 'react-use/esm/useDebounce';
import { useCatalogLinks } from '../CatalogLink';

const PAGE_SIZE = 25;

type ServiceRow = ServiceSummary & { id: string; meshTab?: string };

const columns: TableColumn<ServiceRow>[] = [
  {
    title: 'Service',
    field: 'name',
    highlight: true,
    render: row => (
      <>
        <Typography variant="body2">
          {row.meshTab ? (
            <Link to={row.meshTab} title="Open the service's Mesh tab">
              {row.namespace}/{row.name}
            </Link>
          ) : (
            `${row.namespace}/${row.name}`
          )}
          {row.gateway ? ' (gateway)' : ''}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {row.host}
        </Typography>
      </>
    ),
  },
  {
    title: 'Clusters',
    render: row => row.clusters.map(c => c.cluster).join(', ') || '—',
  },
  {
    title: 'Pods',
    render: row =>
      formatReady(
        row.clusters.reduce((sum, c) => sum + c.readyPods, 0),
        row.clusters.reduce((sum, c) => sum + c.totalPods, 0),
      ),
  },
  {
    title: 'Sidecars',
    render: row =>
      row.clusters.map(c => `${c.cluster}: ${c.sidecar}`).join(', '),
  },
  {
    title: 'Findings',
    render: row =>
      `${formatCount(row.findings.Error)} errors, ${formatCount(
        row.findings.Warning,
      )} warnings`,
  },
];

/**
 * Logical services of the fleet, searched and paged by the backend; each
 * links to the Mesh tab of the catalog entity that represents it.
 */
export function ServicesCard() {
  const { serviceLink } = useCatalogLinks();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  useDebounce(
    () => {
      setQuery(text.trim());
      setOffset(0);
    },
    300,
    [text],
  );
  const { value, error, loading, retry } = useServices({
    q: query || undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const content = () => {
    if (error) {
      return (
        <MeshplaneErrorPanel
          error={error}
          permission={fleetReadPermissionName}
          subject="the fleet's services"
          retry={retry}
        />
      );
    }
    if (!value) return <Progress />;
    const last = Math.min(value.offset + value.items.length, value.totalItems);
    return (
      <>
        <Table<ServiceRow>
          data={value.items.map(s => ({
            ...s,
            id: `${s.namespace}/${s.name}`,
            meshTab: serviceLink(s, { mesh: true })?.href,
          }))}
          columns={columns}
          isLoading={loading}
          options={{
            search: false,
            paging: false,
            padding: 'dense',
            toolbar: false,
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              {query
                ? `No service matches "${query}".`
                : 'No services in the fleet.'}
            </Typography>
          }
        />
        <Box display="flex" alignItems="center" mt={1} style={{ gap: 16 }}>
          <Typography variant="body2" color="textSecondary">
            {value.totalItems === 0
              ? 'none'
              : `${formatCount(value.offset + 1)}–${formatCount(
                  last,
                )} of ${formatCount(value.totalItems)}`}
          </Typography>
          <Button
            size="small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous
          </Button>
          <Button
            size="small"
            disabled={last >= value.totalItems}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next
          </Button>
        </Box>
      </>
    );
  };
  return (
    <InfoCard title="Services">
      <TextField
        id="meshplane-services-search"
        label="Search services (namespace/name)"
        value={text}
        onChange={e => setText(e.target.value)}
        size="small"
        style={{ marginBottom: 8, minWidth: 320 }}
        inputProps={{ 'aria-label': 'Search services' }}
      />
      {content()}
    </InfoCard>
  );
}
