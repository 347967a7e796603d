import { findingsOf } from '../../__testUtils__/analyzeYaml';
import { convertProtocol } from './protocol';

const svc = (ports: string, extra = '', type = 'ClusterIP') => `
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default ${extra}}
spec: {type: ${type}, ports: ${ports}}`;

describe('service.PortNameAnalyzer', () => {
  it.each([
    {
      name: 'protocol prefixes',
      yaml: svc(
        '[{name: http-web, port: 80}, {name: grpc, port: 81}, {name: tcp-db, port: 82}]',
      ),
      expected: [],
    },
    {
      name: 'unnamed port',
      yaml: svc('[{port: 80}]'),
      expected: ['IST0118 Service default/s'],
    },
    {
      name: 'unknown prefix',
      yaml: svc('[{name: web, port: 80}, {name: foo-bar, port: 81}]'),
      expected: ['IST0118 Service default/s', 'IST0118 Service default/s'],
    },
    {
      name: 'appProtocol wins',
      yaml: svc('[{name: web, port: 80, appProtocol: http}]'),
      expected: [],
    },
    { name: 'well-known port', yaml: svc('[{port: 3306}]'), expected: [] },
    { name: 'UDP', yaml: svc('[{port: 53, protocol: UDP}]'), expected: [] },
    {
      name: 'istio control plane service',
      yaml: svc('[{port: 80}]', ', labels: {istio: pilot}'),
      expected: [],
    },
    {
      name: 'ExternalName with tcp name',
      yaml: svc('[{name: tcp, port: 80}]', '', 'ExternalName'),
      expected: ['IST0150 Service default/s'],
    },
    {
      name: 'ExternalName with http name',
      yaml: svc('[{name: http, port: 80}]', '', 'ExternalName'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'service.PortNameAnalyzer')).toEqual(expected);
  });

  it.each([
    [80, 'HTTP-web', undefined, undefined, 'http'],
    [80, 'grpc-web-x', undefined, undefined, 'grpc-web'],
    [80, 'x', 'UDP', undefined, 'udp'],
    [80, 'x', undefined, 'kubernetes.io/h2c', 'http2'],
    [27017, undefined, undefined, undefined, 'tcp'],
    [80, undefined, undefined, undefined, 'unsupported'],
  ])(
    'convertProtocol(%s, %s, %s, %s) = %s',
    (port, name, proto, app, expected) => {
      expect(
        convertProtocol(port as number, name as any, proto as any, app as any),
      ).toBe(expected);
    },
  );
});
