import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { parseKubeYaml } from '../load';
import type { MeshAnalyzer } from '../analyzer/MeshAnalyzer';
import type { Edge, TrafficObservations } from '../model/types';
import { parseTrafficObservations } from '../traffic/parseTrafficObservations';
import { observedTrafficAffected } from './observedTrafficAffected';

/** shop/web (sidecar), shop/legacy (no sidecar) and out-of-mesh callers of pay/api (sidecar, PERMISSIVE). */
const FLEET = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: pay, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: legacy, namespace: shop}
spec: {template: {metadata: {labels: {app: legacy, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: legacy}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle, namespace: shop}
spec: {template: {metadata: {labels: {app: idle, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: idle}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: pay}
spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: api, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: pay}
spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: 8080}]}
`;

/** The request: STRICT for pay. */
const STRICT = `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: pay}
spec: {mtls: {mode: STRICT}}
`;

const observed = (workload: string, namespace = 'shop', fields = {}) => ({
  source: {
    cluster: workload === 'unknown' ? 'unknown' : 'default',
    namespace,
    workload,
  },
  destination: { cluster: 'default', namespace: 'pay', service: 'api' },
  reporter: 'destination',
  protocol: 'http',
  requestsPerSecond: 1,
  tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
  ...fields,
});

function observations(...edges: object[]): TrafficObservations {
  return parseTrafficObservations({
    apiVersion: 'meshplane.io/v1alpha1',
    kind: 'TrafficObservations',
    window: '1h',
    observedAt: '2025-06-01T12:00:00Z',
    edges,
  });
}

/** What the preview compares: every caller's edges to pay/api, with the observed out-of-mesh callers'. */
function edgesOf(analyzer: MeshAnalyzer, traffic: TrafficObservations): Edge[] {
  return [
    ...analyzer.serverEdges('pay', 'api').flatMap(g => g.edges),
    ...analyzer
      .trafficEdges(traffic)
      .edges.filter(e => e.from.workload === 'unknown'),
  ];
}

describe('observedTrafficAffected', () => {
  it('names the observed callers a move to STRICT breaks, busiest first, and not the idle or mTLS ones', () => {
    const before = analyzerFor(FLEET);
    const after = before.fork();
    for (const { object } of parseKubeYaml(STRICT, 'strict.yaml').objects)
      after.upsert('default', object);
    const traffic = observations(
      observed('legacy', 'shop', { requestsPerSecond: 3 }),
      observed('unknown', 'unknown', { requestsPerSecond: 8 }),
      observed('web', 'shop', {
        tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
      }),
      observed('idle', 'shop', { requestsPerSecond: 0 }),
    );
    const affected = observedTrafficAffected(
      edgesOf(before, traffic),
      edgesOf(after, traffic),
      traffic,
    );
    expect(
      affected.map(
        c =>
          `${c.before.from.workload}: ${c.before.outcome} → ${c.after.outcome} at ${c.after.observed?.requestsPerSecond} req/s`,
      ),
    ).toEqual([
      'unknown: plaintext → fail at 8 req/s',
      'legacy: plaintext → fail at 3 req/s',
    ]);
    expect(affected[0].before.observed).toEqual(affected[0].after.observed);
  });

  it('is empty without observed traffic or without a change', () => {
    const before = analyzerFor(FLEET);
    const traffic = observations(observed('legacy'));
    const edges = edgesOf(before, traffic);
    expect(observedTrafficAffected(edges, edges, traffic)).toEqual([]);
    expect(
      observedTrafficAffected(
        edges,
        edges.map(e => ({ ...e, outcome: 'fail' as const })),
        observations(),
      ),
    ).toEqual([]);
  });
});
