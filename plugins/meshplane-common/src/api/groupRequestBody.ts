import type {
  CreateMeshRequest,
  MeshGroupMode,
  MeshGroupType,
} from './requests';

/**
 * A group request as a template's parameters carry it (flat, as the
 * scaffolder actions take it): the settings of BRIDGED mode and the objects
 * of DIRECT mode side by side.
 *
 * @public
 */
export interface GroupRequestInput {
  workspace: string;
  groupType: MeshGroupType;
  name: string;
  /** `BRIDGED` when absent. */
  mode?: MeshGroupMode;
  namespaces: string[];
  settings?: Record<string, unknown>;
  objects?: string;
  description?: string;
}

/**
 * The body of `POST /requests` (and `/requests/render`) for a group
 * request's input: only what its mode uses, so the settings of BRIDGED mode
 * never travel with DIRECT objects or the other way round. The scaffolder
 * actions and the template forms' preview build the same body with it.
 *
 * @public
 */
export function groupRequestBody(input: GroupRequestInput): CreateMeshRequest {
  const mode = input.mode ?? 'BRIDGED';
  return {
    workspace: input.workspace,
    description: input.description,
    group: {
      type: input.groupType,
      name: input.name,
      mode,
      namespaces: input.namespaces,
      ...(mode === 'BRIDGED'
        ? {
            settings: (input.settings ??
              {}) as CreateMeshRequest['group']['settings'],
          }
        : { objects: input.objects ?? '' }),
    },
  };
}
