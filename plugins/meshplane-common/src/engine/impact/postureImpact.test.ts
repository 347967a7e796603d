import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { parseKubeYaml } from '../load';
import type {
  Edge,
  EdgeOutcome,
  Message,
  MtlsStatus,
  NamespacePosture,
} from '../model/types';
import { comparePosture, postureImpact, postureState } from './postureImpact';

function edge(
  outcome: EdgeOutcome,
  to: Partial<Edge['to']> = {},
  from: Partial<Edge['from']> = {},
): Edge {
  return {
    from: { cluster: 'east', namespace: 'shop', workload: 'cart', ...from },
    to: {
      cluster: 'east',
      namespace: 'pay',
      service: 'payments',
      port: 80,
      ...to,
    },
    clientTls: 'ISTIO_MUTUAL',
    clientTlsSource: 'auto',
    outcome,
    crossCluster: false,
    crossNetwork: false,
    reason: outcome,
  };
}

function finding(
  code: string,
  cluster = 'east',
  extra: Partial<Message> = {},
): Message {
  return {
    code,
    level: 'Warning',
    analyzer: 'test',
    message: `${code} on pay/payments`,
    resource: {
      cluster,
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'pay',
      name: 'payments',
    },
    ...extra,
  };
}

function namespace(
  status: MtlsStatus,
  cluster = 'east',
  name = 'pay',
): NamespacePosture {
  return { cluster, namespace: name, status };
}

const state = (facts: {
  edges?: Edge[];
  findings?: Message[];
  namespaces?: NamespacePosture[];
}) =>
  postureState({
    edges: facts.edges ?? [],
    findings: facts.findings ?? [],
    namespaces: facts.namespaces ?? [],
  });

/** The impact's lists as `list: outcome before→after` lines, for one cluster. */
function edgeChanges(before: Edge[], after: Edge[], clusters = ['east']) {
  const impact = comparePosture(
    state({ edges: before }),
    state({ edges: after }),
    clusters,
  );
  return Object.fromEntries(
    [...impact].map(([cluster, i]) => [
      cluster,
      (
        ['startFailing', 'startDenied', 'stopMtls', 'improved'] as const
      ).flatMap(list =>
        i[list].map(
          c =>
            `${list}: ${c.after.from.workload}->${c.after.to.service}:${
              c.after.to.port
            }${c.after.to.subset ? `/${c.after.to.subset}` : ''} ${
              c.before.outcome
            }->${c.after.outcome}`,
        ),
      ),
    ]),
  );
}

describe('comparePosture', () => {
  it.each<[string, EdgeOutcome, EdgeOutcome, string[]]>([
    ['mtls → fail starts failing', 'mtls', 'fail', ['startFailing']],
    ['plaintext → fail starts failing', 'plaintext', 'fail', ['startFailing']],
    ['excluded → fail starts failing', 'excluded', 'fail', ['startFailing']],
    ['mtls → plaintext stops mTLS', 'mtls', 'plaintext', ['stopMtls']],
    ['fail → mtls stops failing', 'fail', 'mtls', ['improved']],
    ['fail → plaintext stops failing', 'fail', 'plaintext', ['improved']],
    ['plaintext → mtls improves', 'plaintext', 'mtls', ['improved']],
    ['mtls → denied is denied', 'mtls', 'denied', ['startDenied']],
    ['plaintext → denied is denied', 'plaintext', 'denied', ['startDenied']],
    ['denied → fail starts failing', 'denied', 'fail', ['startFailing']],
    ['fail → denied is no impact', 'fail', 'denied', []],
    ['denied → mtls improves', 'denied', 'mtls', ['improved']],
    ['mtls → excluded is no impact', 'mtls', 'excluded', []],
    ['plaintext → excluded is no impact', 'plaintext', 'excluded', []],
    ['an unchanged outcome is no impact', 'fail', 'fail', []],
  ])('%s', (_case, before, after, lists) => {
    expect(edgeChanges([edge(before)], [edge(after)])).toEqual({
      east: lists.map(list => `${list}: cart->payments:80 ${before}->${after}`),
    });
  });

  it('leaves out edges that exist in one state only', () => {
    expect(edgeChanges([edge('mtls')], [])).toEqual({ east: [] });
    expect(edgeChanges([], [edge('fail')])).toEqual({ east: [] });
  });

  it('tells edges apart by port and subset', () => {
    const before = [
      edge('mtls'),
      edge('mtls', { port: 8080 }),
      edge('mtls', { subset: 'v1' }),
      edge('mtls', { subset: 'v2' }),
    ];
    const after = [
      edge('mtls'),
      edge('fail', { port: 8080 }),
      edge('plaintext', { subset: 'v1' }),
      edge('mtls', { subset: 'v2' }),
    ];
    expect(edgeChanges(before, after)).toEqual({
      east: [
        'startFailing: cart->payments:8080 mtls->fail',
        'stopMtls: cart->payments:80/v1 mtls->plaintext',
      ],
    });
  });

  it("shows an edge under its server's cluster, or its client's when only the client is a target", () => {
    const crossing = (outcome: EdgeOutcome) =>
      edge(outcome, { cluster: 'west' }, { cluster: 'east' });
    expect(
      edgeChanges([crossing('mtls')], [crossing('fail')], ['east', 'west']),
    ).toEqual({
      east: [],
      west: ['startFailing: cart->payments:80 mtls->fail'],
    });
    expect(edgeChanges([crossing('mtls')], [crossing('fail')])).toEqual({
      east: ['startFailing: cart->payments:80 mtls->fail'],
    });
    expect(
      edgeChanges([crossing('mtls')], [crossing('fail')], ['north']),
    ).toEqual({ north: [] });
  });

  it('lists findings added and removed in their own cluster, told apart by field path', () => {
    const kept = finding('IST0101');
    const gone = finding('IST0106', 'east', { path: 'spec.host' });
    const added = finding('IST0106', 'east', { path: 'spec.subsets[0]' });
    const elsewhere = finding('MPL0001', 'west');
    const impact = comparePosture(
      state({ findings: [kept, gone] }),
      state({ findings: [kept, added, elsewhere] }),
      ['east'],
    );
    expect(impact.get('east')).toMatchObject({
      findingsAdded: [added],
      findingsRemoved: [gone],
    });
  });

  it('lists namespaces whose Kiali status changes', () => {
    const impact = comparePosture(
      state({
        namespaces: [
          namespace('MTLS_PARTIALLY_ENABLED'),
          namespace('MTLS_ENABLED', 'east', 'shop'),
        ],
      }),
      state({
        namespaces: [
          namespace('MTLS_ENABLED'),
          namespace('MTLS_ENABLED', 'east', 'shop'),
          namespace('MTLS_DISABLED', 'east', 'new'),
        ],
      }),
      ['east'],
    );
    expect(impact.get('east')?.namespaces).toEqual([
      {
        namespace: 'pay',
        before: 'MTLS_PARTIALLY_ENABLED',
        after: 'MTLS_ENABLED',
      },
    ]);
  });
});

