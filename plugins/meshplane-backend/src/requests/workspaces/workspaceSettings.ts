import type { Config } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import { normalizeWorkspaceRef } from './WorkspaceDirectory';

/**
 * What a BRIDGED gateway group renders to: Istio's Gateway and VirtualService
 * (`istio`), or the Kubernetes Gateway API's Gateway, HTTPRoute and
 * ReferenceGrants (`gateway-api`).
 */
export type GatewayApiMode = 'istio' | 'gateway-api';

/** The values `gatewayApi` takes. */
export const GATEWAY_API_MODES: readonly GatewayApiMode[] = [
  'istio',
  'gateway-api',
];

/** The settings of one workspace. */
export interface WorkspaceSettings {
  gatewayApi: GatewayApiMode;
}

/**
 * Every workspace's settings, from `meshplane.workspaceDefaults` and
 * `meshplane.workspaces` (config.d.ts).
 */
export interface WorkspaceSettingsTable {
  defaults: WorkspaceSettings;
  /** Per workspace, by normalised entity ref (`system:default/bookinfo`). */
  workspaces: Map<string, WorkspaceSettings>;
}

/** The settings of a workspace: its own entry, else the defaults. */
export function settingsOf(
  table: WorkspaceSettingsTable,
  workspaceRef: string,
): WorkspaceSettings {
  return table.workspaces.get(workspaceRef) ?? table.defaults;
}

function readMode(
  config: Config,
  key: string,
  at: string,
): GatewayApiMode | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  if (!(GATEWAY_API_MODES as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid ${at}: "${value}" is not one of ${GATEWAY_API_MODES.join(', ')}`,
    );
  }
  return value as GatewayApiMode;
}

/**
 * Reads `meshplane.workspaceDefaults` and `meshplane.workspaces`.
 *
 * @throws Error naming the config key when a value is invalid, a ref is not
 *   a System's, or two entries name the same workspace.
 */
export function readWorkspaceSettings(config: Config): WorkspaceSettingsTable {
  const defaults: WorkspaceSettings = {
    gatewayApi:
      readMode(
        config,
        'meshplane.workspaceDefaults.gatewayApi',
        'meshplane.workspaceDefaults.gatewayApi',
      ) ?? 'istio',
  };
  const workspaces = new Map<string, WorkspaceSettings>();
  const seenAt = new Map<string, string>();
  (config.getOptionalConfigArray('meshplane.workspaces') ?? []).forEach(
    (entry, index) => {
      const at = `meshplane.workspaces[${index}]`;
      const text = entry.getString('ref');
      let ref: string;
      try {
        ref = normalizeWorkspaceRef(text);
      } catch (error) {
        throw new Error(
          `Invalid ${at}.ref: "${text}" is not an entity ref (${
            error instanceof Error ? error.message : String(error)
          })`,
        );
      }
      if (parseEntityRef(ref).kind !== 'system') {
        throw new Error(
          `Invalid ${at}.ref: ${ref} is not a System; workspaces are catalog Systems with a meshplane.io/claims annotation`,
        );
      }
      const earlier = seenAt.get(ref);
      if (earlier) {
        throw new Error(
          `Duplicate workspace ${ref} at ${at}.ref (also at ${earlier}.ref)`,
        );
      }
      seenAt.set(ref, at);
      workspaces.set(ref, {
        gatewayApi:
          readMode(entry, 'gatewayApi', `${at}.gatewayApi`) ??
          defaults.gatewayApi,
      });
    },
  );
  return { defaults, workspaces };
}
