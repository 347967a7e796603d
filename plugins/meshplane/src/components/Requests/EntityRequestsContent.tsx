import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LinkButton } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ANNOTATION_MESHPLANE_CLAIMS } from '@meshplane/plugin-meshplane-common';
import { createFromTemplateRouteRef, useOptionalRouteRef } from '../../routes';
import { RequestsTable } from './RequestsTable';

/**
 * The workspace an entity's requests belong to: a System with
 * `meshplane.io/claims` is one; a Component belongs to its `spec.system`,
 * which may be a name (`bookinfo`) or a full ref (`system:default/bookinfo`,
 * as the catalog module writes it), relative to the Component's namespace.
 */
export function workspaceOf(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
    return entity.metadata.annotations?.[ANNOTATION_MESHPLANE_CLAIMS]
      ? stringifyEntityRef(entity)
      : undefined;
  }
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'component' ||
    typeof system !== 'string' ||
    system === ''
  ) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    // Not a ref the catalog would accept either: no workspace to show.
    return undefined;
  }
}

/** Whether the entity has a workspace whose requests can be shown. @public */
export function hasMeshWorkspace(entity: Entity): boolean {
  return workspaceOf(entity) !== undefined;
}

/** The group templates in `templates/`, registered in the catalog's default namespace. */
const TEMPLATES = [
  { name: 'meshplane-security-group', title: 'Security group' },
  { name: 'meshplane-traffic-group', title: 'Traffic group' },
  { name: 'meshplane-gateway-group', title: 'Gateway group' },
];

/**
 * The entity's "Mesh requests" section: the group requests of its workspace,
 * with links to the scaffolder templates that make new ones (when the app has
 * the scaffolder).
 *
 * @public
 */
export function EntityRequestsContent() {
  const { entity } = useEntity();
  const workspace = workspaceOf(entity);
  const templatePage = useOptionalRouteRef(createFromTemplateRouteRef);
  return (
    <Grid container spacing={3} data-testid="meshplane-entity-requests">
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 12 }}
        >
          <Typography variant="body2" color="textSecondary">
            Requests of workspace {workspace}
          </Typography>
          {templatePage &&
            TEMPLATES.map(template => (
              <LinkButton
                key={template.name}
                to={templatePage({
                  namespace: 'default',
                  templateName: template.name,
                })}
                variant="outlined"
                size="small"
              >
                Request a {template.title.toLowerCase()}
              </LinkButton>
            ))}
        </Box>
      </Grid>
      <Grid item xs={12}>
        <RequestsTable
          title="Mesh requests"
          query={{ workspace }}
          emptyContent={`No group requests for ${workspace} yet.${
            templatePage ? ' Request one with the buttons above.' : ''
          }`}
        />
      </Grid>
    </Grid>
  );
}
