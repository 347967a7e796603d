import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { parseKubeYaml } from '../load';
import { CODES } from '../validation/messages';

/**
 * Kiali's Gateway API validations, ported from the test tables of kiali/kiali `business/checkers/k8shttproutes/*_test.go`,
 * `k8sgrpcroutes/*_test.go`, `k8sgateways/*_test.go`, `k8sreferencegrants/*_test.go`, `k8shttproute_checker_test.go`,
 * `k8sgrpcroute_checker_test.go` and `k8sreferencegrants_checker_test.go` (fixtures of `tests/data/k8sgateway_data.go`).
 * Kiali tests one checker at a time; the port runs the whole analyzer and keeps the codes of that checker.
 */
const NAME = 'kiali.gatewayApi';

/** `CODE Level Kind ns/name path` of the analyzer's findings (only `codes`, when given), sorted. */
function findings(
  yaml: string | Record<string, string>,
  codes?: string[],
): string[] {
  return analyzerFor(yaml)
    .report()
    .messages.filter(
      m => m.analyzer === NAME && (!codes || codes.includes(m.code)),
    )
    .map(
      m =>
        `${m.code} ${m.level} ${m.resource.kind} ${m.resource.namespace}/${
          m.resource.name
        }${m.path ? ` ${m.path}` : ''}`,
    )
    .sort();
}

function messagesOf(yaml: string, code: string): string[] {
  return analyzerFor(yaml)
    .report()
    .messages.filter(m => m.analyzer === NAME && m.code === code)
    .map(m => m.message);
}

// ---------------------------------------------------------------- fixtures (tests/data/k8sgateway_data.go)

const doc = (text: string) => `\n---\n${text}`;

const namespace = (name: string, labels = '') =>
  doc(`apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${labels}}}`);

/** `CreateFakeMultiServices`: a Service per name. */
const services = (ns: string, ...names: string[]) =>
  names
    .map(name =>
      doc(`apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {ports: [{port: 80}]}`),
    )
    .join('');

/** `CreateListener` (and the shared variants: `CreateSharedListener`, `CreateSharedToAllListener`, …). */
const listener = (
  name: string,
  hostname: string | undefined,
  port: number,
  protocol: string,
  allowedRoutes?: string,
) =>
  `{name: ${name}${
    hostname !== undefined ? `, hostname: "${hostname}"` : ''
  }, port: ${port}, protocol: ${protocol}${
    allowedRoutes ? `, allowedRoutes: ${allowedRoutes}` : ''
  }}`;
const SHARED_SELECTOR =
  '{namespaces: {from: Selector, selector: {matchLabels: {shared-gateway-access: "true"}}}}';
const SHARED_ALL = '{namespaces: {from: All}}';
const sharedExpressions = (values: string) =>
  `{namespaces: {from: Selector, selector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [${values}]}]}}}`;

/** `CreateEmptyK8sGateway` (class `istio`) with listeners, addresses and a status. */
function gateway(
  ns: string,
  name: string,
  opts: {
    listeners?: string[];
    addresses?: string[];
    className?: string;
    status?: string;
  } = {},
): string {
  return doc(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}}
spec:
  gatewayClassName: ${opts.className ?? 'istio'}
  listeners: [${(opts.listeners ?? []).join(', ')}]${
    opts.addresses ? `\n  addresses: [${opts.addresses.join(', ')}]` : ''
  }${opts.status ? `\nstatus: ${opts.status}` : ''}`);
}

/** `CreateGWAddress`. */
const address = (type: string, value: string) =>
  `{type: ${type}, value: "${value}"}`;

/** parentRefs of `AddGatewayParentRefToHTTPRoute` / `AddServiceParentRefToHTTPRoute` (group `core`, as Kiali's fixture). */
const gatewayRef = (name: string, ns: string) =>
  `{name: "${name}", namespace: "${ns}", group: gateway.networking.k8s.io, kind: Gateway}`;
const serviceRef = (name: string, ns: string) =>
  `{name: "${name}", namespace: "${ns}", group: core, kind: Service}`;
/** `AddBackendRefToHTTPRoute`: one rule per call, one backendRef of kind Service. */
const backendRef = (name: string, ns: string) =>
  `{kind: Service, name: "${name}", namespace: "${ns}"}`;

type RouteKind = 'HTTPRoute' | 'GRPCRoute';

function route(
  kind: RouteKind,
  ns: string,
  name: string,
  parentRefs: string[],
  backendRefs: string[] = [],
): string {
  return doc(`apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hostnames: [${ns}]
  parentRefs: [${parentRefs.join(', ')}]
  rules: [${backendRefs.map(b => `{backendRefs: [${b}]}`).join(', ')}]`);
}

/** `CreateReferenceGrantByKind`: from (group gateway.networking.k8s.io, `kind`, `fromNs`) to kind Service. */
function grant(
  ns: string,
  name: string,
  fromNs: string,
  kind: string,
  to = '[{group: "", kind: Service}]',
): string {
  return doc(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: ${name}, namespace: ${ns}}
spec:
  from: [{group: gateway.networking.k8s.io, kind: ${kind}, namespace: "${fromNs}"}]
  to: ${to}`);
}

const gatewayClass = (name: string, controller: string) =>
  doc(`apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: ${name}}
spec: {controllerName: ${controller}}`);

