import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type {
  ClusterDetail,
  ClusterListResponse,
  EntityMeshView,
  FindingsResponse,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import {
  FleetServer,
  loadFleet,
  RESOURCE_TYPES,
  startFleet,
} from '@meshplane/fleet-sim';
import {
  MeshplaneApiClient,
  meshplaneApiClientServiceRef,
  meshplaneClusterSourceExtensionPoint,
} from '@meshplane/plugin-meshplane-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import request from 'supertest';
import {
  DEMO_FLEET,
  FAST_CONNECTION,
  meshplaneClustersConfig,
  startDemoFleet,
  startMeshplaneTestBackend,
  waitFor,
  waitForDemoFleetSynced,
} from './__testUtils__/meshplaneTestBackend';
import { meshplanePlugin } from './plugin';

jest.setTimeout(60_000);

/** A catalog Component with the given annotations. */
function component(name: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      type: 'service',
      owner: 'group:default/bookinfo-team',
      lifecycle: 'production',
    },
  };
}

const entities: Entity[] = [
  component('reviews', { 'meshplane.io/services': 'bookinfo/reviews' }),
  component('payments-api', {
    'meshplane.io/services': 'payments/payments-api',
  }),
  component('orders-api', { 'meshplane.io/services': 'orders/orders-api' }),
  component('cart', { 'meshplane.io/services': 'shop/cart' }),
  component('unlinked'),
  component('broken', { 'meshplane.io/services': 'bookinfo' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'legacy-billing-vm-1',
      namespace: 'default',
      annotations: {
        'meshplane.io/workload-entry': 'payments/legacy-billing-vm-1',
      },
    },
    spec: { type: 'virtual-machine', owner: 'group:default/payments-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'east-2',
      namespace: 'default',
      annotations: { 'meshplane.io/cluster': 'east-2' },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'broken-vm',
      namespace: 'default',
      annotations: { 'meshplane.io/workload-entry': 'legacy-billing-vm-1' },
    },
    spec: { type: 'virtual-machine', owner: 'group:default/payments-team' },
  },
];

describe('meshplane backend /health', () => {
  it('answers without credentials with the plugin version and uptime', async () => {
    const fleet = await startDemoFleet();
    try {
      const backend = await startMeshplaneTestBackend({ fleet });
      const server = backend.server;
      const manifest = JSON.parse(
        readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8'),
      );
      const response = await request(server)
        .get('/api/meshplane/health')
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.version).toBe(manifest.version);
      expect(response.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
      expect(Date.parse(response.body.startedAt)).not.toBeNaN();
      await backend.stop();
    } finally {
      await fleet.stop();
    }
  });
});

