import type { ServiceListResponse } from '@meshplane/plugin-meshplane-common';
import {
  clusterSummary,
  demoOptions,
  instance,
  serviceSummary,
} from '../__fixtures__/fleetSnapshot';
import { buildFleetEntities } from '../entities';
import { type FleetClient, FleetReader } from './FleetReader';

const services = Array.from({ length: 2500 }, (_, i) =>
  serviceSummary('load', `svc-${String(i).padStart(4, '0')}`, [
    instance('east'),
  ]),
);

/** A backend whose fleet state is `etags[n]` at the n-th services call. */
function client(
  etags: string[],
  problems: ServiceListResponse['problems'] = [],
) {
  const calls: Array<{ offset?: number; ifNoneMatch?: string }> = [];
  const fake: FleetClient = {
    listServicesIfChanged: async (query, ifNoneMatch) => {
      calls.push({ offset: query.offset, ifNoneMatch });
      const etag = etags[Math.min(calls.length - 1, etags.length - 1)];
      if (ifNoneMatch === etag) {
        return undefined;
      }
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 100;
      return {
        etag,
        body: {
          items: services.slice(offset, offset + limit),
          totalItems: services.length,
          offset,
          limit,
          problems,
        },
      };
    },
    listClusters: async () => ({
      items: [
        clusterSummary('east', { lastSync: '2026-01-01T00:00:00Z' }),
        clusterSummary('west', { status: 'connecting' }),
      ],
    }),
    listClusterEndpoints: async () => ({
      items: [{ name: 'east', url: 'https://east:6443' }],
    }),
  };
  return { fake, calls };
}

describe('FleetReader', () => {
  it('reads every page of one fleet state and names the clusters its services lack', async () => {
    const { fake, calls } = client(
      ['v1'],
      [
        { cluster: 'lab', status: 'unreachable', stale: false },
        { cluster: 'east', status: 'degraded', stale: true },
      ],
    );
    const read = await new FleetReader({ client: fake }).read();
    expect(calls.map(c => c.offset)).toEqual([0, 1000, 2000]);
    expect(read?.etag).toBe('v1');
    expect(read?.snapshot.services).toHaveLength(2500);
    expect(read?.snapshot.endpoints).toEqual([
      { name: 'east', url: 'https://east:6443' },
    ]);
    // west is connecting by the time the cluster list is read, but its
    // services were in the services read: only lab's are missing.
    expect(read?.snapshot.unsyncedClusters).toEqual([
      { cluster: 'lab', status: 'unreachable', stale: false },
    ]);
  });

  it('quotes an unsynced cluster with the status of the services read, whatever the cluster list says later', async () => {
    const error = {
      reason: 'unreachable' as const,
      message: 'discovery /version: connect ECONNREFUSED',
      at: '2026-01-01T00:00:00Z',
    };
    const { fake } = client(
      ['v1'],
      [{ cluster: 'west', status: 'connecting', stale: false, error }],
    );
    fake.listClusters = async () => ({
      items: [
        clusterSummary('east', { lastSync: '2026-01-01T00:00:00Z' }),
        // Synced a moment after the services were read.
        clusterSummary('west', { lastSync: '2026-01-01T00:00:05Z' }),
      ],
    });
    const read = await new FleetReader({ client: fake }).read();
    const { findings } = buildFleetEntities(
      read!.snapshot,
      { claimedBy: new Map(), findings: [] },
      demoOptions,
    );
    expect(findings.filter(f => f.code === 'incomplete-fleet')).toEqual([
      {
        code: 'incomplete-fleet',
        entityRef: 'resource:default/west',
        message:
          'Cluster west is not synced by the meshplane backend yet (status connecting: discovery /version: connect ECONNREFUSED); the catalog keeps the services, gateways and VMs built from it until it syncs',
      },
    ]);
  });

  it('answers undefined while the fleet has not changed', async () => {
    const { fake, calls } = client(['v1']);
    await expect(
      new FleetReader({ client: fake }).read('v1'),
    ).resolves.toBeUndefined();
    expect(calls).toEqual([{ offset: 0, ifNoneMatch: 'v1' }]);
  });

  it('starts over when the fleet changes between pages', async () => {
    const { fake, calls } = client(['v1', 'v2', 'v2', 'v2', 'v2']);
    const read = await new FleetReader({ client: fake }).read();
    expect(read?.etag).toBe('v2');
    expect(calls.map(c => c.offset)).toEqual([0, 1000, 0, 1000, 2000]);
  });

  it('gives up after three inconsistent reads', async () => {
    const { fake } = client(['a', 'b', 'c', 'd', 'e', 'f']);
    await expect(new FleetReader({ client: fake }).read()).rejects.toThrow(
      'The fleet changed while its services were read, 3 times in a row',
    );
  });
});
