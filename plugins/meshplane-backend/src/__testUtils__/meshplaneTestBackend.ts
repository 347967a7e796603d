import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FleetServer, loadFleet, startFleet } from '@meshplane/fleet-sim';
import type { ClusterListResponse } from '@meshplane/plugin-meshplane-common';
import path from 'node:path';
import request from 'supertest';
import { meshplanePlugin } from '../plugin';

/** The demo fleet of `packages/fleet-sim` (east-1, west-1, east-2, lab-1). */
export const DEMO_FLEET = path.join(
  path.dirname(require.resolve('@meshplane/fleet-sim/package.json')),
  'fleets/demo',
);

/**
 * Polls `check` until it returns a value other than `undefined`/`false`;
 * fails with `message` (and the last value seen) after `timeoutMs`.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; message: string },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out: ${options.message} (last: ${
          last instanceof Error
            ? last.message
            : JSON.stringify(last)?.slice(0, 500)
        })`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/** Waits until the backend at `server` lists the demo fleet's four clusters, all synced. */
export async function waitForDemoFleetSynced(
  server: Parameters<typeof request>[0],
): Promise<void> {
  await waitFor(
    async () => {
      const res = await request(server).get('/api/meshplane/clusters');
      const body = res.body as ClusterListResponse;
      return (
        body.items?.length === 4 && body.items.every(c => c.status === 'synced')
      );
    },
    { message: 'every demo cluster synced' },
  );
}

/** Starts the demo fleet over HTTPS. */
export async function startDemoFleet(): Promise<FleetServer> {
  return startFleet({
    fleet: await loadFleet(DEMO_FLEET),
    tls: true,
    bookmarkIntervalMs: 1000,
  });
}

/** `meshplane.clusters` for a running fleet, as the portal's start script writes it. */
export function meshplaneClustersConfig(
  fleet: FleetServer,
  tokens: Record<string, string> = {},
) {
  return fleet.clusters.map(c => ({
    name: c.name,
    url: c.url,
    caData: Buffer.from(c.caData).toString('base64'),
    auth: {
      provider: 'serviceAccount',
      serviceAccountToken: tokens[c.name] ?? c.token,
    },
    ...(c.metadata.network ? { network: c.metadata.network } : {}),
    ...(c.metadata.region ? { region: c.metadata.region } : {}),
    ...(c.metadata.environment ? { environment: c.metadata.environment } : {}),
    ...(c.metadata.istio ? { meshRole: c.metadata.istio.role } : {}),
    ...(c.metadata.istio?.primaryCluster
      ? { primaryCluster: c.metadata.istio.primaryCluster }
      : {}),
  }));
}

/** Fast retries and short timeouts, so faults and recoveries show within seconds. */
export const FAST_CONNECTION = {
  requestTimeout: 1500,
  initialBackoff: 100,
  maxBackoff: 800,
  discoveryInterval: 1000,
  watchTimeout: 30_000,
};

/**
 * Starts a test backend with the real Meshplane plugin connected to `fleet`
 * over HTTPS, and a catalog holding `entities`.
 */
export async function startMeshplaneTestBackend(options: {
  fleet: FleetServer;
  entities?: Entity[];
  tokens?: Record<string, string>;
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** More `meshplane` settings (`prometheus`, `traffic`…). */
  meshplane?: Record<string, unknown>;
}) {
  return startTestBackend({
    features: [
      meshplanePlugin,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: {
          meshplane: {
            clusters: meshplaneClustersConfig(options.fleet, options.tokens),
            connection: FAST_CONNECTION,
            ...options.meshplane,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}
