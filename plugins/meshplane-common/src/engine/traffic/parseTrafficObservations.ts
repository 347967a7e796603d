import type {
  TrafficObservations,
  TrafficProtocol,
  TrafficReporter,
  TrafficWindow,
} from '../model/types';

/** Most observations one document may hold (the `maxItems` of openapi.yaml's `TrafficObservations`). @public */
export const MAX_TRAFFIC_OBSERVATIONS = 100_000;

/** Problems listed before the rest are only counted. */
const MAX_PROBLEMS = 20;
const MAX_NAME = 253;
/** How far two shares may sum away from 1 (producers round). */
const SHARE_SLACK = 0.01;

const WINDOWS: readonly TrafficWindow[] = ['5m', '1h', '24h'];
const REPORTERS: readonly TrafficReporter[] = [
  'destination',
  'source',
  'waypoint',
];
const PROTOCOLS: readonly TrafficProtocol[] = ['http', 'grpc', 'tcp'];
const DOCUMENT_FIELDS = ['apiVersion', 'kind', 'window', 'observedAt', 'edges'];
const EDGE_FIELDS = [
  'source',
  'destination',
  'reporter',
  'protocol',
  'requestsPerSecond',
  'errorRate',
  'latencyMs',
  'tcpBytesPerSecond',
  'connectionsPerSecond',
  'tls',
  'lastSeen',
];
/** Figures Istio reports only for requests (`istio_requests_total`, `istio_request_duration_milliseconds`). */
const REQUEST_FIELDS = ['requestsPerSecond', 'errorRate', 'latencyMs'];
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** One problem of a traffic observations document: the field (`edges[3].tls.plaintext`) and what is wrong. @public */
export interface TrafficObservationsProblem {
  /** The field, as a path into the document (`''` for the document itself). */
  path: string;
  message: string;
}

/**
 * A traffic observations document that {@link parseTrafficObservations} refuses: every problem
 * found (the first 20), each naming the field.
 *
 * @public
 */
export class TrafficObservationsError extends Error {
  /** The problems, each with the field it concerns (at most 20; the message counts the rest). */
  readonly problems: TrafficObservationsProblem[];

  constructor(problems: TrafficObservationsProblem[], more = 0) {
    super(
      [
        ...problems.map(p => (p.path ? `${p.path}: ${p.message}` : p.message)),
        ...(more ? [`… and ${more} more problems`] : []),
      ].join('\n'),
    );
    this.name = 'TrafficObservationsError';
    this.problems = problems;
  }
}

const show = (value: unknown): string => {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems, keeping the first {@link MAX_PROBLEMS}. */
class Problems {
  readonly list: TrafficObservationsProblem[] = [];
  more = 0;

  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path, message });
    else this.more++;
  }

  get count(): number {
    return this.list.length + this.more;
  }
}

function checkFields(
  value: Record<string, unknown>,
  known: readonly string[],
  path: string,
  problems: Problems,
): void {
  for (const key of Object.keys(value))
    if (!known.includes(key))
      problems.add(
        path ? `${path}.${key}` : key,
        `unknown field (known: ${known.join(', ')})`,
      );
}

function checkName(value: unknown, path: string, problems: Problems): boolean {
  if (typeof value !== 'string' || !value.length || value.length > MAX_NAME) {
    problems.add(
      path,
      value === undefined
        ? 'missing'
        : `${show(
            value,
          )} is not a name (a string of 1 to ${MAX_NAME} characters)`,
    );
    return false;
  }
  return true;
}

function checkTime(value: unknown, path: string, problems: Problems): void {
  if (
    typeof value !== 'string' ||
    !RFC3339.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    problems.add(
      path,
      value === undefined
        ? 'missing'
        : `${show(
            value,
          )} is not an RFC 3339 time (such as 2025-01-31T12:00:00Z)`,
    );
}

function checkEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  problems: Problems,
): value is T {
  if (
    typeof value === 'string' &&
    (allowed as readonly string[]).includes(value)
  )
    return true;
  problems.add(
    path,
    value === undefined
      ? `missing (one of ${allowed.join(', ')})`
      : `${show(value)} is not one of ${allowed.join(', ')}`,
  );
  return false;
}

/** A figure: a finite number ≥ 0, at most `max`. */
function checkNumber(
  value: unknown,
  path: string,
  problems: Problems,
  max = Infinity,
): value is number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > max
  ) {
    problems.add(
      path,
      value === undefined
        ? 'missing'
        : `${show(value)} is not ${
            max === 1 ? 'a share (a number from 0 to 1)' : 'a number ≥ 0'
          }`,
    );
    return false;
  }
  return true;
}

function checkEndpoint(
  value: unknown,
  path: string,
  fields: readonly string[],
  optional: readonly string[],
  problems: Problems,
): string | undefined {
  if (!isObject(value)) {
    problems.add(
      path,
      value === undefined ? 'missing' : `${show(value)} is not an object`,
    );
    return undefined;
  }
  checkFields(value, [...fields, ...optional], path, problems);
  let ok = true;
  for (const f of fields)
    ok = checkName(value[f], `${path}.${f}`, problems) && ok;
  for (const f of optional)
    if (value[f] !== undefined)
      ok = checkName(value[f], `${path}.${f}`, problems) && ok;
  return ok
    ? [...fields, ...optional].map(f => String(value[f] ?? '')).join('\u0000')
    : undefined;
}

