import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  checkPathPrefix,
  type GatewayRouteSettings,
} from '@meshplane/plugin-meshplane-common';
import { useWorkspaceInventory } from '@meshplane/plugin-meshplane-react';
import {
  isSelected,
  offeredServices,
  readWorkspaceForm,
  type WorkspaceFormOptions,
} from './workspaceForm';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneGatewayRoute`). */
export const GATEWAY_ROUTE_FIELD_NAME = 'MeshplaneGatewayRoute';

type Route = Partial<GatewayRouteSettings>;

/**
 * Scaffolder field `MeshplaneGatewayRoute`, one route of a gateway group: a
 * path prefix, and the Service and port it goes to, picked from the
 * workspace's Services in the clusters of the selected namespaces (the
 * backend's cache) instead of typed. The value names the Service's
 * namespace, so a route may reach any namespace of the workspace. The
 * template's schema requires the Service and port (the scaffolder hands a
 * field's validation the whole list for array items, so the checks stay in
 * the schema).
 */
export function GatewayRouteField(
  props: FieldExtensionComponentProps<Route, WorkspaceFormOptions>,
) {
  const { onChange, uiSchema, formContext } = props;
  const route: Route = props.formData ?? {};
  const { workspaceRef, selectors } = readWorkspaceForm(
    formContext?.formData,
    uiSchema['ui:options'],
  );
  const inventory = useWorkspaceInventory(workspaceRef);
  const all = inventory.value?.services ?? [];
  const clusters = new Set(
    all.filter(s => isSelected(selectors, s)).map(s => s.cluster),
  );
  const services = offeredServices(all.filter(s => clusters.has(s.cluster)));
  const key = (s: { namespace?: string; service?: string }) =>
    s.service ? `${s.namespace ?? ''}/${s.service}` : '';
  const chosen = services.find(
    s => key({ ...s, service: s.name }) === key(route),
  );
  const pathProblem =
    route.pathPrefix !== undefined
      ? checkPathPrefix(route.pathPrefix)
      : undefined;
  const id = props.idSchema.$id;
  let serviceHelp: string | undefined;
  if (inventory.error) {
    serviceHelp = `Could not read the workspace's services: ${inventory.error.message}`;
  } else if (!workspaceRef) {
    serviceHelp = 'Choose a workspace first';
  } else if (clusters.size === 0 && inventory.value) {
    serviceHelp = 'No Service of the workspace runs in the selected clusters';
  }

  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      <TextField
        id={`${id}_pathPrefix`}
        label="Path prefix"
        value={route.pathPrefix ?? ''}
        error={pathProblem !== undefined}
        helperText={
          pathProblem ?? 'Requests whose path starts with it, like /api'
        }
        onChange={event =>
          onChange({ ...route, pathPrefix: event.target.value })
        }
        disabled={props.disabled}
        margin="normal"
        style={{ minWidth: 200 }}
      />
      <TextField
        select
        id={`${id}_service`}
        label="Service"
        required
        value={key(route)}
        error={inventory.error !== undefined}
        helperText={serviceHelp}
        onChange={event => {
          const next = services.find(
            s => `${s.namespace}/${s.name}` === event.target.value,
          );
          if (!next) return;
          onChange({
            pathPrefix: route.pathPrefix,
            service: next.name,
            namespace: next.namespace,
            // One port: take it; several: the user picks.
            port: next.ports.length === 1 ? next.ports[0] : undefined,
          });
        }}
        disabled={props.disabled}
        margin="normal"
        style={{ minWidth: 320 }}
      >
        {route.service && !chosen && (
          <MenuItem value={key(route)}>{key(route)}</MenuItem>
        )}
        {services.map(s => (
          <MenuItem
            key={`${s.namespace}/${s.name}`}
            value={`${s.namespace}/${s.name}`}
          >
            {s.name}.{s.namespace} — {s.clusters.join(', ')}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id={`${id}_port`}
        label="Port"
        required
        value={route.port ?? ''}
        onChange={event =>
          onChange({ ...route, port: Number(event.target.value) })
        }
        disabled={props.disabled || !route.service}
        margin="normal"
        style={{ minWidth: 120 }}
      >
        {route.port !== undefined && !chosen?.ports.includes(route.port) && (
          <MenuItem value={route.port}>{route.port}</MenuItem>
        )}
        {(chosen?.ports ?? []).map(port => (
          <MenuItem key={port} value={port}>
            {port}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
