import type { TestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { FleetServer } from '@meshplane/fleet-sim';
import type { ServiceListResponse } from '@meshplane/plugin-meshplane-common';
import { resolve } from 'node:path';
import request from 'supertest';
import {
  catalogReader,
  eventually,
  inMemoryDatabases,
  relationTargets,
  startDemoFleet,
  startPortalBackend,
} from './__testUtils__/catalogTestBackend';
import { readCatalogFindings } from './entities';

/*
 * The real catalog backend with this module and the real meshplane backend,
 * reading the demo fleet served by the fleet simulator over HTTPS.
 */

jest.setTimeout(240_000);

/** lab-1 is configured under a name the catalog rejects (longer than 63 characters). */
const LAB_CLUSTER =
  'lab-1-development-cluster-in-us-east-1-run-by-the-platform-team-for-experiments';

const databases = inMemoryDatabases();
let fleet: FleetServer;
let backend: TestBackend;
const { getEntity, entityWhen, entityGone, queryByAnnotation } = catalogReader(
  () => backend.server,
);

beforeAll(async () => {
  fleet = await startDemoFleet();
  backend = await startPortalBackend({
    fleet,
    databases,
    meshplane: config => ({
      ...config,
      clusters: (config.clusters as Array<{ name: string }>).map(cluster =>
        cluster.name === 'lab-1' ? { ...cluster, name: LAB_CLUSTER } : cluster,
      ),
    }),
    catalog: {
      // Entities are processed again every few seconds, so the claims processor's findings show soon.
      processingInterval: { seconds: 3 },
      locations: [
        {
          type: 'file',
          target: resolve(__dirname, '__fixtures__/catalog-info.yaml'),
        },
      ],
      providers: {
        meshplane: {
          // One full run at start; everything after it is a delta.
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
          deltaSchedule: {
            frequency: { seconds: 2 },
            timeout: { seconds: 30 },
          },
          clusters: { owner: 'platform-team', system: 'mesh-platform' },
          ownership: { fallbackOwner: 'platform-team' },
        },
      },
    },
  });
});

afterAll(async () => {
  await backend?.stop();
  await fleet?.stop();
});

describe('the meshplane entity provider in the catalog', () => {
  it('emits the clusters as kubernetes-cluster Resources with the Kubernetes plugin annotations', async () => {
    const east = await entityWhen('resource:default/east-1', entity =>
      Boolean(entity.metadata.labels?.['meshplane.io/istio-revision']),
    );
    const served = fleet.clusters.find(cluster => cluster.name === 'east-1')!;
    expect(east.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/platform-team',
      system: 'system:default/mesh-platform',
    });
    expect(east.metadata.annotations).toMatchObject({
      'meshplane.io/cluster': 'east-1',
      'kubernetes.io/api-server': served.url,
      'kubernetes.io/api-server-certificate-authority': Buffer.from(
        served.caData,
      ).toString('base64'),
      'kubernetes.io/auth-provider': 'serviceAccount',
      'backstage.io/managed-by-location': 'meshplane-provider:default',
    });
    expect(east.metadata.labels).toEqual({
      'meshplane.io/network': 'net-east',
      'meshplane.io/region': 'us-east-1',
      'meshplane.io/environment': 'production',
      'meshplane.io/istio-revision': '1-28',
      'meshplane.io/mesh-role': 'primary',
    });
    expect(relationTargets(east, 'ownedBy')).toEqual([
      'group:default/platform-team',
    ]);
    expect(JSON.stringify(east)).not.toContain(served.token);
  });

  it('emits a logical service once, with its clusters, owner and system as relations', async () => {
    const productpage = await entityWhen(
      'component:default/productpage.bookinfo',
      entity =>
        relationTargets(entity, 'dependsOn').includes(
          'resource:default/east-2',
        ),
    );
    expect(productpage.spec).toMatchObject({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/bookinfo-team',
      system: 'system:default/bookinfo',
    });
    expect(productpage.metadata.annotations?.['meshplane.io/services']).toBe(
      'bookinfo/productpage',
    );
    expect(
      relationTargets(productpage, 'dependsOn').filter(ref =>
        ref.startsWith('resource:'),
      ),
    ).toEqual(['resource:default/east-1', 'resource:default/east-2']);
    expect(relationTargets(productpage, 'ownedBy')).toEqual([
      'group:default/bookinfo-team',
    ]);
    expect(relationTargets(productpage, 'partOf')).toEqual([
      'system:default/bookinfo',
    ]);
    expect(
      await queryByAnnotation('meshplane.io/services', 'bookinfo/productpage'),
    ).toHaveLength(1);
  });

  it('relates a service to the services it calls, after a Sidecar declares them in a cluster', async () => {
    fleet.cluster('east-1').apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'productpage', namespace: 'bookinfo' },
      spec: {
        workloadSelector: { labels: { app: 'productpage' } },
        egress: [
          {
            hosts: [
              './details.bookinfo.svc.cluster.local',
              './reviews.bookinfo.svc.cluster.local',
              './ratings.bookinfo.svc.cluster.local',
              'istio-system/*',
            ],
          },
        ],
      },
    });
    const productpage = await entityWhen(
      'component:default/productpage.bookinfo',
      entity =>
        relationTargets(entity, 'dependsOn').length === 5 &&
        relationTargets(entity, 'dependsOn').includes(
          'component:default/ratings-service',
        ),
    );
    // ratings is represented by the team's own Component, not by a second one.
    expect(relationTargets(productpage, 'dependsOn')).toEqual([
      'component:default/details.bookinfo',
      'component:default/ratings-service',
      'component:default/reviews.bookinfo',
      'resource:default/east-1',
      'resource:default/east-2',
    ]);
    const services = await request(backend.server)
      .get('/api/meshplane/services')
      .query({ namespace: 'bookinfo', q: 'productpage' });
    expect(
      (services.body as ServiceListResponse).items[0].calls.map(c => c.name),
    ).toEqual(['details', 'ratings', 'reviews']);
  });

  it('emits no Component for a service another catalog entity claims', async () => {
    await entityWhen('component:default/ratings-service');
    await eventually('ratings.bookinfo to be left out', async () =>
      (await getEntity('component:default/ratings.bookinfo'))
        ? undefined
        : true,
    );
    const claimants = await queryByAnnotation(
      'meshplane.io/services',
      'bookinfo/ratings',
    );
    // Only the two catalog-info entities claiming it: no Component of the provider.
    expect(claimants.map(entity => entity.metadata.name).sort()).toEqual([
      'ratings-service',
      'shop-ratings',
    ]);
  });

  it('reports a duplicate claim on both claimants and an unparsable claim on its entity', async () => {
    const hasFinding = (code: string) => (entity: Entity) =>
      readCatalogFindings(entity).some(finding => finding.code === code);
    const message =
      'Mesh service bookinfo/ratings is claimed by component:default/ratings-service, component:default/shop-ratings; component:default/ratings-service represents it';
    for (const ref of [
      'component:default/ratings-service',
      'component:default/shop-ratings',
    ]) {
      const claimant = await entityWhen(ref, hasFinding('duplicate-claim'));
      expect(readCatalogFindings(claimant)).toEqual([
        { code: 'duplicate-claim', message },
      ]);
    }
    const broken = await entityWhen(
      'component:default/broken-claim',
      hasFinding('invalid-claim'),
    );
    expect(readCatalogFindings(broken)).toEqual([
      {
        code: 'invalid-claim',
        message: expect.stringContaining(
          'Invalid meshplane.io/services entry "ratings": expected two names separated by one "/"',
        ),
      },
    ]);
  });

  it('emits VM workloads as virtual-machine Resources that the service depends on', async () => {
    const vm = await entityWhen(
      'resource:default/legacy-billing-vm-1.payments',
    );
    expect(vm.spec).toEqual({
      type: 'virtual-machine',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      dependencyOf: ['component:default/legacy-billing.payments'],
    });
    expect(relationTargets(vm, 'dependencyOf')).toEqual([
      'component:default/legacy-billing.payments',
    ]);
    expect(relationTargets(vm, 'partOf')).toEqual(['system:default/payments']);
    const service = await entityWhen(
      'component:default/legacy-billing.payments',
      entity => relationTargets(entity, 'dependsOn').length >= 3,
    );
    expect(relationTargets(service, 'dependsOn')).toEqual(
      expect.arrayContaining([
        'resource:default/legacy-billing-vm-1.payments',
        'resource:default/legacy-billing-vm-2.payments',
      ]),
    );
  });

  it('emits gateways as mesh-gateway Resources', async () => {
    const labels = { app: 'istio-egressgateway', istio: 'egressgateway' };
    fleet.cluster('west-1').apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'istio-egressgateway',
        namespace: 'istio-system',
        labels,
      },
      spec: {
        selector: labels,
        ports: [{ name: 'http2', port: 80, targetPort: 8080 }],
      },
    });
    fleet.cluster('west-1').apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'istio-egressgateway-0',
        namespace: 'istio-system',
        labels,
      },
      spec: {
        containers: [
          {
            name: 'istio-proxy',
            image: 'docker.io/istio/proxyv2:1.28.1',
            args: ['proxy', 'router'],
            ports: [{ containerPort: 8080 }],
          },
        ],
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    const gateway = await entityWhen(
      'resource:default/istio-egressgateway.istio-system',
    );
    expect(gateway.spec).toEqual({
      type: 'mesh-gateway',
      owner: 'group:default/platform-team',
      system: 'system:default/mesh-platform',
      dependsOn: ['resource:default/west-1'],
    });
    expect(gateway.metadata.annotations?.['meshplane.io/services']).toBe(
      'istio-system/istio-egressgateway',
    );
  });

  it("makes the demo's Gateway API Gateway one mesh-gateway Resource: the Service istiod generates for it, with its listeners, hostnames, class and status", async () => {
    const gateway = await entityWhen(
      'resource:default/public-gateway-istio.istio-ingress',
    );
    expect(gateway.spec).toMatchObject({ type: 'mesh-gateway' });
    expect(gateway.metadata.description).toBe(
      'Gateway API Gateway istio-ingress/public-gateway (class istio), served by public-gateway-istio.istio-ingress.svc.cluster.local in cluster east-1',
    );
    expect(gateway.metadata.annotations).toMatchObject({
      'meshplane.io/services': 'istio-ingress/public-gateway-istio',
      'meshplane.io/gateway-api-gateway': 'istio-ingress/public-gateway',
      'meshplane.io/gateway-class': 'istio',
      'meshplane.io/gateway-listeners':
        'http HTTP/80 bookinfo.example.com, https HTTPS/443 bookinfo.example.com, grpc HTTP/80 grpc.example.com',
      'meshplane.io/gateway-hostnames':
        'bookinfo.example.com, grpc.example.com',
      'meshplane.io/gateway-status':
        'Accepted=True (Accepted), Programmed=True (Programmed)',
    });
    // One entity for the Gateway and its Service, findable by either.
    expect(
      await queryByAnnotation(
        'meshplane.io/gateway-api-gateway',
        'istio-ingress/public-gateway',
      ),
    ).toHaveLength(1);
    expect(
      await queryByAnnotation(
        'meshplane.io/services',
        'istio-ingress/public-gateway-istio',
      ),
    ).toHaveLength(1);
  });

  it('maps a cluster name the catalog rejects and says so on the entity', async () => {
    const [lab] = await eventually('the lab cluster Resource', async () => {
      const found = await queryByAnnotation(
        'meshplane.io/cluster',
        LAB_CLUSTER,
      );
      return found.length > 0 ? found : undefined;
    });
    expect(lab.metadata.name).toMatch(
      /^lab-1-development-cluster-.*-[0-9a-f]{8}$/,
    );
    expect(lab.metadata.name.length).toBeLessThanOrEqual(63);
    expect(lab.metadata.title).toBe(LAB_CLUSTER);
    expect(readCatalogFindings(lab).map(finding => finding.code)).toEqual([
      'invalid-name',
    ]);
    const checkout = await entityWhen(
      'component:default/checkout.payments-dev',
    );
    expect(relationTargets(checkout, 'dependsOn')).toEqual([
      `resource:default/${lab.metadata.name}`,
    ]);
  });

  it('gives a namespace without owner the fallback owner and says so on the entity', async () => {
    const echo = await entityWhen('component:default/echo.sandbox');
    expect(echo.spec?.owner).toBe('group:default/platform-team');
    expect(echo.spec?.system).toBeUndefined();
    expect(readCatalogFindings(echo)).toEqual([
      {
        code: 'missing-owner',
        message: expect.stringContaining(
          'Namespace sandbox has no meshplane.io/owner label in any cluster',
        ),
      },
    ]);
  });

  it('adds a new service within a minute of its creation in a cluster, then removes it when it is deleted', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'wishlist', namespace: 'bookinfo' },
      spec: {
        selector: { app: 'wishlist' },
        ports: [{ name: 'http', port: 9080, targetPort: 9080 }],
      },
    };
    const created = Date.now();
    fleet.cluster('west-1').apply(service);
    const wishlist = await entityWhen(
      'component:default/wishlist.bookinfo',
      undefined,
      60_000,
    );
    console.log(
      `catalog: bookinfo/wishlist appeared ${
        Date.now() - created
      } ms after it was created in west-1`,
    );
    expect(relationTargets(wishlist, 'dependsOn')).toEqual([
      'resource:default/west-1',
    ]);
    expect(relationTargets(wishlist, 'ownedBy')).toEqual([
      'group:default/bookinfo-team',
    ]);

    fleet.cluster('west-1').delete({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'bookinfo',
      name: 'wishlist',
    });
    await entityGone('component:default/wishlist.bookinfo', 60_000);
  });

  it('puts back an entity that disappeared from the catalog, comparing with the catalog rather than its memory', async () => {
    const echo = await entityWhen('component:default/echo.sandbox');
    const deleted = await request(backend.server).delete(
      `/api/catalog/entities/by-uid/${echo.metadata.uid}`,
    );
    expect(deleted.status).toBe(204);
    // The fleet is unchanged: only a delta that reads the catalog notices the gap.
    const restored = await entityWhen(
      'component:default/echo.sandbox',
      entity => entity.metadata.uid !== echo.metadata.uid,
    );
    expect(restored.metadata.annotations?.['meshplane.io/entity-hash']).toBe(
      echo.metadata.annotations?.['meshplane.io/entity-hash'],
    );
  });

  it('reports a service whose definition differs across clusters', async () => {
    const details = fleet.cluster('west-1').get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'bookinfo',
      name: 'details',
    })!;
    const spec = details.spec as { ports: object[] };
    fleet.cluster('west-1').apply({
      ...details,
      spec: {
        ...spec,
        ports: [...spec.ports, { name: 'grpc', port: 9090, targetPort: 9090 }],
      },
    });
    const entity = await entityWhen(
      'component:default/details.bookinfo',
      candidate =>
        readCatalogFindings(candidate).some(
          f => f.code === 'conflicting-definition',
        ),
    );
    expect(
      readCatalogFindings(entity).find(f => f.code === 'conflicting-definition')
        ?.message,
    ).toMatch(
      /^Service bookinfo\/details has different ports across clusters \(east-1, east-2: http 9080\/TCP; west-1: grpc 9090\/TCP, http 9080\/TCP\)/,
    );
  });

  it('reports a namespace whose owner label differs across clusters and keeps the majority owner', async () => {
    const namespace = fleet.cluster('east-2').get({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'identity',
    })!;
    fleet.cluster('east-2').apply({
      ...namespace,
      metadata: {
        ...namespace.metadata,
        labels: {
          ...namespace.metadata.labels,
          'meshplane.io/owner': 'payments-team',
        },
      },
    });
    const auth = await entityWhen(
      'component:default/auth-service.identity',
      entity =>
        readCatalogFindings(entity).some(f => f.code === 'conflicting-owner'),
    );
    expect(auth.spec?.owner).toBe('group:default/identity-team');
    expect(readCatalogFindings(auth)).toEqual([
      {
        code: 'conflicting-owner',
        message:
          'Namespace identity names different owners across clusters ("identity-team" in east-1, west-1; "payments-team" in east-2); "identity-team" is used',
      },
    ]);
  });
});
