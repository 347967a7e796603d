import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type {
  ClusterAuth,
  ClusterDefinition,
} from '@meshplane/plugin-meshplane-node';
import {
  isStrategyProvider,
  refusedProviderReason,
  STRATEGY_PROVIDERS,
} from './authProviders';
import {
  readWorkspaceSettings,
  type WorkspaceSettingsTable,
} from '../requests/workspaces/workspaceSettings';
import { parseHttpUrl } from './httpUrl';
import { readTrafficConfig, type TrafficSettings } from './readTrafficConfig';

/** Timeouts, backoff and paging of the cluster connections. */
export interface ConnectionSettings {
  /** Timeout of every non-watch request (discovery, list pages), and of a watch's first answer. */
  requestTimeoutMs: number;
  /** Server-side `timeoutSeconds` of watches; the watch is renewed when it ends. */
  watchTimeoutSeconds: number;
  /** First retry delay after a failure. */
  initialBackoffMs: number;
  /** Cap of the exponential backoff. */
  maxBackoffMs: number;
  /** `limit` of list pages. */
  pageSize: number;
  /** How often discovery runs again (Istio CRDs installed or removed later). */
  discoveryIntervalMs: number;
}

/** Everything the backend reads from `meshplane.*` (and `kubernetes.clusterLocatorMethods`). */
export interface MeshplaneConfig {
  clusters: ClusterDefinition[];
  connection: ConnectionSettings;
  /** Most services one entity view expands (cluster Resources and Systems link many). */
  entityMaxServices: number;
  /**
   * `meshplane.permissions.allowSelfApproval`: the permission policy decides
   * who approves; the backend only reports it, so the request page can say so.
   */
  allowSelfApproval: boolean;
  /**
   * `meshplane.workspaceDefaults` and `meshplane.workspaces`: what each
   * workspace's gateway groups render to.
   */
  workspaces: WorkspaceSettingsTable;
  /**
   * `meshplane.prometheus`, `meshplane.clusters[].prometheus` and
   * `meshplane.traffic`: where Istio's metrics are read from.
   */
  traffic: TrafficSettings;
  /**
   * Clusters left out because Meshplane does not take their authentication
   * (a strategy that needs each user's own token, an unknown provider), with
   * the reason and what to configure instead.
   */
  skipped: SkippedCluster[];
}

/** A configured cluster Meshplane does not connect to. */
export interface SkippedCluster {
  name: string;
  reason: string;
}

const DEFAULT_CONNECTION: ConnectionSettings = {
  requestTimeoutMs: 10_000,
  watchTimeoutSeconds: 300,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  pageSize: 500,
  discoveryIntervalMs: 60_000,
};

/** Path of the in-cluster service-account token, as the Kubernetes plugin uses it. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

function durationMs(config: Config, key: string, fallback: number): number {
  if (!config.has(key)) return fallback;
  const value = config.get(key);
  const ms =
    typeof value === 'number'
      ? value
      : durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `Invalid duration at meshplane.connection.${key}: must be positive`,
    );
  }
  return ms;
}

function readConnection(config: Config | undefined): ConnectionSettings {
  if (!config) return DEFAULT_CONNECTION;
  const pageSize =
    config.getOptionalNumber('pageSize') ?? DEFAULT_CONNECTION.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error(
      'Invalid meshplane.connection.pageSize: must be a positive integer',
    );
  }
  return {
    requestTimeoutMs: durationMs(
      config,
      'requestTimeout',
      DEFAULT_CONNECTION.requestTimeoutMs,
    ),
    watchTimeoutSeconds: Math.max(
      1,
      Math.round(
        durationMs(
          config,
          'watchTimeout',
          DEFAULT_CONNECTION.watchTimeoutSeconds * 1000,
        ) / 1000,
      ),
    ),
    initialBackoffMs: durationMs(
      config,
      'initialBackoff',
      DEFAULT_CONNECTION.initialBackoffMs,
    ),
    maxBackoffMs: durationMs(
      config,
      'maxBackoff',
      DEFAULT_CONNECTION.maxBackoffMs,
    ),
    pageSize,
    discoveryIntervalMs: durationMs(
      config,
      'discoveryInterval',
      DEFAULT_CONNECTION.discoveryIntervalMs,
    ),
  };
}

/** Providers of `meshplane.clusters[].auth.provider`. */
const MESHPLANE_PROVIDERS = [
  'serviceAccount',
  'tokenFile',
  'clientCertificate',
  'kubeconfig',
  ...STRATEGY_PROVIDERS,
];

