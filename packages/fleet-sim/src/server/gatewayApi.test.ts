import { AGGREGATED_DISCOVERY } from '../resources';
import { clusterRequest, testFleet } from '../testing';
import { FleetCluster, FleetServer, startFleet } from './startFleet';

const GROUP = 'gateway.networking.k8s.io';

/**
 * The Gateway API kinds as the v1.4.0 release's CRDs define them: served versions (storage first),
 * scope, short names, status subresource, and the channel whose install manifest holds the CRD.
 */
const GATEWAY_API_KINDS = [
  {
    plural: 'gatewayclasses',
    kind: 'GatewayClass',
    versions: ['v1', 'v1beta1'],
    namespaced: false,
    shortNames: ['gc'],
    status: true,
    channel: 'standard',
  },
  {
    plural: 'gateways',
    kind: 'Gateway',
    versions: ['v1', 'v1beta1'],
    namespaced: true,
    shortNames: ['gtw'],
    status: true,
    channel: 'standard',
  },
  {
    plural: 'httproutes',
    kind: 'HTTPRoute',
    versions: ['v1', 'v1beta1'],
    namespaced: true,
    shortNames: [],
    status: true,
    channel: 'standard',
  },
  {
    plural: 'grpcroutes',
    kind: 'GRPCRoute',
    versions: ['v1'],
    namespaced: true,
    shortNames: [],
    status: true,
    channel: 'standard',
  },
  {
    plural: 'referencegrants',
    kind: 'ReferenceGrant',
    versions: ['v1beta1'],
    namespaced: true,
    shortNames: ['refgrant'],
    status: false,
    channel: 'standard',
  },
  {
    plural: 'tcproutes',
    kind: 'TCPRoute',
    versions: ['v1alpha2'],
    namespaced: true,
    shortNames: [],
    status: true,
    channel: 'experimental',
  },
  {
    plural: 'tlsroutes',
    kind: 'TLSRoute',
    versions: ['v1alpha2'],
    namespaced: true,
    shortNames: [],
    status: true,
    channel: 'experimental',
  },
];

const kindsIn = (version: string) =>
  GATEWAY_API_KINDS.filter(k => k.versions.includes(version));

