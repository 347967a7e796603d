import { clusterRequest, testFleet } from '../testing';
import { FleetCluster, FleetServer, startFleet } from './startFleet';

describe('authentication and RBAC-like authorization', () => {
  let fleet: FleetServer;
  let alpha: FleetCluster;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: testFleet(), tls: false });
    alpha = fleet.clusters.find(c => c.name === 'alpha')!;
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('answers 401 without a token or with an unknown one, but serves /version', async () => {
    for (const token of [null, 'unknown-token']) {
      const response = await clusterRequest(alpha, {
        path: '/api/v1/namespaces',
        token,
      });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    expect(
      (await clusterRequest(alpha, { path: '/version', token: null })).status,
    ).toBe(200);
  });

  it('answers 403 outside the token rules, with the kube-apiserver message', async () => {
    const reader = { token: 'reader-token' };
    expect(
      (await clusterRequest(alpha, { path: '/api/v1/configmaps', ...reader }))
        .status,
    ).toBe(200);
    const write = await clusterRequest(alpha, {
      method: 'POST',
      path: '/api/v1/namespaces/apps/configmaps',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'nope' },
      }),
      headers: { 'Content-Type': 'application/json' },
      ...reader,
    });
    expect(write.status).toBe(403);
    expect(write.json).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message:
        'configmaps is forbidden: User "system:serviceaccount:fleet-sim:reader" cannot create resource "configmaps" in API group "" in the namespace "apps"',
      details: { group: '', kind: 'configmaps' },
    });
    const istio = await clusterRequest(alpha, {
      path: '/apis/networking.istio.io/v1/namespaces/apps/virtualservices/reviews',
      ...reader,
    });
    expect(istio.status).toBe(403);
    expect(istio.json.message).toContain(
      'virtualservices.networking.istio.io "reviews" is forbidden',
    );
  });

  it('limits a namespaced token to its namespaces', async () => {
    const apps = { token: 'apps-token' };
    expect(
      (
        await clusterRequest(alpha, {
          path: '/api/v1/namespaces/apps/pods',
          ...apps,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await clusterRequest(alpha, {
          path: '/api/v1/namespaces/other/configmaps',
          ...apps,
        })
      ).status,
    ).toBe(403);
    const clusterWide = await clusterRequest(alpha, {
      path: '/api/v1/configmaps',
      ...apps,
    });
    expect(clusterWide.status).toBe(403);
    expect(clusterWide.json.message).toContain('at the cluster scope');
  });
});
