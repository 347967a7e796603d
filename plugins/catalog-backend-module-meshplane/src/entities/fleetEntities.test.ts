import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  clusterSummary,
  demoLikeSnapshot,
  demoOptions,
  instance,
  publicGateway,
  serviceSummary,
} from '../__fixtures__/fleetSnapshot';
import { expectValidEntities } from '../__fixtures__/expectValidEntities';
import { buildFleetEntities } from './fleetEntities';
import { readCatalogFindings } from './findings';
import { resolveServiceClaims } from '@meshplane/plugin-meshplane-common';

const noClaims = { claimedBy: new Map<string, string>(), findings: [] };

function byRef(entities: Entity[]): Map<string, Entity> {
  return new Map(entities.map(entity => [stringifyEntityRef(entity), entity]));
}

describe('buildFleetEntities', () => {
  const { entities, findings } = buildFleetEntities(
    demoLikeSnapshot(),
    noClaims,
    demoOptions,
  );
  const emitted = byRef(entities);

  it('emits valid entities only', async () => {
    expect(entities).toHaveLength(8);
    await expectValidEntities(entities);
  });

  it('emits each cluster as a kubernetes-cluster Resource the Kubernetes plugin can locate', () => {
    expect(emitted.get('resource:default/east-1')).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'east-1',
        description:
          'Kubernetes cluster east-1 of the mesh fleet (network net-east, region eu-west-1, environment production, Istio 1.28.1)',
        annotations: {
          'backstage.io/managed-by-location': 'meshplane-provider:default',
          'backstage.io/managed-by-origin-location':
            'meshplane-provider:default',
          'meshplane.io/cluster': 'east-1',
          'kubernetes.io/api-server': 'https://east-1.example.com:6443',
          'kubernetes.io/api-server-certificate-authority': 'Q0E=',
          'kubernetes.io/auth-provider': 'serviceAccount',
        },
        labels: {
          'meshplane.io/network': 'net-east',
          'meshplane.io/region': 'eu-west-1',
          'meshplane.io/environment': 'production',
          'meshplane.io/istio-revision': '1-28',
          'meshplane.io/mesh-role': 'primary',
        },
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
        system: 'system:default/mesh-platform',
      },
    });
    expect(
      emitted.get('resource:default/west-1')?.metadata.annotations,
    ).not.toHaveProperty('kubernetes.io/api-server-certificate-authority');
  });

  it('emits a logical service once, depending on its clusters and on the services it calls', () => {
    const productpage = emitted.get('component:default/productpage.bookinfo');
    expect(productpage?.metadata.annotations).toMatchObject({
      'meshplane.io/services': 'bookinfo/productpage',
      'meshplane.io/clusters': 'east-1,west-1',
    });
    expect(productpage?.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/bookinfo-team',
      system: 'system:default/bookinfo',
      dependsOn: [
        'resource:default/east-1',
        'resource:default/west-1',
        'component:default/details.bookinfo',
        'component:default/reviews.bookinfo',
      ],
    });
  });

  it('links services labelled for the Kubernetes plugin to it', () => {
    expect(
      emitted.get('component:default/details.bookinfo')?.metadata.annotations,
    ).toMatchObject({
      'backstage.io/kubernetes-id': 'details',
      'backstage.io/kubernetes-namespace': 'bookinfo',
    });
  });

  it('emits gateways as mesh-gateway Resources', () => {
    expect(
      emitted.get('resource:default/istio-ingressgateway.istio-system')?.spec,
    ).toEqual({
      type: 'mesh-gateway',
      owner: 'group:default/platform-team',
      system: 'system:default/mesh-platform',
      dependsOn: [
        'resource:default/east-1',
        'resource:default/west-1',
        'component:default/productpage.bookinfo',
      ],
    });
  });

  it('emits VMs as virtual-machine Resources that are a dependency of their service', () => {
    const vm = emitted.get('resource:default/billing-vm-1.payments');
    expect(vm?.spec).toEqual({
      type: 'virtual-machine',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      dependencyOf: ['component:default/billing.payments'],
    });
    expect(vm?.metadata.annotations).toMatchObject({
      'meshplane.io/workload-entry': 'payments/billing-vm-1',
      'meshplane.io/clusters': 'east-1',
    });
    expect(vm?.metadata.labels).toEqual({
      'meshplane.io/namespace': 'payments',
      'meshplane.io/network': 'vm-net',
    });
  });

  it('leaves out excluded namespaces', () => {
    expect(emitted.has('component:default/kube-dns.kube-system')).toBe(false);
    expect([...emitted.keys()].sort()).toEqual([
      'component:default/billing.payments',
      'component:default/details.bookinfo',
      'component:default/productpage.bookinfo',
      'component:default/reviews.bookinfo',
      'resource:default/billing-vm-1.payments',
      'resource:default/east-1',
      'resource:default/istio-ingressgateway.istio-system',
      'resource:default/west-1',
    ]);
    expect(findings).toEqual([]);
  });

  it('builds the same entities whatever order the backend lists things in', () => {
    const snapshot = demoLikeSnapshot();
    const shuffled = {
      ...snapshot,
      clusters: [...snapshot.clusters].reverse(),
      services: [...snapshot.services].reverse(),
    };
    expect(
      buildFleetEntities(shuffled, noClaims, demoOptions).entities.sort(
        (a, b) => stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      ),
    ).toEqual(
      [...entities].sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      ),
    );
  });
});