describe('postureImpact', () => {
  const fleet = `
apiVersion: v1
kind: Namespace
metadata: {name: pay, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: payments, namespace: pay}
spec: {template: {metadata: {labels: {app: payments}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: pay}
spec: {selector: {app: payments}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: batch, namespace: legacy}
spec: {template: {metadata: {labels: {app: batch}}, spec: {containers: [{name: app}]}}}
`;
  const strict = parseKubeYaml(
    `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: pay}
spec: {mtls: {mode: STRICT}}
`,
    'strict.yaml',
  ).objects[0].object;

  it('reads the live analyzer and the fork with the change applied, and compares them', () => {
    const live = analyzerFor({ east: fleet });
    const after = live.fork();
    after.upsert('east', strict);
    const impacts = postureImpact(live, after, {
      targets: [{ cluster: 'east', namespace: 'pay' }],
      services: [{ namespace: 'pay', name: 'payments' }],
    });
    expect([...impacts.keys()]).toEqual(['east']);
    const impact = impacts.get('east')!;
    expect(
      impact.startFailing.map(
        c =>
          `${c.before.from.workload} ${c.before.outcome}->${c.after.outcome}`,
      ),
    ).toEqual(['batch plaintext->fail']);
    expect(impact.namespaces).toEqual([
      { namespace: 'pay', before: 'UNSET', after: 'MTLS_ENABLED' },
    ]);
    expect(impact.stopMtls).toEqual([]);
    expect(impact.improved).toEqual([]);
    // The live analyzer is left as it was.
    expect(
      live
        .serverEdges('pay', 'payments')
        .flatMap(g => g.edges)
        .find(e => e.from.workload === 'batch')?.outcome,
    ).toBe('plaintext');
  });

  it('counts a caller that an AuthorizationPolicy of the change starts to deny', () => {
    const live = analyzerFor({ east: fleet });
    const after = live.fork();
    // Allow only the workspace's own namespace: batch, in legacy, is denied at the sidecar.
    after.upsert(
      'east',
      parseKubeYaml(
        `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: workspace-only, namespace: pay}
spec: {rules: [{from: [{source: {namespaces: [pay]}}]}]}
`,
        'allow.yaml',
      ).objects[0].object,
    );
    const impact = postureImpact(live, after, {
      targets: [{ cluster: 'east', namespace: 'pay' }],
      services: [{ namespace: 'pay', name: 'payments' }],
    }).get('east')!;
    expect(
      impact.startDenied.map(
        c =>
          `${c.before.from.workload} ${c.before.outcome}->${c.after.outcome} ${c.after.deniedBy?.name}`,
      ),
    ).toEqual(['batch plaintext->denied workspace-only']);
    expect(impact.startFailing).toEqual([]);
  });
});
