import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type {
  ClusterAuth,
  ClusterDefinition,
} from '@meshplane/plugin-meshplane-node';

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
  /** Clusters of `kubernetes.clusterLocatorMethods` that could not be used, with the reason. */
  skipped: Array<{ name: string; reason: string }>;
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

function readAuth(cluster: Config, at: string): ClusterAuth {
  const auth = cluster.getConfig('auth');
  const provider = auth.getString('provider');
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
      throw new Error(
        `Invalid ${at}.auth.provider "${provider}": expected serviceAccount, tokenFile, clientCertificate or kubeconfig`,
      );
  }
}

function checkUrl(url: string | undefined, at: string): void {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid ${at}.url "${url}": not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `Invalid ${at}.url: must be http(s), got ${parsed.protocol}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new Error(
      `Invalid ${at}.url: credentials in the URL are not allowed, use ${at}.auth`,
    );
  }
}

function readMeshplaneCluster(
  cluster: Config,
  index: number,
): ClusterDefinition {
  const at = `meshplane.clusters[${index}]`;
  const auth = readAuth(cluster, at);
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
    controlPlaneNamespace: cluster.getOptionalString('controlPlaneNamespace'),
  };
}

/**
 * Clusters of the Kubernetes plugin's `clusterLocatorMethods` entries of
 * `type: config`. Only server-side credentials Meshplane can use itself are
 * taken: `authProvider: serviceAccount` with a token (or, without one, the
 * in-cluster token file the Kubernetes plugin falls back to).
 */
function readKubernetesClusters(config: Config): {
  clusters: ClusterDefinition[];
  skipped: Array<{ name: string; reason: string }>;
} {
  const clusters: ClusterDefinition[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, m) => {
    if (method.getString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((cluster, c) => {
      const at = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      const name = cluster.getString('name');
      const authMetadata =
        cluster.getOptional<Record<string, unknown>>('authMetadata') ?? {};
      const fromMetadata = authMetadata['kubernetes.io/auth-provider'];
      const authProvider =
        typeof fromMetadata === 'string'
          ? fromMetadata
          : cluster.getOptionalString('authProvider');
      if (authProvider !== 'serviceAccount') {
        skipped.push({
          name,
          reason: `authProvider "${
            authProvider ?? 'none'
          }" is not usable by Meshplane; configure the cluster under meshplane.clusters`,
        });
        return;
      }
      const url = cluster.getString('url');
      checkUrl(url, at);
      const token = cluster.getOptionalString('serviceAccountToken');
      clusters.push({
        name,
        url,
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
        auth: token
          ? { provider: 'serviceAccount', serviceAccountToken: token }
          : { provider: 'tokenFile', tokenFile: IN_CLUSTER_TOKEN_FILE },
      });
    });
  });
  return { clusters, skipped };
}

/**
 * Reads the backend's configuration: `meshplane.clusters`, plus the
 * Kubernetes plugin's `type: config` clusters unless
 * `meshplane.kubernetesClusters` is false (a `meshplane.clusters` entry wins
 * over a Kubernetes entry of the same name), connection settings and limits.
 *
 * @throws Error naming the config key when a value is invalid, or when two
 *   `meshplane.clusters` entries share a name.
 */
export function readMeshplaneConfig(config: Config): MeshplaneConfig {
  const own = (config.getOptionalConfigArray('meshplane.clusters') ?? []).map(
    readMeshplaneCluster,
  );
  const names = new Set<string>();
  own.forEach((cluster, index) => {
    if (names.has(cluster.name)) {
      throw new Error(
        `Duplicate cluster name "${cluster.name}" at meshplane.clusters[${index}]`,
      );
    }
    names.add(cluster.name);
  });
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
    skipped: kubernetes.skipped.filter(s => !names.has(s.name)),
  };
}
