import { Progress } from '@backstage/core-components';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import {
  checkServiceAccountRef,
  type AuthorizationSettings,
  type WorkspaceServiceAccount,
} from '@meshplane/plugin-meshplane-common';
import { useWorkspaceInventory } from '@meshplane/plugin-meshplane-react';
import { useRef } from 'react';
import { ModeChoice, type ModeOption } from './ModeChoice';
import { PickList, type PickOption } from './PickList';
import { readWorkspaceForm, type WorkspaceFormOptions } from './workspaceForm';

/** Name of the scaffolder field in templates (`ui:field: MeshplaneAuthorizationPicker`). */
export const AUTHORIZATION_PICKER_FIELD_NAME = 'MeshplaneAuthorizationPicker';

type Authorization = AuthorizationSettings;

const MODES: ModeOption<Authorization['mode']>[] = [
  {
    value: 'WORKSPACE',
    label: 'Any namespace of the workspace',
    description:
      'Callers with a mesh identity (mTLS) from a namespace the workspace owns in the same cluster; everyone else is denied.',
  },
  {
    value: 'NAMESPACE',
    label: 'The same namespace',
    description:
      'Only callers with a mesh identity from the namespace the policy is in.',
  },
  {
    value: 'CLUSTER',
    label: 'Any mesh identity of the cluster',
    description:
      "Every mTLS caller of the cluster's trust domain; callers without a sidecar (plaintext) are denied.",
  },
  {
    value: 'CUSTOM',
    label: 'The service accounts I pick',
    description:
      'Only workloads running as the service accounts picked below (mesh identities namespace/serviceaccount).',
  },
  {
    value: 'DISABLED',
    label: 'Anyone',
    description:
      'No authorization policy: every caller that reaches the workloads is let in.',
  },
];

/** The workspace's service accounts, one option per namespace/name, grouped by namespace. */
function accountGroups(accounts: WorkspaceServiceAccount[]) {
  const byRef = new Map<
    string,
    { clusters: Set<string>; workloads: Set<string> }
  >();
  for (const account of accounts) {
    const ref = `${account.namespace}/${account.name}`;
    const entry = byRef.get(ref) ?? {
      clusters: new Set(),
      workloads: new Set(),
    };
    entry.clusters.add(account.cluster);
    account.workloads.forEach(w => entry.workloads.add(w));
    byRef.set(ref, entry);
  }
  const groups = new Map<string, PickOption[]>();
  for (const [ref, entry] of byRef) {
    const namespace = ref.split('/')[0];
    const workloads = [...entry.workloads].sort();
    const option: PickOption = {
      value: ref,
      detail: `${
        workloads.length > 0 ? workloads.join(', ') : 'no workload runs as it'
      } (${[...entry.clusters].sort().join(', ')})`,
    };
    groups.set(namespace, [...(groups.get(namespace) ?? []), option]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([title, options]) => ({
      title,
      options: options.sort((a, b) => a.value.localeCompare(b.value)),
    }));
}

/**
 * Scaffolder field `MeshplaneAuthorizationPicker`: who may call a security
 * group's workloads. It owns the whole `authorization` object — the mode and,
 * for CUSTOM only, the service accounts — so the form never keeps a list the
 * chosen mode does not use. Service accounts are picked from the workspace
 * (the backend's cache of its namespaces); identities outside it are typed
 * and checked.
 */
export function AuthorizationPickerField(
  props: FieldExtensionComponentProps<Authorization, WorkspaceFormOptions>,
) {
  const { formData, onChange, uiSchema, formContext, rawErrors, schema } =
    props;
  const { workspaceRef } = readWorkspaceForm(
    formContext?.formData,
    uiSchema['ui:options'],
  );
  const inventory = useWorkspaceInventory(workspaceRef);
  const mode = formData?.mode;
  // The list picked before switching to another mode, offered again on the way back.
  const remembered = useRef<string[]>(formData?.serviceAccounts ?? []);
  const choose = (next: Authorization['mode']) =>
    onChange(
      next === 'CUSTOM'
        ? { mode: next, serviceAccounts: remembered.current }
        : { mode: next },
    );
  const pick = (serviceAccounts: string[]) => {
    remembered.current = serviceAccounts;
    onChange({ mode: 'CUSTOM', serviceAccounts });
  };

  return (
    <FormControl
      required={props.required}
      error={(rawErrors?.length ?? 0) > 0}
      component="fieldset"
      margin="normal"
      fullWidth
    >
      <FormLabel component="legend">{schema.title ?? 'Who may call'}</FormLabel>
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      <ModeChoice
        name={`${props.idSchema.$id}-mode`}
        options={MODES}
        value={mode}
        onChange={choose}
        disabled={props.disabled}
      />
      {mode === 'CUSTOM' && (
        <>
          {!workspaceRef && (
            <FormHelperText>
              Choose a workspace first to pick its service accounts.
            </FormHelperText>
          )}
          {inventory.loading && <Progress />}
          {inventory.error && (
            <FormHelperText error>
              Could not read the workspace's service accounts:{' '}
              {inventory.error.message}
            </FormHelperText>
          )}
          <PickList
            id={props.idSchema.$id}
            groups={accountGroups(inventory.value?.serviceAccounts ?? [])}
            selected={formData?.serviceAccounts ?? []}
            onChange={pick}
            otherLabel="Another service account"
            otherHelp="Outside the workspace: namespace/serviceaccount, like istio-ingress/istio-ingressgateway"
            checkOther={checkServiceAccountRef}
            disabled={props.disabled}
          />
        </>
      )}
    </FormControl>
  );
}

/** Checks the picked authorization with the backend's rules, before the request is sent. */
export const validateAuthorization: CustomFieldValidator<Authorization> = (
  value,
  validation,
) => {
  if (value?.mode !== 'CUSTOM') return;
  const accounts = value.serviceAccounts ?? [];
  if (accounts.length === 0) {
    validation.addError(
      'Pick at least one service account: with none, no caller would be let in.',
    );
  }
  for (const account of accounts) {
    const problem = checkServiceAccountRef(account);
    if (problem) validation.addError(problem);
  }
};
