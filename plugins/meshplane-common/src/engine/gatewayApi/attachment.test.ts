import { parseKubeYaml } from '../load';
import { kindKey } from '../model/kinds';
import { MeshIndex } from '../snapshot/MeshIndex';
import { routeAttachment } from './attachment';

function indexOf(yaml: string): MeshIndex {
  const parsed = parseKubeYaml(yaml, 'test.yaml');
  if (parsed.errors.length) throw new Error(parsed.errors[0].message);
  const index = new MeshIndex();
  for (const o of parsed.objects) index.put('c1', o.object);
  return index;
}

function attach(index: MeshIndex, kk: string, ns: string, name: string) {
  const route = index.get('c1', kk, ns, name);
  if (!route) throw new Error(`no ${kk} ${ns}/${name}`);
  return routeAttachment(index, 'c1', route);
}

/** One listener of the Gateway below, in Istio's route-binding test's words. */
const listener = (name: string, allowed: string, extra = '') =>
  `  - {name: ${name}, hostname: "*.${name}.example", port: 80, protocol: HTTP${
    allowed ? `, allowedRoutes: ${allowed}` : ''
  }${extra}}`;

// The Gateway, namespaces and routes of istio/istio
// pilot/pkg/config/kube/gateway/testdata/route-binding.yaml, with the Accepted reasons of its
// status golden (route-binding.status.yaml.golden) as expectations.
const ROUTE_BINDING = `
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: v1
kind: Namespace
metadata: {name: group-namespace1, labels: {istio.io/test-name-part: group}}
---
apiVersion: v1
kind: Namespace
metadata: {name: group-namespace2, labels: {istio.io/test-name-part: group}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: istio}
spec: {controllerName: istio.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gateway, namespace: istio-system}
spec:
  gatewayClassName: istio
  listeners:
  - {name: default, hostname: "*.domain.example", port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
${listener('foobar', '{namespaces: {from: All}, kinds: [{kind: HTTPRoute}]}')}
${listener('same-namespace', '')}
${listener(
  'scope-route',
  '{namespaces: {from: All}, kinds: [{kind: TCPRoute}]}',
)}
${listener(
  'slctr-labels',
  '{namespaces: {from: Selector, selector: {matchLabels: {istio.io/test-name-part: group}}}}',
)}
${listener(
  'slctr-expr-in-yes',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: In, values: [group]}]}}}',
)}
${listener(
  'slctr-expr-in-no',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: In, values: [public]}]}}}',
)}
${listener(
  'slctr-expr-notin-yes',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: NotIn, values: [private]}, {key: istio.io/test-label-not-found, operator: NotIn, values: [irrelevant]}]}}}',
)}
${listener(
  'slctr-expr-notin-no',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: NotIn, values: [group]}, {key: istio.io/test-label-not-found, operator: NotIn, values: [irrelevant]}]}}}',
)}
${listener(
  'slctr-expr-exists-yes',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: Exists}]}}}',
)}
${listener(
  'slctr-expr-exists-no',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-public, operator: Exists}]}}}',
)}
${listener(
  'slctr-expr-dne-yes',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-label-not-found, operator: DoesNotExist}]}}}',
)}
${listener(
  'slctr-expr-dne-no',
  '{namespaces: {from: Selector, selector: {matchExpressions: [{key: istio.io/test-name-part, operator: DoesNotExist}]}}}',
)}
${listener(
  'slctr-combined-yes',
  '{namespaces: {from: Selector, selector: {matchLabels: {istio.io/test-name-part: group}, matchExpressions: [{key: istio.io/test-name-part, operator: In, values: [group]}]}}}',
)}
${listener(
  'slctr-combined-no',
  '{namespaces: {from: Selector, selector: {matchLabels: {istio.io/test-name-part: public}, matchExpressions: [{key: istio.io/test-name-part, operator: In, values: [group]}]}}}',
)}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: section-name-cross-namespace, namespace: default}
spec:
  parentRefs: [{name: gateway, namespace: istio-system, sectionName: foobar}]
  hostnames: [alpha.foobar.example]
  rules: [{backendRefs: [{name: httpbin, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: same-namespace-valid, namespace: istio-system}
spec:
  parentRefs:
  - {name: gateway, namespace: istio-system, sectionName: foobar}
  - {name: gateway, namespace: istio-system, sectionName: same-namespace}
  rules: [{backendRefs: [{name: httpbin, port: 81}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: same-namespace-invalid, namespace: default}
spec:
  parentRefs: [{kind: Gateway, name: gateway, namespace: istio-system, sectionName: same-namespace}]
  hostnames: [foo.same.example]
  rules: [{backendRefs: [{name: echo, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: wrong-protocol, namespace: default}
spec:
  parentRefs: [{name: gateway, namespace: istio-system, sectionName: foobar}]
  rules: [{backendRefs: [{name: httpbin, port: 82}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: host-mismatch, namespace: default}
spec:
  parentRefs: [{name: gateway, namespace: istio-system, sectionName: foobar}]
  hostnames: [no.match.example]
  rules: [{backendRefs: [{name: httpbin, port: 84}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bind-all, namespace: default}
spec:
  parentRefs: [{name: gateway, namespace: istio-system}]
  rules: [{backendRefs: [{name: httpbin, port: 85}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bind-cross-namespace, namespace: group-namespace1}
spec:
  parentRefs:
${[
  'slctr-labels',
  'slctr-expr-in-yes',
  'slctr-expr-in-no',
  'slctr-expr-notin-yes',
  'slctr-expr-notin-no',
  'slctr-expr-exists-yes',
  'slctr-expr-exists-no',
  'slctr-expr-dne-yes',
  'slctr-expr-dne-no',
  'slctr-combined-yes',
  'slctr-combined-no',
]
  .map(s => `  - {name: gateway, namespace: istio-system, sectionName: ${s}}`)
  .join('\n')}
  rules: [{backendRefs: [{name: httpbin, port: 86}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: invalid-bind-cross-namespace, namespace: default}
spec:
  parentRefs: [{name: gateway, namespace: istio-system, sectionName: slctr-labels}]
  rules: [{backendRefs: [{name: httpbin, port: 87}]}]
`;