/**
 * The Kubernetes plugin's `authMetadata` (keys such as
 * `kubernetes.io/aws-assume-role` contain dots, so the block is read whole).
 */
function readAuthMetadata(
  config: Config,
  key: string,
  at: string,
): Record<string, string> {
  const block = config.getOptional(key) ?? {};
  if (typeof block !== 'object' || Array.isArray(block)) {
    throw new Error(`Invalid ${at}: must be a mapping of strings`);
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(block)) {
    if (typeof value !== 'string') {
      throw new Error(`Invalid ${at}["${name}"]: must be a string`);
    }
    metadata[name] = value;
  }
  return metadata;
}

function readAuth(cluster: Config, at: string): ClusterAuth | SkippedCluster {
  const auth = cluster.getConfig('auth');
  const provider = auth.getString('provider');
  if (isStrategyProvider(provider)) {
    const authMetadata = readAuthMetadata(
      auth,
      'authMetadata',
      `${at}.auth.authMetadata`,
    );
    return Object.keys(authMetadata).length > 0
      ? { provider, authMetadata }
      : { provider };
  }
  switch (provider) {
    case 'serviceAccount':
      return {
        provider,
        serviceAccountToken: auth.getString('serviceAccountToken'),
      };
    case 'tokenFile':
      return { provider, tokenFile: auth.getString('tokenFile') };
    case 'clientCertificate':
      return {
        provider,
        clientCertData: auth.getString('clientCertData'),
        clientKeyData: auth.getString('clientKeyData'),
      };
    case 'kubeconfig':
      return {
        provider,
        kubeconfig: {
          file: auth.getOptionalString('kubeconfig.file'),
          context: auth.getOptionalString('kubeconfig.context'),
        },
      };
    default:
      return {
        name: cluster.getString('name'),
        reason: refusedProviderReason({
          provider,
          key: `${at}.auth.provider`,
          accepted: MESHPLANE_PROVIDERS,
        }),
      };
  }
}

function checkUrl(url: string | undefined, at: string): void {
  if (url !== undefined) parseHttpUrl(url, at, `${at}.auth`);
}

function readMeshplaneCluster(
  cluster: Config,
  index: number,
): ClusterDefinition | SkippedCluster {
  const at = `meshplane.clusters[${index}]`;
  const auth = readAuth(cluster, at);
  if ('reason' in auth) return auth;
  const url = cluster.getOptionalString('url');
  if (url === undefined && auth.provider !== 'kubeconfig') {
    throw new Error(
      `Missing ${at}.url: required unless auth.provider is kubeconfig`,
    );
  }
  checkUrl(url, at);
  return {
    name: cluster.getString('name'),
    url,
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
    auth,
    network: cluster.getOptionalString('network'),
    region: cluster.getOptionalString('region'),
    environment: cluster.getOptionalString('environment'),
    meshRole: cluster.getOptionalString('meshRole'),
    primaryCluster: cluster.getOptionalString('primaryCluster'),
    controlPlaneNamespace: cluster.getOptionalString('controlPlaneNamespace'),
  };
}

/** Providers of `kubernetes.clusterLocatorMethods[].clusters[].authProvider` that Meshplane takes. */
const KUBERNETES_PROVIDERS = ['serviceAccount', ...STRATEGY_PROVIDERS];

/**
 * Clusters of the Kubernetes plugin's `clusterLocatorMethods` entries of
 * `type: config`, with the `authMetadata` its `ConfigClusterLocator` builds
 * (the `authMetadata` block over the legacy `serviceAccountToken`,
 * `assumeRole` and `externalId` keys). `serviceAccount` becomes Meshplane's
 * own token form (or, without a token, the in-cluster token file the
 * Kubernetes plugin falls back to); the strategies that use the backend's own
 * credentials are kept as they are; the others are skipped with the reason.
 */
