import { Progress } from '@backstage/core-components';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import {
  checkSidecarHost,
  type ReachabilitySettings,
} from '@meshplane/plugin-meshplane-common';
import { useWorkspaceInventory } from '@meshplane/plugin-meshplane-react';
import { useRef } from 'react';
import { ModeChoice, type ModeOption } from './ModeChoice';
import { PickList, type PickOption } from './PickList';
import {
  offeredServices,
  readWorkspaceForm,
  type OfferedService,
  type WorkspaceFormOptions,
} from './workspaceForm';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneReachabilityPicker`). */
export const REACHABILITY_PICKER_FIELD_NAME = 'MeshplaneReachabilityPicker';

/** `UNLIMITED` is the form's name for "no reachability": the field's value is then empty. */
type Choice = ReachabilitySettings['mode'] | 'UNLIMITED';

const MODES: ModeOption<Choice>[] = [
  {
    value: 'UNLIMITED',
    label: 'Do not limit',
    description:
      'No Sidecar: the workloads keep the configuration of every service of the mesh.',
  },
  {
    value: 'NAMESPACE',
    label: 'Their own namespace',
    description:
      "Only services of the workloads' namespace (and the control plane).",
  },
  {
    value: 'WORKSPACE',
    label: "The workspace's namespaces",
    description:
      'Services of every namespace the workspace owns in the same cluster.',
  },
  {
    value: 'CLUSTER',
    label: 'Every namespace',
    description: 'Services of every namespace of the cluster.',
  },
  {
    value: 'CUSTOM',
    label: 'The hosts I pick',
    description:
      'Only the namespaces and services picked below; anything else is not reachable through the mesh.',
  },
];

/** Per namespace of the workspace: the whole namespace, then each of its services. */
function hostGroups(services: OfferedService[]) {
  const namespaces = [...new Set(services.map(s => s.namespace))].sort();
  return namespaces.map(namespace => ({
    title: namespace,
    options: [
      { value: `${namespace}/*`, detail: `every service of ${namespace}` },
      ...services
        .filter(s => s.namespace === namespace)
        .map(
          (s): PickOption => ({
            value: `${namespace}/${s.name}.${namespace}.svc.cluster.local`,
            detail: s.clusters.join(', '),
          }),
        ),
    ],
  }));
}

/**
 * Scaffolder field `MeshplaneReachabilityPicker`: which hosts a traffic
 * group's workloads may call (a Sidecar's egress). It owns the whole
 * `reachability` object — the mode and, for CUSTOM only, the hosts — so the
 * form never keeps hosts the chosen mode does not use; "do not limit" leaves
 * it empty. The workspace's namespaces and services are picked; hosts outside
 * it are typed and checked.
 */
export function ReachabilityPickerField(
  props: FieldExtensionComponentProps<
    ReachabilitySettings | undefined,
    WorkspaceFormOptions
  >,
) {
  const { formData, onChange, uiSchema, formContext, schema } = props;
  const { workspaceRef } = readWorkspaceForm(
    formContext?.formData,
    uiSchema['ui:options'],
  );
  const inventory = useWorkspaceInventory(workspaceRef);
  const remembered = useRef<string[]>(formData?.hosts ?? []);
  const choose = (next: Choice) => {
    if (next === 'UNLIMITED') onChange(undefined);
    else if (next === 'CUSTOM')
      onChange({ mode: next, hosts: remembered.current });
    else onChange({ mode: next });
  };
  const pick = (hosts: string[]) => {
    remembered.current = hosts;
    onChange({ mode: 'CUSTOM', hosts });
  };

  return (
    <FormControl
      error={(props.rawErrors?.length ?? 0) > 0}
      component="fieldset"
      margin="normal"
      fullWidth
    >
      <FormLabel component="legend">
        {schema.title ?? 'The workloads may call'}
      </FormLabel>
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      <ModeChoice
        name={`${props.idSchema.$id}-mode`}
        options={MODES}
        value={formData?.mode ?? 'UNLIMITED'}
        onChange={choose}
        disabled={props.disabled}
      />
      {formData?.mode === 'CUSTOM' && (
        <>
          {inventory.loading && <Progress />}
          {inventory.error && (
            <FormHelperText error>
              Could not read the workspace's services: {inventory.error.message}
            </FormHelperText>
          )}
          <PickList
            id={props.idSchema.$id}
            groups={hostGroups(
              offeredServices(inventory.value?.services ?? []),
            )}
            selected={formData.hosts ?? []}
            onChange={pick}
            otherLabel="Another host"
            otherHelp="namespace/host, like payments/*, payments/checkout.payments.svc.cluster.local or */api.example.com"
            checkOther={checkSidecarHost}
            disabled={props.disabled}
          />
        </>
      )}
    </FormControl>
  );
}

/** Checks the picked reachability with the backend's rules, before the request is sent. */
export const validateReachability: CustomFieldValidator<
  ReachabilitySettings | undefined
> = (value, validation) => {
  if (value?.mode !== 'CUSTOM') return;
  const hosts = value.hosts ?? [];
  if (hosts.length === 0) {
    validation.addError(
      'Pick at least one host: with none, the workloads could call nothing but the control plane.',
    );
  }
  for (const host of hosts) {
    const problem = checkSidecarHost(host);
    if (problem) validation.addError(problem);
  }
};
