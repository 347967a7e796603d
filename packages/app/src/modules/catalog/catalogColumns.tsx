import {
  CatalogTable,
  type CatalogTableColumnsFunc,
  type CatalogTableRow,
} from '@backstage/plugin-catalog';
import type { Entity } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { MeshplaneClusterStatus } from '@meshplane/plugin-meshplane';
import { oneLine, wholeWords } from '@meshplane/plugin-meshplane-react';

const columns = CatalogTable.columns;

/** Labels the Meshplane catalog module writes on cluster Resources (plugins/catalog-backend-module-meshplane). */
const NETWORK_LABEL = 'meshplane.io/network';
const REGION_LABEL = 'meshplane.io/region';
const REVISION_LABEL = 'meshplane.io/istio-revision';

/**
 * Short values (names, owners, types) keep to one line and take the width they
 * need; the description and tags take the rest and wrap between words.
 */
function keepWords(
  column: TableColumn<CatalogTableRow>,
): TableColumn<CatalogTableRow> {
  return column.field === 'entity.metadata.description' ||
    column.field === 'entity.metadata.tags'
    ? wholeWords(column)
    : oneLine(column);
}

/** The whole description, wrapped between words, instead of one truncated line. */
const descriptionColumn: TableColumn<CatalogTableRow> = {
  title: 'Description',
  field: 'entity.metadata.description',
  render: ({ entity }) => (
    <Typography variant="body2">{entity.metadata.description}</Typography>
  ),
};

function isClusterList(
  context: Parameters<CatalogTableColumnsFunc>[0],
): boolean {
  const kind =
    context.entities[0]?.kind?.toLocaleLowerCase('en-US') ??
    context.filters.kind?.value;
  const types = context.filters.type?.getTypes() ?? [];
  return (
    kind === 'resource' &&
    (types.length === 1
      ? types[0] === 'kubernetes-cluster'
      : context.entities.length > 0 &&
        context.entities.every(e => e.spec?.type === 'kubernetes-cluster'))
  );
}

/**
 * The catalog's columns, as Backstage's defaults, with names kept whole and
 * descriptions shown whole; `kubernetes-cluster` Resources get their
 * connection status (live, from Meshplane), network, region and Istio revision
 * (their description, which says the same in words, is left out).
 */
export const meshplaneCatalogColumns: CatalogTableColumnsFunc = context => {
  if (isClusterList(context)) {
    const clusterColumns: TableColumn<CatalogTableRow>[] = [
      columns.createTitleColumn({ hidden: true }),
      columns.createNameColumn({ defaultKind: 'resource' }),
      {
        title: 'Status',
        render: (row: CatalogTableRow) => (
          <MeshplaneClusterStatus entity={row.entity} />
        ),
      },
      columns.createLabelColumn(NETWORK_LABEL, {
        title: 'Network',
        defaultValue: '—',
      }),
      columns.createLabelColumn(REGION_LABEL, {
        title: 'Region',
        defaultValue: '—',
      }),
      columns.createLabelColumn(REVISION_LABEL, {
        title: 'Istio revision',
        defaultValue: '—',
      }),
      // The description repeats these facts in words: left out, so the table fits.
      columns.createOwnerColumn(),
    ];
    return clusterColumns.map(keepWords);
  }
  // Columns that no listed entity fills (Resources have no lifecycle; nothing tagged) only take
  // width from the ones that matter.
  const filled = (has: (entity: Entity) => boolean) =>
    context.entities.length === 0 || context.entities.some(has);
  const shown = (column: TableColumn<CatalogTableRow>) =>
    (column.field !== 'entity.spec.lifecycle' ||
      filled(entity => Boolean(entity.spec?.lifecycle))) &&
    (column.field !== 'entity.metadata.tags' ||
      filled(entity => (entity.metadata.tags ?? []).length > 0));
  return CatalogTable.defaultColumnsFunc(context)
    .filter(shown)
    .map(column =>
      column.field === 'entity.metadata.description'
        ? descriptionColumn
        : column,
    )
    .map(keepWords);
};