function checkEdge(
  edge: unknown,
  path: string,
  problems: Problems,
): string | undefined {
  if (!isObject(edge)) {
    problems.add(path, `${show(edge)} is not an object`);
    return undefined;
  }
  checkFields(edge, EDGE_FIELDS, path, problems);
  const source = checkEndpoint(
    edge.source,
    `${path}.source`,
    ['cluster', 'namespace', 'workload'],
    [],
    problems,
  );
  const destination = checkEndpoint(
    edge.destination,
    `${path}.destination`,
    ['cluster', 'namespace', 'service'],
    ['workload'],
    problems,
  );
  const reporter = checkEnum(
    edge.reporter,
    REPORTERS,
    `${path}.reporter`,
    problems,
  );
  const protocol = checkEnum(
    edge.protocol,
    PROTOCOLS,
    `${path}.protocol`,
    problems,
  );
  for (const f of [
    'requestsPerSecond',
    'tcpBytesPerSecond',
    'connectionsPerSecond',
  ])
    if (edge[f] !== undefined) checkNumber(edge[f], `${path}.${f}`, problems);
  if (edge.errorRate !== undefined)
    checkNumber(edge.errorRate, `${path}.errorRate`, problems, 1);
  if (edge.latencyMs !== undefined) {
    const latency = edge.latencyMs;
    if (!isObject(latency))
      problems.add(`${path}.latencyMs`, `${show(latency)} is not an object`);
    else {
      checkFields(
        latency,
        ['p50', 'p95', 'p99'],
        `${path}.latencyMs`,
        problems,
      );
      const ok = ['p50', 'p95', 'p99'].every(p =>
        checkNumber(latency[p], `${path}.latencyMs.${p}`, problems),
      );
      if (
        ok &&
        ((latency.p50 as number) > (latency.p95 as number) ||
          (latency.p95 as number) > (latency.p99 as number))
      )
        problems.add(
          `${path}.latencyMs`,
          `percentiles out of order (p50 ${latency.p50}, p95 ${latency.p95}, p99 ${latency.p99}): p50 <= p95 <= p99`,
        );
    }
  }
  if (protocol && edge.protocol === 'tcp')
    for (const f of REQUEST_FIELDS)
      if (edge[f] !== undefined)
        problems.add(
          `${path}.${f}`,
          'protocol tcp has no requests (L4 only): request figures need protocol http or grpc',
        );
  const tls = edge.tls;
  if (!isObject(tls))
    problems.add(
      `${path}.tls`,
      tls === undefined
        ? 'missing (shares mutualTls, plaintext, unknown)'
        : `${show(tls)} is not an object`,
    );
  else {
    checkFields(
      tls,
      ['mutualTls', 'plaintext', 'unknown'],
      `${path}.tls`,
      problems,
    );
    const ok = ['mutualTls', 'plaintext', 'unknown'].every(s =>
      checkNumber(tls[s], `${path}.tls.${s}`, problems, 1),
    );
    if (ok) {
      const sum =
        (tls.mutualTls as number) +
        (tls.plaintext as number) +
        (tls.unknown as number);
      if (sum !== 0 && Math.abs(sum - 1) > SHARE_SLACK)
        problems.add(
          `${path}.tls`,
          `the shares add up to ${Number(
            sum.toFixed(4),
          )}, not 1 (or 0 without traffic)`,
        );
    }
  }
  if (edge.lastSeen !== undefined)
    checkTime(edge.lastSeen, `${path}.lastSeen`, problems);
  return source !== undefined &&
    destination !== undefined &&
    reporter &&
    protocol
    ? `${source}\u0001${destination}\u0001${edge.reporter}\u0001${edge.protocol}`
    : undefined;
}

/**
 * Validates a traffic observations document (the JSON of openapi.yaml's `TrafficObservations`,
 * as `meshplane analyze --traffic` reads it and the backend's metrics layer writes it) and
 * returns it typed. Anything else — not an object, unknown or missing fields, an unknown
 * reporter or protocol, negative rates, shares outside 0..1 or not adding up to 1, request
 * figures on `tcp`, two observations of one series, more than 100000 observations — throws a
 * {@link TrafficObservationsError} naming each field (`edges[3].tls.plaintext`). Never throws
 * anything else.
 *
 * @public
 */
export function parseTrafficObservations(input: unknown): TrafficObservations {
  const problems = new Problems();
  if (!isObject(input))
    throw new TrafficObservationsError([
      {
        path: '',
        message: `the document is ${show(
          input,
        )}, not a TrafficObservations object`,
      },
    ]);
  checkFields(input, DOCUMENT_FIELDS, '', problems);
  if (input.apiVersion !== 'meshplane.io/v1alpha1')
    problems.add(
      'apiVersion',
      `${show(input.apiVersion)} is not meshplane.io/v1alpha1`,
    );
  if (input.kind !== 'TrafficObservations')
    problems.add('kind', `${show(input.kind)} is not TrafficObservations`);
  checkEnum(input.window, WINDOWS, 'window', problems);
  checkTime(input.observedAt, 'observedAt', problems);
  const edges = input.edges;
  if (!Array.isArray(edges))
    problems.add(
      'edges',
      edges === undefined ? 'missing' : `${show(edges)} is not an array`,
    );
  else if (edges.length > MAX_TRAFFIC_OBSERVATIONS)
    problems.add(
      'edges',
      `${edges.length} observations: a document holds at most ${MAX_TRAFFIC_OBSERVATIONS} (write one per namespace or entity)`,
    );
  else {
    const seen = new Map<string, number>();
    edges.forEach((edge, i) => {
      const key = checkEdge(edge, `edges[${i}]`, problems);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first !== undefined)
        problems.add(
          `edges[${i}]`,
          `repeats edges[${first}] (same source, destination, reporter and protocol)`,
        );
      else seen.set(key, i);
    });
  }
  if (problems.count)
    throw new TrafficObservationsError(problems.list, problems.more);
  return input as unknown as TrafficObservations;
}