const ZTUNNEL = doc(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ztunnel, namespace: istio-system, labels: {app: ztunnel}}
spec: {template: {metadata: {labels: {app: ztunnel}}, spec: {containers: [{name: istio-proxy}]}}}`);

// ---------------------------------------------------------------- routes

const ROUTE_FILES: Record<RouteKind, string> = {
  HTTPRoute: 'k8shttproutes',
  GRPCRoute: 'k8sgrpcroutes',
};

describe.each<RouteKind>(['HTTPRoute', 'GRPCRoute'])(
  'Kiali %s validations',
  kind => {
    const dir = ROUTE_FILES[kind];
    const services2 = services('bookinfo', 'other', 'reviews');

    // KIA1402: business/checkers/<dir>/no_host_checker_test.go (route `CreateHTTPRoute("route", ns, "gatewayapi")`:
    // parentRef[0] is that Gateway, the Service parentRef is [1]).
    it.each([
      {
        kiali: 'TestValidRefHost',
        yaml:
          services2 +
          grant('bookinfo', 'grant', 'bookinfo2', kind) +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('reviews', 'bookinfo'),
            ],
            [backendRef('reviews', 'bookinfo')],
          ),
        expected: [],
      },
      {
        kiali: 'TestValidRefHostMultiToGrant (HTTPRoute only in Kiali)',
        yaml:
          services2 +
          grant(
            'bookinfo',
            'grant',
            'bookinfo2',
            kind,
            '[{group: "", kind: Secret}, {group: "", kind: Service}]',
          ) +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('reviews', 'bookinfo'),
            ],
            [backendRef('reviews', 'bookinfo')],
          ),
        expected: [],
      },
      {
        kiali: 'TestMissingGrant',
        yaml:
          services2 +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('reviews', 'bookinfo'),
            ],
            [backendRef('reviews', 'bookinfo')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.parentRefs[1].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali: 'TestWrongGrant (the grant is from the wrong namespace)',
        yaml:
          services2 +
          grant('bookinfo', 'grant', 'bookinfo', kind) +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('reviews', 'bookinfo'),
            ],
            [backendRef('reviews', 'bookinfo')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.parentRefs[1].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali: 'TestValidRefHostDefaultNs',
        yaml:
          services2 +
          grant('bookinfo', 'grant', 'bookinfo2', kind) +
          route(
            kind,
            'bookinfo',
            'route',
            [gatewayRef('gatewayapi', 'bookinfo'), serviceRef('reviews', '')],
            [backendRef('reviews', '')],
          ),
        expected: [],
      },
      {
        kiali: 'TestInvalidRefHostDefaultNs',
        yaml:
          services2 +
          grant('bookinfo', 'grant', 'bookinfo2', kind) +
          route(
            kind,
            'bookinfo2',
            'route',
            [gatewayRef('gatewayapi', 'bookinfo2'), serviceRef('reviews', '')],
            [backendRef('reviews', '')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.parentRefs[1].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali: 'TestNoValidRefHost',
        yaml:
          services('bookinfo', 'other', 'details') +
          grant('bookinfo', 'grant', 'bookinfo2', kind) +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('ratings', 'bookinfo'),
            ],
            [
              backendRef('reviews', 'bookinfo'),
              backendRef('ratings', 'bookinfo'),
            ],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.parentRefs[1].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[1].backendRefs[0].name`,
        ],
      },
      {
        kiali: 'TestInvalidRefHostFQDN',
        yaml:
          services2 +
          grant('bookinfo', 'grant', 'bookinfo2', kind) +
          route(
            kind,
            'bookinfo2',
            'route',
            [
              gatewayRef('gatewayapi', 'bookinfo2'),
              serviceRef('reviews.bookinfo.svc.cluster.local', ''),
            ],
            [backendRef('reviews.bookinfo.svc.cluster.local', '')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.parentRefs[1].name`,
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali:
          'no_host_checker.go: a grant for the other route kind does not count',
        yaml:
          services2 +
          grant(
            'bookinfo',
            'grant',
            'bookinfo2',
            kind === 'HTTPRoute' ? 'GRPCRoute' : 'HTTPRoute',
          ) +
          route(
            kind,
            'bookinfo2',
            'route',
            [gatewayRef('gatewayapi', 'bookinfo2')],
            [backendRef('reviews', 'bookinfo')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali:
          'no_host_checker.go: backendRefs default to kind Service (CRD default); other kinds are skipped',
        yaml: route(
          kind,
          'bookinfo',
          'route',
          [gatewayRef('gatewayapi', 'bookinfo')],
          [
            '{name: missing, port: 80}',
            '{group: networking.istio.io, kind: Hostname, name: "api.example.com"}',
          ],
        ),
        expected: [
          `KIA1402 Error ${kind} bookinfo/route spec.rules[0].backendRefs[0].name`,
        ],
      },
    ])(
      `KIA1402 ${dir}/no_host_checker_test.go $kiali`,
      ({ yaml, expected }) => {
        expect(findings(yaml, ['KIA1402'])).toEqual(expected);
      },
    );

    // KIA1401: business/checkers/<dir>/no_k8sgateway_checker_test.go.
    const shared = (labels: string) => namespace('bookinfo', labels);
    it.each([
      {
        kiali: 'TestMissingK8sGateway',
        yaml: route(kind, 'bookinfo', 'route', [
          gatewayRef('gatewayapi', 'bookinfo'),
        ]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali: 'TestMissingK8sGateways',
        yaml: route(kind, 'bookinfo', 'route', [
          gatewayRef('gatewayapi', 'bookinfo'),
          gatewayRef('gateway2', 'bookinfo2'),
        ]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[1].name`,
        ],
      },
      {
        kiali:
          'TestValidAndMissingK8sGateway (correctgw is in bookinfo, the ref says bookinfo2)',
        yaml:
          gateway('bookinfo', 'correctgw') +
          route(kind, 'bookinfo', 'route', [
            gatewayRef('gatewayapi', 'bookinfo'),
            gatewayRef('correctgw', 'bookinfo2'),
          ]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[1].name`,
        ],
      },
      {
        kiali: 'TestFoundK8sGateway',
        yaml:
          gateway('bookinfo', 'my-gateway') +
          route(kind, 'bookinfo', 'route', [
            gatewayRef('my-gateway', 'bookinfo'),
          ]),
        expected: [],
      },
      {
        kiali: 'TestFoundSharedK8sGateway',
        yaml:
          shared('shared-gateway-access: "true"') +
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener('test', 'host.com', 80, 'http', SHARED_SELECTOR),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [],
      },
      {
        kiali: 'TestFoundSharedK8sGatewayWithMatchExpressions',
        yaml:
          shared('kubernetes.io/metadata.name: bookinfo') +
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener(
                'test',
                'host.com',
                80,
                'http',
                sharedExpressions('bookinfo'),
              ),
            ],
          }),
        extra: route(kind, 'bookinfo', 'route', [
          gatewayRef('sharedgw', 'gwns'),
        ]),
        expected: [],
      },
      {
        kiali:
          'TestFoundSharedK8sGatewayWithMatchExpressions (the API server labels every namespace kubernetes.io/metadata.name)',
        yaml:
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener(
                'test',
                'host.com',
                80,
                'http',
                sharedExpressions('bookinfo'),
              ),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [],
      },
      {
        kiali: 'TestNotSharedNSK8sGatewayWithMatchExpressionsError',
        yaml:
          shared('kubernetes.io/metadata.name: bookinfo') +
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener(
                'test',
                'host.com',
                80,
                'http',
                sharedExpressions('other-ns'),
              ),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali: 'TestFoundSharedToAllK8sGateway',
        yaml:
          shared('') +
          gateway('gwns', 'sharedgw', {
            listeners: [listener('test', 'host.com', 80, 'http', SHARED_ALL)],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [],
      },
      {
        kiali: 'TestWrongNSSharedK8sGatewayError',
        yaml:
          shared('shared-gateway-access: "true"') +
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener('test', 'host.com', 80, 'http', SHARED_SELECTOR),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [
            gatewayRef('sharedgw', 'gwnswrong'),
          ]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali: 'TestSharedK8sGatewayWrongNSError',
        yaml:
          shared('shared-gateway-access: "true"') +
          gateway('gwnswrong', 'sharedgw', {
            listeners: [
              listener('test', 'host.com', 80, 'http', SHARED_SELECTOR),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali: 'TestNotSharedNSK8sGatewayError',
        yaml:
          shared('') +
          gateway('gwns', 'sharedgw', {
            listeners: [
              listener('test', 'host.com', 80, 'http', SHARED_SELECTOR),
            ],
          }) +
          route(kind, 'bookinfo', 'route', [gatewayRef('sharedgw', 'gwns')]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali:
          'TestAmbientHTTPRouteWithSharedToAllGatewayInUnmanagedNS (HTTPRoute only in Kiali)',
        yaml:
          namespace('app-ambient', 'istio.io/dataplane-mode: ambient') +
          namespace('istio-ingress') +
          gateway('istio-ingress', 'gateway-internal', {
            listeners: [
              listener('default', '*.example.com', 80, 'HTTP', SHARED_ALL),
            ],
          }) +
          route(kind, 'app-ambient', 'app', [
            gatewayRef('gateway-internal', 'istio-ingress'),
          ]),
        expected: [],
      },
      {
        kiali:
          'TestNonAmbientHTTPRouteWithSharedToAllGatewayInUnmanagedNS (HTTPRoute only in Kiali)',
        yaml:
          namespace('app-non-ambient') +
          namespace('istio-ingress') +
          gateway('istio-ingress', 'gateway-internal', {
            listeners: [
              listener('default', '*.example.com', 80, 'HTTP', SHARED_ALL),
            ],
          }) +
          route(kind, 'app-non-ambient', 'app', [
            gatewayRef('gateway-internal', 'istio-ingress'),
          ]),
        expected: [],
      },
      {
        kiali:
          'TestAmbientHTTPRouteWithNonExistentGateway (HTTPRoute only in Kiali)',
        yaml:
          namespace('app-ambient', 'istio.io/dataplane-mode: ambient') +
          namespace('istio-ingress') +
          route(kind, 'app-ambient', 'app', [
            gatewayRef('does-not-exist', 'istio-ingress'),
          ]),
        expected: [
          `KIA1401 Error ${kind} app-ambient/app spec.parentRefs[0].name`,
        ],
      },
      {
        kiali:
          'no_k8sgateway_checker.go: parentRef group and kind default to the Gateway API Gateway (CRD defaults); namespace to the route',
        yaml: route(kind, 'bookinfo', 'route', ['{name: gw}']),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route spec.parentRefs[0].name`,
        ],
      },
      {
        kiali:
          'no_k8sgateway_checker.go: parentRefs of other kinds or groups are not Gateways',
        yaml: route(kind, 'bookinfo', 'route', [
          '{group: networking.istio.io, kind: ServiceEntry, name: se}',
          '{group: example.com, kind: Gateway, name: other}',
          '{group: gateway.networking.k8s.io, kind: ListenerSet, name: ls}',
        ]),
        expected: [],
      },
      {
        kiali:
          'no_k8sgateway_checker.go: a Gateway of the route namespace is found whatever its allowedRoutes',
        yaml:
          gateway('bookinfo', 'gw', {
            listeners: [
              listener('http', undefined, 80, 'HTTP', SHARED_SELECTOR),
            ],
          }) + route(kind, 'bookinfo', 'route', ['{name: gw}']),
        expected: [],
      },
    ])(
      `KIA1401 ${dir}/no_k8sgateway_checker_test.go $kiali`,
      ({
        yaml,
        extra,
        expected,
      }: {
        yaml: string;
        extra?: string;
        expected: string[];
      }) => {
        expect(findings(yaml + (extra ?? ''), ['KIA1401'])).toEqual(expected);
      },
    );

    // business/checkers/k8s{http,grpc}route_checker_test.go: both checkers together.
    it.each([
      {
        kiali: 'TestNoCrashOnEmptyRoute',
        yaml: namespace('bookinfo'),
        expected: [],
      },
      {
        kiali: 'TestWithoutK8sGateway',
        yaml:
          gateway('bookinfo', 'gatewayapiwrong') +
          route(kind, 'bookinfo', 'route1', [
            gatewayRef('gatewayapi', 'bookinfo'),
          ]) +
          route(kind, 'bookinfo', 'route2', [
            gatewayRef('gatewayapi2', 'bookinfo'),
          ]),
        expected: [
          `KIA1401 Error ${kind} bookinfo/route1 spec.parentRefs[0].name`,
          `KIA1401 Error ${kind} bookinfo/route2 spec.parentRefs[0].name`,
        ],
      },
      {
        kiali: 'TestWithoutService',
        yaml:
          services('bookinfo', 'other') +
          services('bookinfo2', 'details') +
          gateway('bookinfo', 'gatewayapi') +
          gateway('bookinfo2', 'gatewayapi2') +
          route(
            kind,
            'bookinfo',
            'route1',
            [gatewayRef('gatewayapi', 'bookinfo')],
            [backendRef('ratings', 'bookinfo')],
          ) +
          route(
            kind,
            'bookinfo2',
            'route2',
            [gatewayRef('gatewayapi2', 'bookinfo2')],
            [backendRef('ratings', 'bookinfo2')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo/route1 spec.rules[0].backendRefs[0].name`,
          `KIA1402 Error ${kind} bookinfo2/route2 spec.rules[0].backendRefs[0].name`,
        ],
      },
      {
        kiali: 'TestWithoutReferenceGrant',
        yaml:
          services('bookinfo', 'ratings') +
          gateway('bookinfo2', 'gatewayapi') +
          route(
            kind,
            'bookinfo2',
            'route1',
            [gatewayRef('gatewayapi', 'bookinfo2')],
            [backendRef('ratings', 'bookinfo')],
          ),
        expected: [
          `KIA1402 Error ${kind} bookinfo2/route1 spec.rules[0].backendRefs[0].name`,
        ],
      },
    ])(
      `${
        kind === 'HTTPRoute' ? 'k8shttproute' : 'k8sgrpcroute'
      }_checker_test.go $kiali`,
      ({ yaml, expected }) => {
        expect(findings(yaml)).toEqual(expected);
      },
    );
  },
);

// ---------------------------------------------------------------- gateways

describe('Kiali Gateway validations', () => {
  // KIA1501–KIA1503: business/checkers/k8sgateways/multi_match_checker_test.go.
  it.each([
    {
      kiali: 'TestCorrectK8sGateways',
      yaml: gateway('test', 'validk8sgateway'),
      expected: [],
    },
    {
      kiali: 'TestDuplicateListenersCheckError',
      yaml:
        gateway('test', 'validk8sgateway', {
          listeners: [listener('test', 'host.com', 80, 'http')],
        }) +
        gateway('test', 'validk8sgateway2', {
          listeners: [listener('test', 'host.com', 80, 'http')],
        }),
      expected: [
        'KIA1501 Warning Gateway test/validk8sgateway spec.listeners[0].hostname',
        'KIA1501 Warning Gateway test/validk8sgateway2 spec.listeners[0].hostname',
      ],
    },
    {
      kiali: 'TestDuplicateListenersCheckOk',
      yaml:
        gateway('test', 'validk8sgateway', {
          listeners: [listener('test', 'host.es', 80, 'http')],
        }) +
        gateway('test', 'validk8sgateway2', {
          listeners: [listener('test', 'host.com', 80, 'http')],
        }),
      expected: [],
    },
    {
      kiali: 'TestDuplicateAddresssCheckError',
      yaml:
        gateway('test', 'validk8sgateway', {
          addresses: [address('IPAddress', '192.168.0.0')],
        }) +
        gateway('test', 'validk8sgateway2', {
          addresses: [address('IPAddress', '192.168.0.0')],
        }),
      expected: [
        'KIA1502 Warning Gateway test/validk8sgateway spec.addresses.value',
        'KIA1502 Warning Gateway test/validk8sgateway2 spec.addresses.value',
      ],
    },
    {
      kiali: 'TestDuplicateAddresssCheckOk',
      yaml:
        gateway('test', 'validk8sgateway', {
          addresses: [address('IPAddress', '192.168.0.0')],
        }) +
        gateway('test', 'validk8sgateway2', {
          addresses: [address('IPAddress', '127.0.0.1')],
        }),
      expected: [],
    },
    {
      kiali: 'TestUniqueListenerOk',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: [
          listener('test', 'host.es', 80, 'http'),
          listener('test2', 'host.com', 80, 'http'),
        ],
      }),
      expected: [],
    },
    {
      kiali: 'TestUniqueListenerDuplicate',
      yaml: gateway('test', 'k8sgateway', {
        listeners: [
          listener('test', 'host.es', 80, 'http'),
          listener('test2', 'host.es', 80, 'http'),
        ],
      }),
      expected: [
        'KIA1503 Error Gateway test/k8sgateway spec.listeners[0].name',
        'KIA1503 Error Gateway test/k8sgateway spec.listeners[1].name',
      ],
    },
    {
      kiali:
        'multi_match_checker.go: Gateways across namespaces collide; addresses without type default to IPAddress; one KIA1502 per Gateway',
      yaml:
        gateway('ns1', 'a', {
          listeners: [listener('web', 'shop.example.com', 443, 'HTTPS')],
          addresses: ['{value: 10.0.0.1}', address('IPAddress', '10.0.0.2')],
        }) +
        gateway('ns2', 'b', {
          listeners: [listener('https', 'shop.example.com', 443, 'HTTPS')],
          addresses: [
            address('IPAddress', '10.0.0.1'),
            address('IPAddress', '10.0.0.2'),
          ],
        }),
      expected: [
        'KIA1501 Warning Gateway ns1/a spec.listeners[0].hostname',
        'KIA1501 Warning Gateway ns2/b spec.listeners[0].hostname',
        'KIA1502 Warning Gateway ns1/a spec.addresses.value',
        'KIA1502 Warning Gateway ns2/b spec.addresses.value',
      ],
    },
    {
      kiali:
        'multi_match_checker.go: Gateways of the same name are never compared (Kiali compares names only)',
      yaml:
        gateway('ns1', 'gw', {
          listeners: [listener('web', 'shop.example.com', 80, 'HTTP')],
          addresses: [address('IPAddress', '10.0.0.1')],
        }) +
        gateway('ns2', 'gw', {
          listeners: [listener('web', 'shop.example.com', 80, 'HTTP')],
          addresses: [address('IPAddress', '10.0.0.1')],
        }),
      expected: [],
    },
    {
      kiali:
        'multi_match_checker.go: listeners without hostname, or with another port or protocol, do not collide',
      yaml:
        gateway('ns1', 'a', {
          listeners: [
            listener('any', undefined, 80, 'HTTP'),
            listener('any2', undefined, 80, 'HTTP'),
            listener('p', 'x.example.com', 80, 'HTTP'),
            listener('q', 'x.example.com', 8080, 'HTTP'),
            listener('r', 'x.example.com', 80, 'HTTPS'),
          ],
        }) +
        gateway('ns1', 'b', {
          listeners: [listener('any', undefined, 80, 'HTTP')],
        }),
      expected: [],
    },
    {
      kiali:
        'multi_match_checker.go: three equal listeners, each reported once',
      yaml: gateway('test', 'gw', {
        listeners: [
          listener('a', 'h.example.com', 80, 'HTTP'),
          listener('b', 'h.example.com', 80, 'HTTP'),
          listener('c', 'h.example.com', 80, 'HTTP'),
        ],
      }),
      expected: [
        'KIA1503 Error Gateway test/gw spec.listeners[0].name',
        'KIA1503 Error Gateway test/gw spec.listeners[1].name',
        'KIA1503 Error Gateway test/gw spec.listeners[2].name',
      ],
    },
  ])('k8sgateways/multi_match_checker_test.go $kiali', ({ yaml, expected }) => {
    expect(findings(yaml)).toEqual(expected);
  });

  it('names the colliding Gateways and listeners', () => {
    const yaml =
      gateway('test', 'gw', {
        listeners: [
          listener('a', 'h.example.com', 80, 'HTTP'),
          listener('b', 'h.example.com', 80, 'HTTP'),
        ],
      }) +
      gateway('other', 'gw2', {
        listeners: [listener('c', 'h.example.com', 80, 'HTTP')],
      });
    expect(messagesOf(yaml, 'KIA1501')).toContain(
      'More than one K8s Gateway for the same host port combination: listener a (h.example.com:80/HTTP) also on other/gw2',
    );
    expect(messagesOf(yaml, 'KIA1503')).toContain(
      'Each listener must have a unique combination of Hostname, Port, and Protocol: listener b repeats h.example.com:80/HTTP of listener a',
    );
  });

  // KIA1504: business/checkers/k8sgateways/gatewayclass_checker_test.go; classes from cache/cache.go `GatewayAPIClasses`.
  it.each([
    {
      kiali: 'TestCorrectGatewayAPIClass (Kiali class "istio")',
      yaml:
        gatewayClass('istio', 'istio.io/gateway-controller') +
        gateway('test', 'validgateway'),
      expected: [],
    },
    {
      kiali: 'TestIncorrectGatewayAPIClass (Kiali class "wrong")',
      yaml:
        gatewayClass('wrong', 'istio.io/gateway-controller') +
        gateway('test', 'validgateway'),
      expected: [
        'KIA1504 Error Gateway test/validgateway spec.gatewayClassName',
      ],
    },
    {
      kiali: 'cache.go: no GatewayClass: the defaults istio and istio-remote',
      yaml:
        gateway('test', 'a') +
        gateway('test', 'b', { className: 'istio-remote' }) +
        gateway('test', 'c', { className: 'nginx' }),
      expected: ['KIA1504 Error Gateway test/c spec.gatewayClassName'],
    },
    {
      kiali:
        'cache.go: GatewayClasses of other controllers are not discovered (defaults apply)',
      yaml:
        gatewayClass('nginx', 'k8s.nginx.org/nginx-gateway-controller') +
        gateway('test', 'a') +
        gateway('test', 'c', { className: 'nginx' }),
      expected: ['KIA1504 Error Gateway test/c spec.gatewayClassName'],
    },
    {
      kiali: 'cache.go: discovered classes replace the defaults',
      yaml:
        gatewayClass('istio', 'istio.io/gateway-controller') +
        gatewayClass('istio-waypoint', 'istio.io/mesh-controller') +
        gateway('test', 'a') +
        gateway('test', 'w', { className: 'istio-waypoint' }) +
        gateway('test', 'r', { className: 'istio-remote' }),
      expected: ['KIA1504 Error Gateway test/r spec.gatewayClassName'],
    },
    {
      kiali:
        'cache.go: istio-waypoint is a default only with a ztunnel DaemonSet',
      yaml: gateway('test', 'w', { className: 'istio-waypoint' }),
      expected: ['KIA1504 Error Gateway test/w spec.gatewayClassName'],
    },
    {
      kiali: 'cache.go: istio-waypoint with a ztunnel DaemonSet',
      yaml: ZTUNNEL + gateway('test', 'w', { className: 'istio-waypoint' }),
      expected: [],
    },
  ])(
    'k8sgateways/gatewayclass_checker_test.go $kiali',
    ({ yaml, expected }) => {
      expect(findings(yaml, ['KIA1504'])).toEqual(expected);
    },
  );

  it('cache.go: istio-east-west is a default with more than one cluster', () => {
    const eastWest = gateway('istio-system', 'eastwest', {
      className: 'istio-east-west',
    });
    expect(findings({ one: eastWest }, ['KIA1504'])).toEqual([
      'KIA1504 Error Gateway istio-system/eastwest spec.gatewayClassName',
    ]);
    expect(
      findings({ one: eastWest, two: namespace('default') }, ['KIA1504']),
    ).toEqual([]);
    expect(
      messagesOf(gateway('t', 'g', { className: 'x' }), 'KIA1504'),
    ).toEqual([
      'Gateway API Class not found in Kiali configuration: "x" is none of istio, istio-remote',
    ]);
  });

  // GWAPI: business/checkers/k8sgateways/status_checker_test.go.
  const conditions = (...c: string[]) => `{conditions: [${c.join(', ')}]}`;
  const listenerStatus = (...c: string[]) =>
    `{listeners: [{name: http, attachedRoutes: 0, supportedKinds: [], conditions: [${c.join(
      ', ',
    )}]}]}`;
  const httpListener = [listener('http', 'example.com', 80, 'HTTP')];
  it.each([
    {
      kiali: 'TestCorrectK8sGatewaysStatus',
      yaml: gateway('test', 'validgateway'),
      expected: [],
    },
    {
      kiali:
        'TestIncorrectK8sGatewaysStatus (UpdateConditionWithError: Ready=False)',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: [listener('test', 'host.com.wrong', 11, 'http')],
        addresses: [address('IPAddress', '192.168.0.0')],
        status: conditions(
          '{type: Ready, status: "False", reason: "", message: Fake msg}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: ['Fake msg. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestIncorrectK8sGatewaysAcceptedStatus',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Accepted, status: "False", reason: Invalid, message: Not accepted}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: ['Not accepted. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestIncorrectK8sGatewaysProgrammedStatus',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Programmed, status: "False", reason: Invalid, message: Not programmed}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: ['Not programmed. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestK8sGatewaysProgrammedPendingNotFlagged',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Programmed, status: "False", reason: Pending, message: Waiting for controller}',
        ),
      }),
      expected: [],
    },
    {
      kiali: 'TestK8sGatewaysAcceptedListenersNotValidNotFlagged',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Accepted, status: "False", reason: ListenersNotValid, message: Listeners have no routes}',
        ),
      }),
      expected: [],
    },
    {
      kiali: 'TestK8sGatewayListenerAcceptedPendingNotFlagged',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: httpListener,
        status: listenerStatus(
          '{type: Accepted, status: "False", reason: Pending, message: Waiting for controller}',
        ),
      }),
      expected: [],
    },
    {
      kiali: 'TestK8sGatewaysProgrammedAddressPendingMessageNotFlagged',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          `{type: Programmed, status: "False", reason: AddressNotAssigned, message: 'Assigned to service(s) gw-istio.bookinfo.svc.cluster.local:80, but failed to assign to all requested addresses: address pending for hostname "gw-istio.bookinfo.svc.cluster.local"'}`,
        ),
      }),
      expected: [],
    },
    {
      kiali: 'TestIncorrectK8sGatewaysProgrammedNoResourcesStatus',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Programmed, status: "False", reason: NoResources, message: No gateway pods}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: ['No gateway pods. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestIncorrectK8sGatewaysProgrammedAddressNotAssignedStatus',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Programmed, status: "False", reason: AddressNotAssigned, message: demo Programmed=False}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: [
        'demo Programmed=False. GWAPI errors should be changed in the spec.',
      ],
    },
    {
      kiali: 'TestIncorrectK8sGatewaysScheduledStatus',
      yaml: gateway('test', 'validk8sgateway', {
        status: conditions(
          '{type: Scheduled, status: "False", reason: Invalid, message: Not scheduled}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.conditions[0].reason',
      ],
      texts: ['Not scheduled. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestIncorrectK8sGatewayListenerDetachedStatus',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: httpListener,
        status: listenerStatus(
          '{type: Detached, status: "True", reason: Invalid, message: Listener detached}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.listeners[0].conditions[0].type',
      ],
      texts: ['Listener detached. GWAPI errors should be changed in the spec.'],
    },
    {
      kiali: 'TestIncorrectK8sGatewayListenerProgrammedStatus',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: httpListener,
        status: listenerStatus(
          '{type: Programmed, status: "False", reason: Invalid, message: Listener not programmed}',
        ),
      }),
      expected: [
        'GWAPI Warning Gateway test/validk8sgateway status.listeners[0].conditions[0].type',
      ],
      texts: [
        'Listener not programmed. GWAPI errors should be changed in the spec.',
      ],
    },
    {
      kiali: 'TestK8sGatewayListenerProgrammedPendingNotFlagged',
      yaml: gateway('test', 'validk8sgateway', {
        listeners: httpListener,
        status: listenerStatus(
          '{type: Programmed, status: "False", reason: Pending, message: Waiting for routes}',
        ),
      }),
      expected: [],
    },
    {
      kiali:
        'status_checker.go: listener Conflicted=True and ResolvedRefs=False are flagged; healthy conditions and unknown types are not',
      yaml: gateway('test', 'gw', {
        listeners: httpListener,
        status: `{conditions: [{type: Accepted, status: "True", reason: Accepted, message: ok}, {type: Custom, status: "False", reason: X, message: y}], listeners: [{name: http, conditions: [{type: Conflicted, status: "True", reason: HostnameConflict, message: conflict}, {type: ResolvedRefs, status: "False", reason: InvalidCertificateRef, message: bad cert}, {type: Conflicted, status: "False", reason: NoConflicts, message: fine}]}]}`,
      }),
      expected: [
        'GWAPI Warning Gateway test/gw status.listeners[0].conditions[0].type',
        'GWAPI Warning Gateway test/gw status.listeners[0].conditions[1].type',
      ],
      texts: [
        'conflict. GWAPI errors should be changed in the spec.',
        'bad cert. GWAPI errors should be changed in the spec.',
      ],
    },
  ])(
    'k8sgateways/status_checker_test.go $kiali',
    ({
      yaml,
      expected,
      texts,
    }: {
      yaml: string;
      expected: string[];
      texts?: string[];
    }) => {
      expect(findings(yaml, ['GWAPI'])).toEqual(expected);
      // Kiali's text, before the condition Meshplane appends in parentheses.
      expect(
        messagesOf(yaml, 'GWAPI').map(m => m.replace(/ \([^()]*\)$/, '')),
      ).toEqual(texts ?? []);
    },
  );
});

// ---------------------------------------------------------------- reference grants

describe('Kiali ReferenceGrant validations', () => {
  const three =
    namespace('bookinfo') + namespace('bookinfo2') + namespace('default');
  it.each([
    {
      kiali:
        'k8sreferencegrants/namespace_checker_test.go TestFromNamespaceExists',
      yaml: three + grant('bookinfo', 'test', 'default', 'HTTPRoute'),
      expected: [],
    },
    {
      kiali:
        'k8sreferencegrants/namespace_checker_test.go TestFromNamespaceNotFound',
      yaml: three + grant('bookinfo', 'test', 'bookinfo3', 'HTTPRoute'),
      expected: [
        'KIA1601 Error ReferenceGrant bookinfo/test spec.from[0].namespace',
      ],
    },
    {
      // Kiali's list omits bookinfo3 although grant2 lives there; in a snapshot a namespace holding an object exists.
      kiali: 'k8sreferencegrants_checker_test.go TestMissingFromNamespace',
      yaml:
        namespace('bookinfo') +
        namespace('bookinfo2') +
        grant('bookinfo', 'grant1', 'bookinfo3', 'HTTPRoute') +
        grant('bookinfo3', 'grant2', 'default', 'HTTPRoute'),
      expected: [
        'KIA1601 Error ReferenceGrant bookinfo3/grant2 spec.from[0].namespace',
      ],
    },
    {
      kiali: 'k8sreferencegrants_checker_test.go TestNoCrashOnEmptyGrant',
      yaml: namespace('bookinfo'),
      expected: [],
    },
    {
      kiali:
        'namespace_checker.go: a namespace known only by its objects exists; an empty one does not',
      yaml:
        services('shop', 'web') +
        grant('bookinfo', 'g', 'shop', 'HTTPRoute') +
        grant('bookinfo', 'h', '', 'HTTPRoute'),
      expected: [
        'KIA1601 Error ReferenceGrant bookinfo/h spec.from[0].namespace',
      ],
    },
  ])('$kiali', ({ yaml, expected }) => {
    expect(findings(yaml)).toEqual(expected);
  });
});

// ---------------------------------------------------------------- robustness, registry and docs

describe('Kiali Gateway API validations: inputs and registry', () => {
  it('reports absent Services and Gateways (and does not crash) on these kinds alone, malformed ones included', () => {
    const yaml = [
      route('HTTPRoute', 'bookinfo', 'r', [
        gatewayRef('gw', 'bookinfo'),
        serviceRef('svc', 'other'),
      ]),
      route('GRPCRoute', 'bookinfo', 'g', [], [backendRef('svc', '')]),
      doc(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: empty, namespace: bookinfo}`),
      doc(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: odd, namespace: bookinfo}
spec: {parentRefs: x, rules: [null, {backendRefs: null}, {backendRefs: [null, {}]}]}`),
      doc(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bare, namespace: bookinfo}`),
      doc(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: odd, namespace: bookinfo}
spec: {listeners: [null, {}], addresses: [null, {}]}
status: {conditions: [null], listeners: [null, {conditions: x}]}`),
      doc(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: rg, namespace: bookinfo}`),
      gatewayClass('istio', 'istio.io/gateway-controller'),
      doc(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: nameless-ns}
spec: {parentRefs: [{name: gw}]}`),
    ].join('');
    expect(() => findings(yaml)).not.toThrow();
    expect(findings(yaml)).toEqual([
      'KIA1401 Error HTTPRoute bookinfo/r spec.parentRefs[0].name',
      'KIA1402 Error GRPCRoute bookinfo/g spec.rules[0].backendRefs[0].name',
      'KIA1402 Error HTTPRoute bookinfo/odd spec.rules[2].backendRefs[1].name',
      'KIA1402 Error HTTPRoute bookinfo/r spec.parentRefs[1].name',
      'KIA1504 Error Gateway bookinfo/bare spec.gatewayClassName',
      'KIA1504 Error Gateway bookinfo/odd spec.gatewayClassName',
    ]);
    expect(findings(namespace('bookinfo') + services('bookinfo', 'a'))).toEqual(
      [],
    );
  });

  it("registers Kiali's codes with Kiali's severities", () => {
    expect(
      [
        'KIA1401',
        'KIA1402',
        'KIA1501',
        'KIA1502',
        'KIA1503',
        'KIA1504',
        'KIA1601',
        'GWAPI',
      ].map(code => `${code} ${CODES[code]?.level}`),
    ).toEqual([
      'KIA1401 Error',
      'KIA1402 Error',
      'KIA1501 Warning',
      'KIA1502 Warning',
      'KIA1503 Error',
      'KIA1504 Error',
      'KIA1601 Error',
      'GWAPI Warning',
    ]);
  });

  it('lists every code in the engine README', () => {
    const readme = readFileSync(
      join(__dirname, '..', '..', '..', 'README.md'),
      'utf8',
    );
    for (const code of [
      'KIA1401',
      'KIA1402',
      'KIA1501',
      'KIA1502',
      'KIA1503',
      'KIA1504',
      'KIA1601',
      'GWAPI',
    ])
      expect(
        readme.split('\n').some(line => line.startsWith(`| ${code} `)),
      ).toBe(true);
  });

  it('recomputes incrementally what a fresh analysis finds', () => {
    const objects = (yaml: string) =>
      parseKubeYaml(yaml, 'step.yaml').objects.map(o => o.object);
    const a = analyzerFor('');
    let all = '';
    const incremental = () =>
      a
        .report()
        .messages.filter(m => m.analyzer === NAME)
        .map(
          m => `${m.code} ${m.resource.namespace}/${m.resource.name} ${m.path}`,
        )
        .sort();
    const fresh = () =>
      analyzerFor(all)
        .report()
        .messages.filter(m => m.analyzer === NAME)
        .map(
          m => `${m.code} ${m.resource.namespace}/${m.resource.name} ${m.path}`,
        )
        .sort();
    const apply = (yaml: string, statusOnly = false) => {
      all += yaml;
      for (const o of objects(yaml))
        a.upsert('default', o, undefined, { statusOnly });
      expect(incremental()).toEqual(fresh());
      return incremental();
    };
    const sharedGw = gateway('gwns', 'gw', {
      listeners: [
        listener('web', 'shop.example.com', 80, 'HTTP', SHARED_SELECTOR),
      ],
    });
    const steps = [
      route(
        'HTTPRoute',
        'bookinfo',
        'r',
        [gatewayRef('gw', 'gwns')],
        [backendRef('svc', 'bookinfo'), backendRef('x', 'shop')],
      ) +
        grant('shop', 'g', 'bookinfo2', 'HTTPRoute') +
        gateway('test', 'w', { className: 'istio-waypoint' }) +
        gateway('test', 'c', { className: 'foo' }) +
        gateway('test', 'a', {
          listeners: [listener('web', 'shop.example.com', 80, 'HTTP')],
        }),
      sharedGw,
      namespace('bookinfo', 'shared-gateway-access: "true"'),
      services('bookinfo', 'svc'),
      grant('shop', 'g2', 'bookinfo', 'HTTPRoute') + services('shop', 'x'),
      namespace('bookinfo2'),
      ZTUNNEL,
      gateway('test', 'b', {
        listeners: [listener('web', 'shop.example.com', 80, 'HTTP')],
      }),
      gatewayClass('foo', 'istio.io/foo-controller'),
    ];
    const counts = steps.map(step => apply(step).length);
    expect(counts).toEqual([6, 8, 7, 6, 5, 4, 3, 4, 7]);
    // A status-only change, then a removal.
    const withStatus = gateway('test', 'b', {
      listeners: [listener('web', 'shop.example.com', 80, 'HTTP')],
      status:
        '{conditions: [{type: Programmed, status: "False", reason: Invalid, message: broken}]}',
    });
    expect(apply(withStatus, true)).toContain(
      'GWAPI test/b status.conditions[0].reason',
    );
    a.remove('default', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'gwns',
      name: 'gw',
    });
    all = all.replace(sharedGw, '');
    expect(incremental()).toEqual(fresh());
    expect(incremental()).toContain(
      'KIA1401 bookinfo/r spec.parentRefs[0].name',
    );
  });
});

describe('KIA1402 says what Istio does where Kiali is stricter', () => {
  const yaml = (parent: string) => `
apiVersion: v1
kind: Service
metadata: {name: api, namespace: payments}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: shop}
spec:
  parentRefs: [${parent}]
  rules: [{backendRefs: [{kind: Service, name: api, namespace: payments, port: 80}]}]`;
  const kia1402 = (text: string) =>
    analyzerFor(text)
      .findings({ code: 'KIA1402' })
      .map(m => m.message);

  it('a mesh route: Kiali wants a grant, Istio accepts the backend', () => {
    const [m] = kia1402(yaml('{kind: Service, name: web}'));
    expect(m).toContain('Istio itself needs none here');
  });

  it('a route attached to a Gateway: the grant is needed by Istio too, no note', () => {
    const [m] = kia1402(yaml('{name: gw}'));
    expect(m).toContain('no ReferenceGrant in namespace payments');
    expect(m).not.toContain('Istio itself');
  });
});
