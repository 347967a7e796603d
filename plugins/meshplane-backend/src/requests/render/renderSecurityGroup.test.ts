import type { SecurityGroupSettings } from '@meshplane/plugin-meshplane-common';
import { bookinfoTarget } from './__fixtures__/targets';
import { renderSecurityGroup } from './renderSecurityGroup';

describe('renderSecurityGroup', () => {
  const target = bookinfoTarget();

  it.each<[string, SecurityGroupSettings, string[]]>([
    ['REQUIRED renders STRICT', { trafficMode: 'REQUIRED' }, ['STRICT']],
    [
      'OPTIONAL renders PERMISSIVE',
      { trafficMode: 'OPTIONAL' },
      ['PERMISSIVE'],
    ],
    [
      'no traffic mode renders no PeerAuthentication',
      { authorization: { mode: 'NAMESPACE' } },
      [],
    ],
  ])('%s', (_name, settings, modes) => {
    const peer = renderSecurityGroup(settings, target).filter(
      o => o.kind === 'PeerAuthentication',
    );
    expect(peer.map(p => p.spec.mtls.mode)).toEqual(modes);
    for (const policy of peer) {
      expect(policy.apiVersion).toBe('security.istio.io/v1');
      expect(policy.metadata.namespace).toBe('bookinfo');
      expect(policy.spec.selector).toBeUndefined();
    }
  });

  it.each<[string, SecurityGroupSettings['authorization'], unknown]>([
    [
      'NAMESPACE admits the namespace',
      { mode: 'NAMESPACE' },
      { namespaces: ['bookinfo'] },
    ],
    [
      'WORKSPACE admits every namespace of the workspace in the cluster',
      { mode: 'WORKSPACE' },
      { namespaces: ['bookinfo', 'bookinfo-canary'] },
    ],
    [
      'CLUSTER admits the trust domain',
      { mode: 'CLUSTER' },
      { principals: ['cluster.local/*'] },
    ],
    [
      'CUSTOM admits the listed service accounts',
      {
        mode: 'CUSTOM',
        serviceAccounts: [
          'payments/checkout',
          'istio-ingress/istio-ingressgateway',
        ],
      },
      {
        principals: [
          'cluster.local/ns/payments/sa/checkout',
          'cluster.local/ns/istio-ingress/sa/istio-ingressgateway',
        ],
      },
    ],
  ])('%s', (_name, authorization, source) => {
    const policies = renderSecurityGroup({ authorization }, target).filter(
      o => o.kind === 'AuthorizationPolicy',
    );
    expect(policies).toHaveLength(1);
    expect(policies[0].spec).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source }] }],
    });
    expect(policies[0].spec.selector).toBeUndefined();
  });

  it('renders no AuthorizationPolicy when authorization is DISABLED', () => {
    const objects = renderSecurityGroup(
      { trafficMode: 'REQUIRED', authorization: { mode: 'DISABLED' } },
      target,
    );
    expect(objects.map(o => o.kind)).toEqual(['PeerAuthentication']);
  });

  it('uses the cluster trust domain for principals', () => {
    const [policy] = renderSecurityGroup(
      { authorization: { mode: 'CUSTOM', serviceAccounts: ['a/b'] } },
      bookinfoTarget({ trustDomain: 'east.example.org' }),
    );
    expect(policy.spec.rules[0].from[0].source.principals).toEqual([
      'east.example.org/ns/a/sa/b',
    ]);
  });

  it('names and labels objects after the group and workspace', () => {
    const [peer] = renderSecurityGroup({ trafficMode: 'REQUIRED' }, target);
    expect(peer.metadata).toEqual({
      name: 'storefront',
      namespace: 'bookinfo',
      labels: {
        'app.kubernetes.io/managed-by': 'meshplane',
        'meshplane.io/group': 'storefront',
        'meshplane.io/group-type': 'security',
      },
      annotations: { 'meshplane.io/workspace': 'system:default/bookinfo' },
    });
  });
});