describe('routeAttachment: parents (istio route-binding test)', () => {
  const index = indexOf(ROUTE_BINDING);
  const H = 'gateway.networking.k8s.io/HTTPRoute';

  it.each([
    ['section-name-cross-namespace', 'default', ['Accepted']],
    ['same-namespace-valid', 'istio-system', ['Accepted', 'Accepted']],
    ['same-namespace-invalid', 'default', ['NoMatchingListenerHostname']],
    ['host-mismatch', 'default', ['NoMatchingListenerHostname']],
    ['invalid-bind-cross-namespace', 'default', ['NotAllowedByListeners']],
    [
      'bind-cross-namespace',
      'group-namespace1',
      [
        'Accepted', // slctr-labels
        'Accepted', // slctr-expr-in-yes
        'NotAllowedByListeners', // slctr-expr-in-no
        'Accepted', // slctr-expr-notin-yes
        'NotAllowedByListeners', // slctr-expr-notin-no
        'Accepted', // slctr-expr-exists-yes
        'NotAllowedByListeners', // slctr-expr-exists-no
        'Accepted', // slctr-expr-dne-yes
        'NotAllowedByListeners', // slctr-expr-dne-no
        'Accepted', // slctr-combined-yes
        'NotAllowedByListeners', // slctr-combined-no
      ],
    ],
  ])('%s', (name, ns, reasons) => {
    const att = attach(index, H, ns, name);
    expect(att.parents.map(p => p.reason)).toEqual(reasons);
    expect(att.parents.map(p => p.accepted)).toEqual(
      reasons.map(r => r === 'Accepted'),
    );
  });

  it('binds a route without sectionName to every listener that takes it ("bound to 6 parents")', () => {
    const [parent] = attach(index, H, 'default', 'bind-all').parents;
    expect(parent.accepted).toBe(true);
    expect(parent.listeners.sort()).toEqual(
      [
        'default',
        'foobar',
        'slctr-expr-dne-no',
        'slctr-expr-dne-yes',
        'slctr-expr-notin-no',
        'slctr-expr-notin-yes',
      ].sort(),
    );
  });

  it('refuses a TCPRoute on an HTTP listener (kind not allowed)', () => {
    const att = attach(
      index,
      'gateway.networking.k8s.io/TCPRoute',
      'default',
      'wrong-protocol',
    );
    expect(att.parents[0]).toMatchObject({
      accepted: false,
      reason: 'NotAllowedByListeners',
      message: 'kind gateway.networking.k8s.io/TCPRoute is not allowed',
    });
  });

  it('explains the hostname mismatch with the listener hostname, as Istio writes it', () => {
    expect(
      attach(index, H, 'default', 'host-mismatch').parents[0].message,
    ).toBe('no hostnames matched parent hostname "*.foobar.example"');
  });
});

const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: default}
---
apiVersion: v1
kind: Namespace
metadata: {name: backend}
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {selector: {app: httpbin}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backend}
spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
`;

const route = (name: string, parents: string, backends: string) => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: default}
spec:
  parentRefs: ${parents}
  rules: [{backendRefs: ${backends}}]`;

