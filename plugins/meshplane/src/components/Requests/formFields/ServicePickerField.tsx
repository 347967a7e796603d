import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useWorkspaceInventory } from '@meshplane/plugin-meshplane-react';
import {
  isSelected,
  offeredServices,
  readWorkspaceForm,
  type WorkspaceFormOptions,
} from './workspaceForm';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneServicePicker`). */
export const SERVICE_PICKER_FIELD_NAME = 'MeshplaneServicePicker';

/** Why the list is empty, or `undefined` when it is not. */
function emptyReason(
  workspaceRef: string | undefined,
  selectors: string[],
  loaded: boolean,
): string | undefined {
  if (!workspaceRef) return 'Choose a workspace first';
  if (selectors.length === 0) return 'Choose clusters and namespaces first';
  return loaded ? 'No Service runs in the selected namespaces' : undefined;
}

/**
 * Scaffolder field `MeshplaneServicePicker`: a Service of the namespaces
 * selected in the form, picked from the workspace's Services in the fleet
 * (the backend's cache). Its value is the Service's name, as a traffic
 * group's per-service settings take it.
 */
export function ServicePickerField(
  props: FieldExtensionComponentProps<string, WorkspaceFormOptions>,
) {
  const { formData, onChange, uiSchema, formContext, schema, rawErrors } =
    props;
  const { workspaceRef, selectors } = readWorkspaceForm(
    formContext?.formData,
    uiSchema['ui:options'],
  );
  const inventory = useWorkspaceInventory(workspaceRef);
  const services = offeredServices(
    (inventory.value?.services ?? []).filter(s => isSelected(selectors, s)),
  );
  const names = [...new Set(services.map(s => s.name))];
  const empty = emptyReason(
    workspaceRef,
    selectors,
    inventory.value !== undefined,
  );
  const helper =
    inventory.error?.message ??
    (names.length === 0 ? empty : undefined) ??
    (formData && !names.includes(formData)
      ? `${formData} does not run in the selected namespaces`
      : undefined);

  return (
    <TextField
      select
      id={props.idSchema.$id}
      label={schema.title ?? 'Service'}
      required={props.required}
      disabled={props.disabled}
      error={(rawErrors?.length ?? 0) > 0 || inventory.error !== undefined}
      helperText={helper}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value as string)}
      margin="normal"
      fullWidth
    >
      {formData && !names.includes(formData) && (
        <MenuItem value={formData}>{formData}</MenuItem>
      )}
      {names.map(name => (
        <MenuItem key={name} value={name}>
          {name}
          {' — '}
          {services
            .filter(s => s.name === name)
            .map(s => `${s.namespace} in ${s.clusters.join(', ')}`)
            .join('; ')}
        </MenuItem>
      ))}
    </TextField>
  );
}
