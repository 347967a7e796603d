import { findingsOf } from '../../__testUtils__/analyzeYaml';

const vs = (name: string, ns: string, hosts: string, extra = '') => `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: ${hosts}
  ${extra}
  http: [{route: [{destination: {host: a}}]}]`;

describe('virtualservice.ConflictingMeshGatewayHostsAnalyzer', () => {
  it.each([
    {
      name: 'same short host in one namespace',
      yaml:
        vs('a', 'foo', '[ratings]') +
        vs('b', 'foo', '[ratings.foo.svc.cluster.local]'),
      expected: [
        'IST0109 VirtualService foo/a',
        'IST0109 VirtualService foo/b',
      ],
    },
    {
      name: 'same short name in different namespaces is a different host',
      yaml: vs('a', 'foo', '[ratings]') + vs('a', 'bar', '[ratings]'),
      expected: [],
    },
    {
      name: 'gateway-bound VirtualServices do not conflict',
      yaml:
        vs('a', 'foo', '[ratings]') +
        vs('b', 'foo', '[ratings]', 'gateways: [gw]'),
      expected: [],
    },
    {
      name: 'exportTo scopes that do not overlap',
      yaml:
        vs('a', 'foo', '[x.example.com]', 'exportTo: ["."]') +
        vs('b', 'bar', '[x.example.com]', 'exportTo: ["."]'),
      expected: [],
    },
    {
      name: 'a scoped VS conflicts with one exported everywhere',
      yaml:
        vs('a', 'foo', '[x.example.com]', 'exportTo: ["."]') +
        vs('b', 'bar', '[x.example.com]'),
      expected: [
        'IST0109 VirtualService bar/b',
        'IST0109 VirtualService foo/a',
      ],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(yaml, 'virtualservice.ConflictingMeshGatewayHostsAnalyzer'),
    ).toEqual(expected);
  });
});
