import { fleetSnapshot, loadFleet } from '@meshplane/fleet-sim';
import {
  MeshAnalyzer,
  previewVerdict,
  type TrafficObservation,
  type TrafficObservations,
} from '@meshplane/plugin-meshplane-common';
import path from 'node:path';
import { previewRequest } from './previewRequest';

const DEMO = path.join(
  path.dirname(require.resolve('@meshplane/fleet-sim/package.json')),
  'fleets/demo',
);

/** An observation into identity/auth-service in east-1, as the destination's sidecar reports it. */
const intoAuthService = (
  source: TrafficObservation['source'],
  requestsPerSecond: number,
): TrafficObservation => ({
  source,
  destination: {
    cluster: 'east-1',
    namespace: 'identity',
    service: 'auth-service',
    workload: 'auth-service',
  },
  reporter: 'destination',
  protocol: 'http',
  requestsPerSecond,
  errorRate: 0,
  tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
});

/** The demo's traffic story into auth-service: an out-of-mesh caller and productpage, both plaintext. */
const observations: TrafficObservations = {
  apiVersion: 'meshplane.io/v1alpha1',
  kind: 'TrafficObservations',
  window: '5m',
  observedAt: '2026-12-08T10:00:00Z',
  edges: [
    intoAuthService(
      { cluster: 'unknown', namespace: 'unknown', workload: 'unknown' },
      1.5,
    ),
    intoAuthService(
      { cluster: 'east-1', namespace: 'bookinfo', workload: 'productpage-v1' },
      4,
    ),
  ],
};

/** identity made STRICT in east-1: out-of-mesh callers of auth-service start failing. */
const strictIdentity = [
  {
    cluster: 'east-1',
    object: {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'identity' },
      spec: { mtls: { mode: 'STRICT' } },
    },
  },
];

describe('previewRequest with observed traffic', () => {
  let live: MeshAnalyzer;

  beforeAll(async () => {
    live = MeshAnalyzer.fromSnapshot(fleetSnapshot(await loadFleet(DEMO)));
  });

  const preview = (observe?: Parameters<typeof previewRequest>[0]['observe']) =>
    previewRequest({
      live,
      objects: strictIdentity,
      targets: [{ cluster: 'east-1', namespace: 'identity' }],
      problems: [],
      now: new Date('2026-12-08T10:00:00Z'),
      observe,
    });

  it('lists the observed callers the request breaks, and only those', async () => {
    const asked: Array<[string[], string[]]> = [];
    const result = await preview(async (services, clusters) => {
      asked.push([services.map(s => `${s.namespace}/${s.name}`), clusters]);
      return {
        observations,
        summary: {
          window: '5m',
          joined: true,
          observedAt: observations.observedAt,
          sources: [],
        },
      };
    });
    // The observer is asked about the affected services, in every cluster of the fleet.
    expect(asked).toHaveLength(1);
    expect(asked[0][0]).toContain('identity/auth-service');
    expect(asked[0][1]).toEqual(['east-1', 'east-2', 'lab-1', 'west-1']);
    const east1 = result.clusters.find(c => c.cluster === 'east-1')!;
    const affected = east1.impact.observedAffected!.map(
      c =>
        `${c.after.from.workload} → ${c.after.to.service} ${c.after.outcome}`,
    );
    // productpage's edge is mTLS by the configuration (its plaintext is MPL0200's concern):
    // STRICT does not change it. Callers that sent nothing in the window are not listed.
    expect([...new Set(affected)]).toEqual(['unknown → auth-service fail']);
    expect(
      east1.impact.observedAffected![0].after.observed?.requestsPerSecond,
    ).toBe(1.5);
    expect(east1.impact.startFailing.length).toBeGreaterThanOrEqual(
      east1.impact.observedAffected!.length,
    );
    expect(result.breaking).toBe(true);
    expect(result.traffic?.joined).toBe(true);
    expect(previewVerdict(result)).toMatch(
      /observed traffic affected: 1 edge carried traffic in the last 5m \(unknown\/unknown → auth-service\.identity:\d+\)/,
    );
  });

  it('says nothing about observed traffic without a source, or when it did not answer', async () => {
    const without = await preview();
    expect(without.traffic).toBeUndefined();
    expect(
      without.clusters.every(c => c.impact.observedAffected === undefined),
    ).toBe(true);
    const down = await preview(async () => ({
      observations: { ...observations, edges: [] },
      summary: {
        window: '5m',
        joined: false,
        sources: [{ status: 'down', clusters: ['east-1'] }],
      },
    }));
    expect(down.traffic).toMatchObject({ joined: false });
    expect(
      down.clusters.every(c => c.impact.observedAffected === undefined),
    ).toBe(true);
    expect(previewVerdict(down)).not.toMatch(/observed traffic/);
  });
});
