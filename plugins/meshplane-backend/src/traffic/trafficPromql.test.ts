import { InputError } from '@backstage/errors';
import {
  checkClusterName,
  checkRateOverride,
  checkTrafficSubject,
  checkTrafficWindow,
  istioMetricsProbe,
  promqlString,
  trafficQueries,
  TrafficSubject,
} from './trafficPromql';

const productpage: TrafficSubject = {
  kind: 'service',
  namespace: 'bookinfo',
  name: 'productpage',
  workloads: ['productpage-v1'],
};

describe('trafficQueries', () => {
  const queries = trafficQueries(productpage, '5m');

  it('reads the requests Kiali-shaped: destination or waypoint first, the source only for edges without them', () => {
    expect(queries.requests).toBe(
      '(sum by (source_cluster,source_workload_namespace,source_workload,destination_cluster,destination_service_namespace,destination_service_name,destination_workload,reporter,request_protocol,connection_security_policy,response_code,grpc_response_status) (' +
        'rate(istio_requests_total{reporter=~"destination|waypoint",destination_service_namespace="bookinfo",destination_service_name="productpage"}[5m]) or ' +
        'rate(istio_requests_total{reporter=~"destination|waypoint",source_workload_namespace="bookinfo",source_workload=~"productpage-v1"}[5m])) > 0) ' +
        'or on (source_cluster,source_workload_namespace,source_workload,destination_cluster,destination_service_namespace,destination_service_name) ' +
        '(sum by (source_cluster,source_workload_namespace,source_workload,destination_cluster,destination_service_namespace,destination_service_name,destination_workload,reporter,request_protocol,connection_security_policy,response_code,grpc_response_status) (' +
        'rate(istio_requests_total{reporter="source",destination_service_namespace="bookinfo",destination_service_name="productpage"}[5m]) or ' +
        'rate(istio_requests_total{reporter="source",source_workload_namespace="bookinfo",source_workload=~"productpage-v1"}[5m])) > 0)',
    );
  });

  it('asks p50, p95 and p99 in one query, each labelled with its quantile, keeping empty buckets', () => {
    for (const q of ['0.5', '0.95', '0.99']) {
      expect(queries.latency).toContain(
        `label_replace(histogram_quantile(${q}, (sum by (le,`,
      );
      expect(queries.latency).toContain(`"quantile", "${q}", "", "")`);
    }
    expect(queries.latency).toContain(
      'istio_request_duration_milliseconds_bucket{reporter=~"destination|waypoint",',
    );
    expect(queries.latency).not.toContain('> 0');
  });

  it('adds sent and received bytes up, and reads connections opened, by TLS policy and app', () => {
    expect(queries.tcpBytes).toContain('rate(istio_tcp_sent_bytes_total{');
    expect(queries.tcpBytes).toContain(
      'label_replace(rate(istio_tcp_received_bytes_total{',
    );
    expect(queries.tcpConnections).toContain(
      'rate(istio_tcp_connections_opened_total{',
    );
    for (const q of [queries.tcpBytes, queries.tcpConnections]) {
      expect(q).toContain('connection_security_policy,app)');
    }
  });

  it('reads only calls into the service without its workloads, and a whole namespace both ways', () => {
    const inbound = trafficQueries(
      { kind: 'service', namespace: 'identity', name: 'auth-service' },
      '1h',
    ).requests;
    expect(inbound).not.toContain('source_workload=~');
    expect(inbound).toContain('[1h]');
    const namespace = trafficQueries(
      { kind: 'namespace', namespace: 'shop' },
      '24h',
    ).tcpConnections;
    expect(namespace).toContain('destination_service_namespace="shop"}[24h]');
    expect(namespace).toContain('source_workload_namespace="shop"}[24h]');
  });

  it('escapes a workload name with a dot as a regex', () => {
    const q = trafficQueries(
      { ...productpage, workloads: ['web.v2', 'api', 'api'] },
      '5m',
    ).requests;
    expect(q).toContain('source_workload=~"api|web\\\\.v2"');
  });

  it('uses the rate override over every window', () => {
    const q = trafficQueries(productpage, '24h', {
      function: 'irate',
      range: '10s',
    });
    expect(q.requests).toContain('irate(istio_requests_total{');
    expect(q.requests).toContain('[10s]');
    expect(q.requests).not.toContain('[24h]');
  });
});

