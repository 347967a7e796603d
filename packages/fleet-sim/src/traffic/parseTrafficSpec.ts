import { TrafficSpecError } from './TrafficSpecError';
import {
  DataPlaneMode,
  ObservedTls,
  TrafficDestination,
  TrafficFlow,
  TrafficProtocol,
  TrafficSource,
  TrafficSpec,
} from './types';

const DATA_PLANES: DataPlaneMode[] = [
  'sidecar',
  'ambient',
  'none',
  'gateway',
  'waypoint',
];
const PROTOCOLS: TrafficProtocol[] = ['http', 'grpc', 'tcp'];
const TLS_MODES: ObservedTls[] = ['mutual_tls', 'none'];

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown, field: string, known: string[]): Mapping {
  if (!isMapping(value)) {
    throw new TrafficSpecError(field, 'must be a mapping');
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new TrafficSpecError(
        `${field}.${key}`,
        `unknown field; known: ${known.join(', ')}`,
      );
    }
  }
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TrafficSpecError(field, 'must be a non-empty string');
  }
  return value;
}

function number(
  value: unknown,
  field: string,
  range: { min: number; max?: number; integer?: boolean },
): number {
  const { min, max, integer } = range;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (max !== undefined && value > max) ||
    (integer && !Number.isInteger(value))
  ) {
    const bounds = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
    throw new TrafficSpecError(
      field,
      `must be ${integer ? 'an integer' : 'a number'} ${bounds}, not ${
        JSON.stringify(value) ?? 'missing'
      }`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: T[],
): T {
  if (!allowed.includes(value as T)) {
    throw new TrafficSpecError(
      field,
      `must be one of ${allowed.join(', ')}, not ${
        JSON.stringify(value) ?? 'missing'
      }`,
    );
  }
  return value as T;
}

function source(value: unknown, field: string): TrafficSource | 'unknown' {
  if (value === 'unknown') {
    return 'unknown';
  }
  const input = mapping(value, field, [
    'cluster',
    'namespace',
    'workload',
    'dataPlane',
  ]);
  return {
    cluster: text(input.cluster, `${field}.cluster`),
    namespace: text(input.namespace, `${field}.namespace`),
    workload: text(input.workload, `${field}.workload`),
    ...(input.dataPlane !== undefined
      ? {
          dataPlane: oneOf(input.dataPlane, `${field}.dataPlane`, DATA_PLANES),
        }
      : {}),
  };
}

function destination(value: unknown, field: string): TrafficDestination {
  const input = mapping(value, field, [
    'cluster',
    'namespace',
    'service',
    'workload',
    'port',
    'dataPlane',
  ]);
  return {
    cluster: text(input.cluster, `${field}.cluster`),
    namespace: text(input.namespace, `${field}.namespace`),
    service: text(input.service, `${field}.service`),
    ...(input.workload !== undefined
      ? { workload: text(input.workload, `${field}.workload`) }
      : {}),
    port: number(input.port, `${field}.port`, {
      min: 1,
      max: 65535,
      integer: true,
    }),
    ...(input.dataPlane !== undefined
      ? {
          dataPlane: oneOf(input.dataPlane, `${field}.dataPlane`, DATA_PLANES),
        }
      : {}),
  };
}

function flow(value: unknown, field: string): TrafficFlow {
  const input = mapping(value, field, [
    'source',
    'destination',
    'rps',
    'protocol',
    'errors',
    'latencyMs',
    'tls',
    'requestBytes',
    'responseBytes',
    'tcpBytesPerSecond',
    'waypoint',
  ]);
  const protocol = oneOf(input.protocol, `${field}.protocol`, PROTOCOLS);
  const result: TrafficFlow = {
    source: source(input.source, `${field}.source`),
    destination: destination(input.destination, `${field}.destination`),
    rps: number(input.rps, `${field}.rps`, { min: 0 }),
    protocol,
  };
  const onlyFor = (key: string, protocols: TrafficProtocol[]) => {
    if (input[key] !== undefined && !protocols.includes(protocol)) {
      throw new TrafficSpecError(
        `${field}.${key}`,
        `applies to ${protocols.join(' and ')} flows, not ${protocol}`,
      );
    }
    return input[key] !== undefined;
  };
  if (onlyFor('errors', ['http', 'grpc'])) {
    const errors = mapping(input.errors, `${field}.errors`, ['share', 'codes']);
    result.errors = {
      share: number(errors.share, `${field}.errors.share`, { min: 0, max: 1 }),
    };
    if (errors.codes !== undefined) {
      const codes = errors.codes;
      if (!Array.isArray(codes) || codes.length === 0) {
        throw new TrafficSpecError(
          `${field}.errors.codes`,
          'must be a non-empty list',
        );
      }
      // gRPC's status codes 1..16, or HTTP statuses (0: no response, Envoy's `response_code`).
      const range =
        protocol === 'grpc' ? { min: 1, max: 16 } : { min: 100, max: 599 };
      result.errors.codes = codes.map((code, index) =>
        protocol === 'http' && code === 0
          ? 0
          : number(code, `${field}.errors.codes[${index}]`, {
              ...range,
              integer: true,
            }),
      );
    }
  }
  if (onlyFor('latencyMs', ['http', 'grpc'])) {
    const latency = mapping(input.latencyMs, `${field}.latencyMs`, [
      'p50',
      'p95',
      'p99',
    ]);
    const [p50, p95, p99] = (['p50', 'p95', 'p99'] as const).map(key =>
      number(latency[key], `${field}.latencyMs.${key}`, { min: 0 }),
    );
    if (!(p50 <= p95 && p95 <= p99 && p99 > 0)) {
      throw new TrafficSpecError(
        `${field}.latencyMs`,
        `needs 0 <= p50 <= p95 <= p99 and p99 > 0, not ${p50}, ${p95}, ${p99}`,
      );
    }
    result.latencyMs = { p50, p95, p99 };
  }
  if (input.tls !== undefined) {
    result.tls = oneOf(input.tls, `${field}.tls`, TLS_MODES);
  }
  for (const key of ['requestBytes', 'responseBytes'] as const) {
    if (onlyFor(key, ['http', 'grpc'])) {
      result[key] = number(input[key], `${field}.${key}`, { min: 0 });
    }
  }
  if (onlyFor('tcpBytesPerSecond', ['tcp'])) {
    const bytes = mapping(
      input.tcpBytesPerSecond,
      `${field}.tcpBytesPerSecond`,
      ['sent', 'received'],
    );
    result.tcpBytesPerSecond = {
      sent: number(bytes.sent, `${field}.tcpBytesPerSecond.sent`, { min: 0 }),
      received: number(bytes.received, `${field}.tcpBytesPerSecond.received`, {
        min: 0,
      }),
    };
  }
  if (input.waypoint !== undefined) {
    result.waypoint =
      input.waypoint === false
        ? false
        : text(input.waypoint, `${field}.waypoint`);
  }
  return result;
}

/**
 * Checks the shape of a traffic spec (a parsed `traffic.yaml`): fields, types, ranges and
 * enums. Whether its clusters, namespaces, workloads and services exist is
 * `resolveTraffic`'s part.
 *
 * @throws TrafficSpecError naming the first bad field.
 */
export function parseTrafficSpec(value: unknown): TrafficSpec {
  const input = mapping(value ?? {}, 'traffic', [
    'trustDomain',
    'sizeHistograms',
    'flows',
  ]);
  if (
    input.sizeHistograms !== undefined &&
    typeof input.sizeHistograms !== 'boolean'
  ) {
    throw new TrafficSpecError('sizeHistograms', 'must be true or false');
  }
  if (!Array.isArray(input.flows)) {
    throw new TrafficSpecError('flows', 'must be a list of flows');
  }
  return {
    ...(input.trustDomain !== undefined
      ? { trustDomain: text(input.trustDomain, 'trustDomain') }
      : {}),
    ...(input.sizeHistograms !== undefined
      ? { sizeHistograms: input.sizeHistograms }
      : {}),
    flows: input.flows.map((item, index) => flow(item, `flows[${index}]`)),
  };
}
