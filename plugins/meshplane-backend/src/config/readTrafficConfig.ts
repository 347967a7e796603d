import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { checkRateOverride, type RateOverride } from '../traffic/trafficPromql';
import { parseHttpUrl } from './httpUrl';

/**
 * One server with Prometheus' HTTP query API (Prometheus, Thanos, Mimir,
 * VictoriaMetrics) holding Istio's standard metrics.
 */
export interface PrometheusSourceSettings {
  /**
   * Where it is configured: `meshplane.prometheus`, or
   * `meshplane.clusters[2].prometheus`. Names the source in statuses and messages.
   */
  configKey: string;
  /** Base URL of the query API (`/api/v1/query` is appended): http(s), no credentials, no query string. */
  url: string;
  /**
   * Headers sent with every query (`Authorization`, `X-Scope-OrgID`…). Secrets:
   * never logged, never reported.
   */
  headers: Readonly<Record<string, string>>;
  /** How long a query may take before the source counts as down. */
  timeoutMs: number;
  /** An answer slower than this makes the source `slow` (its figures are still used). */
  slowThresholdMs: number;
}

/** Where the backend reads Istio's metrics from, and how long it keeps answers. */
export interface TrafficSettings {
  /** `meshplane.prometheus`: the source of every cluster without one of its own. */
  fleetSource?: PrometheusSourceSettings;
  /** `meshplane.clusters[].prometheus`, by cluster name. */
  clusterSources: ReadonlyMap<string, PrometheusSourceSettings>;
  /** `meshplane.traffic.cacheTtl`: how long an answer is shared before the sources are asked again. */
  cacheTtlMs: number;
  /**
   * `meshplane.traffic.rate`: read rates with this function and range instead of `rate()` over
   * the window (for a Prometheus that has only just started: a demo, a test).
   */
  rate?: RateOverride;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_CACHE_TTL_MS = 15_000;
/** RFC 9110 `token`: the characters of a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers fetch sets itself (or refuses): configuring them would break the request. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'content-type',
  'connection',
  'transfer-encoding',
]);

/** A duration at `key` of `config` (a HumanDuration, `'5s'`, ISO `PT5S`, or milliseconds), positive. */
function readMs(
  config: Config,
  key: string,
  at: string,
  fallback: number,
): number {
  if (!config.has(key)) return fallback;
  const value = config.get(key);
  let ms: number;
  try {
    ms =
      typeof value === 'number'
        ? value
        : durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new Error(
      `Invalid ${at}.${key}: ${
        (error as Error).message
      } (a duration such as { seconds: 5 }, '5s' or 'PT5S')`,
    );
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`Invalid ${at}.${key}: must be a positive duration`);
  }
  return ms;
}

function checkUrl(url: string, at: string): string {
  const parsed = parseHttpUrl(url, at, `${at}.headers (Authorization)`);
  if (parsed.search || parsed.hash) {
    throw new Error(
      `Invalid ${at}.url: the base URL of the query API takes no query string or fragment (tenants go in ${at}.headers)`,
    );
  }
  return url.replace(/\/+$/, '');
}

/** The headers block, checked without ever putting a value into a message. */
function readHeaders(config: Config, at: string): Record<string, string> {
  const block = config.getOptional('headers') ?? {};
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    throw new Error(`Invalid ${at}.headers: must be a mapping of strings`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(block)) {
    if (!HEADER_NAME.test(name)) {
      throw new Error(`Invalid ${at}.headers: "${name}" is not a header name`);
    }
    if (RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new Error(
        `Invalid ${at}.headers.${name}: set by the backend itself`,
      );
    }
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      throw new Error(
        `Invalid ${at}.headers.${name}: must be a single-line string`,
      );
    }
    headers[name] = value;
  }
  return headers;
}

/** One `prometheus` block (`meshplane.prometheus` or a cluster's). */
export function readPrometheusSource(
  config: Config,
  at: string,
): PrometheusSourceSettings {
  const url = config.getOptional('url');
  if (typeof url !== 'string' || !url) {
    throw new Error(
      `Missing ${at}.url: the base URL of a Prometheus-compatible query API`,
    );
  }
  const timeoutMs = readMs(config, 'timeout', at, DEFAULT_TIMEOUT_MS);
  const slowThresholdMs = readMs(
    config,
    'slowThreshold',
    at,
    Math.round(timeoutMs / 2),
  );
  if (slowThresholdMs >= timeoutMs) {
    throw new Error(
      `Invalid ${at}.slowThreshold: must be shorter than ${at}.timeout (${timeoutMs} ms)`,
    );
  }
  return {
    configKey: at,
    url: checkUrl(url, at),
    headers: readHeaders(config, at),
    timeoutMs,
    slowThresholdMs,
  };
}

/**
 * Reads the metrics sources: `meshplane.prometheus` (one for the fleet) and
 * `meshplane.clusters[].prometheus` (one cluster's, over the fleet's), and
 * `meshplane.traffic.cacheTtl`. No source at all is valid: traffic is then
 * `not-configured` and every configuration answer works as before.
 *
 * @throws Error naming the config key when a value is invalid (never with a header's value).
 */
export function readTrafficConfig(config: Config): TrafficSettings {
  const fleet = config.getOptionalConfig('meshplane.prometheus');
  const clusterSources = new Map<string, PrometheusSourceSettings>();
  (config.getOptionalConfigArray('meshplane.clusters') ?? []).forEach(
    (cluster, index) => {
      const block = cluster.getOptionalConfig('prometheus');
      if (!block) return;
      clusterSources.set(
        cluster.getString('name'),
        readPrometheusSource(block, `meshplane.clusters[${index}].prometheus`),
      );
    },
  );
  const traffic = config.getOptionalConfig('meshplane.traffic');
  const rate = traffic?.getOptionalConfig('rate');
  return {
    ...(rate ? { rate: readRate(rate) } : {}),
    ...(fleet
      ? { fleetSource: readPrometheusSource(fleet, 'meshplane.prometheus') }
      : {}),
    clusterSources,
    cacheTtlMs: traffic
      ? readMs(traffic, 'cacheTtl', 'meshplane.traffic', DEFAULT_CACHE_TTL_MS)
      : DEFAULT_CACHE_TTL_MS,
  };
}

/** `meshplane.traffic.rate`: `{ function: irate, range: 15s }`. */
function readRate(config: Config): RateOverride {
  const rate = {
    function: config.getOptionalString('function') ?? 'rate',
    range: config.getOptionalString('range') ?? '',
  } as RateOverride;
  try {
    return checkRateOverride(rate);
  } catch (error) {
    throw new Error(
      `Invalid meshplane.traffic.rate: ${(error as Error).message}`,
    );
  }
}