describe('names that could inject PromQL are refused before any query', () => {
  it.each([
    ['a quote', 'book"info'],
    ['a closing brace', 'bookinfo}'],
    ['a regex matcher', 'bookinfo",source_workload=~".*'],
    ['=~', 'x=~y'],
    ['a newline', 'bookinfo\nfoo'],
    ['upper case', 'BookInfo'],
    ['a backslash', 'bookinfo\\'],
    ['an empty name', ''],
    ['64 characters', 'a'.repeat(64)],
    ['a dot in a namespace', 'book.info'],
  ])('namespace with %s', (_, namespace) => {
    expect(() =>
      trafficQueries({ kind: 'namespace', namespace }, '5m'),
    ).toThrow(InputError);
    expect(() => trafficQueries({ ...productpage, namespace }, '5m')).toThrow(
      /Invalid traffic namespace/,
    );
  });

  it.each([
    ['a quote', 'product"page'],
    ['braces', 'productpage{}'],
    ['a regex alternation', 'productpage|.*'],
    ['a newline', 'productpage\n'],
  ])('service name with %s', (_, name) => {
    expect(() => trafficQueries({ ...productpage, name }, '5m')).toThrow(
      /Invalid traffic service name/,
    );
  });

  it.each([
    ['a regex wildcard', '.*'],
    ['an alternation', 'a|b'],
    ['a quote', 'web"'],
    ['a closing brace', 'web}'],
    ['a newline', 'web\nx'],
    ['=~', 'web=~x'],
  ])('workload name with %s', (_, workload) => {
    expect(() =>
      trafficQueries({ ...productpage, workloads: [workload] }, '5m'),
    ).toThrow(/Invalid traffic workload name/);
  });

  it('refuses an unknown subject kind, a window other than 5m, 1h or 24h, and bad cluster names', () => {
    expect(() =>
      checkTrafficSubject({ kind: 'pod', namespace: 'a' } as any),
    ).toThrow(/subject kind "pod"/);
    for (const window of ['10m', '5m]', '5m] or vector(1) #', undefined]) {
      expect(() => checkTrafficWindow(window)).toThrow(InputError);
    }
    expect(checkTrafficWindow('24h')).toBe('24h');
    for (const cluster of ['east"1', 'east-1\n', '-east', 'a b', '']) {
      expect(() => checkClusterName(cluster)).toThrow(InputError);
    }
    expect(checkClusterName('East_1.prod')).toBe('East_1.prod');
  });

  it('refuses a rate override that is not a plain duration', () => {
    expect(() =>
      checkRateOverride({ function: 'irate', range: '10s] or vector(1)' }),
    ).toThrow(/Invalid rate override/);
    expect(() =>
      checkRateOverride({ function: 'delta' as any, range: '10s' }),
    ).toThrow(/Invalid rate override/);
  });
});

describe('promqlString', () => {
  it('escapes quotes, backslashes and control characters anyway', () => {
    expect(promqlString('a"b\\c\nd\u0001')).toBe('"a\\"b\\\\c\\nd\\x01"');
  });
});

describe('istioMetricsProbe', () => {
  it('counts Istio series, and those carrying each required label, in one query', () => {
    const probe = istioMetricsProbe();
    expect(probe).toContain(
      'label_replace(count({__name__=~"istio_requests_total|istio_tcp_connections_opened_total"}), "meshplane_probe", "series", "", "")',
    );
    expect(probe).toContain(
      'count({__name__=~"istio_requests_total|istio_tcp_connections_opened_total",destination_service_name!=""})',
    );
  });
});
