import { analyzerFor } from '../__testUtils__/analyzeYaml';
import type { Topology } from './topology';

/** Namespace shop with the web client and api v1 (both injected). */
const shop = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {serviceAccountName: web, containers: [{name: web}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v1, namespace: shop}
spec: {template: {metadata: {labels: {app: api, version: v1}}, spec: {containers: [{name: api}]}}}
---
`;

const yaml = `${shop}apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v2, namespace: shop}
spec: {template: {metadata: {labels: {app: api, version: v2}}, spec: {containers: [{name: api}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec: {host: api, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api]
  http: [{route: [{destination: {host: api, subset: v1}, weight: 80}, {destination: {host: api, subset: v2}, weight: 20}]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web-ingress, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [public]
  http: [{route: [{destination: {host: web}}]}, {route: [{destination: {host: api.example.org}}]}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: web, namespace: shop}
spec: {workloadSelector: {labels: {app: web}}, egress: [{hosts: [./api.shop.svc.cluster.local]}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]
`;

describe('topology', () => {
  const topology = analyzerFor(yaml).topology();
  const edge = (from: string, to: string, source: string) =>
    topology.edges.filter(
      e => e.from === from && e.to === to && e.source === source,
    );

  it.each([
    {
      name: 'weighted subset route to the subset workloads',
      from: 'service:shop/api',
      to: 'workload:default/shop/api-v1',
      source: 'subset',
      count: 1,
    },
    {
      name: 'gateway routes to a service',
      from: 'gateway:shop/public',
      to: 'service:shop/web',
      source: 'route',
      count: 1,
    },
    {
      name: 'gateway routes to an external host',
      from: 'gateway:shop/public',
      to: 'external:api.example.org',
      source: 'route',
      count: 1,
    },
    {
      name: 'service endpoints',
      from: 'service:shop/api',
      to: 'workload:default/shop/api-v2',
      source: 'endpoint',
      count: 1,
    },
    {
      name: 'Sidecar egress',
      from: 'workload:default/shop/web',
      to: 'service:shop/api',
      source: 'egress',
      count: 1,
    },
    {
      name: 'AuthorizationPolicy principals',
      from: 'workload:default/shop/web',
      to: 'workload:default/shop/api-v1',
      source: 'authorization',
      count: 1,
    },
  ])('$name', ({ from, to, source, count }) => {
    expect(edge(from, to, source)).toHaveLength(count);
  });

  it("gives an Istio Gateway's node its servers as listeners, and no workload when its selector picks none", () => {
    const node = topology.nodes.find(n => n.id === 'gateway:shop/public');
    expect(node?.gateway).toEqual({
      kind: 'Gateway',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      hostnames: ['*'],
    });
  });

  it('keeps route weights and subsets', () => {
    expect(
      edge('service:shop/api', 'workload:default/shop/api-v2', 'subset')[0],
    ).toMatchObject({ subset: 'v2', weight: 20 });
  });

  it('annotates edges with the mTLS outcome of a sidecar client', () => {
    expect(
      edge('service:shop/api', 'workload:default/shop/api-v1', 'endpoint')[0]
        .outcome,
    ).toBe('mtls');
    expect(
      edge('workload:default/shop/web', 'service:shop/api', 'egress')[0]
        .outcome,
    ).toBe('mtls');
  });

  it('keeps only one hop around the focus services', () => {
    const around = analyzerFor(yaml).topology([
      { namespace: 'shop', name: 'web' },
    ]);
    expect(around.nodes.map(n => n.id)).toEqual(
      expect.arrayContaining([
        'service:shop/web',
        'gateway:shop/public',
        'workload:default/shop/web',
      ]),
    );
    expect(
      around.edges.every(e =>
        [e.from, e.to].some(
          id =>
            id === 'service:shop/web' ||
            id.startsWith('workload:default/shop/web'),
        ),
      ),
    ).toBe(true);
  });

  it('finds the routes around a service whatever form their hosts take, and after they change', () => {
    // A VirtualService in another namespace names shop/api by its FQDN; shop's own VirtualService
    // names it by its short name.
    const routes = `${yaml}---
apiVersion: v1
kind: Namespace
metadata: {name: front, labels: {istio-injection: enabled}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: to-api, namespace: front}
spec:
  hosts: [api.shop.svc.cluster.local]
  http: [{route: [{destination: {host: api.shop.svc.cluster.local, subset: v1}}]}]
`;
    const analyzer = analyzerFor(routes);
    const routeEdges = (t: Topology) =>
      t.edges
        .filter(e => e.object?.kind === 'VirtualService')
        .map(e => `${e.object?.name}`)
        .sort();
    const full = analyzer.topology();
    const aroundApi = analyzer.topology([{ namespace: 'shop', name: 'api' }]);
    expect(routeEdges(aroundApi)).toEqual(
      expect.arrayContaining(['api', 'to-api']),
    );
    // Around a service: exactly the full topology's route edges that touch it.
    const touchesApi = (e: { from: string; to: string }) =>
      [e.from, e.to].includes('service:shop/api');
    expect(aroundApi.edges.filter(e => e.object && touchesApi(e))).toEqual(
      full.edges.filter(e => e.object && touchesApi(e)),
    );
    expect(
      routeEdges(analyzer.topology([{ namespace: 'shop', name: 'web' }])),
    ).not.toContain('to-api');

    // The VirtualService now routes the public gateway to web: the topology around web has it,
    // around api not.
    analyzer.upsert('default', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'to-api', namespace: 'front' },
      spec: {
        hosts: ['front.example.com'],
        gateways: ['shop/public'],
        http: [
          { route: [{ destination: { host: 'web.shop.svc.cluster.local' } }] },
        ],
      },
    });
    analyzer.refresh();
    expect(
      routeEdges(analyzer.topology([{ namespace: 'shop', name: 'web' }])),
    ).toContain('to-api');
    expect(
      routeEdges(analyzer.topology([{ namespace: 'shop', name: 'api' }])),
    ).not.toContain('to-api');
  });

  describe('outcomes on every edge kind', () => {
    const mixed = `${shop}apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v2, namespace: shop}
spec: {template: {metadata: {labels: {app: api, version: v2, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: api}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec: {host: api, subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api]
  http: [{route: [{destination: {host: api, subset: v1}, weight: 80}, {destination: {host: api, subset: v2}, weight: 20}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh-wide, namespace: istio-system}
spec:
  selector: {matchLabels: {app: api}}
  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]
`;
    const t = analyzerFor(mixed).topology();
    const outcomeOf = (from: string, to: string, source: string) =>
      t.edges
        .filter(e => e.from === from && e.to === to && e.source === source)
        .map(e => e.outcome);

    it.each([
      {
        name: 'subset route to a sidecar workload',
        from: 'service:shop/api',
        to: 'workload:default/shop/api-v1',
        source: 'subset',
        expected: ['mtls'],
      },
      {
        name: 'subset route with ISTIO_MUTUAL to a workload without sidecar',
        from: 'service:shop/api',
        to: 'workload:default/shop/api-v2',
        source: 'subset',
        expected: ['fail'],
      },
      {
        name: 'endpoint edge of the default cluster to the workload without sidecar',
        from: 'service:shop/api',
        to: 'workload:default/shop/api-v2',
        source: 'endpoint',
        expected: ['plaintext'],
      },
      {
        name: 'root-namespace AuthorizationPolicy applies mesh-wide, with the outcome',
        from: 'workload:default/shop/web',
        to: 'workload:default/shop/api-v1',
        source: 'authorization',
        expected: ['mtls'],
      },
      {
        name: 'root-namespace AuthorizationPolicy edge to a workload without sidecar',
        from: 'workload:default/shop/web',
        to: 'workload:default/shop/api-v2',
        source: 'authorization',
        expected: ['plaintext'],
      },
    ])('$name', ({ from, to, source, expected }) => {
      expect(outcomeOf(from, to, source)).toEqual(expected);
    });
  });
});
