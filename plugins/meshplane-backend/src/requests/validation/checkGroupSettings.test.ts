import {
  parseClaimsAnnotation,
  type KubeObject,
  type SecurityGroupSettings,
  type TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import { checkGroupSettings } from './checkGroupSettings';
import { FieldErrorCollector } from '../fieldErrors';

function check(
  type: 'gateway' | 'traffic' | 'security',
  settings: object,
  live: KubeObject[] = [],
  gatewayApi: 'istio' | 'gateway-api' = 'istio',
) {
  const errors = new FieldErrorCollector();
  checkGroupSettings(type, settings as any, {
    gatewayApi,
    workspace: {
      ref: 'system:default/bookinfo',
      claims: parseClaimsAnnotation('*/bookinfo'),
    },
    otherWorkspaces: [
      {
        ref: 'system:default/payments',
        claims: parseClaimsAnnotation('*/payments'),
      },
    ],
    targets: [{ cluster: 'east-1', namespace: 'bookinfo' }],
    liveObjects: () => live,
    errors,
  });
  return errors.errors;
}

describe('checkGroupSettings: traffic', () => {
  it.each<[string, TrafficGroupSettings, string, RegExp]>([
    ['an empty group', {}, 'group.settings', /render nothing/],
    [
      'CUSTOM reachability without hosts',
      { reachability: { mode: 'CUSTOM' } },
      'group.settings.reachability.hosts',
      /needs the hosts/,
    ],
    [
      'a malformed Sidecar host',
      { reachability: { mode: 'CUSTOM', hosts: ['payments'] } },
      'group.settings.reachability.hosts[0]',
      /namespace\/dnsName/,
    ],
    [
      'hosts with another mode',
      { reachability: { mode: 'NAMESPACE', hosts: ['./*'] } },
      'group.settings.reachability.hosts',
      /only used with CUSTOM/,
    ],
    [
      'weights not adding up to 100',
      {
        services: [
          {
            service: 'reviews',
            subsets: [
              { name: 'v1', labels: { version: 'v1' }, weight: 70 },
              { name: 'v2', labels: { version: 'v2' }, weight: 20 },
            ],
          },
        ],
      },
      'group.settings.services[0].subsets',
      /add up to 90, not 100/,
    ],
    [
      'a subset defined twice',
      {
        services: [
          {
            service: 'reviews',
            subsets: [
              { name: 'v1', labels: { a: 'b' } },
              { name: 'v1', labels: { a: 'c' } },
            ],
          },
        ],
      },
      'group.settings.services[0].subsets[1].name',
      /defined twice/,
    ],
    [
      'locality failover without outlier detection',
      {
        services: [
          {
            service: 'reviews',
            localityFailover: [{ from: 'us-east-1', to: 'eu-west-1' }],
          },
        ],
      },
      'group.settings.services[0].localityFailover',
      /needs outlier detection/,
    ],
    [
      'a service listed twice',
      {
        services: [
          { service: 'reviews', resilience: { timeout: '1s' } },
          { service: 'reviews', resilience: { timeout: '2s' } },
        ],
      },
      'group.settings.services[1].service',
      /listed twice/,
    ],
  ])('refuses %s', (_name, settings, field, message) => {
    expect(check('traffic', settings)).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });

  it('accepts failover with the group outlier detection and valid CUSTOM hosts', () => {
    expect(
      check('traffic', {
        reachability: {
          mode: 'CUSTOM',
          hosts: [
            './*',
            'payments/checkout.payments.svc.cluster.local',
            '*/api.example.com',
          ],
        },
        resilience: { outlierDetection: { consecutive5xxErrors: 5 } },
        services: [
          {
            service: 'reviews',
            localityFailover: [{ from: 'us-east-1', to: 'eu-west-1' }],
          },
        ],
      }),
    ).toEqual([]);
  });
});

describe('checkGroupSettings: security', () => {
  it.each<[string, SecurityGroupSettings, string, RegExp]>([
    ['an empty group', {}, 'group.settings', /render nothing/],
    [
      'CUSTOM without service accounts',
      { authorization: { mode: 'CUSTOM' } },
      'group.settings.authorization.serviceAccounts',
      /needs the service accounts/,
    ],
    [
      'service accounts with another mode',
      { authorization: { mode: 'NAMESPACE', serviceAccounts: ['a/b'] } },
      'group.settings.authorization.serviceAccounts',
      /only used with CUSTOM/,
    ],
  ])('refuses %s', (_name, settings, field, message) => {
    expect(check('security', settings)).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });
});

describe('checkGroupSettings: gateway', () => {
  const gatewayPod = (namespace: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'gw', namespace, labels: { istio: 'ingressgateway' } },
  });

  it('refuses JWT when the gateway workload runs in another namespace (policy selectors are namespace-scoped)', () => {
    const errors = check(
      'gateway',
      {
        hosts: ['shop.example.com'],
        routes: [{ service: 'productpage', port: 9080 }],
        jwt: { issuer: 'i', jwksUri: 'https://i/jwks' },
      },
      [gatewayPod('istio-ingress')],
    );
    expect(errors).toEqual([
      {
        field: 'group.settings.jwt',
        message: expect.stringMatching(/does not run in east-1\/bookinfo/),
      },
    ]);
  });

  it('accepts JWT when the gateway workload runs in the group namespace', () => {
    expect(
      check(
        'gateway',
        {
          hosts: ['shop.example.com'],
          routes: [{ service: 'productpage', port: 9080 }],
          jwt: { issuer: 'i', jwksUri: 'https://i/jwks' },
        },
        [gatewayPod('bookinfo'), gatewayPod('istio-ingress')],
      ),
    ).toEqual([]);
  });

  it("refuses a host another workspace's Gateway serves on the same workload, not one on another workload", () => {
    const gateway = (selector: Record<string, string>): KubeObject => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'pay', namespace: 'payments' },
      spec: {
        selector,
        servers: [{ port: { number: 80 }, hosts: ['*.example.com'] }],
      },
    });
    const settings = {
      hosts: ['shop.example.com'],
      routes: [{ service: 'productpage', port: 9080 }],
    };
    expect(
      check('gateway', settings, [gateway({ istio: 'ingressgateway' })]),
    ).toEqual([
      {
        field: 'group.settings.hosts[0]',
        message: expect.stringContaining('east-1/payments/pay'),
      },
    ]);
    expect(
      check('gateway', settings, [gateway({ app: 'internal-gateway' })]),
    ).toEqual([]);
  });
});

