import {
  MAX_TRAFFIC_OBSERVATIONS,
  parseTrafficObservations,
  TrafficObservationsError,
} from './parseTrafficObservations';

const edge = (fields: Record<string, unknown> = {}) => ({
  source: { cluster: 'east', namespace: 'shop', workload: 'web' },
  destination: { cluster: 'east', namespace: 'pay', service: 'api' },
  reporter: 'destination',
  protocol: 'http',
  requestsPerSecond: 2,
  tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
  ...fields,
});

const documentWith = (
  edges: unknown[],
  fields: Record<string, unknown> = {},
) => ({
  apiVersion: 'meshplane.io/v1alpha1',
  kind: 'TrafficObservations',
  window: '5m',
  observedAt: '2025-06-01T12:00:00Z',
  edges,
  ...fields,
});

/** What `parseTrafficObservations` throws for an input (`undefined` when it accepts it). */
function thrown(input: unknown): unknown {
  try {
    parseTrafficObservations(input);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** The problems `parseTrafficObservations` reports, as `path: message`. */
function problems(input: unknown): string[] {
  const error = thrown(input);
  return error instanceof TrafficObservationsError
    ? error.problems.map(p => `${p.path}: ${p.message}`)
    : [`not a TrafficObservationsError: ${error}`];
}

describe('parseTrafficObservations', () => {
  it('accepts a document of the format and returns it', () => {
    const doc = documentWith([
      edge({
        errorRate: 0.01,
        latencyMs: { p50: 3, p95: 9, p99: 20 },
        lastSeen: '2025-06-01T11:59:30.5+02:00',
      }),
      edge({
        source: {
          cluster: 'unknown',
          namespace: 'unknown',
          workload: 'unknown',
        },
        destination: {
          cluster: 'east',
          namespace: 'pay',
          service: 'api',
          workload: 'api-v1',
        },
        protocol: 'tcp',
        requestsPerSecond: undefined,
        tcpBytesPerSecond: 900,
        connectionsPerSecond: 0.5,
        tls: { mutualTls: 0, plaintext: 0, unknown: 0 },
      }),
    ]);
    expect(parseTrafficObservations(JSON.parse(JSON.stringify(doc)))).toEqual(
      JSON.parse(JSON.stringify(doc)),
    );
  });

  it.each([
    {
      name: 'garbage',
      input: 'not json at all',
      problem:
        /^: the document is "not json at all", not a TrafficObservations object$/,
    },
    { name: 'an array', input: [], problem: /^: the document is an array/ },
    { name: 'null', input: null, problem: /^: the document is null/ },
    {
      name: 'another kind',
      input: documentWith([], { kind: 'AnalysisReport' }),
      problem: /^kind: "AnalysisReport" is not TrafficObservations$/,
    },
    {
      name: 'another apiVersion',
      input: documentWith([], { apiVersion: 'v1' }),
      problem: /^apiVersion: "v1" is not meshplane.io\/v1alpha1$/,
    },
    {
      name: 'an unknown window',
      input: documentWith([], { window: '10m' }),
      problem: /^window: "10m" is not one of 5m, 1h, 24h$/,
    },
    {
      name: 'a time that is not RFC 3339',
      input: documentWith([], { observedAt: 'yesterday' }),
      problem: /^observedAt: "yesterday" is not an RFC 3339 time/,
    },
    {
      name: 'edges that are not a list',
      input: documentWith({} as any),
      problem: /^edges: an object is not an array$/,
    },
    {
      name: 'an unknown document field',
      input: documentWith([], { items: [] }),
      problem:
        /^items: unknown field \(known: apiVersion, kind, window, observedAt, edges\)$/,
    },
    {
      name: 'an unknown reporter',
      input: documentWith([edge(), edge({ reporter: 'ztunnel' })]),
      problem:
        /^edges\[1\]\.reporter: "ztunnel" is not one of destination, source, waypoint$/,
    },
    {
      name: 'an unknown protocol',
      input: documentWith([edge({ protocol: 'udp' })]),
      problem: /^edges\[0\]\.protocol: "udp" is not one of http, grpc, tcp$/,
    },
    {
      name: 'a share above 1',
      input: documentWith([
        edge({ tls: { mutualTls: 0, plaintext: 1.5, unknown: 0 } }),
      ]),
      problem:
        /^edges\[0\]\.tls\.plaintext: 1\.5 is not a share \(a number from 0 to 1\)$/,
    },
    {
      name: 'shares that do not add up to 1',
      input: documentWith([
        edge({ tls: { mutualTls: 0.5, plaintext: 0.2, unknown: 0 } }),
      ]),
      problem: /^edges\[0\]\.tls: the shares add up to 0\.7, not 1/,
    },
    {
      name: 'a negative rate',
      input: documentWith([edge({ requestsPerSecond: -3 })]),
      problem: /^edges\[0\]\.requestsPerSecond: -3 is not a number ≥ 0$/,
    },
    {
      name: 'a rate that is a string',
      input: documentWith([edge({ tcpBytesPerSecond: '12' })]),
      problem: /^edges\[0\]\.tcpBytesPerSecond: "12" is not a number ≥ 0$/,
    },
    {
      name: 'an error rate above 1',
      input: documentWith([edge({ errorRate: 5 })]),
      problem: /^edges\[0\]\.errorRate: 5 is not a share/,
    },
    {
      name: 'percentiles out of order',
      input: documentWith([edge({ latencyMs: { p50: 30, p95: 9, p99: 20 } })]),
      problem: /^edges\[0\]\.latencyMs: percentiles out of order/,
    },
    {
      name: 'request figures on tcp',
      input: documentWith([edge({ protocol: 'tcp' })]),
      problem:
        /^edges\[0\]\.requestsPerSecond: protocol tcp has no requests \(L4 only\)/,
    },
    {
      name: 'a missing destination service',
      input: documentWith([
        edge({ destination: { cluster: 'east', namespace: 'pay' } }),
      ]),
      problem: /^edges\[0\]\.destination\.service: missing$/,
    },
    {
      name: 'an empty workload name',
      input: documentWith([
        edge({ source: { cluster: 'east', namespace: 'shop', workload: '' } }),
      ]),
      problem: /^edges\[0\]\.source\.workload: "" is not a name/,
    },
    {
      name: 'a missing tls',
      input: documentWith([edge({ tls: undefined })]),
      problem: /^edges\[0\]\.tls: missing/,
    },
    {
      name: 'a misspelt field',
      input: documentWith([edge({ requestPerSecond: 3 })]),
      problem: /^edges\[0\]\.requestPerSecond: unknown field/,
    },
    {
      name: 'the same series twice',
      input: documentWith([edge(), edge({ requestsPerSecond: 3 })]),
      problem:
        /^edges\[1\]: repeats edges\[0\] \(same source, destination, reporter and protocol\)$/,
    },
    {
      name: 'an edge that is not an object',
      input: documentWith([42]),
      problem: /^edges\[0\]: 42 is not an object$/,
    },
  ])('refuses $name, naming the field', ({ input, problem }) => {
    expect(problems(input)).toContainEqual(expect.stringMatching(problem));
  });

  it('refuses a document with more observations than it may hold, without reading them', () => {
    const edges = new Array(MAX_TRAFFIC_OBSERVATIONS + 1).fill(0);
    expect(problems(documentWith(edges))).toEqual([
      `edges: ${
        MAX_TRAFFIC_OBSERVATIONS + 1
      } observations: a document holds at most ${MAX_TRAFFIC_OBSERVATIONS} (write one per namespace or entity)`,
    ]);
  });

  it('lists the first 20 problems and counts the rest in its message', () => {
    const edges = Array.from({ length: 30 }, () => edge({ reporter: 'x' }));
    const error = thrown(documentWith(edges)) as TrafficObservationsError;
    expect(error).toBeInstanceOf(TrafficObservationsError);
    expect(error.problems).toHaveLength(20);
    expect(error.message.split('\n')).toHaveLength(21);
    expect(error.message).toMatch(/… and 10 more problems$/);
  });
});
