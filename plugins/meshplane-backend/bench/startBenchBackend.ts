import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import net from 'node:net';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A real backend as the portal runs it (backend-defaults: real auth, HTTP
 * auth, permission client, discovery, SQLite), with the Meshplane plugin,
 * the permission backend with Meshplane's policy, the auth backend with the
 * guest provider (for user tokens) and the Kubernetes plugin configured with
 * the same clusters. The catalog is an in-memory catalog service holding the
 * benchmark's entity.
 */
export async function startBenchBackend(options: {
  clusters: Array<{
    name: string;
    url: string;
    caData: string;
    token: string;
    network?: string;
    region?: string;
  }>;
  entities: Entity[];
  /** More `meshplane` settings, e.g. `prometheus` and `traffic`. */
  meshplane?: JsonObject;
}) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const caData = (pem: string) => Buffer.from(pem).toString('base64');
  const backend = createBackend();
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        app: { baseUrl },
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        auth: {
          providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
        },
        permission: { enabled: true },
        meshplane: {
          kubernetesClusters: false,
          clusters: options.clusters.map(c => ({
            name: c.name,
            url: c.url,
            caData: caData(c.caData),
            auth: { provider: 'serviceAccount', serviceAccountToken: c.token },
            network: c.network,
            region: c.region,
          })),
          ...options.meshplane,
        },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          objectTypes: [
            'pods',
            'services',
            'configmaps',
            'deployments',
            'replicasets',
            'statefulsets',
            'daemonsets',
          ],
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: options.clusters.map(c => ({
                name: c.name,
                url: c.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: c.token,
                caData: caData(c.caData),
                skipMetricsLookup: true,
              })),
            },
          ],
        },
      },
    }),
  );
  backend.add(catalogServiceMock.factory({ entities: options.entities }));
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(import('@meshplane/plugin-permission-backend-module-meshplane'));
  backend.add(import('@backstage/plugin-kubernetes-backend'));
  backend.add(import('../src'));
  await backend.start();

  const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok)
    throw new Error(
      `guest sign-in failed: HTTP ${refresh.status} ${await refresh.text()}`,
    );
  const token: string = (await refresh.json()).backstageIdentity.token;
  return { backend, baseUrl, token };
}
