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
) {
  const errors = new FieldErrorCollector();
  checkGroupSettings(type, settings as any, {
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