describe('buildFleetEntities with Gateway API gateways', () => {
  const platform = { owner: 'platform-team', system: 'mesh-platform' };
  const snapshot = (...services: ReturnType<typeof serviceSummary>[]) => ({
    ...demoLikeSnapshot(),
    services: [...demoLikeSnapshot().services, ...services],
  });
  const generated = (
    clusters: string[],
    gatewayApi: ReturnType<typeof publicGateway>[],
  ) =>
    serviceSummary(
      'istio-ingress',
      'public-gateway-istio',
      clusters.map(cluster => instance(cluster, platform)),
      { gateway: true, gatewayApi },
    );

  it('makes the Service istiod generates for a Gateway its mesh-gateway Resource, once, with listeners, hostnames, class and status', async () => {
    const { entities } = buildFleetEntities(
      snapshot(generated(['east-1'], [publicGateway('east-1')])),
      noClaims,
      demoOptions,
    );
    await expectValidEntities(entities);
    const gateways = entities.filter(
      e =>
        e.metadata.annotations?.['meshplane.io/services'] ===
        'istio-ingress/public-gateway-istio',
    );
    expect(gateways).toHaveLength(1);
    const [gateway] = gateways;
    expect(stringifyEntityRef(gateway)).toBe(
      'resource:default/public-gateway-istio.istio-ingress',
    );
    expect(gateway.spec?.type).toBe('mesh-gateway');
    expect(gateway.metadata.description).toBe(
      'Gateway API Gateway istio-ingress/public-gateway (class istio), served by public-gateway-istio.istio-ingress.svc.cluster.local in cluster east-1',
    );
    expect(gateway.metadata.annotations).toMatchObject({
      'meshplane.io/gateway-api-gateway': 'istio-ingress/public-gateway',
      'meshplane.io/gateway-class': 'istio',
      'meshplane.io/gateway-listeners':
        'http HTTP/80 bookinfo.example.com, https HTTPS/443 bookinfo.example.com, grpc HTTP/80 grpc.example.com',
      'meshplane.io/gateway-hostnames':
        'bookinfo.example.com, grpc.example.com',
      'meshplane.io/gateway-status':
        'Accepted=True (Accepted), Programmed=True (Programmed)',
    });
    // Gateways without the Gateway API carry none of these annotations.
    const istioGateway = entities.find(
      e => e.metadata.name === 'istio-ingressgateway.istio-system',
    );
    expect(
      Object.keys(istioGateway?.metadata.annotations ?? {}).filter(key =>
        key.startsWith('meshplane.io/gateway-'),
      ),
    ).toEqual([]);
  });

  it('gives a value per cluster when the clusters differ, or when a cluster has no Gateway', () => {
    const { entities } = buildFleetEntities(
      snapshot(
        generated(
          ['east-1', 'west-1'],
          [
            publicGateway('east-1'),
            publicGateway('west-1', {
              listeners: [
                { name: 'http', port: 80, protocol: 'HTTP', conditions: [] },
              ],
              hostnames: [],
              conditions: [
                {
                  type: 'Programmed',
                  status: 'False',
                  reason: 'AddressNotAssigned',
                },
              ],
            }),
          ],
        ),
        serviceSummary(
          'istio-ingress',
          'partial-istio',
          [instance('east-1', platform), instance('west-1', platform)],
          {
            gateway: true,
            gatewayApi: [publicGateway('east-1', { name: 'partial' })],
          },
        ),
      ),
      noClaims,
      demoOptions,
    );
    const annotations = byRef(entities).get(
      'resource:default/public-gateway-istio.istio-ingress',
    )?.metadata.annotations;
    expect(annotations).toMatchObject({
      'meshplane.io/gateway-api-gateway': 'istio-ingress/public-gateway',
      'meshplane.io/gateway-class': 'istio',
      'meshplane.io/gateway-listeners':
        'east-1: http HTTP/80 bookinfo.example.com, https HTTPS/443 bookinfo.example.com, grpc HTTP/80 grpc.example.com; west-1: http HTTP/80 *',
      'meshplane.io/gateway-hostnames':
        'east-1: bookinfo.example.com, grpc.example.com; west-1: *',
      'meshplane.io/gateway-status':
        'east-1: Accepted=True (Accepted), Programmed=True (Programmed); west-1: Programmed=False (AddressNotAssigned)',
    });
    expect(
      byRef(entities).get('resource:default/partial-istio.istio-ingress')
        ?.metadata.annotations?.['meshplane.io/gateway-class'],
    ).toBe('east-1: istio');
  });

  it("says when istiod has not written the Gateway's status yet", () => {
    const { entities } = buildFleetEntities(
      snapshot(
        generated(['east-1'], [publicGateway('east-1', { conditions: [] })]),
      ),
      noClaims,
      demoOptions,
    );
    expect(
      byRef(entities).get('resource:default/public-gateway-istio.istio-ingress')
        ?.metadata.annotations?.['meshplane.io/gateway-status'],
    ).toBe('not reported by istiod');
  });
});