describe('meshplane backend on the demo fleet', () => {
  let fleet: FleetServer;
  let backend: Awaited<ReturnType<typeof startMeshplaneTestBackend>>;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    backend = await startMeshplaneTestBackend({ fleet, entities });
    await waitForDemoFleetSynced(backend.server);
  });

  afterAll(async () => {
    await backend?.stop();
    await fleet?.stop();
  });

  it('lists the clusters with their mesh facts and no credentials', async () => {
    const res = await request(backend.server).get('/api/meshplane/clusters');
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      (res.body as ClusterListResponse).items.map(c => [c.name, c]),
    );
    expect(Object.keys(byName)).toEqual([
      'east-1',
      'east-2',
      'lab-1',
      'west-1',
    ]);
    expect(byName['east-1']).toMatchObject({
      network: 'net-east',
      region: 'us-east-1',
      environment: 'production',
      meshRole: 'primary',
      istioRevision: '1-28',
      istioVersion: '1.28.1',
      istioCrdsPresent: true,
      status: 'synced',
    });
    expect(byName['east-1'].objectCounts.Pod).toBeGreaterThan(5);
    expect(byName['east-1'].host).toBe(new URL(fleet.clusters[0].url).host);
    expect(byName['east-2'].istioRevision).toBe('1-28');
    expect(byName['lab-1']).toMatchObject({
      istioCrdsPresent: false,
      status: 'synced',
    });
    expect(byName['lab-1'].objectCounts.VirtualService).toBeUndefined();
    const text = JSON.stringify(res.body);
    for (const c of fleet.clusters) expect(text).not.toContain(c.token);
  });

  it('answers 304 for an unchanged cluster list', async () => {
    const first = await request(backend.server).get('/api/meshplane/clusters');
    const second = await request(backend.server)
      .get('/api/meshplane/clusters')
      .set('If-None-Match', first.headers.etag);
    expect(second.status).toBe(304);
  });

  it('describes one cluster with kinds, namespaces and mTLS posture', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/clusters/east-1',
    );
    expect(res.status).toBe(200);
    const body = res.body as ClusterDetail;
    expect(body.kinds.find(k => k.kind === 'VirtualService')).toMatchObject({
      apiVersion: 'networking.istio.io/v1',
      state: 'watching',
    });
    expect(body.namespaces.find(n => n.name === 'bookinfo')).toMatchObject({
      owner: 'bookinfo-team',
      system: 'bookinfo',
    });
    expect(
      body.mtls.namespaces.find(n => n.namespace === 'identity')?.status,
    ).toBeDefined();
    // One cluster's question is answered for that cluster.
    expect(new Set(body.mtls.namespaces.map(n => n.cluster))).toEqual(
      new Set(['east-1']),
    );
    const missing = await request(backend.server).get(
      '/api/meshplane/clusters/nowhere',
    );
    expect(missing.status).toBe(404);
  });

  it('lists logical services across clusters, filtered and paged', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/services?namespace=bookinfo',
    );
    expect(res.status).toBe(200);
    const body = res.body as ServiceListResponse;
    // reviews-v1 and reviews-v2: the version Services of the mesh HTTPRoute bookinfo/reviews.
    expect(body.items.map(s => s.name)).toEqual([
      'details',
      'productpage',
      'ratings',
      'reviews',
      'reviews-v1',
      'reviews-v2',
    ]);
    // A search as people type it in a URL, `/` unencoded.
    const searched = await request(backend.server).get(
      '/api/meshplane/services?q=bookinfo/rev',
    );
    expect(searched.status).toBe(200);
    expect(
      (searched.body as ServiceListResponse).items.map(
        s => `${s.namespace}/${s.name}`,
      ),
    ).toEqual([
      'bookinfo/reviews',
      'bookinfo/reviews-v1',
      'bookinfo/reviews-v2',
    ]);
    const details = body.items.find(s => s.name === 'details')!;
    expect(details.clusters.map(c => c.cluster)).toEqual([
      'east-1',
      'east-2',
      'west-1',
    ]);
    const reviews = body.items.find(s => s.name === 'reviews')!;
    const east = reviews.clusters.find(c => c.cluster === 'east-1')!;
    expect(east).toMatchObject({
      workloads: 2,
      totalPods: 4,
      readyPods: 3,
      sidecar: 'all',
      owner: 'bookinfo-team',
    });

    const page = await request(backend.server).get(
      '/api/meshplane/services?limit=2&offset=1',
    );
    expect(page.body.items).toHaveLength(2);
    expect(page.body.offset).toBe(1);
    expect(page.body.totalItems).toBeGreaterThan(10);
    const vm = await request(backend.server).get(
      '/api/meshplane/services?q=legacy-billing',
    );
    expect(
      vm.body.items[0].clusters[0].vms
        .map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual(['legacy-billing-vm-1', 'legacy-billing-vm-2']);
  });

  it('names the catalog entity that claims each service (entityRef) in the service list and the entity answer', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/services?namespace=bookinfo',
    );
    const body = res.body as ServiceListResponse;
    expect(
      Object.fromEntries(body.items.map(s => [s.name, s.entityRef ?? null])),
    ).toEqual({
      details: null,
      productpage: null,
      ratings: null,
      reviews: 'component:default/reviews',
      'reviews-v1': null,
      'reviews-v2': null,
    });
    // The entity's own answer names it on its services too.
    const entity = await request(backend.server).get(
      '/api/meshplane/entity/component/default/reviews',
    );
    expect(
      (entity.body as EntityMeshView).services.map(s => s.entityRef),
    ).toEqual(['component:default/reviews']);
  });

  it('refuses queries outside the spec on every route that pages, with a 400 naming the parameter', async () => {
    for (const path of ['/services', '/findings']) {
      const zero = await request(backend.server).get(
        `/api/meshplane${path}?limit=0`,
      );
      expect(zero.status).toBe(400);
      expect(zero.body.error).toEqual({
        name: 'InputError',
        message: 'request/query/limit must be >= 1',
      });
      const tooMany = await request(backend.server).get(
        `/api/meshplane${path}?limit=1001`,
      );
      expect(tooMany.body.error.message).toBe(
        'request/query/limit must be <= 1000',
      );
      const offset = await request(backend.server).get(
        `/api/meshplane${path}?offset=-1`,
      );
      expect(offset.body.error.message).toBe(
        'request/query/offset must be >= 0',
      );
    }
    const level = await request(backend.server).get(
      '/api/meshplane/findings?level=Fatal',
    );
    expect(level.status).toBe(400);
    expect(level.body.error.message).toBe(
      'request/query/level must be equal to one of the allowed values: Error, Warning, Info',
    );
    const unknown = await request(backend.server).get(
      '/api/meshplane/services?namespaces=bookinfo',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      "Unknown query parameter 'namespaces'",
    );
    const empty = await request(backend.server).get(
      '/api/meshplane/services?q=',
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      "Empty value found for query parameter 'q'",
    );
  });

  it('serves the mesh view of a catalog entity: workloads, topology, posture, findings', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/entity/component/default/reviews',
    );
    expect(res.status).toBe(200);
    const view = res.body as EntityMeshView;
    expect(view.links).toEqual([
      { source: 'meshplane.io/services', value: 'bookinfo/reviews' },
    ]);
    expect(view.clusters.map(c => c.name)).toEqual(['east-1', 'west-1']);
    expect(view.workloads.map(w => `${w.cluster}/${w.name}`)).toEqual([
      'east-1/reviews-v1',
      'east-1/reviews-v2',
      'west-1/reviews-v3',
    ]);
    expect(view.workloads.find(w => w.name === 'reviews-v2')).toMatchObject({
      ready: 1,
      total: 2,
      sidecar: true,
    });
    const own = view.topology.nodes.filter(n => n.own).map(n => n.id);
    expect(own).toContain('service:bookinfo/reviews');
    expect(
      view.topology.edges.some(
        e => e.from === 'service:bookinfo/reviews' && e.type === 'selects',
      ),
    ).toBe(true);
    expect(view.posture.workloads.every(w => w.mode === 'STRICT')).toBe(true);
    expect(view.posture.outcomes.mtls).toBeGreaterThan(0);
    expect(view.posture.inbound.every(e => e.outcome !== 'mtls')).toBe(true);
    const ids = new Set(view.topology.nodes.map(n => n.id));
    expect(
      view.topology.edges.every(e => ids.has(e.from) && ids.has(e.to)),
    ).toBe(true);
    expect(view.problems).toEqual([]);
    const again = await request(backend.server)
      .get('/api/meshplane/entity/component/default/reviews')
      .set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('shows a pod turning ready and a new service port without a cluster round trip per request', async () => {
    const east = fleet.cluster('east-1');
    const pods = east.list({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'bookinfo',
    });
    const notReady = pods.find(
      p =>
        p.metadata.name.startsWith('reviews-v2') &&
        !(p.status as any)?.conditions?.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
    )!;
    east.apply({
      ...notReady,
      status: {
        ...(notReady.status as object),
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    const ready = await waitFor(
      async () => {
        const view = (
          await request(backend.server).get(
            '/api/meshplane/entity/component/default/reviews',
          )
        ).body as EntityMeshView;
        const v2 = view.workloads.find(w => w.name === 'reviews-v2');
        const instance = view.services[0].clusters.find(
          c => c.cluster === 'east-1',
        );
        return v2?.ready === 2 && instance?.readyPods === 4 ? view : undefined;
      },
      { message: 'reviews-v2 ready 2/2 in the entity view' },
    );
    expect(ready.clusters.find(c => c.name === 'east-1')?.readyPods).toBe(4);

    const service = east.get({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'bookinfo',
      name: 'reviews',
    })!;
    const spec = service.spec as { ports: object[] };
    east.apply({
      ...service,
      spec: {
        ...spec,
        ports: [...spec.ports, { name: 'grpc-admin', port: 9555 }],
      },
    });
    const ported = await waitFor(
      async () => {
        const view = (
          await request(backend.server).get(
            '/api/meshplane/entity/component/default/reviews',
          )
        ).body as EntityMeshView;
        const east1 = view.services[0].clusters.find(
          c => c.cluster === 'east-1',
        );
        return east1?.ports.some(p => p.port === 9555) ? east1 : undefined;
      },
      { message: 'new port 9555 in the entity view' },
    );
    expect(ported.ports.map(p => p.name)).toContain('grpc-admin');
  });

  it('answers a cluster Resource for that cluster: its instances, workloads, edges and findings', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/entity/resource/default/east-2',
    );
    expect(res.status).toBe(200);
    const view = res.body as EntityMeshView;
    // Services that also run elsewhere (productpage in east-1, details in three clusters)…
    expect(view.services.map(s => `${s.namespace}/${s.name}`)).toEqual(
      expect.arrayContaining(['bookinfo/productpage', 'bookinfo/details']),
    );
    // …are answered with east-2's part only.
    expect(view.clusters.map(c => c.name)).toEqual(['east-2']);
    expect(view.workloads.length).toBeGreaterThan(0);
    const clustersOf = [
      ...view.workloads.map(w => w.cluster),
      ...view.posture.workloads.map(w => w.cluster),
      ...view.posture.namespaces.map(n => n.cluster),
      ...view.posture.inbound.map(e => e.to.cluster),
      ...view.posture.outbound.map(e => e.from.cluster),
      ...view.findings.map(f => f.resource.cluster),
    ];
    expect(new Set(clustersOf)).toEqual(new Set(['east-2']));
  });

  it('serves a VM Resource the mesh view of the services that select its WorkloadEntry', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/entity/resource/default/legacy-billing-vm-1',
    );
    expect(res.status).toBe(200);
    const view = res.body as EntityMeshView;
    expect(view.links).toEqual([
      {
        source: 'meshplane.io/workload-entry',
        value: 'payments/legacy-billing-vm-1',
      },
    ]);
    expect(view.services.map(s => `${s.namespace}/${s.name}`)).toEqual([
      'payments/legacy-billing',
    ]);
    expect(
      view.workloads.some(
        w =>
          w.vm &&
          w.kind === 'WorkloadEntry' &&
          w.name === 'legacy-billing-vm-1',
      ),
    ).toBe(true);
    expect(view.posture.workloads.length).toBeGreaterThan(0);

    const broken = await request(backend.server).get(
      '/api/meshplane/entity/resource/default/broken-vm',
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain(
      'meshplane.io/workload-entry must be namespace/name',
    );
  });

  it('shows the failing edge and its finding for payments-api', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/entity/component/default/payments-api',
    );
    const view = res.body as EntityMeshView;
    const failing = view.posture.inbound.filter(e => e.outcome === 'fail');
    expect(
      failing.some(
        e => e.from.workload === 'checkout' && e.clientTls === 'DISABLE',
      ),
    ).toBe(true);
    expect(view.posture.outcomes.fail).toBeGreaterThan(0);
    expect(view.findings.length).toBeGreaterThan(0);
    expect(
      view.findingCounts.Error +
        view.findingCounts.Warning +
        view.findingCounts.Info,
    ).toBe(view.findings.length);
  });

  it('serves the ambient demo: ztunnel rejecting an out-of-mesh caller, a denied caller with its policy, and the readiness of a sidecar namespace', async () => {
    const orders = await request(backend.server).get(
      '/api/meshplane/entity/component/default/orders-api',
    );
    expect(orders.status).toBe(200);
    const view = orders.body as EntityMeshView;
    expect(view.posture.workloads).toContainEqual(
      expect.objectContaining({
        name: 'orders-api',
        dataplane: 'ambient',
        mode: 'STRICT',
      }),
    );
    expect(view.posture.inbound).toContainEqual(
      expect.objectContaining({
        from: expect.objectContaining({ workload: 'orders-export' }),
        outcome: 'fail',
        reason: expect.stringContaining('enforced by ztunnel'),
      }),
    );

    // The custom resources of other groups are discovered and watched like Istio's.
    const east = (
      await request(backend.server).get('/api/meshplane/clusters/east-1')
    ).body;
    for (const apiVersion of [
      'gateway.networking.k8s.io/v1',
      'telemetry.istio.io/v1',
      'extensions.istio.io/v1alpha1',
    ])
      expect(
        east.kinds.filter(
          (k: { apiVersion: string }) => k.apiVersion === apiVersion,
        ),
      ).not.toContainEqual(expect.objectContaining({ state: 'absent' }));
    // shop's waypoint and the ingress istio-ingress/public-gateway (gateway-api.yaml).
    expect(east.objectCounts['Gateway.gateway.networking.k8s.io']).toBe(2);
    expect(east.objectCounts['Gateway.networking.istio.io']).toBeGreaterThan(0);
    // Every Gateway API kind in the version the simulator serves (TCPRoute and TLSRoute from the
    // experimental channel), and the CRDs; a cluster without the CRDs has none, which is no error.
    const gatewayApiKinds = [
      'gateway.networking.k8s.io/v1 GatewayClass',
      'gateway.networking.k8s.io/v1 Gateway',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'gateway.networking.k8s.io/v1 GRPCRoute',
      'gateway.networking.k8s.io/v1alpha2 TCPRoute',
      'gateway.networking.k8s.io/v1alpha2 TLSRoute',
      'gateway.networking.k8s.io/v1beta1 ReferenceGrant',
    ];
    const stateOf = (detail: ClusterDetail) =>
      Object.fromEntries(
        detail.kinds.map(k => [`${k.apiVersion} ${k.kind}`, k.state]),
      );
    const eastStates = stateOf(east);
    for (const kind of [
      ...gatewayApiKinds,
      'apiextensions.k8s.io/v1 CustomResourceDefinition',
    ])
      expect([kind, eastStates[kind]]).toEqual([kind, 'watching']);
    expect(east.objectCounts.CustomResourceDefinition).toBe(
      new Set(
        RESOURCE_TYPES.filter(t => t.istio).map(t => `${t.plural}.${t.group}`),
      ).size,
    );
    const lab = (
      await request(backend.server).get('/api/meshplane/clusters/lab-1')
    ).body as ClusterDetail;
    const labStates = stateOf(lab);
    for (const kind of gatewayApiKinds.filter(k => !k.endsWith(' Gateway')))
      expect([kind, labStates[kind]]).toEqual([kind, 'absent']);
    expect(lab.status).toBe('synced');
    expect(lab.objectCounts.CustomResourceDefinition).toBe(0);
    // The CRDs reach the engine with their annotations: the simulator's Gateway API v1.4.0 is
    // below Istio's minimum for TCPRoute (1.6.0) and TLSRoute (1.5.0), as istioctl says (IST0176).
    const crdFindings = (
      await request(backend.server).get(
        '/api/meshplane/findings?cluster=east-1&code=IST0176&limit=1000',
      )
    ).body as FindingsResponse;
    expect(
      crdFindings.items
        .filter(f => f.code === 'IST0176')
        .map(f => `${f.resource.kind} ${f.resource.name}`)
        .sort(),
    ).toEqual([
      'CustomResourceDefinition tcproutes.gateway.networking.k8s.io',
      'CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
    ]);

    // shop/cart is bound to the namespace's waypoint: drawn between the service and its workload.
    const cart = (
      await request(backend.server).get(
        '/api/meshplane/entity/component/default/cart',
      )
    ).body as EntityMeshView;
    const waypoint = cart.topology.nodes.find(n => n.type === 'waypoint');
    expect(waypoint).toMatchObject({
      id: 'waypoint:east-1/shop/waypoint',
      cluster: 'east-1',
      dataplane: 'ambient',
    });
    expect(
      cart.topology.edges
        .filter(e => e.type === 'waypoint')
        .map(e => [e.from, e.to, e.source]),
    ).toEqual([
      ['service:shop/cart', waypoint!.id, 'Gateway shop/waypoint'],
      [waypoint!.id, 'workload:east-1/shop/cart', 'Gateway shop/waypoint'],
    ]);

    const readiness = await request(backend.server).get(
      '/api/meshplane/readiness?namespace=payments',
    );
    expect(readiness.status).toBe(200);
    const east1 = readiness.body.items.find(
      (r: { cluster: string }) => r.cluster === 'east-1',
    );
    expect(east1).toMatchObject({ namespace: 'payments', ready: false });
    expect(east1.blockers).toContainEqual(
      expect.objectContaining({
        effect: 'breaks',
        object: expect.objectContaining({ kind: 'WorkloadEntry' }),
      }),
    );
    const bad = await request(backend.server).get(
      '/api/meshplane/readiness?namespace=Not_A_Namespace',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('namespace');
  });

  it('answers an entity without mesh annotations with an empty view, a malformed one with 400, an unknown one with 404', async () => {
    const unlinked = await request(backend.server).get(
      '/api/meshplane/entity/component/default/unlinked',
    );
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toMatchObject({
      links: [],
      services: [],
      workloads: [],
    });
    const broken = await request(backend.server).get(
      '/api/meshplane/entity/component/default/broken',
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toContain('meshplane.io/services');
    const unknown = await request(backend.server).get(
      '/api/meshplane/entity/component/default/nope',
    );
    expect(unknown.status).toBe(404);
  });

  it('lists fleet-wide findings with filters', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/findings?cluster=east-1&limit=1000',
    );
    expect(res.status).toBe(200);
    const body = res.body as FindingsResponse;
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every(f => f.resource.cluster === 'east-1')).toBe(true);
    const errors = await request(backend.server).get(
      '/api/meshplane/findings?level=Error&limit=1000',
    );
    expect(
      errors.body.items.every((f: { level: string }) => f.level === 'Error'),
    ).toBe(true);
    const all = await request(backend.server).get(
      '/api/meshplane/findings?limit=1000',
    );
    expect(errors.body.counts).toEqual(all.body.counts);
    expect(errors.body.totalItems).toBe(all.body.counts.Error);
    const ist0101 = await request(backend.server).get(
      '/api/meshplane/findings?code=IST0101',
    );
    expect(
      ist0101.body.items.every((f: { code: string }) => f.code === 'IST0101'),
    ).toBe(true);
    const twoCodes = await request(backend.server).get(
      '/api/meshplane/findings?code=IST0101,MPL0001&limit=1000',
    );
    expect(
      new Set(twoCodes.body.items.map((f: { code: string }) => f.code)),
    ).toEqual(new Set(['IST0101', 'MPL0001']));
    // Each finding names the service it concerns, where it concerns one (DESIGN: the
    // demo's DestinationRule payments/payments-api breaks its clients: MPL0001).
    const mpl0001 = (all.body as FindingsResponse).items.find(
      f => f.code === 'MPL0001' && f.resource.name === 'payments-api',
    );
    expect(mpl0001?.service).toEqual({
      namespace: 'payments',
      name: 'payments-api',
      entityRef: 'component:default/payments-api',
    });
  });

  it('refuses requests without credentials', async () => {
    for (const path of [
      '/clusters',
      '/clusters/east-1',
      '/services',
      '/findings',
      '/readiness?namespace=payments',
      '/entity/component/default/reviews',
    ]) {
      const res = await request(backend.server)
        .get(`/api/meshplane${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });
});

describe('meshplane backend permissions', () => {
  it('answers 403 when the policy denies fleet or entity reads', async () => {
    const fleet = await startDemoFleet();
    try {
      const backend = await startMeshplaneTestBackend({
        fleet,
        entities,
        features: [
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      });
      for (const path of [
        '/clusters',
        '/services',
        '/findings',
        '/readiness?namespace=payments',
        '/entity/component/default/reviews',
      ]) {
        const res = await request(backend.server).get(`/api/meshplane${path}`);
        expect(res.status).toBe(403);
      }
      await backend.stop();
    } finally {
      await fleet.stop();
    }
  });
});

describe('meshplane-node contracts', () => {
  it('serves the typed API client of other plugins and adds clusters from cluster sources', async () => {
    const fleet = await startDemoFleet();
    try {
      const [east] = meshplaneClustersConfig(fleet).filter(
        c => c.name === 'east-1',
      );
      let client: MeshplaneApiClient | undefined;
      const backend = await startTestBackend({
        features: [
          meshplanePlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: { meshplane: { connection: FAST_CONNECTION } },
          }),
          createBackendModule({
            pluginId: 'meshplane',
            moduleId: 'test-source',
            register(reg) {
              reg.registerInit({
                deps: { sources: meshplaneClusterSourceExtensionPoint },
                async init({ sources }) {
                  sources.addClusterSource({
                    name: 'test-registry',
                    getClusters: async () => [
                      {
                        ...east,
                        auth: {
                          provider: 'serviceAccount',
                          serviceAccountToken: east.auth.serviceAccountToken,
                        },
                      },
                    ],
                  });
                },
              });
            },
          }),
          createBackendPlugin({
            pluginId: 'probe',
            register(reg) {
              reg.registerInit({
                deps: { meshplane: meshplaneApiClientServiceRef },
                async init({ meshplane }) {
                  client = meshplane;
                },
              });
            },
          }),
        ],
      });
      const clusters = await waitFor(
        async () => {
          const list = await client!.listClusters();
          return list.items.length === 1 && list.items[0].status === 'synced'
            ? list
            : undefined;
        },
        { message: 'east-1 from the cluster source synced' },
      );
      expect(clusters.items[0]).toMatchObject({
        name: 'east-1',
        network: 'net-east',
      });
      expect((await client!.getCluster('east-1')).kinds.length).toBeGreaterThan(
        10,
      );
      await expect(client!.getCluster('west-1')).rejects.toMatchObject({
        response: { status: 404 },
      });
      const services = await client!.listServices({
        namespace: 'bookinfo',
        limit: 2,
      });
      expect(services.items.map(s => s.name)).toEqual([
        'details',
        'productpage',
      ]);
      expect(services.totalItems).toBe(6);
      const view = await client!.getEntityMeshView('component:default/reviews');
      expect(view.clusters.map(c => c.name)).toEqual(['east-1']);
      const findings = await client!.listFindings({ level: 'Error' });
      expect(findings.items.every(f => f.level === 'Error')).toBe(true);
      await backend.stop();
    } finally {
      await fleet.stop();
    }
  });
});

describe('cluster authentication as the Kubernetes plugin configures it', () => {
  /** The example access key of AWS's documentation, mapped to a reader in the simulator. */
  const AWS_KEY = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
  const AWS_ENV = {
    AWS_ACCESS_KEY_ID: AWS_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS_KEY.secretAccessKey,
    AWS_REGION: 'eu-west-1',
  };
  const savedEnv: Record<string, string | undefined> = {};
  let fleet: FleetServer;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  /** Every log line of the backend, with its fields. */
  const logLines: string[] = [];

  function capturingLogger(fields: JsonObject = {}): LoggerService {
    const log =
      (level: string) => (message: string, meta?: Error | JsonObject) => {
        logLines.push(`${level} ${message} ${inspect({ ...fields, meta })}`);
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => capturingLogger({ ...fields, ...more }),
    };
  }

  beforeAll(async () => {
    for (const [key, value] of Object.entries(AWS_ENV)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    const definition = await loadFleet(DEMO_FLEET);
    definition.tokens.push({
      name: 'eks-reader',
      aws: AWS_KEY,
      rules: definition.tokens.find(t => t.name === 'meshplane-reader')!.rules,
    });
    fleet = await startFleet({
      fleet: definition,
      tls: true,
      bookmarkIntervalMs: 1000,
    });
    const at = (name: string) => {
      const c = fleet.clusters.find(cluster => cluster.name === name)!;
      return { url: c.url, caData: Buffer.from(c.caData).toString('base64') };
    };
    backend = await startTestBackend({
      features: [
        meshplanePlugin,
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => capturingLogger(),
        }),
        mockServices.rootConfig.factory({
          data: {
            meshplane: {
              connection: FAST_CONNECTION,
              clusters: [
                {
                  name: 'east-2',
                  ...at('east-2'),
                  auth: {
                    provider: 'aws',
                    authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'east-2' },
                  },
                },
                { name: 'lab-1', ...at('lab-1'), auth: { provider: 'aks' } },
              ],
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      // The EKS cluster id differs from the portal's name for it.
                      name: 'eks-east-1',
                      ...at('east-1'),
                      authProvider: 'aws',
                      authMetadata: {
                        'kubernetes.io/x-k8s-aws-id': 'east-1',
                      },
                    },
                    {
                      name: 'west-1',
                      ...at('west-1'),
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'demo-readonly-token',
                    },
                    {
                      name: 'gke-user',
                      ...at('east-2'),
                      authProvider: 'google',
                    },
                    {
                      name: 'oidc-user',
                      ...at('lab-1'),
                      authProvider: 'oidc',
                      oidcTokenProvider: 'okta',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await fleet?.stop();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('syncs the aws and serviceAccount clusters, and says at start-up why the user-token clusters are left out', async () => {
    const list = await waitFor(
      async () => {
        const res = await request(backend.server).get(
          '/api/meshplane/clusters',
        );
        const body = res.body as ClusterListResponse;
        return body.items?.length === 3 &&
          body.items.every(c => c.status === 'synced')
          ? body
          : undefined;
      },
      { message: 'eks-east-1, east-2 and west-1 synced' },
    );
    expect(list.items.map(c => c.name)).toEqual([
      'east-2',
      'eks-east-1',
      'west-1',
    ]);
    for (const cluster of list.items) {
      expect(cluster.objectCounts.Pod).toBeGreaterThan(0);
    }
    const refused = logLines.filter(line =>
      /^warn Cluster .* not connected/.test(line),
    );
    expect(refused).toHaveLength(3);
    expect(refused).toEqual([
      expect.stringContaining(
        `Cluster lab-1 not connected: meshplane.clusters[1].auth.provider "aks" signs in with each user's own Azure token`,
      ),
      expect.stringContaining(
        `Cluster gke-user not connected: kubernetes.clusterLocatorMethods[0].clusters[2].authProvider "google" signs in with each user's own Google token`,
      ),
      expect.stringContaining(
        `Cluster oidc-user not connected: kubernetes.clusterLocatorMethods[0].clusters[3].authProvider "oidc" signs in with each user's own OIDC token`,
      ),
    ]);
  });

  it('keeps the credentials out of the API answers and the logs', async () => {
    const answers = [
      await request(backend.server).get('/api/meshplane/clusters'),
      await request(backend.server).get('/api/meshplane/clusters/eks-east-1'),
    ].map(res => JSON.stringify(res.body));
    for (const text of [...answers, logLines.join('\n')]) {
      expect(text).not.toContain('k8s-aws-v1.');
      expect(text).not.toContain(AWS_KEY.accessKeyId);
      expect(text).not.toContain(AWS_KEY.secretAccessKey);
      expect(text).not.toContain('demo-readonly-token');
    }
  });
});
