import { ApiError } from '../api';

/** The verbs faults can target. */
export type ApiVerb =
  | 'list'
  | 'get'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete';

const VERBS: ApiVerb[] = [
  'list',
  'get',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
];

/**
 * Faults injected into one cluster, switchable at run time (library or control
 * endpoint). Setting faults replaces the previous set; `{}` clears them.
 *
 * @public
 */
export interface ClusterFaults {
  /** Added to every API request before it is handled. */
  latencyMs?: number;
  /** Probability (0..1) per verb that a request fails with `errorStatus`. */
  errorRate?: Partial<Record<ApiVerb, number>>;
  /** Status code of injected errors; default 500. */
  errorStatus?: number;
  /** Watches end (cleanly, as a server-side close) after this many object events. */
  watchDropAfterEvents?: number;
  /** The cluster stops accepting connections; when cleared it listens again on the same port. */
  down?: boolean;
  /** Every request, discovery included, is answered 500. */
  failAll?: boolean;
  /**
   * One-shot compaction: history is dropped and open watches are closed, so the
   * next watch from an older resource version gets `410 Gone` and must relist.
   */
  goneOnNextWatch?: boolean;
  /** Resources answered 403: `plural`, `plural.group` or a whole `group`. */
  forbiddenResources?: string[];
  /** Resources answered 404 (absent from discovery too): `plural`, `plural.group` or `group`. */
  missingResources?: string[];
  /** The Istio CRDs are gone: their groups vanish from discovery and their paths are 404. */
  crdsAbsent?: boolean;
  /**
   * The cluster's metrics endpoint (the simulated proxies', not the API server's): `stale`
   * freezes every counter (clearing it resumes them from there), `fail` answers 500.
   */
  metrics?: 'stale' | 'fail';
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The error an injected fault answers with. */
export function injectedError(code: number): ApiError {
  const reason = REASONS[code] ?? 'InternalError';
  const message =
    code === 500
      ? 'Internal error occurred: injected fault (fleet-sim)'
      : `injected fault (fleet-sim): ${reason}`;
  return new ApiError({ code, reason, message });
}

/** Whether a resource is named by a fault list entry (`plural`, `plural.group`, `group`). */
export function resourceListed(
  list: string[] | undefined,
  group: string,
  plural: string,
): boolean {
  return (list ?? []).some(
    entry =>
      entry === plural ||
      entry === `${plural}.${group}` ||
      (group !== '' && entry === group),
  );
}

/** Validates faults sent to the control endpoint; throws a 400 naming the bad field. */
export function parseFaults(value: unknown): ClusterFaults {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ApiError.badRequest('faults must be a JSON object');
  }
  const input = value as Record<string, unknown>;
  const known = [
    'latencyMs',
    'errorRate',
    'errorStatus',
    'watchDropAfterEvents',
    'down',
    'failAll',
    'goneOnNextWatch',
    'forbiddenResources',
    'missingResources',
    'crdsAbsent',
    'metrics',
  ];
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      throw ApiError.badRequest(
        `unknown fault "${key}"; known: ${known.join(', ')}`,
      );
  }
  const number = (key: string, min: number, max: number) => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw ApiError.badRequest(
        `${key} must be a number between ${min} and ${max}`,
      );
    }
    return v;
  };
  const bool = (key: string) => {
    const v = input[key];
    if (v !== undefined && typeof v !== 'boolean')
      throw ApiError.badRequest(`${key} must be true or false`);
    return v as boolean | undefined;
  };
  const strings = (key: string) => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some(x => typeof x !== 'string'))
      throw ApiError.badRequest(`${key} must be a list of strings`);
    return v as string[];
  };
  if (
    input.metrics !== undefined &&
    input.metrics !== 'stale' &&
    input.metrics !== 'fail'
  ) {
    throw ApiError.badRequest('metrics must be "stale" or "fail"');
  }
  let errorRate: ClusterFaults['errorRate'];
  if (input.errorRate !== undefined) {
    if (typeof input.errorRate !== 'object' || input.errorRate === null)
      throw ApiError.badRequest('errorRate must map verbs to rates');
    errorRate = {};
    for (const [verb, rate] of Object.entries(input.errorRate)) {
      if (!VERBS.includes(verb as ApiVerb))
        throw ApiError.badRequest(
          `errorRate: unknown verb "${verb}"; known: ${VERBS.join(', ')}`,
        );
      if (typeof rate !== 'number' || rate < 0 || rate > 1)
        throw ApiError.badRequest(
          `errorRate.${verb} must be a number between 0 and 1`,
        );
      errorRate[verb as ApiVerb] = rate;
    }
  }
  const faults: ClusterFaults = {
    latencyMs: number('latencyMs', 0, 600_000),
    errorRate,
    errorStatus: number('errorStatus', 400, 599),
    watchDropAfterEvents: number(
      'watchDropAfterEvents',
      0,
      Number.MAX_SAFE_INTEGER,
    ),
    down: bool('down'),
    failAll: bool('failAll'),
    goneOnNextWatch: bool('goneOnNextWatch'),
    forbiddenResources: strings('forbiddenResources'),
    missingResources: strings('missingResources'),
    crdsAbsent: bool('crdsAbsent'),
    metrics: input.metrics as ClusterFaults['metrics'],
  };
  return Object.fromEntries(
    Object.entries(faults).filter(([, v]) => v !== undefined),
  ) as ClusterFaults;
}