describe('the Gateway API kinds', () => {
  let fleet: FleetServer;
  let alpha: FleetCluster;
  let beta: FleetCluster;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: testFleet() });
    alpha = fleet.clusters.find(c => c.name === 'alpha')!;
    beta = fleet.clusters.find(c => c.name === 'beta')!;
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('are in aggregated discovery, in every version, where Istio is installed', async () => {
    const discovery = await clusterRequest(alpha, {
      path: '/apis',
      headers: { Accept: AGGREGATED_DISCOVERY },
    });
    const group = discovery.json.items.find(
      (g: any) => g.metadata.name === GROUP,
    );
    expect(group.versions.map((v: any) => v.version)).toEqual([
      'v1',
      'v1beta1',
      'v1alpha2',
    ]);
    for (const version of group.versions) {
      expect(version.resources).toEqual(
        kindsIn(version.version).map(k => ({
          resource: k.plural,
          responseKind: {
            group: GROUP,
            version: version.version,
            kind: k.kind,
          },
          scope: k.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: k.kind.toLowerCase(),
          verbs: expect.arrayContaining(['get', 'list', 'watch', 'create']),
          ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
          categories: ['gateway-api'],
          ...(k.status
            ? {
                subresources: [
                  {
                    subresource: 'status',
                    responseKind: {
                      group: GROUP,
                      version: version.version,
                      kind: k.kind,
                    },
                    verbs: ['get', 'patch', 'update'],
                  },
                ],
              }
            : {}),
        })),
      );
    }
  });

  it('are in the legacy group and resource lists', async () => {
    const groups = await clusterRequest(alpha, { path: '/apis' });
    expect(groups.json.groups).toContainEqual(
      expect.objectContaining({
        name: GROUP,
        preferredVersion: { groupVersion: `${GROUP}/v1`, version: 'v1' },
      }),
    );
    for (const version of ['v1', 'v1beta1', 'v1alpha2']) {
      const list = await clusterRequest(alpha, {
        path: `/apis/${GROUP}/${version}`,
      });
      expect(list.status).toBe(200);
      expect(list.json.resources.map((r: any) => r.name)).toEqual(
        kindsIn(version).flatMap(k =>
          k.status ? [k.plural, `${k.plural}/status`] : [k.plural],
        ),
      );
    }
  });

  it('have the CRDs of the v1.4.0 release, annotated with their channel', async () => {
    const crds = await clusterRequest(alpha, {
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    });
    const gatewayApi = crds.json.items.filter(
      (crd: any) => crd.spec.group === GROUP,
    );
    expect(gatewayApi.map((crd: any) => crd.metadata.name).sort()).toEqual(
      GATEWAY_API_KINDS.map(k => `${k.plural}.${GROUP}`).sort(),
    );
    for (const k of GATEWAY_API_KINDS) {
      const crd = gatewayApi.find(
        (c: any) => c.metadata.name === `${k.plural}.${GROUP}`,
      );
      expect(crd.metadata.annotations).toEqual({
        'gateway.networking.k8s.io/bundle-version': 'v1.4.0',
        'gateway.networking.k8s.io/channel': k.channel,
      });
      expect(crd.spec.names).toEqual({
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        singular: k.kind.toLowerCase(),
        ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
        categories: ['gateway-api'],
      });
      expect(crd.spec.scope).toBe(k.namespaced ? 'Namespaced' : 'Cluster');
      expect(
        crd.spec.versions.map((v: any) => ({
          name: v.name,
          storage: v.storage,
          status: v.subresources?.status !== undefined,
        })),
      ).toEqual(
        k.versions.map((name, i) => ({
          name,
          storage: i === 0,
          status: k.status,
        })),
      );
    }
  });

  it('have OpenAPI v3 documents for every group version', async () => {
    const index = await clusterRequest(alpha, { path: '/openapi/v3' });
    for (const version of ['v1', 'v1beta1', 'v1alpha2']) {
      const entry = index.json.paths[`apis/${GROUP}/${version}`];
      expect(entry).toBeDefined();
      const document = await clusterRequest(alpha, {
        path: entry.serverRelativeURL,
      });
      expect(document.status).toBe(200);
      const schemas = Object.values(document.json.components.schemas) as any[];
      for (const k of kindsIn(version)) {
        const collection = k.namespaced
          ? `/apis/${GROUP}/${version}/namespaces/{namespace}/${k.plural}`
          : `/apis/${GROUP}/${version}/${k.plural}`;
        expect(document.json.paths[collection]).toBeDefined();
        expect(schemas).toContainEqual(
          expect.objectContaining({
            type: 'object',
            'x-kubernetes-group-version-kind': [
              { group: GROUP, version, kind: k.kind },
            ],
          }),
        );
      }
    }
  });

  it('store routes with their status in every served version; a ReferenceGrant has no status', async () => {
    const write = (method: string, path: string, body: unknown) =>
      clusterRequest(alpha, {
        method,
        path,
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const route = {
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'reviews', namespace: 'apps' },
      spec: {
        parentRefs: [{ name: 'web' }],
        rules: [{ backendRefs: [{ name: 'reviews', port: 9080 }] }],
      },
    };
    const base = `/apis/${GROUP}/v1/namespaces/apps/httproutes`;
    expect((await write('POST', base, route)).status).toBe(201);
    const status = {
      parents: [
        {
          parentRef: { name: 'web' },
          controllerName: 'istio.io/gateway-controller',
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
          ],
        },
      ],
    };
    const created = await clusterRequest(alpha, { path: `${base}/reviews` });
    expect(
      (
        await write('PUT', `${base}/reviews/status`, {
          ...created.json,
          status,
        })
      ).status,
    ).toBe(200);
    const v1beta1 = await clusterRequest(alpha, {
      path: `/apis/${GROUP}/v1beta1/namespaces/apps/httproutes/reviews`,
    });
    expect(v1beta1.json.apiVersion).toBe(`${GROUP}/v1beta1`);
    expect(v1beta1.json.status).toEqual(status);

    const grants = `/apis/${GROUP}/v1beta1/namespaces/apps/referencegrants`;
    const grant = await write('POST', grants, {
      apiVersion: `${GROUP}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'from-other', namespace: 'apps' },
      spec: {
        from: [{ group: GROUP, kind: 'HTTPRoute', namespace: 'other' }],
        to: [{ group: '', kind: 'Service' }],
      },
    });
    expect(grant.status).toBe(201);
    expect(
      (await clusterRequest(alpha, { path: `${grants}/from-other/status` }))
        .status,
    ).toBe(404);
  });

  it('are not served where Istio is not installed', async () => {
    const groups = await clusterRequest(beta, { path: '/apis' });
    expect(groups.json.groups.map((g: any) => g.name)).not.toContain(GROUP);
    const tcp = await clusterRequest(beta, {
      path: `/apis/${GROUP}/v1alpha2/namespaces/apps/tcproutes`,
    });
    expect(tcp.status).toBe(404);
  });
});
