import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** The input of the group actions: a request for one group, as the Meshplane API takes it. */
export const groupInputProperties = {
  workspace: (z: Z) =>
    z.string({
      description:
        'The workspace: a System entity ref with meshplane.io/claims, e.g. system:default/bookinfo',
    }),
  groupType: (z: Z) =>
    z.enum(['gateway', 'traffic', 'security'], {
      description: 'Kind of group: gateway, traffic or security',
    }),
  name: (z: Z) =>
    z.string({
      description:
        'Group name, a DNS label; the rendered objects are named after it',
    }),
  mode: (z: Z) =>
    z
      .enum(['BRIDGED', 'DIRECT'], {
        description:
          'BRIDGED: settings that Meshplane renders; DIRECT: Istio objects as-is (objects)',
      })
      .optional(),
  namespaces: (z: Z) =>
    z
      .array(z.string(), {
        description:
          'cluster/namespace selectors inside the workspace claims, e.g. */bookinfo or east-1/bookinfo',
      })
      .min(1),
  settings: (z: Z) =>
    z
      .record(z.unknown(), {
        description:
          'BRIDGED settings of the group type (see the Meshplane API: GatewayGroupSettings, TrafficGroupSettings, SecurityGroupSettings)',
      })
      .optional(),
  objects: (z: Z) =>
    z
      .string({ description: 'DIRECT mode: the Istio objects as YAML' })
      .optional(),
  description: (z: Z) =>
    z
      .string({ description: 'Why the team asks, shown to approvers' })
      .optional(),
};