describe('checkGroupSettings: gateway, workspace in Gateway API mode', () => {
  const shop = {
    hosts: ['shop.example.com'],
    routes: [{ service: 'productpage', port: 9080 }],
  };
  const checkApi = (settings: object, live: KubeObject[] = []) =>
    check('gateway', settings, live, 'gateway-api');

  /** A Gateway API Gateway with listeners of the given hostname and port. */
  const apiGateway = (
    namespace: string,
    listeners: Array<{ hostname?: string; port: number }>,
  ): KubeObject => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'public', namespace },
    spec: {
      gatewayClassName: 'istio',
      listeners: listeners.map((l, i) => ({
        name: `l${i}`,
        protocol: 'HTTP',
        ...l,
      })),
    },
  });

  it("accepts a group with JWT, the gateway being the Gateway's own (no workload to find)", () => {
    expect(
      checkApi({ ...shop, jwt: { issuer: 'i', jwksUri: 'https://i/jwks' } }, [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'gw',
            namespace: 'istio-ingress',
            labels: { istio: 'ingressgateway' },
          },
        },
      ]),
    ).toEqual([]);
  });

  it.each<[string, object, string, RegExp]>([
    [
      'a workload selector',
      { ...shop, selector: { istio: 'ingressgateway' } },
      'group.settings.selector',
      /renders gateway groups to the Gateway API \(meshplane.workspaces\).*remove selector/,
    ],
    [
      'more hosts than an HTTPRoute takes',
      {
        ...shop,
        hosts: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`),
      },
      'group.settings.hosts',
      /at most 16 hostnames/,
    ],
    [
      'more routes than an HTTPRoute has rules',
      {
        ...shop,
        routes: Array.from({ length: 17 }, (_, i) => ({
          pathPrefix: `/p${i}`,
          service: 'productpage',
          port: 9080,
        })),
      },
      'group.settings.routes',
      /at most 16 rules/,
    ],
    [
      'a host listed twice',
      { ...shop, hosts: ['shop.example.com', 'shop.example.com'] },
      'group.settings.hosts[1]',
      /listed twice/,
    ],
  ])('refuses %s', (_name, settings, field, message) => {
    expect(checkApi(settings)).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });

  it('refuses a host a Gateway API Gateway outside the workspace listens for on the same port, as Kiali KIA1501 would', () => {
    expect(
      checkApi(shop, [
        apiGateway('istio-ingress', [{ hostname: '*.example.com', port: 80 }]),
      ]),
    ).toEqual([
      {
        field: 'group.settings.hosts[0]',
        message: expect.stringMatching(
          /^host shop.example.com is served outside the workspace by Gateway east-1\/istio-ingress\/public \(listener l0, port 80\).*KIA1501/,
        ),
      },
    ]);
  });

  it.each<[string, KubeObject]>([
    [
      'another port',
      apiGateway('istio-ingress', [
        { hostname: 'shop.example.com', port: 443 },
      ]),
    ],
    ['no listener hostname', apiGateway('istio-ingress', [{ port: 80 }])],
    [
      'a namespace of the workspace',
      apiGateway('bookinfo', [{ hostname: 'shop.example.com', port: 80 }]),
    ],
    [
      "an Istio Gateway on the shared workload (the group's Gateway has its own)",
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'pay', namespace: 'payments' },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [{ port: { number: 80 }, hosts: ['*.example.com'] }],
        },
      },
    ],
  ])('accepts a host also served with %s', (_name, live) => {
    expect(checkApi(shop, [live])).toEqual([]);
  });

  it('still refuses routes to namespaces outside the workspace', () => {
    expect(
      checkApi({
        ...shop,
        routes: [{ service: 'checkout', namespace: 'payments', port: 8080 }],
      }),
    ).toContainEqual({
      field: 'group.settings.routes[0].namespace',
      message: expect.stringContaining('outside workspace'),
    });
  });
});
