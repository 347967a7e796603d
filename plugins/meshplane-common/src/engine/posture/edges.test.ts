import { analyzerFor } from '../__testUtils__/analyzeYaml';

const workloads = `
apiVersion: v1
kind: Namespace
metadata: {name: echo, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: echo}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b, namespace: echo}
spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: naked, namespace: echo}
spec: {template: {metadata: {labels: {app: naked, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: echo}
spec: {selector: {app: b}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: naked, namespace: echo}
spec: {selector: {app: naked}, ports: [{name: http, port: 80, targetPort: 8080}]}
`;

const meshPa = (mode: string) => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: ${mode}}}`;

const meshDr = (mode: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: default, namespace: istio-system}
spec: {host: "*.local", trafficPolicy: {tls: {mode: ${mode}}}}`;

function outcomes(config: string, meshConfig = {}) {
  const a = analyzerFor(workloads + config, meshConfig);
  const edges = a.report({ edges: true }).mtls.edges!;
  const get = (from: string, to: string) =>
    edges.find(e => e.from.workload === from && e.to.service === to)?.outcome;
  return {
    'a->b': get('a', 'b'),
    'a->naked': get('a', 'naked'),
    'naked->b': get('naked', 'b'),
  };
}

describe('edge outcomes (Istio reachability matrix)', () => {
  it.each([
    {
      name: 'no config: auto mTLS',
      config: '',
      expected: {
        'a->b': 'mtls',
        'a->naked': 'plaintext',
        'naked->b': 'plaintext',
      },
    },
    {
      name: 'global STRICT',
      config: meshPa('STRICT'),
      expected: { 'a->b': 'mtls', 'a->naked': 'plaintext', 'naked->b': 'fail' },
    },
    {
      name: 'global STRICT + DR ISTIO_MUTUAL',
      config: meshPa('STRICT') + meshDr('ISTIO_MUTUAL'),
      expected: { 'a->b': 'mtls', 'a->naked': 'fail', 'naked->b': 'fail' },
    },
    {
      name: 'global PERMISSIVE + DR ISTIO_MUTUAL',
      config: meshPa('PERMISSIVE') + meshDr('ISTIO_MUTUAL'),
      expected: { 'a->b': 'mtls', 'a->naked': 'fail', 'naked->b': 'plaintext' },
    },
    {
      name: 'global DISABLE (auto mTLS follows)',
      config: meshPa('DISABLE'),
      expected: {
        'a->b': 'plaintext',
        'a->naked': 'plaintext',
        'naked->b': 'plaintext',
      },
    },
    {
      name: 'global STRICT + DR DISABLE',
      config: meshPa('STRICT') + meshDr('DISABLE'),
      expected: { 'a->b': 'fail', 'a->naked': 'plaintext', 'naked->b': 'fail' },
    },
    {
      name: 'auto mTLS off',
      config: '',
      meshConfig: { enableAutoMtls: false },
      expected: {
        'a->b': 'plaintext',
        'a->naked': 'plaintext',
        'naked->b': 'plaintext',
      },
    },
    {
      name: 'workload STRICT with every port DISABLE',
      config: `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: b, namespace: echo}
spec: {selector: {matchLabels: {app: b}}, mtls: {mode: STRICT}, portLevelMtls: {8080: {mode: DISABLE}}}`,
      expected: {
        'a->b': 'plaintext',
        'a->naked': 'plaintext',
        'naked->b': 'plaintext',
      },
    },
    {
      name: 'namespace DISABLE with a STRICT workload breaks auto mTLS',
      config: `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ns, namespace: echo}
spec: {mtls: {mode: DISABLE}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: b, namespace: echo}
spec: {selector: {matchLabels: {app: b}}, mtls: {mode: STRICT}}`,
      expected: { 'a->b': 'fail', 'a->naked': 'plaintext', 'naked->b': 'fail' },
    },
  ])('$name', ({ config, meshConfig, expected }) => {
    expect(outcomes(config, meshConfig)).toEqual(expected);
  });

  const network = (net: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: istio-system, labels: {topology.istio.io/network: ${net}}}
---
apiVersion: v1
kind: Service
metadata: {name: istio-eastwestgateway, namespace: istio-system, labels: {topology.istio.io/network: ${net}}}
spec: {selector: {istio: eastwestgateway}, ports: [{name: tls, port: 15443}]}
`;

  function multiCluster(config: string) {
    const withoutClient = workloads.replace(
      /apiVersion: apps\/v1\nkind: Deployment\nmetadata: \{name: a,[^\n]*\nspec:[^\n]*\n---/,
      '',
    );
    const a = analyzerFor({
      c1: `${network('n1')}---\n${workloads}${config}`,
      c2: `${network('n1')}---\n${withoutClient}${config}`,
      c3: `${network('n2')}---\n${withoutClient}${config}`,
    });
    const edges = a.report({ edges: true }).mtls.edges!;
    return (from: string, to: string) =>
      Object.fromEntries(
        edges
          .filter(
            e =>
              e.from.cluster === 'c1' &&
              e.from.workload === from &&
              e.to.service === to,
          )
          .map(e => [e.to.cluster, e.outcome]),
      );
  }

  it('sends mTLS across networks through the east-west gateway', () => {
    expect(multiCluster('')('a', 'b')).toEqual({
      c1: 'mtls',
      c2: 'mtls',
      c3: 'mtls',
    });
  });

  it('keeps plaintext inside the network and sidecar-less callers inside their cluster', () => {
    const edges = multiCluster(meshPa('DISABLE'));
    expect(edges('a', 'b')).toEqual({
      c1: 'plaintext',
      c2: 'plaintext',
      c3: 'excluded',
    });
    expect(edges('naked', 'b')).toEqual({
      c1: 'plaintext',
      c2: 'excluded',
      c3: 'excluded',
    });
  });

  describe('services with DestinationRule subsets', () => {
    const migration = `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: m-istio, namespace: echo}
spec: {template: {metadata: {labels: {app: m, version: vistio}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: m-legacy, namespace: echo}
spec: {template: {metadata: {labels: {app: m, version: vlegacy, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: m, namespace: echo}
spec: {selector: {app: m}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: echo}
spec: {mtls: {mode: STRICT}}`;
    const subsetsDr = (tls: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: m, namespace: echo}
spec: {host: m, ${tls}subsets: [{name: vistio, labels: {version: vistio}}, {name: vlegacy, labels: {version: vlegacy}}]}`;

    it.each([
      {
        name: 'no TLS: the default cluster mixes mTLS and plaintext',
        tls: '',
        expected: {
          default: 'plaintext',
          vistio: 'mtls',
          vlegacy: 'plaintext',
        },
      },
      {
        name: 'DR DISABLE: the default cluster reaches the STRICT pods too and fails',
        tls: 'trafficPolicy: {tls: {mode: DISABLE}}, ',
        expected: { default: 'fail', vistio: 'fail', vlegacy: 'plaintext' },
      },
      {
        name: 'DR ISTIO_MUTUAL: only the injected subset works',
        tls: 'trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}, ',
        expected: { default: 'fail', vistio: 'mtls', vlegacy: 'fail' },
      },
    ])(
      'emits the subset-less edge beside the per-subset edges: $name',
      ({ tls, expected }) => {
        const a = analyzerFor(workloads + migration + subsetsDr(tls));
        const edges = a
          .clientEdges('default', 'echo', 'a')
          .filter(e => e.to.service === 'm');
        expect(
          Object.fromEntries(
            edges.map(e => [e.to.subset ?? 'default', e.outcome]),
          ),
        ).toEqual(expected);
        expect(edges.filter(e => !e.to.subset)).toHaveLength(1);
      },
    );
  });

  describe('ServiceEntry hosts (conversion.go endpoints, buildUpstreamTLSSettings)', () => {
    const entry = (spec: string, ns = 'echo') => `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: se, namespace: ${ns}}
spec: ${spec}`;
    const external =
      '{hosts: [api.example.com], location: MESH_EXTERNAL, resolution: DNS, ports: [{number: 443, name: tls, protocol: TLS}]}';
    const dr = (mode: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: echo}
spec: {host: api.example.com, trafficPolicy: {tls: {mode: ${mode}}}}`;
    const vm = `
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-1, namespace: echo}
spec: {address: 10.9.0.1, labels: {app: legacy}, serviceAccount: legacy, ports: {http: 8080}}`;

    function edgesTo(host: string, config: string) {
      return analyzerFor(workloads + config)
        .clientEdges('default', 'echo', 'a')
        .filter(e => e.to.service === host)
        .map(
          e => `${e.to.port} ${e.clientTls} ${e.clientTlsSource} ${e.outcome}`,
        );
    }

    it.each([
      {
        name: 'MESH_EXTERNAL: no auto mTLS, plaintext',
        config: entry(external),
        host: 'api.example.com',
        expected: ['443 DISABLE auto plaintext'],
      },
      {
        name: 'MESH_EXTERNAL with DR ISTIO_MUTUAL: nothing there takes Istio mTLS',
        config: entry(external) + dr('ISTIO_MUTUAL'),
        host: 'api.example.com',
        expected: ['443 ISTIO_MUTUAL destinationRule fail'],
      },
      {
        name: 'MESH_EXTERNAL with DR SIMPLE: TLS origination',
        config: entry(external) + dr('SIMPLE'),
        host: 'api.example.com',
        expected: ['443 SIMPLE destinationRule plaintext'],
      },
      {
        name: 'a ServiceEntry not exported to the client namespace gives no edge',
        config: entry(
          `{hosts: [api.example.com], exportTo: ["."], location: MESH_EXTERNAL, resolution: DNS, ports: [{number: 443, name: tls}]}`,
          'other',
        ),
        host: 'api.example.com',
        expected: [],
      },
      {
        name: 'MESH_INTERNAL inline endpoint without tlsMode label: plaintext',
        config: entry(
          '{hosts: [db.internal], location: MESH_INTERNAL, resolution: STATIC, ports: [{number: 5432, name: tcp}], endpoints: [{address: 10.0.0.7}]}',
        ),
        host: 'db.internal',
        expected: ['5432 DISABLE auto plaintext'],
      },
      {
        name: 'MESH_INTERNAL inline endpoint labelled tlsMode istio: auto mTLS',
        config: entry(
          '{hosts: [db.internal], location: MESH_INTERNAL, resolution: STATIC, ports: [{number: 5432, name: tcp}], endpoints: [{address: 10.0.0.7, labels: {security.istio.io/tlsMode: istio}}]}',
        ),
        host: 'db.internal',
        expected: ['5432 ISTIO_MUTUAL auto mtls'],
      },
      {
        name: 'MESH_INTERNAL workloadSelector picks a WorkloadEntry with a service account: auto mTLS',
        config:
          vm +
          entry(
            '{hosts: [legacy.internal], location: MESH_INTERNAL, resolution: STATIC, ports: [{number: 80, name: http, targetPort: 9090}], workloadSelector: {labels: {app: legacy}}}',
          ),
        host: 'legacy.internal',
        expected: ['80 ISTIO_MUTUAL auto mtls'],
      },
    ])('$name', ({ config, host, expected }) => {
      expect(edgesTo(host, config)).toEqual(expected);
    });

    it('uses the WorkloadEntry port named like the service port', () => {
      const a = analyzerFor(`${workloads}${vm}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: legacy, namespace: echo}
spec: {selector: {matchLabels: {app: legacy}}, mtls: {mode: STRICT}, portLevelMtls: {8080: {mode: DISABLE}}}
${entry(
  '{hosts: [legacy.internal], location: MESH_INTERNAL, resolution: STATIC, ports: [{number: 80, name: http, targetPort: 9090}], workloadSelector: {labels: {app: legacy}}}',
)}`);
      const e = a
        .clientEdges('default', 'echo', 'a')
        .find(x => x.to.service === 'legacy.internal')!;
      expect(e).toMatchObject({ clientTls: 'DISABLE', outcome: 'plaintext' });
      expect(e.reason).toContain('port 8080 is DISABLE');
    });
  });

  it('--edges lists VMs with a sidecar as clients, as serverEdges counts them', () => {
    const a = analyzerFor(`${workloads}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-1, namespace: echo}
spec: {address: 10.9.0.1, labels: {app: legacy}, serviceAccount: legacy}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: vm-naked, namespace: echo}
spec: {address: 10.9.0.2, labels: {app: old}}`);
    const clients = new Set(
      a.report({ edges: true }).mtls.edges!.map(e => e.from.workload),
    );
    expect(clients.has('vm-1')).toBe(true);
    expect(clients.has('vm-naked')).toBe(false);
    const callers = a.serverEdges('echo', 'b').flatMap(g => g.workloads);
    expect(callers).toContain('vm-1');
    expect(callers).not.toContain('vm-naked');
  });
});
