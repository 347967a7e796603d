import type { TrafficGroupSettings } from '@meshplane/plugin-meshplane-common';
import { bookinfoTarget } from './__fixtures__/targets';
import { renderTrafficGroup } from './renderTrafficGroup';

const target = bookinfoTarget({ groupType: 'traffic', groupName: 'resilient' });

function byKindAndName(
  settings: TrafficGroupSettings,
  kind: string,
  name: string,
) {
  return renderTrafficGroup(settings, target).find(
    o => o.kind === kind && o.metadata.name === name,
  );
}

describe('renderTrafficGroup reachability', () => {
  it.each<[TrafficGroupSettings['reachability'], string[]]>([
    [{ mode: 'NAMESPACE' }, ['./*', 'istio-system/*']],
    [
      { mode: 'WORKSPACE' },
      ['bookinfo/*', 'bookinfo-canary/*', 'istio-system/*'],
    ],
    [{ mode: 'CLUSTER' }, ['*/*']],
    [
      {
        mode: 'CUSTOM',
        hosts: ['payments/checkout.payments.svc.cluster.local', './*'],
      },
      ['payments/checkout.payments.svc.cluster.local', './*', 'istio-system/*'],
    ],
    [{ mode: 'CUSTOM', hosts: ['istio-system/*'] }, ['istio-system/*']],
  ])('%j → Sidecar egress %j', (reachability, hosts) => {
    const sidecar = byKindAndName({ reachability }, 'Sidecar', 'resilient');
    expect(sidecar?.spec).toEqual({ egress: [{ hosts }] });
    expect(sidecar?.spec.workloadSelector).toBeUndefined();
  });
});

describe('renderTrafficGroup resilience', () => {
  it('renders the group resilience as a namespace-wide DestinationRule without TLS', () => {
    const rule = byKindAndName(
      {
        resilience: {
          connectionPool: { maxConnections: 100, http2MaxRequests: 1000 },
          outlierDetection: { consecutive5xxErrors: 5, interval: '10s' },
        },
      },
      'DestinationRule',
      'resilient',
    );
    expect(rule?.spec).toEqual({
      host: '*.bookinfo.svc.cluster.local',
      trafficPolicy: {
        connectionPool: {
          tcp: { maxConnections: 100 },
          http: { http2MaxRequests: 1000 },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: '10s' },
      },
    });
  });

  it('merges service resilience over the group and adds locality failover', () => {
    const rule = byKindAndName(
      {
        resilience: {
          outlierDetection: { consecutive5xxErrors: 5, interval: '10s' },
        },
        services: [
          {
            service: 'reviews',
            resilience: { outlierDetection: { consecutive5xxErrors: 2 } },
            localityFailover: [{ from: 'us-east-1', to: 'eu-west-1' }],
          },
        ],
      },
      'DestinationRule',
      'resilient-reviews',
    );
    expect(rule?.spec).toEqual({
      host: 'reviews.bookinfo.svc.cluster.local',
      trafficPolicy: {
        outlierDetection: { consecutive5xxErrors: 2, interval: '10s' },
        loadBalancer: {
          localityLbSetting: {
            enabled: true,
            failover: [{ from: 'us-east-1', to: 'eu-west-1' }],
          },
        },
      },
    });
  });

  it('renders timeout and retries as a VirtualService route to the service', () => {
    const settings: TrafficGroupSettings = {
      services: [
        {
          service: 'ratings',
          resilience: {
            timeout: '2s',
            retries: { attempts: 3, perTryTimeout: '500ms' },
          },
        },
      ],
    };
    expect(
      byKindAndName(settings, 'DestinationRule', 'resilient-ratings'),
    ).toBeUndefined();
    expect(
      byKindAndName(settings, 'VirtualService', 'resilient-ratings')?.spec,
    ).toEqual({
      hosts: ['ratings.bookinfo.svc.cluster.local'],
      http: [
        {
          route: [
            { destination: { host: 'ratings.bookinfo.svc.cluster.local' } },
          ],
          timeout: '2s',
          retries: { attempts: 3, perTryTimeout: '500ms' },
        },
      ],
    });
  });
});

describe('renderTrafficGroup subsets', () => {
  const settings: TrafficGroupSettings = {
    services: [
      {
        service: 'reviews',
        subsets: [
          { name: 'v1', labels: { version: 'v1' }, weight: 90 },
          { name: 'v3', labels: { version: 'v3' }, weight: 10 },
          { name: 'v2', labels: { version: 'v2' } },
        ],
      },
    ],
  };

  it('defines every subset in the DestinationRule', () => {
    expect(
      byKindAndName(settings, 'DestinationRule', 'resilient-reviews')?.spec,
    ).toEqual({
      host: 'reviews.bookinfo.svc.cluster.local',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v3', labels: { version: 'v3' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
  });

  it('routes by weight to the weighted subsets only', () => {
    const vs = byKindAndName(settings, 'VirtualService', 'resilient-reviews');
    expect(vs?.spec.http[0].route).toEqual([
      {
        destination: {
          host: 'reviews.bookinfo.svc.cluster.local',
          subset: 'v1',
        },
        weight: 90,
      },
      {
        destination: {
          host: 'reviews.bookinfo.svc.cluster.local',
          subset: 'v3',
        },
        weight: 10,
      },
    ]);
  });
});
