import { analyzerFor } from '../__testUtils__/analyzeYaml';

// Gateway API routes in the topology (istio-semantics.md §h "Topology"): Gateway → route →
// backend service, mesh routes from their parent Service, unresolved backends marked.
const YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ingress}
---
apiVersion: v1
kind: Service
metadata: {name: productpage, namespace: bookinfo}
spec: {selector: {app: productpage}, ports: [{name: http, port: 9080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: productpage-v1, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: productpage}}
  template:
    metadata: {labels: {app: productpage}, annotations: {sidecar.istio.io/status: '{}'}}
    spec: {containers: [{name: productpage}, {name: istio-proxy}]}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Service
metadata: {name: reviews-v2, namespace: bookinfo}
spec: {selector: {app: reviews, version: v2}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-istio, namespace: ingress, labels: {gateway.networking.k8s.io/gateway-name: web}}
spec: {selector: {gateway.networking.k8s.io/gateway-name: web}, ports: [{name: http, port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-istio, namespace: ingress, labels: {gateway.networking.k8s.io/gateway-name: web}}
spec:
  selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: web}}
  template:
    metadata: {labels: {gateway.networking.k8s.io/gateway-name: web}}
    spec: {containers: [{name: istio-proxy}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: ingress}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bookinfo, namespace: bookinfo}
spec:
  parentRefs: [{name: web, namespace: ingress}]
  rules:
  - matches: [{path: {type: Exact, value: /productpage}}]
    backendRefs: [{name: productpage, port: 9080}]
  - matches: [{path: {type: PathPrefix, value: /gone}}]
    backendRefs: [{name: gone, port: 9080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews-split, namespace: bookinfo}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules: [{backendRefs: [{name: reviews, port: 9080, weight: 90}, {name: reviews-v2, port: 9080, weight: 10}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: nowhere, namespace: bookinfo}
spec:
  parentRefs: [{name: missing, namespace: ingress}]
  rules: [{backendRefs: [{name: productpage, port: 9080}]}]
`;

describe('topology: Gateway API routes', () => {
  const a = analyzerFor(YAML);

  it('draws gateway → route → backend, with the route named and an unresolved backend marked', () => {
    const t = a.topology([{ namespace: 'bookinfo', name: 'productpage' }]);
    const route = t.nodes.find(
      n => n.id === 'route:HTTPRoute:bookinfo/bookinfo',
    );
    expect(route).toMatchObject({ type: 'route', kind: 'HTTPRoute' });
    expect(t.nodes.find(n => n.id === 'gateway:ingress/web')?.type).toBe(
      'gateway',
    );
    const edges = t.edges
      .filter(e => e.source === 'attach' || e.source === 'backend')
      .filter(e => e.object?.name === 'bookinfo')
      .map(e => [e.from, e.to, e.source, e.unresolved ?? '']);
    expect(edges).toEqual([
      [
        'gateway:ingress/web',
        'route:HTTPRoute:bookinfo/bookinfo',
        'attach',
        '',
      ],
      [
        'route:HTTPRoute:bookinfo/bookinfo',
        'service:bookinfo/productpage',
        'backend',
        '',
      ],
      [
        'route:HTTPRoute:bookinfo/bookinfo',
        'external:gone.bookinfo.svc.cluster.local',
        'backend',
        'BackendNotFound',
      ],
    ]);
    // The gateway has no generated deployment here: a sidecar client of its namespace decides.
    const toProductpage = t.edges.find(
      e => e.source === 'backend' && e.to === 'service:bookinfo/productpage',
    );
    expect(toProductpage?.outcome).toBe('mtls');
  });

  it('draws a mesh route from its parent service to each backend with its weight', () => {
    const t = a.topology([{ namespace: 'bookinfo', name: 'reviews' }]);
    const id = 'route:HTTPRoute:bookinfo/reviews-split';
    expect(
      t.edges
        .filter(e => e.from === id || e.to === id)
        .map(e => [e.from, e.to, e.weight ?? null]),
    ).toEqual([
      ['service:bookinfo/reviews', id, null],
      [id, 'service:bookinfo/reviews', 90],
      [id, 'service:bookinfo/reviews-v2', 10],
    ]);
  });

  it("draws a gateway's routes around the Service Istio generates for it", () => {
    const t = a.topology([{ namespace: 'ingress', name: 'web-istio' }]);
    expect(
      t.edges.filter(e => e.source === 'attach').map(e => [e.from, e.to]),
    ).toEqual([['gateway:ingress/web', 'route:HTTPRoute:bookinfo/bookinfo']]);
  });

  it('gives the Gateway node its class, listeners and the deployment Istio generates for it', () => {
    const t = a.topology([{ namespace: 'bookinfo', name: 'productpage' }]);
    expect(t.nodes.find(n => n.id === 'gateway:ingress/web')?.gateway).toEqual({
      kind: 'Gateway.gateway.networking.k8s.io',
      className: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      hostnames: [],
      workload: { cluster: 'default', namespace: 'ingress', name: 'web-istio' },
    });
  });

  it('leaves out a route that attaches nowhere', () => {
    const t = a.topology();
    expect(t.nodes.some(n => n.id === 'route:HTTPRoute:bookinfo/nowhere')).toBe(
      false,
    );
  });
});
