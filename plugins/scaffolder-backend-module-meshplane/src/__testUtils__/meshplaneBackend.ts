import {
  mockCredentials,
  mockServices,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { FleetServer } from '@meshplane/fleet-sim';
// The actions are tested against the real backend they call, started the way
// the backend's own tests start it (one helper for the fleet, the backend and
// bounded waits).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports, @backstage/no-forbidden-package-imports
import {
  startDemoFleet,
  startMeshplaneTestBackend,
  waitFor,
} from '@meshplane/plugin-meshplane-backend/src/__testUtils__/meshplaneTestBackend';
import { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';

/** The demo workspaces (examples/workspaces.yaml) as catalog entities. */
function demoWorkspaces(): Entity[] {
  const file = resolve(__dirname, '../../../../examples/workspaces.yaml');
  return YAML.parseAllDocuments(readFileSync(file, 'utf8')).map(doc => ({
    ...(doc.toJS() as Entity),
    metadata: { namespace: 'default', ...(doc.toJS() as Entity).metadata },
  }));
}

/** A running Meshplane backend on the demo fleet, and the client the actions reach it with. */
export interface MeshplaneTestBackend {
  fleet: FleetServer;
  backend: TestBackend;
  /** `/api/meshplane` of the backend. */
  baseUrl: string;
  /** The client the actions get from `meshplaneApiClientServiceRef`, here with the scaffolder's mock auth. */
  meshplane: MeshplaneApiClient;
  stop(): Promise<void>;
}

/**
 * Starts the demo fleet and the real Meshplane backend plugin connected to it
 * (its own SQLite database, the demo workspaces in the catalog), and waits
 * until the fleet is in sync.
 */
export async function startMeshplaneBackend(): Promise<MeshplaneTestBackend> {
  const fleet = await startDemoFleet();
  const backend = await startMeshplaneTestBackend({
    fleet,
    entities: demoWorkspaces(),
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/meshplane`;
  await waitFor(
    async () => {
      const response = await fetch(`${baseUrl}/clusters`, {
        headers: {
          Authorization: mockCredentials.user.header('user:default/guest'),
        },
      });
      const body: { items: Array<{ status: string }> } = response.ok
        ? await response.json()
        : { items: [] };
      return body.items.filter(c => c.status === 'synced').length >= 3;
    },
    { timeoutMs: 60_000, message: 'the demo fleet to sync' },
  );
  return {
    fleet,
    backend,
    baseUrl,
    meshplane: MeshplaneApiClient.create({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    }),
    async stop() {
      await backend.stop();
      await fleet.stop();
    },
  };
}
