import {
  type CompoundEntityRef,
  type Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  MeshplaneErrorPanel,
  pluralize,
  useEntityMesh,
} from '@meshplane/plugin-meshplane-react';
import useAsync from 'react-use/esm/useAsync';
import { isMeshAvailable } from '../../isMeshAvailable';

/** At most this many entities are listed; the rest are counted with a link to the catalog. */
const MAX_ENTITIES = 12;

/** Components first (services), then Systems (workspaces), Resources (VMs, gateways, clusters). */
const KIND_ORDER = ['component', 'system', 'resource'];

interface Row {
  id: string;
  entity: Entity;
}

/** The mesh posture of one entity, in one line, read from the same answer as its Mesh tab. */
function EntityPostureCell(props: { entityRef: CompoundEntityRef }) {
  const { value, error } = useEntityMesh(props.entityRef);
  if (error) {
    return (
      <Typography variant="body2" color="error">
        {error.message}
      </Typography>
    );
  }
  if (!value) return <Progress />;
  const { outcomes } = value.posture;
  const errors = value.findingCounts.Error;
  const down = value.problems.map(p => p.cluster);
  const parts = [
    outcomes.fail > 0 && pluralize(outcomes.fail, 'failing connection'),
    outcomes.plaintext > 0 &&
      pluralize(outcomes.plaintext, 'plaintext connection'),
    errors > 0 && pluralize(errors, 'error finding'),
    down.length > 0 && `stale: ${down.join(', ')}`,
  ].filter((part): part is string => Boolean(part));
  const clusters =
    value.clusters.length > 0
      ? `in ${value.clusters.map(c => c.name).join(', ')}`
      : 'in no connected cluster';
  if (outcomes.fail > 0 || errors > 0) {
    return (
      <StatusError>
        {parts.join(' · ')} ({clusters})
      </StatusError>
    );
  }
  if (parts.length > 0) {
    return (
      <StatusWarning>
        {parts.join(' · ')} ({clusters})
      </StatusWarning>
    );
  }
  return (
    <StatusOK>
      {pluralize(outcomes.mtls, 'mTLS connection')}, no error findings (
      {clusters})
    </StatusOK>
  );
}

/**
 * The signed-in user's mesh entities (owned by them or their groups: services,
 * workspaces, VMs, gateways) with their mesh posture, each linked to its Mesh
 * tab. Content of the home page widget "Your mesh services".
 */
export function MyMeshServicesContent() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, error, loading } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: ['Component', 'System', 'Resource'],
        'relations.ownedBy': ownershipEntityRefs,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
        'spec.type',
      ],
    });
    const linked = items
      .filter(isMeshAvailable)
      .sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kind.toLocaleLowerCase('en-US')) -
            KIND_ORDER.indexOf(b.kind.toLocaleLowerCase('en-US')) ||
          stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
    return { entities: linked, owners: ownershipEntityRefs };
  }, [identityApi, catalogApi]);

  if (error) {
    return (
      <MeshplaneErrorPanel
        error={error}
        subject="the entities you own"
        permission="catalog.entity.read"
      />
    );
  }
  if (loading || !value) return <Progress />;
  if (value.entities.length === 0) {
    return (
      <Typography>
        None of the entities you own is linked to the mesh. Services are linked
        by the <code>meshplane.io/services</code> annotation or the Kubernetes
        plugin's <code>backstage.io/kubernetes-id</code>; the fleet's own
        services are in the <Link to="/catalog">catalog</Link>.
      </Typography>
    );
  }
  const meshTab = (entity: Entity) =>
    `${entityRoute({
      kind: entity.kind.toLocaleLowerCase('en-US'),
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    })}/mesh`;
  const columns: TableColumn<Row>[] = [
    {
      title: 'Entity',
      render: ({ entity }) => (
        <>
          <Link to={meshTab(entity)}>
            {entity.metadata.title ?? entity.metadata.name}
          </Link>
          <Typography variant="caption" color="textSecondary" display="block">
            {entity.kind}
            {typeof entity.spec?.type === 'string'
              ? ` · ${entity.spec.type}`
              : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Mesh posture',
      render: ({ entity }) => (
        <EntityPostureCell entityRef={getCompoundEntityRef(entity)} />
      ),
    },
  ];
  const shown = value.entities.slice(0, MAX_ENTITIES);
  return (
    <div data-testid="meshplane-home-my-services">
      <Table<Row>
        data={shown.map(entity => ({
          id: stringifyEntityRef(entity),
          entity,
        }))}
        columns={columns}
        options={{
          search: false,
          paging: false,
          toolbar: false,
          padding: 'dense',
        }}
      />
      {value.entities.length > shown.length && (
        <Typography variant="body2" color="textSecondary">
          and {pluralize(value.entities.length - shown.length, 'more entity')}{' '}
          in the <Link to="/catalog?filters[user]=owned">catalog</Link>.
        </Typography>
      )}
    </div>
  );
}