describe('buildFleetEntities with claimed services', () => {
  it('emits no Component for a claimed service and points relations at the claiming entity', () => {
    const snapshot = demoLikeSnapshot();
    const claims = resolveServiceClaims(
      [
        {
          entityRef: 'component:default/reviews',
          services: 'bookinfo/reviews',
        },
        { entityRef: 'component:default/billing', kubernetesId: 'details' },
      ],
      snapshot.services,
    );
    const emitted = byRef(
      buildFleetEntities(snapshot, claims, demoOptions).entities,
    );
    expect(emitted.has('component:default/reviews.bookinfo')).toBe(false);
    expect(emitted.has('component:default/details.bookinfo')).toBe(false);
    expect(
      emitted.get('component:default/productpage.bookinfo')?.spec?.dependsOn,
    ).toEqual([
      'resource:default/east-1',
      'resource:default/west-1',
      'component:default/billing',
      'component:default/reviews',
    ]);
  });
});

describe('buildFleetEntities with bad data', () => {
  const snapshot = {
    clusters: [
      clusterSummary('EU West 1', { region: 'EU West' }),
      clusterSummary('eu-east'),
    ],
    endpoints: [],
    services: [
      serviceSummary('sandbox', 'scratch', [instance('eu-east')]),
      serviceSummary('shop', 'cart', [
        instance('EU West 1', { owner: 'shop-team', type: 'ClusterIP' }),
        instance('eu-east', {
          owner: 'payments-team',
          type: 'LoadBalancer',
          ports: [{ name: 'grpc', port: 9090, protocol: 'TCP' }],
        }),
      ]),
      serviceSummary(
        'a-namespace-with-a-rather-long-name',
        'and-a-service-with-an-even-longer-name',
        [instance('eu-east', { owner: 'shop-team' })],
      ),
    ],
  };
  const { entities, findings } = buildFleetEntities(
    snapshot,
    noClaims,
    demoOptions,
  );
  const emitted = byRef(entities);

  it('still emits valid entities', async () => {
    await expectValidEntities(entities);
    expect(entities).toHaveLength(5);
  });

  it('maps a cluster name the catalog rejects, keeps the original as title and reports it on the entity', () => {
    const cluster = entities.find(
      entity =>
        entity.metadata.annotations?.['meshplane.io/cluster'] === 'EU West 1',
    )!;
    expect(cluster.metadata.name).toMatch(/^eu-west-1-[0-9a-f]{8}$/);
    expect(cluster.metadata.title).toBe('EU West 1');
    expect(cluster.metadata.labels?.['meshplane.io/region']).toMatch(
      /^eu-west-[0-9a-f]{8}$/,
    );
    expect(readCatalogFindings(cluster).map(f => f.code)).toEqual([
      'invalid-name',
      'invalid-name',
    ]);
    const cart = emitted.get('component:default/cart.shop')!;
    expect(cart.spec?.dependsOn).toContain(stringifyEntityRef(cluster));
  });

  it('maps names longer than the catalog allows', () => {
    const long = entities.find(
      entity =>
        entity.metadata.annotations?.['meshplane.io/services'] ===
        'a-namespace-with-a-rather-long-name/and-a-service-with-an-even-longer-name',
    )!;
    expect(long.metadata.name.length).toBeLessThanOrEqual(63);
    expect(long.metadata.title).toBe(
      'a-namespace-with-a-rather-long-name/and-a-service-with-an-even-longer-name',
    );
    expect(readCatalogFindings(long).map(f => f.code)).toEqual([
      'invalid-name',
    ]);
  });

  it('gives a namespace without owner the fallback owner and says so on the entity', () => {
    const scratch = emitted.get('component:default/scratch.sandbox')!;
    expect(scratch.spec?.owner).toBe('group:default/platform-team');
    expect(readCatalogFindings(scratch)).toEqual([
      {
        code: 'missing-owner',
        message:
          'Namespace sandbox has no meshplane.io/owner label in any cluster (eu-east); the fallback owner group:default/platform-team is used',
      },
    ]);
  });

  it('reports a service defined differently across clusters', () => {
    const cart = emitted.get('component:default/cart.shop')!;
    const codes = readCatalogFindings(cart).map(f => f.code);
    expect(codes).toEqual([
      'conflicting-owner',
      'conflicting-definition',
      'conflicting-definition',
    ]);
    expect(readCatalogFindings(cart)[2].message).toContain(
      'EU West 1: http 9080/TCP; eu-east: grpc 9090/TCP',
    );
  });

  it('returns every finding with the entity it is written on', () => {
    expect(findings.every(finding => finding.entityRef)).toBe(true);
    expect(findings.map(f => f.code).sort()).toEqual([
      'conflicting-definition',
      'conflicting-definition',
      'conflicting-owner',
      'invalid-name',
      'invalid-name',
      'invalid-name',
      'missing-owner',
    ]);
  });
});