describe('routeAttachment: backends (istio conversion.go buildDestination, reference-policy-service test)', () => {
  const H = 'gateway.networking.k8s.io/HTTPRoute';
  const GW = '[{name: gw}]';
  it.each([
    [
      'an existing Service',
      GW,
      '[{name: httpbin, port: 80}]',
      'ResolvedRefs',
      false,
    ],
    [
      'a missing Service',
      GW,
      '[{name: nothere, port: 80}]',
      'BackendNotFound',
      false,
    ],
    [
      'a hostname instead of a name',
      GW,
      '[{name: httpbin.default.svc.cluster.local, port: 80}]',
      'InvalidDestination',
      false,
    ],
    [
      'a Service without port',
      GW,
      '[{name: httpbin}]',
      'InvalidDestination',
      false,
    ],
    [
      'an unsupported kind',
      GW,
      '[{group: example.com, kind: Bucket, name: b, port: 1}]',
      'InvalidKind',
      false,
    ],
    [
      'a cross-namespace Service from a gateway route without grant',
      GW,
      '[{name: api, namespace: backend, port: 8080}]',
      'RefNotPermitted',
      false,
    ],
    [
      'a cross-namespace Service from a mesh route (no grant needed)',
      '[{group: "", kind: Service, name: httpbin}]',
      '[{name: api, namespace: backend, port: 8080}]',
      'ResolvedRefs',
      false,
    ],
    [
      'a Service port the Service lacks (Meshplane check)',
      GW,
      '[{name: httpbin, port: 9999}]',
      'ResolvedRefs',
      true,
    ],
    [
      'a Hostname with a namespace',
      GW,
      '[{group: networking.istio.io, kind: Hostname, name: example.com, namespace: default, port: 443}]',
      'InvalidDestination',
      false,
    ],
  ])('%s', (_n, parents, backends, reason, portMissing) => {
    const index = indexOf(BASE + route('r', parents, backends));
    const [b] = attach(index, H, 'default', 'r').backends;
    expect(b.reason).toBe(reason);
    expect(Boolean(b.portMissing)).toBe(portMissing);
    expect(b.path).toBe('spec.rules[0].backendRefs[0]');
  });

  it.each([
    [
      'a grant for every Service',
      '[{group: "", kind: Service}]',
      'ResolvedRefs',
    ],
    [
      'a grant naming the Service',
      '[{group: "", kind: Service, name: api}]',
      'ResolvedRefs',
    ],
    [
      'a grant naming another Service',
      '[{group: "", kind: Service, name: other}]',
      'RefNotPermitted',
    ],
    [
      'a grant to Secrets only',
      '[{group: "", kind: Secret}]',
      'RefNotPermitted',
    ],
  ])('ReferenceGrant: %s', (_n, to, reason) => {
    const grant = `
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: backend}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
  to: ${to}`;
    const index = indexOf(
      BASE +
        grant +
        route('r', GW, '[{name: api, namespace: backend, port: 8080}]'),
    );
    expect(attach(index, H, 'default', 'r').backends[0].reason).toBe(reason);
  });

  it('a grant from another route kind does not admit an HTTPRoute', () => {
    const grant = `
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: backend}
spec:
  from: [{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: default}]
  to: [{group: "", kind: Service}]`;
    const index = indexOf(
      BASE +
        grant +
        route('r', GW, '[{name: api, namespace: backend, port: 8080}]'),
    );
    expect(attach(index, H, 'default', 'r').backends[0].reason).toBe(
      'RefNotPermitted',
    );
  });
});

describe('routeAttachment: parents Istio does not own or cannot find', () => {
  const H = 'gateway.networking.k8s.io/HTTPRoute';
  it.each([
    ['a missing Gateway', '[{name: nothere}]', 'gateway', 'NoMatchingParent'],
    [
      'a missing parent Service',
      '[{group: "", kind: Service, name: nothere}]',
      'mesh',
      'NoMatchingParent',
    ],
    [
      'an existing parent Service',
      '[{group: "", kind: Service, name: httpbin}]',
      'mesh',
      'Accepted',
    ],
    [
      'an unknown parent kind',
      '[{group: example.com, kind: Mesh, name: m}]',
      'ignored',
      'NoMatchingParent',
    ],
    [
      'a port no listener has',
      '[{name: gw, port: 8080}]',
      'gateway',
      'NoMatchingParent',
    ],
    [
      'a sectionName no listener has',
      '[{name: gw, sectionName: https}]',
      'gateway',
      'NoMatchingParent',
    ],
  ])('%s', (_n, parents, type, reason) => {
    const index = indexOf(
      BASE + route('r', parents, '[{name: httpbin, port: 80}]'),
    );
    const [p] = attach(index, H, 'default', 'r').parents;
    expect([p.type, p.reason]).toEqual([type, reason]);
  });

  it("ignores a Gateway of another controller's class", () => {
    const other = `
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: other}
spec: {controllerName: example.com/controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: theirs, namespace: default}
spec: {gatewayClassName: other, listeners: [{name: http, port: 80, protocol: HTTP}]}`;
    const index = indexOf(
      BASE +
        other +
        route('r', '[{name: theirs}]', '[{name: httpbin, port: 80}]'),
    );
    const [p] = attach(index, H, 'default', 'r').parents;
    expect(p.type).toBe('ignored');
    expect(p.message).toContain('example.com/controller');
  });

  it('a Gateway without listeners takes no route', () => {
    const index = indexOf(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: empty, namespace: default}
spec: {gatewayClassName: istio}
${route('r', '[{name: empty}]', '[{name: httpbin, port: 80}]')}`);
    const route0 = index.get('c1', H, 'default', 'r')!;
    expect(kindKey(route0.obj)).toBe(H);
    const [p] = routeAttachment(index, 'c1', route0).parents;
    expect([p.accepted, p.message]).toEqual([
      false,
      'Gateway default/empty has no listeners',
    ]);
  });
});
