import { analyzerFor, findingsOf } from '../__testUtils__/analyzeYaml';
import {
  ISTIOD_YAML,
  waypointYaml,
  ZTUNNEL_YAML,
} from '../__testUtils__/ambientYaml';

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: payments}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-ingress}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: payments}
spec: {selector: {app: api}, ports: [{name: http, port: 9080}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ingress, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}
  - {name: internal, port: 8080, protocol: HTTP}
`;

const route = (
  name: string,
  parents: string,
  backends: string,
  extra = '',
  kind = 'HTTPRoute',
) => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}, namespace: shop${extra}}
spec:
  parentRefs: ${parents}
  hostnames: [shop.example.com]
  rules: [{backendRefs: ${backends}}]`;

const GW = '[{name: ingress, namespace: istio-ingress}]';
const NAME = 'meshplane.GatewayApiAnalyzer';

describe('meshplane.GatewayApiAnalyzer', () => {
  it.each([
    {
      name: 'a route attached to the gateway, backend resolved',
      yaml: route('ok', GW, '[{name: web, port: 8080}]'),
      expected: [],
    },
    {
      name: 'only the listener that admits Same namespace: attaches nowhere',
      yaml: route(
        'same-only',
        '[{name: ingress, namespace: istio-ingress, sectionName: internal}]',
        '[{name: web, port: 8080}]',
      ),
      expected: ['MPL0500 HTTPRoute shop/same-only'],
    },
    {
      name: 'no parentRefs',
      yaml: route('orphan', '[]', '[{name: web, port: 8080}]'),
      expected: ['MPL0500 HTTPRoute shop/orphan'],
    },
    {
      name: 'one parent refuses, the other accepts',
      yaml: route(
        'partial',
        '[{name: ingress, namespace: istio-ingress, sectionName: http}, {name: ingress, namespace: istio-ingress, sectionName: internal}]',
        '[{name: web, port: 8080}]',
      ),
      expected: ['MPL0505 HTTPRoute shop/partial'],
    },
    {
      name: 'an unknown parent kind is left to its controller (clean absence)',
      yaml: route(
        'foreign',
        '[{group: example.com, kind: Mesh, name: m}]',
        '[{name: web, port: 8080}]',
      ),
      expected: [],
    },
    {
      name: 'a missing backend',
      yaml: route('missing', GW, '[{name: nothere, port: 8080}]'),
      expected: ['MPL0501 HTTPRoute shop/missing'],
    },
    {
      name: 'a backend port the Service lacks',
      yaml: route('badport', GW, '[{name: web, port: 80}]'),
      expected: ['MPL0501 HTTPRoute shop/badport'],
    },
    {
      name: 'a cross-namespace backend without ReferenceGrant',
      yaml: route(
        'cross',
        GW,
        '[{name: api, namespace: payments, port: 9080}]',
      ),
      expected: ['MPL0502 HTTPRoute shop/cross'],
    },
    {
      name: 'a cross-namespace backend with a ReferenceGrant',
      yaml: `${route(
        'cross',
        GW,
        '[{name: api, namespace: payments, port: 9080}]',
      )}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: shop-routes, namespace: payments}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: api}]`,
      expected: [],
    },
    {
      name: 'a mesh route to another namespace needs no grant',
      yaml: route(
        'mesh',
        '[{group: "", kind: Service, name: web}]',
        '[{name: api, namespace: payments, port: 9080}]',
      ),
      expected: [],
    },
    {
      name: 'a GRPCRoute with a missing backend',
      yaml: route('grpc', GW, '[{name: nothere, port: 8080}]', '', 'GRPCRoute'),
      expected: ['MPL0501 GRPCRoute shop/grpc'],
    },
    {
      name: 'a listener certificate in another namespace without grant',
      yaml: `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: tls, namespace: istio-ingress}
spec:
  gatewayClassName: istio
  listeners:
  - {name: https, port: 443, protocol: HTTPS, tls: {mode: Terminate, certificateRefs: [{name: cert, namespace: shop}]}}`,
      expected: ['MPL0502 Gateway istio-ingress/tls'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(BASE + yaml, NAME)).toEqual(expected);
  });

  it('names the field and the reason', () => {
    const messages = analyzerFor(
      BASE +
        route(
          'cross',
          GW,
          '[{name: web, port: 8080}, {name: api, namespace: payments, port: 9080}]',
        ),
    )
      .report()
      .messages.filter(m => m.analyzer === NAME);
    expect(messages).toHaveLength(1);
    expect(messages[0].path).toBe('spec.rules[0].backendRefs[1]');
    expect(messages[0].message).toContain('ReferenceGrant');
    expect(messages[0].message).toContain('payments');
  });
});

describe('meshplane.GatewayApiConflictAnalyzer (MPL0503)', () => {
  const CONFLICTS = 'meshplane.GatewayApiConflictAnalyzer';
  const withMatch = (
    name: string,
    time: string,
    path: string,
    host = 'shop.example.com',
  ) => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: shop, creationTimestamp: "${time}"}
spec:
  parentRefs: ${GW}
  hostnames: [${host}]
  rules: [{matches: [{path: {type: PathPrefix, value: ${path}}}], backendRefs: [{name: web, port: 8080}]}]`;

  it('reports the newer of two routes with the same match and hostname', () => {
    expect(
      findingsOf(
        BASE +
          withMatch('old', '2026-01-01T00:00:00Z', '/cart') +
          withMatch('new', '2026-02-01T00:00:00Z', '/cart'),
        CONFLICTS,
      ),
    ).toEqual(['MPL0503 HTTPRoute shop/new']);
  });

  it('breaks a creation-time tie by namespace/name', () => {
    expect(
      findingsOf(
        BASE +
          withMatch('b', '2026-01-01T00:00:00Z', '/cart') +
          withMatch('a', '2026-01-01T00:00:00Z', '/cart'),
        CONFLICTS,
      ),
    ).toEqual(['MPL0503 HTTPRoute shop/b']);
  });

  it('a newer route loses to an older wildcard hostname, and the other way round', () => {
    expect(
      findingsOf(
        BASE +
          withMatch(
            'wild',
            '2026-01-01T00:00:00Z',
            '/cart',
            '"*.example.com"',
          ) +
          withMatch('exact', '2026-02-01T00:00:00Z', '/cart'),
        CONFLICTS,
      ),
    ).toEqual(['MPL0503 HTTPRoute shop/exact']);
    expect(
      findingsOf(
        BASE +
          withMatch('exact', '2026-01-01T00:00:00Z', '/cart') +
          withMatch('wild', '2026-02-01T00:00:00Z', '/cart', '"*.example.com"'),
        CONFLICTS,
      ),
    ).toEqual(['MPL0503 HTTPRoute shop/wild']);
  });

  it.each([
    ['different paths', '/cart', '/checkout', 'shop.example.com'],
    ['different hostnames', '/cart', '/cart', 'admin.example.com'],
  ])('no conflict for %s', (_n, p1, p2, host) => {
    expect(
      findingsOf(
        BASE +
          withMatch('old', '2026-01-01T00:00:00Z', p1) +
          withMatch('new', '2026-02-01T00:00:00Z', p2, host),
        CONFLICTS,
      ),
    ).toEqual([]);
  });
});

describe('meshplane.GatewayApiAnalyzer: mesh route and VirtualService (MPL0504)', () => {
  const meshRoute = (time: string) => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web-split, namespace: shop, creationTimestamp: "${time}"}
spec:
  parentRefs: [{group: "", kind: Service, name: web}]
  rules: [{backendRefs: [{name: web, port: 8080}]}]`;
  const vs = (gateways: string) => `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop, creationTimestamp: "2026-03-01T00:00:00Z"}
spec:
  hosts: [web]
  ${gateways}
  http: [{route: [{destination: {host: web}}]}]`;

  it('reports the route when a mesh VirtualService routes the same host, naming the older', () => {
    const messages = analyzerFor(
      BASE + meshRoute('2026-01-01T00:00:00Z') + vs(''),
    ).findings({ code: 'MPL0504' });
    expect(messages.map(m => `${m.resource.kind} ${m.resource.name}`)).toEqual([
      'HTTPRoute web-split',
    ]);
    expect(messages[0].message).toContain('this HTTPRoute, the older');
    expect(messages[0].path).toBe('spec.parentRefs[0]');
  });

  it('says the VirtualService wins for other namespaces when it is older', () => {
    const [m] = analyzerFor(
      BASE + meshRoute('2026-06-01T00:00:00Z') + vs(''),
    ).findings({ code: 'MPL0504' });
    expect(m.message).toContain('VirtualService shop/web, the older');
  });

  it('ignores a VirtualService bound to gateways only', () => {
    expect(
      findingsOf(
        BASE +
          meshRoute('2026-01-01T00:00:00Z') +
          vs('gateways: [istio-ingress/web]'),
        NAME,
      ),
    ).toEqual([]);
  });
});

describe('Gateway API bad input (clean absence or findings, never a crash)', () => {
  it.each([
    {
      name: 'a Gateway without listeners, a route to it',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: empty, namespace: shop}
spec: {gatewayClassName: istio}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec: {parentRefs: [{name: empty}], rules: [{backendRefs: [{name: web, port: 8080}]}]}`,
      // No Service web here: its backend is missing too.
      expected: ['MPL0500 HTTPRoute shop/r', 'MPL0501 HTTPRoute shop/r'],
    },
    {
      name: 'a route of a version the engine does not know',
      yaml: `
apiVersion: gateway.networking.k8s.io/v9
kind: HTTPRoute
metadata: {name: future, namespace: shop}
spec: {parentRefs: [{name: nothere}], rules: [{backendRefs: [{name: web, port: 8080}]}]}`,
      expected: [
        'MPL0500 HTTPRoute shop/future',
        'MPL0501 HTTPRoute shop/future',
      ],
    },
    {
      name: 'malformed fields: parentRefs and rules of the wrong types',
      yaml: `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: odd, namespace: shop}
spec: {parentRefs: {name: x}, hostnames: 7, rules: [null, {backendRefs: "web"}, {matches: [null]}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: odd, namespace: shop}
spec: {gatewayClassName: istio, listeners: [null, {name: l, port: "80", protocol: HTTP, tls: {certificateRefs: [null]}}]}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: odd, namespace: shop}
spec: {from: "x", to: [null]}`,
      expected: ['MPL0500 HTTPRoute shop/odd'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, NAME)).toEqual(expected);
    expect(() => analyzerFor(yaml).topology()).not.toThrow();
    expect(() => analyzerFor(yaml).report()).not.toThrow();
  });
});

describe('meshplane.GatewayApiAnalyzer: mesh route for an ambient service (MPL0506)', () => {
  const yaml = (
    waypoint: string,
  ) => `${ISTIOD_YAML}${ZTUNNEL_YAML}${waypointYaml('shop')}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient${waypoint}}}
---
apiVersion: v1
kind: Pod
metadata: {name: api-1, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api-split, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: api}]
  rules: [{backendRefs: [{name: api, port: 80}]}]`;

  it('reports the route when no waypoint is bound', () => {
    expect(
      analyzerFor(yaml(''))
        .findings({ code: 'MPL0506' })
        .map(m => m.resource.name),
    ).toEqual(['api-split']);
  });

  it('is silent when the namespace binds a waypoint', () => {
    expect(
      analyzerFor(yaml(', istio.io/use-waypoint: waypoint')).findings({
        code: 'MPL0506',
      }),
    ).toEqual([]);
  });
});
