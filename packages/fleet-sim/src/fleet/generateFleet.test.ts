import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fleetObjectCount, generateFleet } from './generateFleet';
import { loadFleet } from './loadFleet';
import { writeFleet } from './writeFleet';

describe('generateFleet', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateFleet({ clusters: 3, services: 40, seed: 7 });
    const b = generateFleet({ clusters: 3, services: 40, seed: 7 });
    const c = generateFleet({ clusters: 3, services: 40, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('builds services with sidecar pods owned through ReplicaSets and Deployments', () => {
    const fleet = generateFleet({ clusters: 2, services: 10 });
    const objects = fleet.clusters.flatMap(c => c.objects);
    const deployments = new Map(
      objects
        .filter(o => o.kind === 'Deployment')
        .map(o => [o.metadata.uid, o]),
    );
    const replicaSets = new Map(
      objects
        .filter(o => o.kind === 'ReplicaSet')
        .map(o => [o.metadata.uid, o]),
    );
    const pods = objects.filter(
      o => o.kind === 'Pod' && o.metadata.namespace !== 'istio-system',
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      const rs = replicaSets.get(pod.metadata.ownerReferences![0].uid)!;
      expect(deployments.has(rs.metadata.ownerReferences![0].uid)).toBe(true);
      expect(pod.metadata.labels?.['security.istio.io/tlsMode']).toBe('istio');
    }
    const kinds = new Set(objects.map(o => o.kind));
    for (const kind of [
      'Service',
      'ServiceAccount',
      'DestinationRule',
      'VirtualService',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'ServiceEntry',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('round-trips through a fleet folder', async () => {
    const fleet = generateFleet({ clusters: 2, services: 12, seed: 3 });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-gen-'));
    writeFleet(fleet, folder);
    const loaded = await loadFleet(folder);
    expect(fleetObjectCount(loaded)).toBe(fleetObjectCount(fleet));
    expect(loaded.clusters.map(c => c.metadata)).toEqual(
      fleet.clusters.map(c => c.metadata),
    );
  });
});
