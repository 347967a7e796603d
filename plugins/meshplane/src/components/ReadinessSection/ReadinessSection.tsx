import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  NamespaceReadiness,
  ReadinessBlocker,
} from '@meshplane/plugin-meshplane-common';
import { meshplaneFleetReadPermission } from '@meshplane/plugin-meshplane-common';
import {
  BreakableText,
  MeshplaneErrorPanel,
  oneLine,
  pluralize,
  useNamespaceReadiness,
  wholeWords,
} from '@meshplane/plugin-meshplane-react';
import { useState } from 'react';

type BlockerRow = ReadinessBlocker & { id: string };

const columns: TableColumn<BlockerRow>[] = [
  oneLine({
    title: 'Effect',
    field: 'effect',
    render: row => (
      <Chip
        size="small"
        label={row.effect === 'breaks' ? 'breaks' : 'changes'}
        color={row.effect === 'breaks' ? 'secondary' : 'default'}
      />
    ),
  }),
  wholeWords({
    title: 'Object',
    render: row => (
      <>
        {row.object.kind}{' '}
        <BreakableText
          text={`${row.object.namespace ? `${row.object.namespace}/` : ''}${
            row.object.name
          }`}
        />
      </>
    ),
  }),
  wholeWords({
    title: 'Field',
    field: 'path',
    emptyValue: '—',
    render: row => <BreakableText text={row.path ?? '—'} />,
  }),
  wholeWords({
    title: 'Why',
    field: 'reason',
    render: row => <BreakableText text={row.reason} />,
  }),
  wholeWords({
    title: 'Istio rule',
    field: 'source',
    render: row => <BreakableText text={row.source} />,
  }),
];

function summary(item: NamespaceReadiness): string {
  const { sidecar, ambient, none } = item.dataplanes;
  const breaks = item.blockers.filter(b => b.effect === 'breaks').length;
  const changes = item.blockers.length - breaks;
  const verdict = item.ready
    ? `ready: nothing breaks${
        changes ? `, ${pluralize(changes, 'change')} of meaning` : ''
      }`
    : `not ready: ${pluralize(breaks, 'thing')} would break${
        changes ? `, ${pluralize(changes, 'change')} of meaning` : ''
      }`;
  return `Today ${sidecar} sidecar, ${ambient} ambient, ${none} out of the mesh · ${verdict}`;
}

function ClusterReadiness(props: { item: NamespaceReadiness }) {
  const { item } = props;
  const rows = item.blockers.map((b, i) => ({ ...b, id: String(i) }));
  return (
    <Box mt={2} data-testid={`meshplane-readiness-${item.cluster}`}>
      <Typography variant="subtitle2">Cluster {item.cluster}</Typography>
      <Typography variant="body2" color="textSecondary">
        {summary(item)}
      </Typography>
      {rows.length > 0 && (
        <Table<BlockerRow>
          options={{
            paging: rows.length > 10,
            pageSize: 10,
            search: false,
            toolbar: false,
            padding: 'dense',
          }}
          columns={columns}
          data={rows}
        />
      )}
    </Box>
  );
}

/**
 * Ambient migration readiness of the entity's namespaces: per cluster, what would break or
 * change if the namespace moved from sidecars to ambient (ztunnel, with waypoints for L7), each
 * blocker with its object, field, reason and the Istio rule it comes from.
 */
export function ReadinessSection(props: { namespaces: string[] }) {
  const { namespaces } = props;
  const [namespace, setNamespace] = useState(namespaces[0]);
  const { value, error, retry } = useNamespaceReadiness(namespace);
  let body;
  if (error) {
    body = (
      <MeshplaneErrorPanel
        error={error}
        permission={meshplaneFleetReadPermission.name}
        subject="the migration readiness of this namespace"
        retry={retry}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else if (value.length === 0) {
    body = (
      <Typography variant="body2">
        Namespace {namespace} is in no connected cluster.
      </Typography>
    );
  } else {
    body = value.map(item => (
      <ClusterReadiness key={item.cluster} item={item} />
    ));
  }
  return (
    <InfoCard
      title="Ambient migration readiness"
      subheader="What would break or change if the namespace moved from sidecars to ambient (ztunnel, with waypoints for L7), as meshplane analyze --readiness reports it."
    >
      <div data-testid="meshplane-readiness">
        {namespaces.length > 1 && (
          <TextField
            select
            label="Namespace"
            value={namespace}
            onChange={event => setNamespace(event.target.value)}
            size="small"
            variant="outlined"
          >
            {namespaces.map(ns => (
              <MenuItem key={ns} value={ns}>
                {ns}
              </MenuItem>
            ))}
          </TextField>
        )}
        {namespaces.length === 1 && (
          <Typography variant="body2">Namespace {namespace}</Typography>
        )}
        {body}
      </div>
    </InfoCard>
  );
}
