import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { type FleetEntityOptions, toEntityRef } from '../entities';
import { MESHPLANE_PROVIDER_LOCATION_TYPE } from './catalogReads';

const CONFIG_ROOT = 'catalog.providers.meshplane';
const DEFAULT_PROVIDER_ID = 'default';

/** A full build every few minutes: the safety net that also removes what deltas missed. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
};

/** Cheap conditional polls (ETag): a new service is in the catalog within a minute. */
const DEFAULT_DELTA_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 20 },
  timeout: { minutes: 1 },
};

const DEFAULT_EXCLUDED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Keys of one provider's block; their presence marks the single-provider form. */
const PROVIDER_KEYS = [
  'schedule',
  'deltaSchedule',
  'lifecycle',
  'clusters',
  'ownership',
  'namespaces',
];

/**
 * One configured provider: its id, schedules and entity options.
 *
 * @public
 */
export interface MeshplaneEntityProviderConfig {
  id: string;
  /** Schedule of the full mutation. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Schedule of the conditional polls that apply delta mutations. */
  deltaSchedule: SchedulerServiceTaskScheduleDefinition;
  entities: FleetEntityOptions;
}

function readSchedule(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

function readEntityRef(
  config: Config,
  key: string,
  defaultKind: string,
  path: string,
): string {
  const value = config.getString(key);
  try {
    return toEntityRef(value, defaultKind);
  } catch (error) {
    throw new InputError(
      `${path}.${key}: "${value}" is not an entity ref: ${
        (error as Error).message
      }`,
    );
  }
}

function readOptionalEntityRef(
  config: Config,
  key: string,
  defaultKind: string,
  path: string,
): string | undefined {
  return config.has(key)
    ? readEntityRef(config, key, defaultKind, path)
    : undefined;
}

function readRefTable(
  config: Config,
  key: string,
  defaultKind: string,
  path: string,
): Record<string, string> {
  const table = config.getOptionalConfig(key);
  if (!table) {
    return {};
  }
  return Object.fromEntries(
    table
      .keys()
      .map(value => [
        value,
        readEntityRef(table, value, defaultKind, `${path}.${key}`),
      ]),
  );
}

function readPatterns(
  config: Config,
  key: string,
  path: string,
): RegExp[] | undefined {
  return config.getOptionalStringArray(key)?.map(pattern => {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch (error) {
      throw new InputError(
        `${path}.${key}: "${pattern}" is not a regular expression: ${
          (error as Error).message
        }`,
      );
    }
  });
}

function readProviderConfig(
  id: string,
  config: Config,
  path: string,
): MeshplaneEntityProviderConfig {
  const ownership = config.getOptionalConfig('ownership');
  const ownershipPath = `${path}.ownership`;
  const fallbackOwner = ownership
    ? readOptionalEntityRef(ownership, 'fallbackOwner', 'group', ownershipPath)
    : undefined;
  const namespaceOverrides = ownership?.getOptionalConfig('namespaces');

  const clusters = config.getOptionalConfig('clusters');
  const clustersPath = `${path}.clusters`;
  const namespaces = config.getOptionalConfig('namespaces');
  const namespacesPath = `${path}.namespaces`;

  const defaultOwner = fallbackOwner ?? 'group:default/unknown';
  return {
    id,
    schedule: readSchedule(config, 'schedule', DEFAULT_SCHEDULE),
    deltaSchedule: readSchedule(
      config,
      'deltaSchedule',
      DEFAULT_DELTA_SCHEDULE,
    ),
    entities: {
      location: `${MESHPLANE_PROVIDER_LOCATION_TYPE}:${id}`,
      lifecycle: config.getOptionalString('lifecycle') ?? 'production',
      clusters: {
        owner:
          (clusters &&
            readOptionalEntityRef(clusters, 'owner', 'group', clustersPath)) ??
          defaultOwner,
        system:
          clusters &&
          readOptionalEntityRef(clusters, 'system', 'system', clustersPath),
        authProvider:
          clusters?.getOptionalString('authProvider') ?? 'serviceAccount',
        oidcTokenProvider: clusters?.getOptionalString('oidcTokenProvider'),
      },
      ownership: {
        fallbackOwner: defaultOwner,
        owners: ownership
          ? readRefTable(ownership, 'owners', 'group', ownershipPath)
          : {},
        systems: ownership
          ? readRefTable(ownership, 'systems', 'system', ownershipPath)
          : {},
        namespaces: Object.fromEntries(
          (namespaceOverrides?.keys() ?? []).map(namespace => {
            const entry = namespaceOverrides!.getConfig(namespace);
            const entryPath = `${ownershipPath}.namespaces.${namespace}`;
            return [
              namespace,
              {
                owner: readOptionalEntityRef(
                  entry,
                  'owner',
                  'group',
                  entryPath,
                ),
                system: readOptionalEntityRef(
                  entry,
                  'system',
                  'system',
                  entryPath,
                ),
              },
            ];
          }),
        ),
      },
      namespaces: {
        include:
          namespaces && readPatterns(namespaces, 'include', namespacesPath),
        exclude: (namespaces &&
          readPatterns(namespaces, 'exclude', namespacesPath)) ?? [
          ...DEFAULT_EXCLUDED_NAMESPACES.map(name => new RegExp(`^${name}$`)),
        ],
      },
    },
  };
}

/**
 * Reads `catalog.providers.meshplane`: either one provider block (id
 * `default`) or a map of provider id → block. Every key is optional; an
 * empty block runs one provider with the defaults.
 *
 * @throws InputError naming the config key of an entity ref or pattern that does not parse.
 * @public
 */
export function readProviderConfigs(
  config: Config,
): MeshplaneEntityProviderConfig[] {
  const providers = config.getOptionalConfig(CONFIG_ROOT);
  if (!providers) {
    return [];
  }
  const keys = providers.keys();
  if (keys.length === 0 || keys.some(key => PROVIDER_KEYS.includes(key))) {
    return [readProviderConfig(DEFAULT_PROVIDER_ID, providers, CONFIG_ROOT)];
  }
  return keys.map(id =>
    readProviderConfig(id, providers.getConfig(id), `${CONFIG_ROOT}.${id}`),
  );
}
