import type { Entity } from '@backstage/catalog-model';
import type { FleetServer } from '@meshplane/fleet-sim';
import type {
  EntityMeshView,
  GatewayApiRoute,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';
import request from 'supertest';
import {
  startDemoFleet,
  startMeshplaneTestBackend,
  waitForDemoFleetSynced,
} from './__testUtils__/meshplaneTestBackend';

/*
 * The Gateway API in the answers the catalog and the entity tabs read, on the demo fleet
 * (packages/fleet-sim/fleets/demo/east-1/gateway-api.yaml): the ingress Gateway
 * istio-ingress/public-gateway of class istio, served by the Service istiod generates for it, its
 * HTTPRoutes and GRPCRoute, and the mesh route splitting reviews 90/10.
 */

jest.setTimeout(60_000);

function entity(
  kind: 'Component' | 'Resource',
  name: string,
  services: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'meshplane.io/services': services },
    },
    spec:
      kind === 'Resource'
        ? { type: 'mesh-gateway', owner: 'group:default/platform-team' }
        : {
            type: 'service',
            owner: 'group:default/bookinfo-team',
            lifecycle: 'production',
          },
  };
}

const entities: Entity[] = [
  entity(
    'Resource',
    'public-gateway-istio.istio-ingress',
    'istio-ingress/public-gateway-istio',
  ),
  entity('Component', 'productpage', 'bookinfo/productpage'),
  entity('Component', 'reviews', 'bookinfo/reviews'),
  entity('Component', 'checkout', 'payments/checkout'),
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
];

