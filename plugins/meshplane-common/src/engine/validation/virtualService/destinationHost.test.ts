import { findingsOf } from '../../__testUtils__/analyzeYaml';

const services = `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: default}
spec: {ports: [{port: 9080, name: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: two-ports, namespace: default}
spec: {ports: [{port: 80, name: http}, {port: 443, name: https}]}
---
apiVersion: v1
kind: Service
metadata: {name: private, namespace: default, annotations: {networking.istio.io/exportTo: "banana,."}}
spec: {ports: [{port: 80, name: http}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: eu, namespace: default}
spec: {hosts: ["*.eu.example.com"]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: exported, namespace: other}
spec: {hosts: [abc.example.com], exportTo: [default]}
`;

const vs = (name: string, ns: string, route: string, extra = '') => `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: [x]
  ${extra}
  http:
  - route: [{destination: ${route}}]`;

describe('virtualservice.DestinationHostAnalyzer', () => {
  it.each([
    {
      name: 'short name in the VS namespace',
      yaml: vs('ok', 'default', '{host: reviews}'),
      expected: [],
    },
    {
      name: 'FQDN from another namespace',
      yaml: vs(
        'ok',
        'istio-system',
        '{host: reviews.default.svc.cluster.local}',
      ),
      expected: [],
    },
    {
      name: 'unknown host',
      yaml: vs('bad', 'default', '{host: nope}'),
      expected: ['IST0101 VirtualService default/bad'],
    },
    {
      name: 'two-label host is taken literally',
      yaml: vs('bad', 'default', '{host: reviews.default}'),
      expected: ['IST0101 VirtualService default/bad'],
    },
    {
      name: 'unknown port',
      yaml: vs('bad', 'default', '{host: reviews, port: {number: 1}}'),
      expected: ['IST0101 VirtualService default/bad'],
    },
    {
      name: 'multi-port service without port',
      yaml: vs('bad', 'default', '{host: two-ports}'),
      expected: ['IST0112 VirtualService default/bad'],
    },
    {
      name: 'multi-port service with port',
      yaml: vs('ok', 'default', '{host: two-ports, port: {number: 443}}'),
      expected: [],
    },
    {
      name: 'wildcard ServiceEntry host',
      yaml: vs('ok', 'default', '{host: a.eu.example.com}'),
      expected: [],
    },
    {
      name: 'ServiceEntry exported to the VS namespace',
      yaml: vs('ok', 'default', '{host: abc.example.com}'),
      expected: [],
    },
    {
      name: 'service not exported to the VS namespace',
      yaml: vs(
        'bad',
        'istio-system',
        '{host: private.default.svc.cluster.local}',
      ),
      expected: ['IST0101 VirtualService istio-system/bad'],
    },
    {
      name: 'service exported to the VS namespace',
      yaml: vs('ok', 'banana', '{host: private.default.svc.cluster.local}'),
      expected: [],
    },
    {
      name: 'mirror to an unknown host',
      yaml: `${vs(
        'bad',
        'default',
        '{host: reviews}',
      )}\n    mirror: {host: nope}`,
      expected: ['IST0101 VirtualService default/bad'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(services + yaml, 'virtualservice.DestinationHostAnalyzer'),
    ).toEqual(expected);
  });

  it('reports ingress routes without subset while a mesh VirtualService routes the host to subsets (IST0140)', () => {
    const yaml = `${services}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: mesh, namespace: default}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: reviews, subset: v1}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ingress, namespace: default}
spec:
  hosts: [a.example.com]
  gateways: [gw]
  http: [{route: [{destination: {host: reviews}}]}]`;
    expect(findingsOf(yaml, 'virtualservice.DestinationHostAnalyzer')).toEqual([
      'IST0140 VirtualService default/ingress',
    ]);
  });
});
