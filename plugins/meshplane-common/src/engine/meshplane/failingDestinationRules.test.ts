import { analyzerFor, findingsOf } from '../__testUtils__/analyzeYaml';
import type { KubeObject } from '../model/types';

const base = `
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec: {selector: {app: legacy}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: legacy-1, namespace: shop, labels: {app: legacy}}
spec: {containers: [{name: app}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-1, namespace: shop, labels: {app: api, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: api, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, mtls: {mode: STRICT}}
`;

const dr = (host: string, mode: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, namespace: shop}
spec: {host: "${host}", trafficPolicy: {tls: {mode: ${mode}}}}`;

describe('meshplane.FailingDestinationRuleAnalyzer (MPL0001)', () => {
  it.each([
    {
      name: 'ISTIO_MUTUAL to a workload without sidecar',
      yaml: dr('legacy', 'ISTIO_MUTUAL'),
      expected: ['MPL0001 DestinationRule shop/dr'],
    },
    {
      name: 'DISABLE to a STRICT workload',
      yaml: dr('api', 'DISABLE'),
      expected: ['MPL0001 DestinationRule shop/dr'],
    },
    {
      name: 'ISTIO_MUTUAL to a STRICT sidecar',
      yaml: dr('api', 'ISTIO_MUTUAL'),
      expected: [],
    },
    {
      name: 'wildcard DR covering both',
      yaml: dr('*.shop.svc.cluster.local', 'ISTIO_MUTUAL'),
      expected: ['MPL0001 DestinationRule shop/dr'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(base + yaml, 'meshplane.FailingDestinationRuleAnalyzer'),
    ).toEqual(expected);
  });
});

/** Server legacy (no sidecar) in namespace store, which has no client; sidecar client web in namespace web. */
const split = `
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: store}
spec: {selector: {app: legacy}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: legacy-1, namespace: store, labels: {app: legacy}}
spec: {containers: [{name: app}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: web, labels: {app: web, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
`;
const drIn = (ns: string, name: string, spec: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;

describe('MPL0001 follows the clients that actually use the DestinationRule', () => {
  function mpl(yaml: string) {
    return analyzerFor(split + yaml)
      .findings({ code: 'MPL0001' })
      .map(m => `${m.resource.namespace}/${m.resource.name} ${m.path}`);
  }

  it.each([
    {
      name: 'exported to the caller: reported at trafficPolicy.tls',
      yaml: drIn(
        'store',
        'd',
        '{host: legacy, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      expected: ['store/d spec.trafficPolicy.tls'],
    },
    {
      name: 'private to a namespace without clients: nobody uses it',
      yaml: drIn(
        'store',
        'd',
        '{host: legacy, exportTo: ["."], trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      expected: [],
    },
    {
      name: 'shadowed by a DR in the caller namespace',
      yaml:
        drIn(
          'store',
          'd',
          '{host: legacy, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        drIn(
          'web',
          'mine',
          '{host: legacy.store.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}',
        ),
      expected: [],
    },
    {
      name: 'a root *.local DR shadowed by the service namespace DR',
      yaml:
        drIn(
          'istio-system',
          'mesh',
          '{host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        drIn(
          'store',
          'd',
          '{host: legacy, subsets: [{name: v1, labels: {app: legacy}}]}',
        ),
      expected: [],
    },
    {
      name: 'a root *.local DR in use',
      yaml: drIn(
        'istio-system',
        'mesh',
        '{host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      expected: ['istio-system/mesh spec.trafficPolicy.tls'],
    },
    {
      name: 'a selector DR that selects no client',
      yaml: drIn(
        'web',
        'sel',
        '{host: legacy.store.svc.cluster.local, workloadSelector: {matchLabels: {app: other}}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      expected: [],
    },
    {
      name: 'a selector DR that selects the client',
      yaml: drIn(
        'web',
        'sel',
        '{host: legacy.store.svc.cluster.local, workloadSelector: {matchLabels: {app: web}}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      expected: ['web/sel spec.trafficPolicy.tls'],
    },
    {
      name: 'port-level TLS: the path names the port entry',
      yaml: drIn(
        'store',
        'd',
        '{host: legacy, trafficPolicy: {portLevelSettings: [{port: {number: 9}, tls: {mode: DISABLE}}, {port: {number: 80}, tls: {mode: ISTIO_MUTUAL}}]}}',
      ),
      expected: ['store/d spec.trafficPolicy.portLevelSettings[1].tls'],
    },
    {
      name: 'subset TLS: the path names the subset',
      yaml: drIn(
        'store',
        'd',
        '{host: legacy, subsets: [{name: v0, labels: {app: none}}, {name: v1, labels: {app: legacy}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}]}',
      ),
      expected: ['store/d spec.subsets[1].trafficPolicy.tls'],
    },
    {
      name: 'merged DRs: TLS from the older one is reported on it, not on the one that adds subsets',
      yaml:
        drIn(
          'store',
          'a-tls',
          '{host: legacy, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        drIn(
          'store',
          'b-subsets',
          '{host: legacy, subsets: [{name: v1, labels: {app: legacy}}]}',
        ),
      expected: ['store/a-tls spec.trafficPolicy.tls'],
    },
    {
      name: 'ISTIO_MUTUAL to a MESH_EXTERNAL ServiceEntry',
      yaml: `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: api, namespace: store}
spec: {hosts: [api.example.com], location: MESH_EXTERNAL, resolution: DNS, ports: [{number: 443, name: tls, protocol: TLS}]}
${drIn(
  'store',
  'ext',
  '{host: api.example.com, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
)}`,
      expected: ['store/ext spec.trafficPolicy.tls'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(mpl(yaml)).toEqual(expected);
  });
});

describe('MPL0001 after changes in other namespaces', () => {
  const exported = drIn(
    'store',
    'd',
    '{host: legacy, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
  );
  const pod = (ns: string, sidecar: boolean): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: ns,
      labels: sidecar
        ? { app: 'web', 'security.istio.io/tlsMode': 'istio' }
        : { app: 'web' },
    },
    spec: {
      containers: sidecar
        ? [{ name: 'app' }, { name: 'istio-proxy' }]
        : [{ name: 'app' }],
    },
  });
  const reported = (a: ReturnType<typeof analyzerFor>) =>
    a.findings({ code: 'MPL0001' }).map(m => m.resource.name);

  it('follows the only client namespace losing and regaining its sidecars, in the analyzer and in a fork', () => {
    const a = analyzerFor(split + exported);
    expect(reported(a)).toEqual(['d']);
    a.upsert('default', pod('web', false));
    expect(reported(a)).toEqual([]);
    const f = a.fork();
    f.upsert('default', pod('web', true));
    expect(reported(f)).toEqual(['d']);
    expect(reported(a)).toEqual([]);
    // A client appearing in a namespace the analysis never saw counts too.
    a.upsert('default', pod('other', true));
    expect(reported(a)).toEqual(['d']);
    a.remove('default', {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'other',
      name: 'web-1',
    });
    expect(reported(a)).toEqual([]);
  });
});
