import { analyzerFor } from '../__testUtils__/analyzeYaml';
import {
  ISTIOD_YAML,
  waypointYaml,
  ZTUNNEL_YAML,
} from '../__testUtils__/ambientYaml';
import type { Edge, Message, TrafficObservations } from '../model/types';
import { parseTrafficObservations } from './parseTrafficObservations';
import { observedTlsContradiction } from './trafficFindings';

/**
 * The join of observed traffic with configured edges (istio-semantics.md §i, DESIGN §9): which
 * reporter an edge takes, what it shows for L4-only edges, and the findings only the join can
 * make (MPL0200–MPL0204).
 */

const deployment = (ns: string, name: string, labels = '') => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}${labels}}}
    spec: {serviceAccountName: ${name}, containers: [{name: app, ports: [{containerPort: 8080}]}]}`;

const service = (ns: string, name: string, labels = '{}') => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: 8080}]}`;

/** Sidecars: shop/web and shop/batch call pay/api. */
const SIDECARS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: pay, labels: {istio-injection: enabled}}
${deployment('shop', 'web')}
${deployment('shop', 'batch')}
${deployment('pay', 'api')}
${service('pay', 'api')}`;

const STRICT = `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: pay}
spec: {mtls: {mode: STRICT}}`;

/** Only shop/web may call pay/api. */
const ALLOW_WEB = `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: api-callers, namespace: pay}
spec:
  selector: {matchLabels: {app: api}}
  rules: [{from: [{source: {principals: [cluster.local/ns/shop/sa/web]}}]}]`;

/** web's Sidecar names pay/api (and every host of istio-system, a wildcard). */
const WEB_EGRESS = `
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: web, namespace: shop}
spec:
  workloadSelector: {labels: {app: web}}
  egress: [{hosts: [pay/api.pay.svc.cluster.local, istio-system/*]}]`;

/** Ambient: amb/client calls amb/server (no waypoint) and amb/wp-server (through a waypoint). */
const AMBIENT = `${ISTIOD_YAML}${ZTUNNEL_YAML}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
${deployment('amb', 'client')}
${deployment('amb', 'server')}
${service('amb', 'server')}
${deployment('amb', 'wp-server')}
${service('amb', 'wp-server', '{istio.io/use-waypoint: waypoint}')}
${waypointYaml('amb')}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: waypoint, namespace: amb}
spec:
  template:
    metadata:
      labels: {gateway.networking.k8s.io/gateway-name: waypoint, gateway.istio.io/managed: istio.io-mesh-controller, istio.io/dataplane-mode: none}
    spec: {containers: [{name: istio-proxy, image: proxyv2, args: [proxy, waypoint]}]}`;

const TLS_MUTUAL = { mutualTls: 1, plaintext: 0, unknown: 0 };

type Observation = Record<string, unknown>;

/** An observation: `shop/web` → `pay/api` in `default` by the destination reporter unless told. */
const seen = (fields: Observation = {}): Observation => ({
  source: { cluster: 'default', namespace: 'shop', workload: 'web' },
  destination: { cluster: 'default', namespace: 'pay', service: 'api' },
  reporter: 'destination',
  protocol: 'http',
  requestsPerSecond: 10,
  tls: TLS_MUTUAL,
  ...fields,
});

const from = (namespace: string, workload: string, cluster = 'default') => ({
  cluster,
  namespace,
  workload,
});
const to = (namespace: string, name: string, cluster = 'default') => ({
  cluster,
  namespace,
  service: name,
});

function observations(...edges: Observation[]): TrafficObservations {
  return parseTrafficObservations({
    apiVersion: 'meshplane.io/v1alpha1',
    kind: 'TrafficObservations',
    window: '5m',
    observedAt: '2025-06-01T12:00:00Z',
    edges,
  });
}

/** `CODE Kind ns/name [path]` of a finding. */
const brief = (m: Message) =>
  `${m.code} ${m.resource.kind} ${m.resource.namespace}/${m.resource.name}${
    m.path ? ` ${m.path}` : ''
  }`;

describe('the traffic join', () => {
  it.each<{
    name: string;
    yaml: string;
    traffic: Observation[];
    /** The edge looked at: caller workload → service name. */
    edge: [string, string];
    outcome: Edge['outcome'];
    observed: Record<string, unknown>;
    findings: string[];
  }>([
    {
      name: 'sidecar → sidecar made mTLS, observed partly plaintext: MPL0200 on the client',
      yaml: SIDECARS,
      traffic: [
        seen({ tls: { mutualTls: 0.75, plaintext: 0.25, unknown: 0 } }),
      ],
      edge: ['web', 'api'],
      outcome: 'mtls',
      observed: { reporter: 'destination', requestsPerSecond: 10 },
      findings: ['MPL0200 Deployment shop/web'],
    },
    {
      name: 'the destination reporter is preferred over the source reporter, never added',
      yaml: SIDECARS,
      traffic: [
        seen({
          reporter: 'source',
          requestsPerSecond: 11,
          tls: { mutualTls: 0, plaintext: 0, unknown: 1 },
        }),
        seen({ requestsPerSecond: 10, errorRate: 0.1 }),
      ],
      edge: ['web', 'api'],
      outcome: 'mtls',
      observed: {
        reporter: 'destination',
        protocol: 'http',
        requestsPerSecond: 10,
        errorRate: 0.1,
        tls: TLS_MUTUAL,
      },
      findings: [],
    },
    {
      name: 'the source reporter stands in where no destination series exists, with TLS unknown',
      yaml: SIDECARS,
      traffic: [
        seen({
          reporter: 'source',
          tls: { mutualTls: 0, plaintext: 0, unknown: 1 },
        }),
      ],
      edge: ['web', 'api'],
      outcome: 'mtls',
      observed: { reporter: 'source', requestsPerSecond: 10 },
      findings: [],
    },
    {
      name: 'endpoint workloads add up; latency takes the highest percentile',
      yaml: SIDECARS,
      traffic: [
        seen({
          destination: { ...to('pay', 'api'), workload: 'api-a' },
          requestsPerSecond: 3,
          errorRate: 0,
          latencyMs: { p50: 2, p95: 5, p99: 40 },
        }),
        seen({
          destination: { ...to('pay', 'api'), workload: 'api-b' },
          requestsPerSecond: 1,
          errorRate: 0.4,
          latencyMs: { p50: 4, p95: 6, p99: 9 },
        }),
      ],
      edge: ['web', 'api'],
      outcome: 'mtls',
      observed: {
        requestsPerSecond: 4,
        errorRate: 0.1,
        latencyMs: { p50: 4, p95: 6, p99: 40 },
      },
      findings: [],
    },
    {
      name: 'an ambient edge without a waypoint: L4 only, no request figures',
      yaml: AMBIENT,
      traffic: [
        seen({
          source: from('amb', 'client'),
          destination: to('amb', 'server'),
          protocol: 'tcp',
          requestsPerSecond: undefined,
          tcpBytesPerSecond: 2048,
          connectionsPerSecond: 0.5,
        }),
      ],
      edge: ['client', 'server'],
      outcome: 'mtls',
      observed: {
        reporter: 'destination',
        protocol: 'tcp',
        tcpBytesPerSecond: 2048,
        connectionsPerSecond: 0.5,
      },
      findings: [],
    },
    {
      name: "the waypoint's L7 series are preferred over ztunnel's TCP for the same client → service",
      yaml: AMBIENT,
      traffic: [
        seen({
          source: from('amb', 'client'),
          destination: to('amb', 'wp-server'),
          protocol: 'tcp',
          requestsPerSecond: undefined,
          tcpBytesPerSecond: 9000,
        }),
        seen({
          source: from('amb', 'client'),
          destination: to('amb', 'wp-server'),
          reporter: 'waypoint',
          requestsPerSecond: 7,
        }),
      ],
      edge: ['client', 'wp-server'],
      outcome: 'mtls',
      observed: {
        reporter: 'waypoint',
        protocol: 'http',
        requestsPerSecond: 7,
      },
      findings: [],
    },
    {
      name: 'an out-of-mesh caller observed against a STRICT service: MPL0202 on the PeerAuthentication',
      yaml: SIDECARS + STRICT,
      traffic: [
        seen({
          source: from('unknown', 'unknown', 'unknown'),
          protocol: 'tcp',
          requestsPerSecond: undefined,
          tcpBytesPerSecond: 500,
          tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
        }),
      ],
      edge: ['unknown', 'api'],
      outcome: 'fail',
      observed: { protocol: 'tcp', tcpBytesPerSecond: 500 },
      findings: ['MPL0202 PeerAuthentication pay/default'],
    },
    {
      name: 'an out-of-mesh caller observed plaintext against a PERMISSIVE service: MPL0204 (STRICT would cut it off) on the Service',
      yaml: SIDECARS,
      traffic: [
        seen({
          source: from('unknown', 'unknown', 'unknown'),
          requestsPerSecond: 1.5,
          tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
        }),
      ],
      edge: ['unknown', 'api'],
      outcome: 'plaintext',
      observed: { requestsPerSecond: 1.5 },
      findings: ['MPL0204 Service pay/api'],
    },
    {
      name: 'mixed TLS observed on a plaintext edge: MPL0204 for the plaintext and MPL0201 for the mutual TLS, both',
      yaml: SIDECARS,
      traffic: [
        seen({
          source: from('unknown', 'unknown', 'unknown'),
          requestsPerSecond: 2,
          tls: { mutualTls: 0.5, plaintext: 0.5, unknown: 0 },
        }),
      ],
      edge: ['unknown', 'api'],
      outcome: 'plaintext',
      observed: { requestsPerSecond: 2 },
      findings: ['MPL0201 Service pay/api', 'MPL0204 Service pay/api'],
    },
    {
      name: 'a plaintext edge observed only from the source reporter (TLS unknown): no MPL0204',
      yaml: SIDECARS,
      traffic: [
        seen({
          source: from('unknown', 'unknown', 'unknown'),
          reporter: 'source',
          requestsPerSecond: 1.5,
          tls: { mutualTls: 0, plaintext: 0, unknown: 1 },
        }),
      ],
      edge: ['unknown', 'api'],
      outcome: 'plaintext',
      observed: { reporter: 'source', requestsPerSecond: 1.5 },
      findings: [],
    },
    {
      name: 'a caller the AuthorizationPolicy denies, observed: MPL0202 on the policy; the allowed source unused: MPL0203',
      yaml: SIDECARS + ALLOW_WEB,
      traffic: [seen({ source: from('shop', 'batch'), requestsPerSecond: 2 })],
      edge: ['batch', 'api'],
      outcome: 'denied',
      observed: { requestsPerSecond: 2 },
      findings: [
        'MPL0202 AuthorizationPolicy pay/api-callers',
        'MPL0203 AuthorizationPolicy pay/api-callers spec.rules[0].from[0].source.principals[0]',
      ],
    },
    {
      name: 'the allowed source calls: no finding',
      yaml: SIDECARS + ALLOW_WEB,
      traffic: [seen()],
      edge: ['web', 'api'],
      outcome: 'mtls',
      observed: { requestsPerSecond: 10 },
      findings: [],
    },
    {
      name: "a Sidecar egress host none of its workloads called: MPL0203 on the Sidecar's host",
      yaml: SIDECARS + WEB_EGRESS,
      traffic: [seen({ source: from('shop', 'batch') })],
      edge: ['batch', 'api'],
      outcome: 'mtls',
      observed: { requestsPerSecond: 10 },
      findings: ['MPL0203 Sidecar shop/web spec.egress[0].hosts[0]'],
    },
    {
      name: 'observed mTLS where the configuration makes plaintext (the server has no sidecar): MPL0201',
      yaml: SIDECARS.replace(
        '{app: api}}',
        '{app: api, sidecar.istio.io/inject: "false"}}',
      ),
      traffic: [seen()],
      edge: ['web', 'api'],
      outcome: 'plaintext',
      observed: { tls: TLS_MUTUAL },
      findings: ['MPL0201 Deployment shop/web'],
    },
  ])('$name', ({ yaml, traffic, edge, outcome, observed, findings }) => {
    const analyzer = analyzerFor(yaml);
    const doc = observations(...traffic);
    const report = analyzer.report({ edges: true, traffic: doc });
    const [caller, svc] = edge;
    const edges = report.mtls.edges!.filter(
      e => e.from.workload === caller && e.to.service === svc,
    );
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      expect(e.outcome).toBe(outcome);
      expect(e.observed).toMatchObject(observed);
    }
    // L4 only is no request figures, never 0 req/s.
    expect(
      edges.filter(
        e =>
          e.observed?.protocol === 'tcp' &&
          e.observed.requestsPerSecond !== undefined,
      ),
    ).toEqual([]);
    expect(
      report.messages.filter(m => m.code.startsWith('MPL02')).map(brief),
    ).toEqual(findings);
    expect(report.traffic).toMatchObject({ window: '5m', observedOnly: [] });
  });

  it('names the traffic in its findings: share, window, reporter and the configured reason', () => {
    const report = analyzerFor(SIDECARS + STRICT).report({
      traffic: observations(
        seen({
          source: from('unknown', 'unknown', 'unknown'),
          tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
        }),
      ),
    });
    const [finding] = report.messages.filter(m => m.code === 'MPL0202');
    expect(finding.level).toBe('Error');
    expect(finding.message).toBe(
      'an out-of-mesh caller → pay/api in default: 10 req/s observed in the last 5m (destination reporter), but the configuration makes its connections fail: client is out of the mesh and sends plaintext; api port 8080 is STRICT and rejects plaintext (enforced by its sidecar; PeerAuthentication pay/default)',
    );
  });

  it('keeps observed traffic whose caller or service the configuration lacks as observed-only, and leaves out infrastructure legs', () => {
    const doc = observations(
      seen({ source: from('shop', 'ghost') }),
      seen({ destination: to('pay', 'nowhere') }),
      seen({
        source: from('amb', 'waypoint'),
        destination: to('amb', 'wp-server'),
        requestsPerSecond: 1,
      }),
    );
    const report = analyzerFor(
      AMBIENT + SIDECARS.replace(/^/, '\n---\n'),
    ).report({
      traffic: doc,
    });
    expect(
      report.traffic!.observedOnly.map(
        o => `${o.from.workload} → ${o.to.namespace}/${o.to.service}`,
      ),
    ).toEqual(['ghost → pay/api', 'web → pay/nowhere']);
  });

  it('gives an entity the observed edges only, busiest first within an outcome, and counts the rest', () => {
    const analyzer = analyzerFor(SIDECARS + ALLOW_WEB);
    const traffic = observations(
      seen({ requestsPerSecond: 1 }),
      seen({ source: from('shop', 'batch'), requestsPerSecond: 2 }),
      seen({
        source: from('unknown', 'unknown', 'unknown'),
        requestsPerSecond: 5,
        tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
      }),
    );
    const plain = analyzer.entityView([{ namespace: 'pay', name: 'api' }]);
    const view = analyzer.entityView([{ namespace: 'pay', name: 'api' }], {
      traffic,
    });
    // The out-of-mesh caller has no identity, so the ALLOW policy denies it too.
    expect(
      view.posture.inbound.map(
        e => `${e.outcome} ${e.from.workload} ${e.observed?.requestsPerSecond}`,
      ),
    ).toEqual(['denied unknown 5', 'denied batch 2', 'mtls web 1']);
    // Without traffic, the denied callers are listed (api calling itself too), nothing observed.
    expect(
      plain.posture.inbound.map(e => `${e.outcome} ${e.from.workload}`),
    ).toEqual(['denied api', 'denied batch']);
    expect(plain.posture.traffic).toBeUndefined();
    // With it, api calling itself is nobody's traffic: counted, not listed.
    const {
      inbound,
      outbound,
      outcomes,
      omitted,
      traffic: summary,
    } = view.posture;
    expect(outcomes).toEqual({
      mtls: 1,
      plaintext: 0,
      fail: 0,
      denied: 3,
      excluded: 0,
    });
    expect(omitted).toEqual({ inbound: 1, outbound: 0 });
    expect(outbound).toEqual([]);
    expect(summary).toEqual({
      window: '5m',
      observedAt: '2025-06-01T12:00:00Z',
      unobserved: { mtls: 0, plaintext: 0, fail: 0, denied: 1, excluded: 0 },
      observedOnly: [],
    });
    expect(inbound).toHaveLength(3);
    expect(view.findings.map(brief)).toContain(
      'MPL0202 AuthorizationPolicy pay/api-callers',
    );
  });

  it('gives an entity the outbound edges its workloads were observed calling', () => {
    const analyzer = analyzerFor(SIDECARS);
    const view = analyzer.entityView([{ namespace: 'shop', name: 'web' }], {
      traffic: observations(seen()),
    });
    // shop/web has no Service: the view is empty.
    expect(view.posture.outbound).toEqual([]);
    const yaml = SIDECARS + service('shop', 'web');
    const withService = analyzerFor(yaml).entityView(
      [{ namespace: 'shop', name: 'web' }],
      { traffic: observations(seen()) },
    );
    expect(
      withService.posture.outbound.map(
        e =>
          `${e.from.workload} → ${e.to.service}:${e.to.port} ${e.observed?.requestsPerSecond}`,
      ),
    ).toEqual(['web → api:80 10']);
  });
});

describe('observedTlsContradiction', () => {
  it.each<[Edge['outcome'], [number, number, number], string | undefined]>([
    ['mtls', [0.75, 0.25, 0], 'plaintext'],
    ['mtls', [1, 0, 0], undefined],
    ['mtls', [0, 0, 1], undefined],
    ['plaintext', [0.5, 0.5, 0], 'mutualTls'],
    ['plaintext', [0, 1, 0], undefined],
    ['fail', [0, 1, 0], undefined],
  ])(
    '%s edge observed %j: %s',
    (outcome, [mutualTls, plaintext, unknown], expected) => {
      expect(
        observedTlsContradiction(outcome, { mutualTls, plaintext, unknown }),
      ).toBe(expected);
    },
  );
});
