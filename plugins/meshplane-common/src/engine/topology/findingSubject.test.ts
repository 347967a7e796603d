import { analyzerFor } from '../__testUtils__/analyzeYaml';
import type { ObjectRef } from '../model/types';

const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v1, namespace: shop}
spec: {template: {metadata: {labels: {app: api, version: v1}}, spec: {containers: [{name: api}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop}
spec: {template: {metadata: {labels: {app: worker}}, spec: {containers: [{name: worker}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api-internal, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 81}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{name: tcp, port: 5432}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec: {host: api}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: shop}
spec: {host: db.data.svc.cluster.local}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: nowhere, namespace: shop}
spec: {host: nowhere}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: front, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [public]
  http: [{route: [{destination: {host: api}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: external, namespace: shop}
spec: {hosts: [api.example.com], http: [{route: [{destination: {host: api.example.com}}]}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: api, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, mtls: {mode: STRICT}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: STRICT}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: gateways}
spec: {template: {metadata: {labels: {istio: ingress}}, spec: {containers: [{name: istio-proxy}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: gateways}
spec: {selector: {istio: ingress}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec: {selector: {istio: ingress}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}
`;

const analyzer = analyzerFor(yaml);

function ref(
  apiVersion: string,
  kind: string,
  name: string,
  namespace = 'shop',
): ObjectRef {
  return { cluster: 'default', apiVersion, kind, namespace, name };
}

describe('findingSubject', () => {
  it.each([
    ['a Service is its own subject', ref('v1', 'Service', 'api'), 'shop/api'],
    [
      'a DestinationRule leads to the service of its short host',
      ref('networking.istio.io/v1', 'DestinationRule', 'api'),
      'shop/api',
    ],
    [
      'a DestinationRule of another namespace’s host leads there',
      ref('networking.istio.io/v1', 'DestinationRule', 'db'),
      'data/db',
    ],
    [
      'a VirtualService on an outside host leads to its route destination',
      ref('networking.istio.io/v1', 'VirtualService', 'front'),
      'shop/api',
    ],
    [
      'a workload leads to the first Service (by name) selecting it',
      ref('apps/v1', 'Deployment', 'api-v1'),
      'shop/api',
    ],
    [
      'a policy with a selector leads to the service of the workload it selects',
      ref('security.istio.io/v1', 'PeerAuthentication', 'api'),
      'shop/api',
    ],
    [
      "a Gateway's selector reaches the gateway workload in another namespace",
      ref('networking.istio.io/v1', 'Gateway', 'public'),
      'gateways/ingress',
    ],
  ])('%s', (_case, resource, expected) => {
    const subject = analyzer.findingSubject(resource);
    expect(subject && `${subject.namespace}/${subject.name}`).toBe(expected);
  });

  it.each([
    [
      'a DestinationRule whose host is no service of the mesh',
      ref('networking.istio.io/v1', 'DestinationRule', 'nowhere'),
    ],
    [
      'a VirtualService of outside hosts only',
      ref('networking.istio.io/v1', 'VirtualService', 'external'),
    ],
    ['a workload no Service selects', ref('apps/v1', 'Deployment', 'worker')],
    [
      'a namespace-wide policy',
      ref('security.istio.io/v1', 'PeerAuthentication', 'default'),
    ],
    ['a namespace', ref('v1', 'Namespace', 'shop', '')],
    ['an object that is not in the snapshot', ref('v1', 'Service', 'gone')],
  ])('has no subject for %s', (_case, resource) => {
    expect(analyzer.findingSubject(resource)).toBeUndefined();
  });
});
