import { analyzerFor } from '../__testUtils__/analyzeYaml';

/*
 * The Gateways a Service serves and the routes of a gateway or a service, as the catalog and the
 * entity tabs show them (MeshAnalyzer.gatewayApiGateways / gatewayApiRoutes). Sources: istiod's
 * deployment controller (pilot/pkg/config/kube/gateway/deploymentcontroller.go and
 * files/kube-gateway.yaml: the generated `<gateway>-<class>` Service labelled
 * gateway.networking.k8s.io/gateway-name), Istio's "manual deployment" (a Gateway whose
 * spec.addresses name an existing Service's host, type Hostname), and the attachment rules
 * tested in attachment.test.ts.
 */

const NAMESPACES = `
apiVersion: v1
kind: Namespace
metadata: {name: istio-ingress}
---
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo}
---
apiVersion: v1
kind: Namespace
metadata: {name: payments}
`;

/** An ingress Gateway of class istio with istiod's status and its generated Service. */
const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public-gateway, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, hostname: bookinfo.example.com, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
  - {name: https, hostname: bookinfo.example.com, port: 443, protocol: HTTPS, allowedRoutes: {namespaces: {from: All}}}
  - {name: any, port: 8080, protocol: HTTP}
status:
  addresses: [{type: IPAddress, value: 203.0.113.10}]
  conditions:
  - {type: Accepted, status: 'True', reason: Accepted, message: Resource accepted}
  - {type: Programmed, status: 'True', reason: Programmed, message: Resource programmed}
  listeners:
  - name: http
    attachedRoutes: 3
    conditions: [{type: Accepted, status: 'True', reason: Accepted}]
  - name: https
    attachedRoutes: 1
    conditions: [{type: ResolvedRefs, status: 'False', reason: RefNotPermitted, message: certificateRef not accessible}]
---
apiVersion: v1
kind: Service
metadata:
  name: public-gateway-istio
  namespace: istio-ingress
  labels: {gateway.networking.k8s.io/gateway-name: public-gateway, gateway.networking.k8s.io/gateway-class-name: istio}
spec:
  type: LoadBalancer
  selector: {gateway.networking.k8s.io/gateway-name: public-gateway}
  ports: [{name: http, port: 80}, {name: https, port: 443}]
`;

const service = (namespace: string, name: string, port = 9080) => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: ${port}}]
`;

const gatewayRef =
  '{group: gateway.networking.k8s.io, kind: Gateway, name: public-gateway, namespace: istio-ingress}';

/** The demo fleet's routes (packages/fleet-sim/fleets/demo/east-1/gateway-api.yaml), shortened. */
const ROUTES = `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bookinfo, namespace: bookinfo}
spec:
  parentRefs: [${gatewayRef}]
  hostnames: [bookinfo.example.com]
  rules: [{backendRefs: [{name: productpage, port: 9080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: checkout, namespace: bookinfo}
spec:
  parentRefs: [{name: public-gateway, namespace: istio-ingress, sectionName: http}]
  hostnames: [bookinfo.example.com]
  rules: [{backendRefs: [{group: '', kind: Service, name: checkout, namespace: payments, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: details-v2, namespace: bookinfo}
spec:
  parentRefs: [{name: public-gateway, namespace: istio-ingress, sectionName: http}]
  hostnames: [bookinfo.example.com]
  rules: [{backendRefs: [{name: details-v2, port: 9080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: wrong-port, namespace: bookinfo}
spec:
  parentRefs: [{name: public-gateway, namespace: istio-ingress, sectionName: http}]
  hostnames: [bookinfo.example.com]
  rules: [{backendRefs: [{name: productpage, port: 9999}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: other-host, namespace: bookinfo}
spec:
  parentRefs: [{name: public-gateway, namespace: istio-ingress, sectionName: http}, {kind: Service, group: '', name: ratings}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: ratings, port: 9080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews, namespace: bookinfo}
spec:
  parentRefs: [{group: '', kind: Service, name: reviews, port: 9080}]
  rules:
  - backendRefs:
    - {name: reviews-v1, port: 9080, weight: 90}
    - {name: reviews-v2, port: 9080, weight: 10}
`;