/** A route in one line: `HTTPRoute bookinfo/x [relations] parents → backends`. */
function line(route: GatewayApiRoute): string {
  const parents = route.parents.map(
    p =>
      `${p.kind} ${p.namespace}/${p.name}${
        p.sectionName ? `#${p.sectionName}` : ''
      } ${p.accepted ? 'Accepted' : p.reason}${
        p.listeners.length ? ` [${p.listeners.join(',')}]` : ''
      }`,
  );
  const backends = route.backends.map(
    b =>
      `${b.namespace}/${b.name}:${b.port} w${b.weight} ${
        b.resolved ? 'resolved' : b.reason
      }${b.findingCodes.length ? ` (${b.findingCodes.join(',')})` : ''}`,
  );
  return `${route.kind} ${route.namespace}/${
    route.name
  } [${route.relations.join(',')}] ${route.clusters.join(',')}: ${parents.join(
    '; ',
  )} → ${backends.join('; ')}`;
}

describe('the Gateway API in the meshplane backend on the demo fleet', () => {
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

  const view = async (path: string): Promise<EntityMeshView> => {
    const res = await request(backend.server).get(
      `/api/meshplane/entity/${path}`,
    );
    expect(res.status).toBe(200);
    return res.body as EntityMeshView;
  };

  it('lists the Service istiod generates for a Gateway as a gateway serving it, with listeners, hostnames, class and status (what the catalog reads)', async () => {
    const res = await request(backend.server)
      .get('/api/meshplane/services')
      .query({ namespace: 'istio-ingress', q: 'public-gateway' });
    expect(res.status).toBe(200);
    const [service] = (res.body as ServiceListResponse).items;
    expect(service).toMatchObject({
      namespace: 'istio-ingress',
      name: 'public-gateway-istio',
      gateway: true,
    });
    expect(service.gatewayApi).toHaveLength(1);
    const [gateway] = service.gatewayApi!;
    expect(gateway).toMatchObject({
      cluster: 'east-1',
      namespace: 'istio-ingress',
      name: 'public-gateway',
      className: 'istio',
      hostnames: ['bookinfo.example.com', 'grpc.example.com'],
      addresses: ['203.0.113.10'],
    });
    expect(
      gateway.listeners.map(
        l => `${l.name} ${l.protocol}/${l.port} ${l.hostname}`,
      ),
    ).toEqual([
      'http HTTP/80 bookinfo.example.com',
      'https HTTPS/443 bookinfo.example.com',
      'grpc HTTP/80 grpc.example.com',
    ]);
    expect(
      gateway.conditions.map(c => `${c.type}=${c.status} ${c.reason}`),
    ).toEqual(['Accepted=True Accepted', 'Programmed=True Programmed']);
    // The https listener's certificate is refused (istiod's listener status, as written).
    expect(
      gateway.listeners
        .find(l => l.name === 'https')
        ?.conditions.find(c => c.type === 'ResolvedRefs'),
    ).toMatchObject({ status: 'False', reason: 'RefNotPermitted' });
    // Services that serve no Gateway say nothing of it.
    const productpage = await request(backend.server)
      .get('/api/meshplane/services')
      .query({ namespace: 'bookinfo', q: 'productpage' });
    expect(
      (productpage.body as ServiceListResponse).items.find(
        s => s.name === 'productpage',
      )?.gatewayApi,
    ).toBeUndefined();
  });

  it("answers a gateway Resource with its Gateway and the routes attached to it: listeners, Accepted, backends with weight and status, the findings' codes", async () => {
    const gateway = await view(
      'resource/default/public-gateway-istio.istio-ingress',
    );
    expect(gateway.gateways.map(g => `${g.cluster}/${g.name}`)).toEqual([
      'east-1/public-gateway',
    ]);
    expect(gateway.routes.map(line)).toEqual([
      'HTTPRoute bookinfo/auth [gateway] east-1: Gateway istio-ingress/public-gateway#http Accepted [http] → identity/auth-service:8443 w1 resolved',
      'HTTPRoute bookinfo/bookinfo [gateway] east-1: Gateway istio-ingress/public-gateway Accepted [http,https] → bookinfo/productpage:9080 w1 resolved',
      'HTTPRoute bookinfo/checkout [gateway] east-1: Gateway istio-ingress/public-gateway#http Accepted [http] → payments/checkout:8080 w1 RefNotPermitted (MPL0502,KIA1402)',
      'HTTPRoute bookinfo/details-v2 [gateway] east-1: Gateway istio-ingress/public-gateway#http Accepted [http] → bookinfo/details-v2:9080 w1 BackendNotFound (MPL0501,KIA1402)',
      'GRPCRoute sandbox/grpc-echo [gateway] east-1: Gateway istio-ingress/public-gateway Accepted [grpc] → sandbox/grpc-echo:8079 w1 resolved',
    ]);
    expect(gateway.routes.map(r => r.hostnames)).toEqual([
      ['bookinfo.example.com'],
      ['bookinfo.example.com'],
      ['bookinfo.example.com'],
      ['bookinfo.example.com'],
      ['grpc.example.com'],
    ]);
    const details = gateway.routes.find(r => r.name === 'details-v2')!;
    expect(details.backends[0]).toMatchObject({
      resolved: false,
      reason: 'BackendNotFound',
      message: 'backend(details-v2.bookinfo.svc.cluster.local) not found',
      path: 'spec.rules[0].backendRefs[0]',
    });
  });

  it('answers a service with the routes that reach it: a gateway route to productpage, the route to checkout Istio refuses, the mesh route of reviews', async () => {
    const productpage = await view('component/default/productpage');
    expect(productpage.gateways).toEqual([]);
    expect(productpage.routes.map(line)).toEqual([
      'HTTPRoute bookinfo/bookinfo [backend] east-1: Gateway istio-ingress/public-gateway Accepted [http,https] → bookinfo/productpage:9080 w1 resolved',
    ]);
    // The topology draws gateway → route → service.
    const { edges } = productpage.topology;
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          from: 'gateway:istio-ingress/public-gateway',
          to: 'route:HTTPRoute:bookinfo/bookinfo',
          type: 'attaches',
        }),
        expect.objectContaining({
          from: 'route:HTTPRoute:bookinfo/bookinfo',
          to: 'service:bookinfo/productpage',
          type: 'backend',
        }),
      ]),
    );

    const checkout = await view('component/default/checkout');
    expect(checkout.routes.map(line)).toEqual([
      'HTTPRoute bookinfo/checkout [backend] east-1: Gateway istio-ingress/public-gateway#http Accepted [http] → payments/checkout:8080 w1 RefNotPermitted (MPL0502,KIA1402)',
    ]);

    const reviews = await view('component/default/reviews');
    expect(reviews.routes.map(line)).toEqual([
      'HTTPRoute bookinfo/reviews [parent] east-1: Service bookinfo/reviews Accepted → bookinfo/reviews-v1:9080 w90 resolved; bookinfo/reviews-v2:9080 w10 resolved',
    ]);
  });

  it('answers a cluster Resource for that cluster only', async () => {
    // east-2 runs productpage too, without the Gateway API: no routes there.
    const east2 = await view('resource/default/east-2');
    expect(east2.routes).toEqual([]);
    expect(east2.gateways).toEqual([]);
  });
});