function readKubernetesClusters(config: Config): {
  clusters: ClusterDefinition[];
  skipped: SkippedCluster[];
} {
  const clusters: ClusterDefinition[] = [];
  const skipped: SkippedCluster[] = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const at = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      const name = cluster.getString('name');
      const legacy: Record<string, string | undefined> = {
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        'kubernetes.io/aws-assume-role':
          cluster.getOptionalString('assumeRole'),
        'kubernetes.io/aws-external-id':
          cluster.getOptionalString('externalId'),
      };
      const authMetadata: Record<string, string> = {
        ...Object.fromEntries(
          Object.entries(legacy).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        ),
        ...readAuthMetadata(cluster, 'authMetadata', `${at}.authMetadata`),
      };
      const authProvider =
        authMetadata['kubernetes.io/auth-provider'] ??
        cluster.getOptionalString('authProvider');
      delete authMetadata['kubernetes.io/auth-provider'];
      let auth: ClusterAuth;
      if (authProvider === 'serviceAccount') {
        const token = authMetadata.serviceAccountToken;
        auth = token
          ? { provider: 'serviceAccount', serviceAccountToken: token }
          : { provider: 'tokenFile', tokenFile: IN_CLUSTER_TOKEN_FILE };
      } else if (isStrategyProvider(authProvider)) {
        delete authMetadata.serviceAccountToken;
        auth =
          Object.keys(authMetadata).length > 0
            ? { provider: authProvider, authMetadata }
            : { provider: authProvider };
      } else {
        skipped.push({
          name,
          reason: refusedProviderReason({
            provider: authProvider,
            key: `${at}.authProvider`,
            accepted: KUBERNETES_PROVIDERS,
          }),
        });
        return;
      }
      const url = cluster.getString('url');
      checkUrl(url, at);
      clusters.push({
        name,
        url,
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
        auth,
      });
    });
  });
  return { clusters, skipped };
}

/**
 * Reads the backend's configuration: `meshplane.clusters`, plus the
 * Kubernetes plugin's `type: config` clusters unless
 * `meshplane.kubernetesClusters` is false (a `meshplane.clusters` entry wins
 * over a Kubernetes entry of the same name), connection settings, limits,
 * the workspaces' settings and the metrics sources.
 * Clusters whose authentication Meshplane does not take come back in
 * `skipped`, so that the others still connect.
 *
 * @throws Error naming the config key when a value is invalid, or when two
 *   `meshplane.clusters` entries share a name.
 */
export function readMeshplaneConfig(config: Config): MeshplaneConfig {
  const entries = (
    config.getOptionalConfigArray('meshplane.clusters') ?? []
  ).map(readMeshplaneCluster);
  const names = new Set<string>();
  entries.forEach((cluster, index) => {
    if (names.has(cluster.name)) {
      throw new Error(
        `Duplicate cluster name "${cluster.name}" at meshplane.clusters[${index}]`,
      );
    }
    names.add(cluster.name);
  });
  const own = entries.filter(
    (entry): entry is ClusterDefinition => !('reason' in entry),
  );
  const ownSkipped = entries.filter(
    (entry): entry is SkippedCluster => 'reason' in entry,
  );
  const includeKubernetes =
    config.getOptionalBoolean('meshplane.kubernetesClusters') ?? true;
  const kubernetes = includeKubernetes
    ? readKubernetesClusters(config)
    : { clusters: [], skipped: [] };
  const clusters = [
    ...own,
    ...kubernetes.clusters.filter(cluster => !names.has(cluster.name)),
  ];
  const entityMaxServices =
    config.getOptionalNumber('meshplane.entity.maxServices') ?? 200;
  if (!Number.isInteger(entityMaxServices) || entityMaxServices < 1) {
    throw new Error(
      'Invalid meshplane.entity.maxServices: must be a positive integer',
    );
  }
  return {
    clusters,
    connection: readConnection(
      config.getOptionalConfig('meshplane.connection'),
    ),
    entityMaxServices,
    allowSelfApproval:
      config.getOptionalBoolean('meshplane.permissions.allowSelfApproval') ??
      false,
    workspaces: readWorkspaceSettings(config),
    traffic: readTrafficConfig(config),
    skipped: [
      ...ownSkipped,
      ...kubernetes.skipped.filter(s => !names.has(s.name)),
    ],
  };
}