const SERVICES = [
  ['bookinfo', 'productpage'],
  ['bookinfo', 'ratings'],
  ['bookinfo', 'reviews'],
  ['bookinfo', 'reviews-v1'],
  ['bookinfo', 'reviews-v2'],
]
  .map(([ns, name]) => `---${service(ns, name)}`)
  .join('');

const FLEET = `${NAMESPACES}---${GATEWAY}${SERVICES}---${service(
  'payments',
  'checkout',
  8080,
)}---${ROUTES}`;

describe('MeshAnalyzer.gatewayApiGateways', () => {
  it("shows the Gateway of the Service istiod generates for it: listeners with their status, hostnames, class, addresses, the Gateway's conditions", () => {
    const analyzer = analyzerFor({ 'east-1': FLEET });
    expect(
      analyzer.gatewayApiGateways('istio-ingress', 'public-gateway-istio'),
    ).toEqual([
      {
        cluster: 'east-1',
        namespace: 'istio-ingress',
        name: 'public-gateway',
        className: 'istio',
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            hostname: 'bookinfo.example.com',
            attachedRoutes: 3,
            conditions: [
              { type: 'Accepted', status: 'True', reason: 'Accepted' },
            ],
          },
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'bookinfo.example.com',
            attachedRoutes: 1,
            conditions: [
              {
                type: 'ResolvedRefs',
                status: 'False',
                reason: 'RefNotPermitted',
                message: 'certificateRef not accessible',
              },
            ],
          },
          { name: 'any', port: 8080, protocol: 'HTTP', conditions: [] },
        ],
        hostnames: ['bookinfo.example.com'],
        addresses: ['203.0.113.10'],
        conditions: [
          {
            type: 'Accepted',
            status: 'True',
            reason: 'Accepted',
            message: 'Resource accepted',
          },
          {
            type: 'Programmed',
            status: 'True',
            reason: 'Programmed',
            message: 'Resource programmed',
          },
        ],
      },
    ]);
    expect(analyzer.gatewayApiGateways('bookinfo', 'productpage')).toEqual([]);
  });

  const cases: Array<{ name: string; yaml: string; served: string[] }> = [
    {
      name: 'a manually deployed Gateway (spec.addresses type Hostname) is served by the Service it names',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: manual, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  addresses: [{type: Hostname, value: ingress.istio-ingress.svc.cluster.local}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: by-ip, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  addresses: [{type: IPAddress, value: ingress.istio-ingress.svc.cluster.local}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
---${service('istio-ingress', 'ingress', 80)}`,
      served: ['istio-ingress/manual'],
    },
    {
      name: 'a waypoint (class istio-waypoint, controller istio.io/mesh-controller) is not a gateway',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: istio-ingress}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-ingress, labels: {gateway.networking.k8s.io/gateway-name: waypoint}}
spec: {ports: [{name: mesh, port: 15008}]}`,
      served: [],
    },
    {
      name: "a Gateway of another controller's class is not Istio's",
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: other}
spec: {controllerName: example.com/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: other, namespace: istio-ingress}
spec:
  gatewayClassName: other
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-ingress, labels: {gateway.networking.k8s.io/gateway-name: other}}
spec: {ports: [{name: http, port: 80}]}`,
      served: [],
    },
    {
      name: 'a label naming no Gateway serves none',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-ingress, labels: {gateway.networking.k8s.io/gateway-name: gone}}
spec: {ports: [{name: http, port: 80}]}`,
      served: [],
    },
    {
      name: 'a Gateway without listeners (bad input) is still shown, with none',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: empty, namespace: istio-ingress}
spec: {gatewayClassName: istio, listeners: 'not a list'}
---
apiVersion: v1
kind: Service
metadata: {name: ingress, namespace: istio-ingress, labels: {gateway.networking.k8s.io/gateway-name: empty}}
spec: {ports: [{name: http, port: 80}]}`,
      served: ['istio-ingress/empty'],
    },
  ];
  it.each(cases)('$name', ({ yaml, served }) => {
    const analyzer = analyzerFor({ c1: `${NAMESPACES}---${yaml}` });
    expect(
      analyzer
        .gatewayApiGateways('istio-ingress', 'ingress')
        .map(g => `${g.namespace}/${g.name}`),
    ).toEqual(served);
  });
});

describe('MeshAnalyzer.gatewayApiRoutes', () => {
  const analyzer = analyzerFor({ 'east-1': FLEET });
  const summary = (ref: { namespace: string; name: string }) =>
    analyzer.gatewayApiRoutes([ref]).map(r => ({
      route: `${r.kind} ${r.namespace}/${r.name}`,
      relations: r.relations,
      parents: r.parents.map(
        p =>
          `${p.kind} ${p.namespace}/${p.name}${
            p.sectionName ? `#${p.sectionName}` : ''
          } ${p.accepted ? 'Accepted' : p.reason} [${p.listeners.join(',')}]`,
      ),
      backends: r.backends.map(
        b =>
          `${b.namespace}/${b.name}:${b.port} w${b.weight} ${b.reason}${
            b.findingCodes.length ? ` ${b.findingCodes.join(',')}` : ''
          }`,
      ),
    }));

  it("lists a gateway's routes: the listeners each attaches to, the parent's Accepted reason, each backend with its weight, reason and finding codes", () => {
    expect(
      summary({ namespace: 'istio-ingress', name: 'public-gateway-istio' }),
    ).toEqual([
      {
        route: 'HTTPRoute bookinfo/bookinfo',
        relations: ['gateway'],
        parents: ['Gateway istio-ingress/public-gateway Accepted [http,https]'],
        backends: ['bookinfo/productpage:9080 w1 ResolvedRefs'],
      },
      {
        route: 'HTTPRoute bookinfo/checkout',
        relations: ['gateway'],
        parents: ['Gateway istio-ingress/public-gateway#http Accepted [http]'],
        backends: ['payments/checkout:8080 w1 RefNotPermitted MPL0502,KIA1402'],
      },
      {
        route: 'HTTPRoute bookinfo/details-v2',
        relations: ['gateway'],
        parents: ['Gateway istio-ingress/public-gateway#http Accepted [http]'],
        backends: [
          'bookinfo/details-v2:9080 w1 BackendNotFound MPL0501,KIA1402',
        ],
      },
      {
        // Only the parent that is the gateway: the route's mesh parent is another entity's.
        route: 'HTTPRoute bookinfo/other-host',
        relations: ['gateway'],
        parents: [
          'Gateway istio-ingress/public-gateway#http NoMatchingListenerHostname []',
        ],
        backends: ['bookinfo/ratings:9080 w1 ResolvedRefs'],
      },
      {
        route: 'HTTPRoute bookinfo/wrong-port',
        relations: ['gateway'],
        parents: ['Gateway istio-ingress/public-gateway#http Accepted [http]'],
        backends: ['bookinfo/productpage:9999 w1 PortNotFound MPL0501'],
      },
    ]);
  });

  it('lists the routes that reach a service: as a backend (every parent shown), as the parent of a mesh route', () => {
    expect(summary({ namespace: 'bookinfo', name: 'productpage' })).toEqual([
      {
        route: 'HTTPRoute bookinfo/bookinfo',
        relations: ['backend'],
        parents: ['Gateway istio-ingress/public-gateway Accepted [http,https]'],
        backends: ['bookinfo/productpage:9080 w1 ResolvedRefs'],
      },
      {
        route: 'HTTPRoute bookinfo/wrong-port',
        relations: ['backend'],
        parents: ['Gateway istio-ingress/public-gateway#http Accepted [http]'],
        backends: ['bookinfo/productpage:9999 w1 PortNotFound MPL0501'],
      },
    ]);
    // A cross-namespace backend without ReferenceGrant still reaches (tries to reach) its service.
    expect(summary({ namespace: 'payments', name: 'checkout' })).toEqual([
      {
        route: 'HTTPRoute bookinfo/checkout',
        relations: ['backend'],
        parents: ['Gateway istio-ingress/public-gateway#http Accepted [http]'],
        backends: ['payments/checkout:8080 w1 RefNotPermitted MPL0502,KIA1402'],
      },
    ]);
    // The mesh route splitting reviews 90/10: reviews is its parent, reviews-v1 a backend.
    const meshRoute = {
      route: 'HTTPRoute bookinfo/reviews',
      parents: ['Service bookinfo/reviews Accepted []'],
      backends: [
        'bookinfo/reviews-v1:9080 w90 ResolvedRefs',
        'bookinfo/reviews-v2:9080 w10 ResolvedRefs',
      ],
    };
    expect(summary({ namespace: 'bookinfo', name: 'reviews' })).toEqual([
      { ...meshRoute, relations: ['parent'] },
    ]);
    expect(summary({ namespace: 'bookinfo', name: 'reviews-v1' })).toEqual([
      { ...meshRoute, relations: ['backend'] },
    ]);
    // A route both attached to a service (mesh parent) and sending to it: both relations, every parent.
    expect(summary({ namespace: 'bookinfo', name: 'ratings' })).toEqual([
      {
        route: 'HTTPRoute bookinfo/other-host',
        relations: ['backend', 'parent'],
        parents: [
          'Gateway istio-ingress/public-gateway#http NoMatchingListenerHostname []',
          'Service bookinfo/ratings Accepted []',
        ],
        backends: ['bookinfo/ratings:9080 w1 ResolvedRefs'],
      },
    ]);
    expect(summary({ namespace: 'bookinfo', name: 'details' })).toEqual([]);
  });

  it('lists a route that comes out the same in several clusters once, with its clusters; one cluster on request', () => {
    const fleet = analyzerFor({ 'east-1': FLEET, 'west-1': FLEET });
    const ref = { namespace: 'bookinfo', name: 'productpage' };
    expect(
      fleet.gatewayApiRoutes([ref]).map(r => [r.name, r.clusters]),
    ).toEqual([
      ['bookinfo', ['east-1', 'west-1']],
      ['wrong-port', ['east-1', 'west-1']],
    ]);
    expect(
      fleet
        .gatewayApiRoutes([ref], { cluster: 'west-1' })
        .map(r => [r.name, r.clusters]),
    ).toEqual([
      ['bookinfo', ['west-1']],
      ['wrong-port', ['west-1']],
    ]);
    // Different outcomes per cluster: one entry per outcome (productpage lacks port 9080 in west-1).
    const split = analyzerFor({
      'east-1': FLEET,
      'west-1': FLEET.replace(
        'name: productpage, namespace: bookinfo}\nspec:\n  selector: {app: productpage}\n  ports: [{name: http, port: 9080}]',
        'name: productpage, namespace: bookinfo}\nspec:\n  selector: {app: productpage}\n  ports: [{name: http, port: 9999}]',
      ),
    });
    expect(
      split
        .gatewayApiRoutes([ref])
        .filter(r => r.name === 'bookinfo')
        .map(r => [r.clusters, r.backends[0].reason]),
    ).toEqual([
      [['east-1'], 'ResolvedRefs'],
      [['west-1'], 'PortNotFound'],
    ]);
  });

  it('answers nothing for no services', () => {
    expect(analyzer.gatewayApiRoutes([])).toEqual([]);
  });
});
