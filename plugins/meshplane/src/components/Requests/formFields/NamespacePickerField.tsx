import { Progress } from '@backstage/core-components';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Typography from '@material-ui/core/Typography';
import type { Workspace } from '@meshplane/plugin-meshplane-common';
import { useWorkspaces } from '@meshplane/plugin-meshplane-react';
import { readWorkspaceForm } from './workspaceForm';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneNamespacePicker`). */
export const NAMESPACE_PICKER_FIELD_NAME = 'MeshplaneNamespacePicker';

/**
 * `ui:options` of the `MeshplaneNamespacePicker` field.
 *
 * @public
 */
export type NamespacePickerUiOptions = {
  /** The form field holding the workspace (default `workspace`). */
  workspaceField?: string;
};

/** The selectors a workspace offers: per namespace, every cluster (`*\/ns`) and each cluster (`c/ns`). */
function choices(workspace: Workspace): Array<{
  namespace: string;
  selectors: Array<{ value: string; label: string }>;
}> {
  const namespaces = [
    ...new Set(workspace.namespaces.map(n => n.namespace)),
  ].sort();
  return namespaces.map(namespace => {
    const clusters = workspace.namespaces
      .filter(n => n.namespace === namespace)
      .map(n => n.cluster)
      .sort();
    return {
      namespace,
      selectors: [
        {
          value: `*/${namespace}`,
          label: `${namespace} in every cluster (${clusters.join(', ')})`,
        },
        ...clusters.map(cluster => ({
          value: `${cluster}/${namespace}`,
          label: `${namespace} in ${cluster}`,
        })),
      ],
    };
  });
}

/**
 * Scaffolder field `MeshplaneNamespacePicker`: the `cluster/namespace`
 * selectors of the workspace chosen in another field of the form, filled from
 * the fleet (the namespaces the workspace's claims cover). Its value is a
 * list of selectors, as the group actions take them.
 */
export function NamespacePickerField(
  props: FieldExtensionComponentProps<string[], NamespacePickerUiOptions>,
) {
  const {
    formData,
    onChange,
    uiSchema,
    formContext,
    rawErrors,
    required,
    schema,
  } = props;
  const { workspaceRef } = readWorkspaceForm(
    formContext?.formData,
    uiSchema['ui:options'],
  );
  const { value, loading, error } = useWorkspaces(false);
  const workspace = value?.items.find(w => w.ref === workspaceRef);
  const selected = formData ?? [];
  const toggle = (selector: string) =>
    onChange(
      selected.includes(selector)
        ? selected.filter(s => s !== selector)
        : [...selected, selector],
    );

  return (
    <FormControl
      required={required}
      error={(rawErrors?.length ?? 0) > 0}
      component="fieldset"
      margin="normal"
    >
      <FormLabel component="legend">
        {schema.title ?? 'Clusters and namespaces'}
      </FormLabel>
      {!workspaceRef && (
        <FormHelperText>Choose a workspace first.</FormHelperText>
      )}
      {workspaceRef && loading && <Progress />}
      {error && (
        <FormHelperText error>
          Could not read the workspaces: {error.message}
        </FormHelperText>
      )}
      {workspaceRef && value && !workspace && (
        <FormHelperText error>
          {workspaceRef} has no meshplane.io/claims annotation: it is not a
          workspace.
        </FormHelperText>
      )}
      {workspace && workspace.conflicts.length > 0 && (
        <FormHelperText error>
          Claims shared with other workspaces (requests there are refused):{' '}
          {workspace.conflicts
            .map(c => `${c.claim} with ${c.otherWorkspace}`)
            .join('; ')}
        </FormHelperText>
      )}
      {workspace && workspace.namespaces.length === 0 && (
        <FormHelperText error>
          No namespace of the fleet matches the claims{' '}
          {workspace.claims.join(', ')}.
        </FormHelperText>
      )}
      {workspace &&
        choices(workspace).map(group => (
          <FormGroup key={group.namespace}>
            <Typography variant="subtitle2">{group.namespace}</Typography>
            {group.selectors.map(selector => (
              <FormControlLabel
                key={selector.value}
                control={
                  <Checkbox
                    checked={selected.includes(selector.value)}
                    onChange={() => toggle(selector.value)}
                    name={selector.value}
                  />
                }
                label={selector.label}
              />
            ))}
          </FormGroup>
        ))}
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
    </FormControl>
  );
}

/** A group needs at least one namespace; the form says so before the request is sent. */
export const validateNamespaces: CustomFieldValidator<string[]> = (
  value,
  validation,
) => {
  if (!value?.length) {
    validation.addError('Select at least one namespace of the workspace.');
  }
};
