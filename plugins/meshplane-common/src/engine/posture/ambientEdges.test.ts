import { analyzerFor } from '../__testUtils__/analyzeYaml';
import type { Edge } from '../model/types';
import type { Topology } from '../topology/topology';

/** YAML text (a tag, so that documents and generated parts concatenate without string literals). */
const doc = String.raw;

/**
 * The client × server data-plane matrix of istio-semantics.md §g.6, each row from Istio's own
 * tests where one exists: `tests/integration/ambient/baseline_test.go` (TestPeerAuthentication and
 * its subtests, TestWaypointWithSidecarBackend, TestServices), the PeerAuthentication conversion of
 * `pilot/pkg/serviceregistry/ambient/authorization.go` and its unit tests.
 */

const deployment = (
  ns: string,
  name: string,
  labels: Record<string, string> = {},
) => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: ${JSON.stringify({ app: name, ...labels })}}
    spec: {serviceAccountName: ${name}, containers: [{name: app, ports: [{containerPort: 8080}, {containerPort: 9000}]}]}`;

const service = (
  ns: string,
  name: string,
  labels: Record<string, string> = {},
) => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}, labels: ${JSON.stringify(labels)}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: 8080}, {name: tcp, port: 9000, targetPort: 9000}]}`;

/** istiod and ztunnel as the ambient profile installs them, and a classic ingress gateway. */
const controlPlane = (ztunnel = true) => `
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system}
spec: {template: {metadata: {labels: {app: istiod, istio: pilot}}, spec: {containers: [{name: discovery, image: pilot}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec: {template: {metadata: {labels: {app: istio-ingressgateway, istio: ingressgateway}}, spec: {containers: [{name: istio-proxy, image: proxyv2, args: [proxy, router]}]}}}
${
  ztunnel
    ? `---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ztunnel, namespace: istio-system}
spec: {template: {metadata: {labels: {app: ztunnel, istio.io/dataplane-mode: none, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: istio-proxy, image: ztunnel}]}}}`
    : ''
}`;

/** The waypoint istiod generates for Gateway `waypoint` (`files/waypoint.yaml`), and the Gateway. */
const waypoint = (ns: string, extra = '') => `
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: ${ns}}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE${extra}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: waypoint, namespace: ${ns}}
spec:
  template:
    metadata:
      labels: {gateway.networking.k8s.io/gateway-name: waypoint, gateway.istio.io/managed: istio.io-mesh-controller, istio.io/dataplane-mode: none}
    spec: {containers: [{name: istio-proxy, image: proxyv2, args: [proxy, waypoint]}]}`;

const fleet = (ztunnel = true) =>
  doc`${controlPlane(ztunnel)}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: v1
kind: Namespace
metadata: {name: side, labels: {istio-injection: enabled}}` +
  deployment('amb', 'amb-client') +
  deployment('amb', 'amb-server') +
  service('amb', 'amb-server') +
  deployment('amb', 'wp-server') +
  service('amb', 'wp-server', { 'istio.io/use-waypoint': 'waypoint' }) +
  waypoint('amb') +
  deployment('side', 'sc-client') +
  deployment('side', 'sc-server') +
  service('side', 'sc-server') +
  deployment('side', 'naked', { 'sidecar.istio.io/inject': 'false' }) +
  service('side', 'naked');

const HBONE_METADATA = {
  defaultConfig: { proxyMetadata: { ISTIO_META_ENABLE_HBONE: 'true' } },
};

const pa = (ns: string, name: string, spec: string) => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;

function edgesOf(yaml: string, meshConfig = {}): Edge[] {
  return analyzerFor(yaml, meshConfig).report({ edges: true }).mtls.edges!;
}

function edge(edges: Edge[], from: string, to: string, port = 80): Edge {
  const found = edges.find(
    e => e.from.workload === from && e.to.service === to && e.to.port === port,
  );
  if (!found) throw new Error(`no edge ${from} -> ${to}:${port}`);
  return found;
}

/** `outcome/transport` per pair, with ` via <waypoint>` when the edge passes one. */
function matrix(
  yaml: string,
  pairs: Array<[string, string, number?]>,
  meshConfig = {},
) {
  const edges = edgesOf(yaml, meshConfig);
  return Object.fromEntries(
    pairs.map(([from, to, port]) => {
      const e = edge(edges, from, to, port);
      const via = e.via?.length
        ? ` via ${e.via.map(v => v.name).join(',')}`
        : '';
      return [
        `${from}->${to}${port ? `:${port}` : ''}`,
        `${e.outcome}/${e.transport}${via}`,
      ];
    }),
  );
}

const PAIRS: Array<[string, string]> = [
  ['sc-client', 'amb-server'],
  ['sc-client', 'wp-server'],
  ['sc-client', 'sc-server'],
  ['sc-client', 'naked'],
  ['amb-client', 'amb-server'],
  ['amb-client', 'wp-server'],
  ['amb-client', 'sc-server'],
  ['amb-client', 'naked'],
  ['naked', 'amb-server'],
  ['naked', 'wp-server'],
  ['naked', 'sc-server'],
  ['istio-ingressgateway', 'amb-server'],
  ['istio-ingressgateway', 'wp-server'],
];

describe('ambient edge matrix (client data plane × server data plane)', () => {
  it.each([
    {
      // TestPeerAuthentication/permissive: every pair succeeds; HBONE wherever both ends take it.
      name: 'no PeerAuthentication, ambient profile (sidecars take HBONE)',
      config: '',
      meshConfig: HBONE_METADATA,
      expected: {
        'sc-client->amb-server': 'mtls/hbone',
        // Sidecars send straight to the pod: they bypass service waypoints (endpoint_builder.go).
        'sc-client->wp-server': 'mtls/hbone',
        'sc-client->sc-server': 'mtls/tls',
        'sc-client->naked': 'plaintext/plaintext',
        'amb-client->amb-server': 'mtls/hbone',
        'amb-client->wp-server': 'mtls/hbone via waypoint',
        'amb-client->sc-server': 'mtls/hbone',
        'amb-client->naked': 'plaintext/plaintext',
        'naked->amb-server': 'plaintext/plaintext',
        'naked->wp-server': 'plaintext/plaintext',
        'naked->sc-server': 'plaintext/plaintext',
        'istio-ingressgateway->amb-server': 'mtls/hbone',
        'istio-ingressgateway->wp-server': 'mtls/hbone',
      },
    },
    {
      // TestPeerAuthentication/strict: denied only from a caller without proxy capabilities to a
      // destination with them.
      name: 'mesh STRICT, ambient profile',
      config: pa('istio-system', 'default', '{mtls: {mode: STRICT}}'),
      meshConfig: HBONE_METADATA,
      expected: {
        'sc-client->amb-server': 'mtls/hbone',
        'sc-client->wp-server': 'mtls/hbone',
        'sc-client->sc-server': 'mtls/tls',
        'sc-client->naked': 'plaintext/plaintext',
        'amb-client->amb-server': 'mtls/hbone',
        'amb-client->wp-server': 'mtls/hbone via waypoint',
        'amb-client->sc-server': 'mtls/hbone',
        'amb-client->naked': 'plaintext/plaintext',
        'naked->amb-server': 'fail/plaintext',
        'naked->wp-server': 'fail/plaintext',
        'naked->sc-server': 'fail/plaintext',
        'istio-ingressgateway->amb-server': 'mtls/hbone',
        'istio-ingressgateway->wp-server': 'mtls/hbone',
      },
    },
    {
      // §g.4: without ISTIO_META_ENABLE_HBONE sidecars carry no tunnel label, so ztunnel sends
      // them plain TCP, which their STRICT policy rejects.
      name: 'mesh STRICT, sidecars without the HBONE metadata',
      config: pa('istio-system', 'default', '{mtls: {mode: STRICT}}'),
      meshConfig: {},
      expected: {
        'sc-client->amb-server': 'mtls/hbone',
        'sc-client->wp-server': 'mtls/hbone',
        'sc-client->sc-server': 'mtls/tls',
        'sc-client->naked': 'plaintext/plaintext',
        'amb-client->amb-server': 'mtls/hbone',
        'amb-client->wp-server': 'mtls/hbone via waypoint',
        'amb-client->sc-server': 'fail/plaintext',
        'amb-client->naked': 'plaintext/plaintext',
        'naked->amb-server': 'fail/plaintext',
        'naked->wp-server': 'fail/plaintext',
        'naked->sc-server': 'fail/plaintext',
        'istio-ingressgateway->amb-server': 'mtls/hbone',
        'istio-ingressgateway->wp-server': 'mtls/hbone',
      },
    },
    {
      // §g.5: DISABLE is PERMISSIVE for ztunnel, HBONE stays mTLS; a sidecar DR DISABLE does not
      // turn HBONE off (cluster_tls.go applyHBONETransportSocketMatches).
      name: 'mesh DISABLE and a DestinationRule tls DISABLE',
      config: `${pa('istio-system', 'default', '{mtls: {mode: DISABLE}}')}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: amb-disable, namespace: side}
spec: {host: amb-server.amb.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}`,
      meshConfig: HBONE_METADATA,
      expected: {
        'sc-client->amb-server': 'mtls/hbone',
        'sc-client->wp-server': 'mtls/hbone',
        'sc-client->sc-server': 'plaintext/plaintext',
        'sc-client->naked': 'plaintext/plaintext',
        'amb-client->amb-server': 'mtls/hbone',
        'amb-client->wp-server': 'mtls/hbone via waypoint',
        'amb-client->sc-server': 'mtls/hbone',
        'amb-client->naked': 'plaintext/plaintext',
        'naked->amb-server': 'plaintext/plaintext',
        'naked->wp-server': 'plaintext/plaintext',
        'naked->sc-server': 'plaintext/plaintext',
        'istio-ingressgateway->amb-server': 'mtls/hbone',
        'istio-ingressgateway->wp-server': 'mtls/hbone',
      },
    },
  ])('$name', ({ config, meshConfig, expected }) => {
    expect(matrix(fleet() + config, PAIRS, meshConfig)).toEqual(expected);
  });

  it('sends an ingress gateway through the waypoint only when the Service asks for it', () => {
    // sidecar_interop.go `ingressUseWaypoint`: the Service label, else the namespace's.
    const labelled = fleet().replace(
      '{"istio.io/use-waypoint":"waypoint"}',
      '{"istio.io/use-waypoint":"waypoint","istio.io/ingress-use-waypoint":"true"}',
    );
    expect(matrix(labelled, [['istio-ingressgateway', 'wp-server']])).toEqual({
      'istio-ingressgateway->wp-server': 'mtls/hbone via waypoint',
    });
  });

  it('takes a waypoint to a sidecar backend: HBONE when it has the tunnel label, else plaintext a STRICT sidecar rejects', () => {
    // TestWaypointWithSidecarBackend; a waypoint never sends Istio mTLS (cluster_waypoint.go).
    const yaml =
      fleet() +
      service('side', 'sc-server-wp', { 'istio.io/use-waypoint': 'waypoint' }) +
      deployment('side', 'sc-server-wp') +
      waypoint('side') +
      pa('istio-system', 'default', '{mtls: {mode: STRICT}}');
    const pairs: Array<[string, string]> = [['amb-client', 'sc-server-wp']];
    expect(matrix(yaml, pairs, HBONE_METADATA)).toEqual({
      'amb-client->sc-server-wp': 'mtls/hbone via waypoint',
    });
    const failed = edge(edgesOf(yaml), 'amb-client', 'sc-server-wp');
    expect(failed.outcome).toBe('fail');
    expect(failed.reason).toContain('through waypoint side/waypoint');
    expect(failed.reason).toContain('STRICT');
  });

  it.each([
    {
      // TestPeerAuthentication/strict-permissive-ports
      name: 'workload STRICT with a PERMISSIVE port',
      config: pa(
        'amb',
        'amb-server',
        '{selector: {matchLabels: {app: amb-server}}, mtls: {mode: STRICT}, portLevelMtls: {8080: {mode: PERMISSIVE}}}',
      ),
      expected: { 80: 'plaintext', 9000: 'fail' },
    },
    {
      // TestPeerAuthentication/global-strict-permissive-workload-ports
      name: 'mesh STRICT, workload without mode and a PERMISSIVE port',
      config:
        pa('istio-system', 'default', '{mtls: {mode: STRICT}}') +
        pa(
          'amb',
          'amb-server',
          '{selector: {matchLabels: {app: amb-server}}, portLevelMtls: {8080: {mode: PERMISSIVE}}}',
        ),
      expected: { 80: 'plaintext', 9000: 'fail' },
    },
    {
      // TestPeerAuthentication/global-permissive-strict-workload-ports
      name: 'mesh PERMISSIVE, workload STRICT port',
      config:
        pa('istio-system', 'default', '{mtls: {mode: PERMISSIVE}}') +
        pa(
          'amb',
          'amb-server',
          '{selector: {matchLabels: {app: amb-server}}, portLevelMtls: {8080: {mode: STRICT}}}',
        ),
      expected: { 80: 'fail', 9000: 'plaintext' },
    },
    {
      // authorization.go convertedSelectorPeerAuthentications: a DISABLE port of a workload PA
      // without its own mode counts only next to a PERMISSIVE port.
      name: 'mesh STRICT, workload without mode and only a DISABLE port',
      config:
        pa('istio-system', 'default', '{mtls: {mode: STRICT}}') +
        pa(
          'amb',
          'amb-server',
          '{selector: {matchLabels: {app: amb-server}}, portLevelMtls: {8080: {mode: DISABLE}}}',
        ),
      expected: { 80: 'fail', 9000: 'fail' },
    },
    {
      name: 'mesh STRICT, workload without mode, a DISABLE and a PERMISSIVE port',
      config:
        pa('istio-system', 'default', '{mtls: {mode: STRICT}}') +
        pa(
          'amb',
          'amb-server',
          '{selector: {matchLabels: {app: amb-server}}, portLevelMtls: {8080: {mode: DISABLE}, 9000: {mode: PERMISSIVE}}}',
        ),
      expected: { 80: 'plaintext', 9000: 'plaintext' },
    },
    {
      name: 'namespace STRICT',
      config: pa('amb', 'default', '{mtls: {mode: STRICT}}'),
      expected: { 80: 'fail', 9000: 'fail' },
    },
    {
      // workloads.go fetchPeerAuthentications: root-namespace policies count only with a nil selector.
      name: 'root-namespace STRICT with an empty selector (ignored in ambient)',
      config: pa(
        'istio-system',
        'default',
        '{selector: {}, mtls: {mode: STRICT}}',
      ),
      expected: { 80: 'plaintext', 9000: 'plaintext' },
    },
  ])(
    'PeerAuthentication as ztunnel enforces it: $name',
    ({ config, expected }) => {
      const edges = edgesOf(fleet() + config);
      expect({
        80: edge(edges, 'naked', 'amb-server', 80).outcome,
        9000: edge(edges, 'naked', 'amb-server', 9000).outcome,
      }).toEqual(expected);
    },
  );

  it('reports the mode ztunnel applies, DISABLE as PERMISSIVE, and the policy that decided it', () => {
    const report = analyzerFor(
      fleet() + pa('amb', 'default', '{mtls: {mode: DISABLE}}'),
    ).report();
    const server = report.mtls.workloads.find(w => w.name === 'amb-server')!;
    expect(server).toMatchObject({
      dataplane: 'ambient',
      sidecar: false,
      mode: 'PERMISSIVE',
      decidedBy: [{ name: 'default', namespace: 'amb', scope: 'namespace' }],
    });
    expect(server.note).toContain('DISABLE acts as PERMISSIVE');
  });

  it('names ztunnel and the policy when it rejects plaintext', () => {
    const e = edge(
      edgesOf(
        fleet() + pa('istio-system', 'default', '{mtls: {mode: STRICT}}'),
      ),
      'naked',
      'amb-server',
    );
    expect(e.reason).toContain('ztunnel');
    expect(e.reason).toContain('PeerAuthentication istio-system/default');
  });
});

describe('data plane and infrastructure of workloads', () => {
  const workloads = (yaml: string, meshConfig = {}) =>
    Object.fromEntries(
      analyzerFor(yaml, meshConfig)
        .report()
        .mtls.workloads.map(w => [
          w.name,
          `${w.dataplane}${w.role ? ` ${w.role}` : ''}`,
        ]),
    );

  it('recognises ztunnel, waypoints, istiod and gateways, and leaves them out of the callers', () => {
    const wl = workloads(fleet());
    expect(wl).toMatchObject({
      ztunnel: 'none ztunnel',
      istiod: 'none control-plane',
      waypoint: 'ambient waypoint',
      'istio-ingressgateway': 'sidecar gateway',
      'amb-client': 'ambient',
      'sc-client': 'sidecar',
      naked: 'none',
    });
    const callers = new Set(edgesOf(fleet()).map(e => e.from.workload));
    expect(callers).toContain('istio-ingressgateway');
    expect(callers).toContain('amb-client');
    for (const infra of ['ztunnel', 'istiod', 'waypoint'])
      expect(callers).not.toContain(infra);
  });

  it('follows the enablement selector: pod opt-out, pod opt-in, sidecar wins, hostNetwork', () => {
    // cni/pkg/util/enablement_selector.go and the CNI chart's ambient.enablementSelectors.
    const yaml =
      doc`${controlPlane()}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: v1
kind: Namespace
metadata: {name: both, labels: {istio.io/dataplane-mode: ambient, istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: plain}` +
      deployment('amb', 'opted-out', { 'istio.io/dataplane-mode': 'none' }) +
      deployment('amb', 'typo', { 'istio.io/dataplane-mode': 'ambinet' }) +
      deployment('plain', 'opted-in', {
        'istio.io/dataplane-mode': 'ambient',
      }) +
      deployment('both', 'injected') +
      deployment('both', 'not-injected', {
        'sidecar.istio.io/inject': 'false',
      }) +
      doc`
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: host, namespace: amb}
spec: {template: {metadata: {labels: {app: host}}, spec: {hostNetwork: true, containers: [{name: app}]}}}`;
    expect(workloads(yaml)).toMatchObject({
      'opted-out': 'none',
      // Any value but `none` on the pod keeps the namespace's enrolment (NotIn [none]).
      typo: 'ambient',
      'opted-in': 'ambient',
      injected: 'sidecar',
      'not-injected': 'ambient',
      host: 'none',
    });
  });

  it('takes the CNI annotation as the truth on live pods', () => {
    const pod = (name: string, annotations: string) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: amb, labels: {app: ${name}}, annotations: {${annotations}}}
spec: {containers: [{name: app}]}
status: {phase: Running}`;
    const yaml =
      doc`${controlPlane()}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}` +
      pod('captured', 'ambient.istio.io/redirection: enabled') +
      pod('not-yet', 'ambient.istio.io/redirection: pending') +
      pod('missed', 'x: y');
    expect(workloads(yaml)).toMatchObject({
      captured: 'ambient',
      'not-yet': 'none',
      missed: 'none',
    });
  });

  it('leaves an ambient namespace out of the mesh in a cluster without ztunnel, and in it once ztunnel arrives', () => {
    const a = analyzerFor(fleet(false));
    const dataplane = () =>
      a.report().mtls.workloads.find(w => w.name === 'amb-server')!.dataplane;
    expect(dataplane()).toBe('none');
    a.upsert('default', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ztunnel', namespace: 'istio-system' },
      spec: {
        template: {
          metadata: { labels: { app: 'ztunnel' } },
          spec: { containers: [{ name: 'istio-proxy' }] },
        },
      },
    });
    expect(dataplane()).toBe('ambient');
  });
});

describe('waypoint binding', () => {
  const bound = (yaml: string) =>
    Object.fromEntries(
      analyzerFor(yaml)
        .report()
        .mtls.workloads.filter(w => w.dataplane === 'ambient' && !w.role)
        .map(w => [
          w.name,
          w.waypoint ? `${w.waypoint.namespace}/${w.waypoint.name}` : '-',
        ]),
    );
  const ns = (labels: Record<string, string>, name = 'amb') => `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${JSON.stringify({
    'istio.io/dataplane-mode': 'ambient',
    ...labels,
  })}}`;

  it('binds by the Service label, else the namespace label; `none` opts out; a missing waypoint gives none', () => {
    // waypoints.go GetUseWaypoint / fetchWaypointForService: no fallback past the object's own label.
    const yaml =
      controlPlane() +
      ns({ 'istio.io/use-waypoint': 'waypoint' }) +
      waypoint('amb') +
      deployment('amb', 'by-ns') +
      service('amb', 'by-ns') +
      deployment('amb', 'opted-out') +
      service('amb', 'opted-out', { 'istio.io/use-waypoint': 'none' }) +
      deployment('amb', 'missing') +
      service('amb', 'missing', { 'istio.io/use-waypoint': 'nope' });
    expect(bound(yaml)).toMatchObject({
      'by-ns': 'amb/waypoint',
      'opted-out': '-',
      missing: '-',
    });
  });

  it('binds across namespaces only where the waypoint allows routes from them', () => {
    const cross = (extra: string) =>
      controlPlane() +
      ns({}, 'infra') +
      waypoint('infra', extra) +
      ns({}) +
      deployment('amb', 'app') +
      service('amb', 'app', {
        'istio.io/use-waypoint': 'waypoint',
        'istio.io/use-waypoint-namespace': 'infra',
      });
    expect(bound(cross(''))).toMatchObject({ app: '-' });
    expect(
      bound(cross(', allowedRoutes: {namespaces: {from: All}}')),
    ).toMatchObject({ app: 'infra/waypoint' });
  });

  it('binds a Service only to a waypoint for service traffic', () => {
    const yaml =
      controlPlane() +
      ns({}) +
      waypoint('amb').replace(
        '{name: waypoint, namespace: amb}',
        '{name: waypoint, namespace: amb, labels: {istio.io/waypoint-for: workload}}',
      ) +
      deployment('amb', 'app') +
      service('amb', 'app', { 'istio.io/use-waypoint': 'waypoint' });
    expect(bound(yaml)).toMatchObject({ app: '-' });
  });

  it('uses no waypoint that is not ready', () => {
    const yaml =
      controlPlane() +
      ns({}) +
      waypoint('amb').replace(
        'listeners: [{name: mesh, port: 15008, protocol: HBONE}]',
        'listeners: [{name: mesh, port: 15008, protocol: HBONE}]\nstatus: {conditions: [{type: Programmed, status: "False"}]}',
      ) +
      deployment('amb', 'app') +
      service('amb', 'app', { 'istio.io/use-waypoint': 'waypoint' });
    expect(bound(yaml)).toMatchObject({ app: '-' });
  });
});

describe('ambient across clusters (§g.7)', () => {
  const cluster = (network: string, multiNetwork: boolean, global: boolean) =>
    controlPlane()
      .replace(
        'metadata: {name: istio-system}',
        `metadata: {name: istio-system, labels: {topology.istio.io/network: ${network}}}`,
      )
      .replace(
        '{name: discovery, image: pilot}',
        `{name: discovery, image: pilot, env: [{name: AMBIENT_ENABLE_MULTI_NETWORK, value: "${multiNetwork}"}]}`,
      ) +
    doc`
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: istio-eastwest, namespace: istio-system}
spec: {gatewayClassName: istio-east-west, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}` +
    deployment('amb', 'server') +
    service('amb', 'server', global ? { 'istio.io/global': 'true' } : {});

  const remote = (multiNetwork: boolean, global: boolean) => {
    const edges = analyzerFor({
      east: cluster('n1', multiNetwork, global) + deployment('amb', 'client'),
      west: cluster('n2', multiNetwork, global),
    }).report({ edges: true }).mtls.edges!;
    return edges.find(
      e =>
        e.from.workload === 'client' &&
        e.to.cluster === 'west' &&
        e.to.port === 80,
    )!;
  };

  it('crosses only for global services with multi-network on, through the east-west gateway', () => {
    expect(remote(true, true)).toMatchObject({
      outcome: 'mtls',
      transport: 'hbone',
      crossNetwork: true,
      via: [
        { kind: 'eastWestGateway', cluster: 'west', name: 'istio-eastwest' },
      ],
    });
    expect(remote(true, false).outcome).toBe('excluded');
    expect(remote(true, false).reason).toContain('istio.io/global');
    expect(remote(false, true).outcome).toBe('excluded');
    expect(remote(false, true).reason).toContain(
      'AMBIENT_ENABLE_MULTI_NETWORK',
    );
  });
});

describe('authorization in edges', () => {
  const ap = (ns: string, name: string, spec: string) => `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
  const outcome = (config: string, from: string, to: string, port = 80) =>
    edge(edgesOf(fleet() + config, HBONE_METADATA), from, to, port);

  it.each([
    {
      // TestAuthorizationL4 "allow": the caller's principal is allowed (ztunnel for ambient, sidecar for sidecars).
      name: 'ALLOW the caller by principal',
      config: ap(
        'amb',
        'allow',
        '{selector: {matchLabels: {app: amb-server}}, rules: [{from: [{source: {principals: [cluster.local/ns/side/sa/sc-client]}}]}]}',
      ),
      pairs: {
        'sc-client->amb-server': 'mtls',
        'amb-client->amb-server': 'denied',
        'naked->amb-server': 'denied',
      },
    },
    {
      // TestAuthorizationL4 "not allow".
      name: 'ALLOW someone else',
      config: ap(
        'amb',
        'allow',
        '{selector: {matchLabels: {app: amb-server}}, rules: [{from: [{source: {principals: [cluster.local/ns/something/sa/else]}}]}]}',
      ),
      pairs: {
        'sc-client->amb-server': 'denied',
        'amb-client->amb-server': 'denied',
      },
    },
    {
      name: 'DENY a namespace (sidecar server)',
      config: ap(
        'side',
        'deny-amb',
        '{selector: {matchLabels: {app: sc-server}}, action: DENY, rules: [{from: [{source: {namespaces: [amb]}}]}]}',
      ),
      pairs: {
        'amb-client->sc-server': 'denied',
        'sc-client->sc-server': 'mtls',
        // Plaintext carries no namespace: a DENY on namespaces does not match it.
        'naked->sc-server': 'plaintext',
      },
    },
    {
      // §g.8: an ALLOW whose only rules are HTTP becomes allow-nothing at ztunnel; a sidecar on an
      // HTTP port keeps it (the requests decide).
      name: 'L7 ALLOW with a selector',
      config:
        ap(
          'amb',
          'l7',
          '{selector: {matchLabels: {app: amb-server}}, rules: [{to: [{operation: {methods: [GET]}}]}]}',
        ) +
        ap(
          'side',
          'l7',
          '{selector: {matchLabels: {app: sc-server}}, rules: [{to: [{operation: {methods: [GET]}}]}]}',
        ),
      pairs: {
        'sc-client->amb-server': 'denied',
        'amb-client->amb-server': 'denied',
        'sc-client->sc-server': 'mtls',
      },
    },
    {
      // handleRule: a DENY with methods and ports in one `to` entry denies the whole port at ztunnel.
      name: 'L7 DENY with a port at ztunnel',
      config: ap(
        'amb',
        'deny-delete',
        '{selector: {matchLabels: {app: amb-server}}, action: DENY, rules: [{to: [{operation: {methods: [DELETE], ports: ["8080"]}}]}]}',
      ),
      pairs: {
        'amb-client->amb-server': 'denied',
        'amb-client->amb-server:9000': 'mtls',
      },
    },
    {
      // handleRule: a DENY whose `to` clause was HTTP-only never fires at ztunnel.
      name: 'L7 DENY without L4 fields at ztunnel',
      config: ap(
        'amb',
        'deny-delete',
        '{selector: {matchLabels: {app: amb-server}}, action: DENY, rules: [{from: [{source: {namespaces: [amb]}}], to: [{operation: {methods: [DELETE]}}]}]}',
      ),
      pairs: { 'amb-client->amb-server': 'mtls' },
    },
    {
      // convertAuthorizationPolicy: ztunnel does not take CUSTOM (or AUDIT).
      name: 'CUSTOM at ztunnel',
      config: ap(
        'amb',
        'ext',
        '{selector: {matchLabels: {app: amb-server}}, action: CUSTOM, provider: {name: ext}, rules: [{}]}',
      ),
      pairs: { 'naked->amb-server': 'plaintext' },
    },
    {
      // A targetRefs policy is the waypoint's: ztunnel and sidecars skip it; traffic through the
      // waypoint is checked there with the caller's identity.
      name: 'waypoint policy (targetRefs to the Service)',
      config: ap(
        'amb',
        'wp',
        '{targetRefs: [{kind: Service, group: "", name: wp-server}], rules: [{from: [{source: {principals: [cluster.local/ns/side/sa/sc-client]}}]}]}',
      ),
      pairs: {
        'amb-client->wp-server': 'denied',
        // Sidecars bypass the waypoint, and the policy is the waypoint's only.
        'sc-client->wp-server': 'mtls',
      },
    },
    {
      // §g.8: after a waypoint the destination ztunnel sees the waypoint's identity.
      name: 'selector ALLOW of client principals behind a waypoint',
      config: ap(
        'amb',
        'clients',
        '{selector: {matchLabels: {app: wp-server}}, rules: [{from: [{source: {principals: [cluster.local/ns/amb/sa/amb-client]}}]}]}',
      ),
      pairs: {
        'amb-client->wp-server': 'denied',
        'sc-client->wp-server': 'denied',
      },
    },
    {
      name: 'allow-nothing in the root namespace',
      config: ap('istio-system', 'allow-nothing', '{}'),
      pairs: {
        'amb-client->amb-server': 'denied',
        'sc-client->sc-server': 'denied',
        'amb-client->naked': 'plaintext',
      },
    },
  ])('$name', ({ config, pairs }) => {
    const edges = edgesOf(fleet() + config, HBONE_METADATA);
    const got = Object.fromEntries(
      Object.keys(pairs).map(pair => {
        const [from, rest] = pair.split('->');
        const [to, port] = rest.split(':');
        return [pair, edge(edges, from, to, port ? Number(port) : 80).outcome];
      }),
    );
    expect(got).toEqual(pairs);
  });

  it("tells callers of one namespace apart by service account in an entity's callers", () => {
    // sc-client and sc-server share namespace `side`, not their service account: a policy naming
    // one principal allows one and denies the other, also where callers are grouped.
    const view = analyzerFor(
      fleet() +
        ap(
          'amb',
          'allow',
          '{selector: {matchLabels: {app: amb-server}}, rules: [{from: [{source: {principals: [cluster.local/ns/side/sa/sc-client]}}]}]}',
        ),
      HBONE_METADATA,
    ).entityView([{ namespace: 'amb', name: 'amb-server' }]);
    const outcomesFrom = (workload: string) =>
      view.posture.inbound
        .filter(e => e.from.workload === workload && e.to.port === 80)
        .map(e => e.outcome);
    expect(outcomesFrom('sc-server')).toEqual(['denied']);
    // Allowed with mTLS: not listed, which lists only what is not mTLS.
    expect(outcomesFrom('sc-client')).toEqual([]);
    expect(view.posture.outcomes.denied).toBeGreaterThan(0);
  });

  it("colours the topology's authorization edges per caller identity, not per caller group", () => {
    // sc-client and sc-server are one client group (namespace, proxy, network) with two service
    // accounts: the ALLOW names both, the DENY one of them.
    const t = analyzerFor(
      fleet() +
        ap(
          'amb',
          'allow',
          '{selector: {matchLabels: {app: amb-server}}, rules: [{from: [{source: {principals: [cluster.local/ns/side/sa/sc-client, cluster.local/ns/side/sa/sc-server]}}]}]}',
        ) +
        ap(
          'amb',
          'deny',
          '{selector: {matchLabels: {app: amb-server}}, action: DENY, rules: [{from: [{source: {principals: [cluster.local/ns/side/sa/sc-server]}}]}]}',
        ),
      HBONE_METADATA,
    ).topology();
    const outcomeFrom = (caller: string) =>
      t.edges
        .filter(
          e =>
            e.source === 'authorization' &&
            e.from === `workload:default/side/${caller}` &&
            e.to === 'workload:default/amb/amb-server',
        )
        .map(e => e.outcome);
    expect(outcomeFrom('sc-client')).toEqual(['mtls']);
    expect(outcomeFrom('sc-server')).toEqual(['denied']);
  });

  it('names the deciding policy and the enforcing proxy', () => {
    const e = outcome(
      ap(
        'amb',
        'l7',
        '{selector: {matchLabels: {app: amb-server}}, rules: [{to: [{operation: {methods: [GET]}}]}]}',
      ),
      'amb-client',
      'amb-server',
    );
    expect(e.deniedBy).toEqual({
      kind: 'AuthorizationPolicy',
      cluster: 'default',
      namespace: 'amb',
      name: 'l7',
    });
    expect(e.reason).toContain('ztunnel');
    expect(e.reason).toContain('only HTTP rules');
  });
});

describe('waypoints in the topology', () => {
  const edgesBetween = (t: Topology, from: string, to: string) =>
    t.edges.filter(e => e.from === from && e.to === to);

  it('draws service → waypoint → endpoint with what an ambient client gets, and keeps the direct path of sidecars', () => {
    const t = analyzerFor(fleet(), HBONE_METADATA).topology();
    const node = t.nodes.find(n => n.id === 'waypoint:default/amb/waypoint');
    expect(node).toMatchObject({ type: 'waypoint', dataplane: 'ambient' });
    const [toWaypoint] = edgesBetween(
      t,
      'service:amb/wp-server',
      'waypoint:default/amb/waypoint',
    );
    expect(toWaypoint).toMatchObject({
      source: 'waypoint',
      object: { kind: 'Gateway', namespace: 'amb', name: 'waypoint' },
      outcome: 'mtls',
    });
    expect(
      edgesBetween(
        t,
        'waypoint:default/amb/waypoint',
        'workload:default/amb/wp-server',
      ).map(e => e.outcome),
    ).toEqual(['mtls']);
    // Sidecars bypass service waypoints: the service still selects its endpoint directly.
    expect(
      edgesBetween(
        t,
        'service:amb/wp-server',
        'workload:default/amb/wp-server',
      ).map(e => e.source),
    ).toEqual(['endpoint']);
    // A service without the label has no waypoint path.
    expect(
      t.edges.filter(
        e => e.from === 'service:amb/amb-server' && e.source === 'waypoint',
      ),
    ).toEqual([]);
    expect(
      t.nodes.find(n => n.id === 'workload:default/amb/amb-server'),
    ).toMatchObject({ dataplane: 'ambient' });
  });

  it('colours the waypoint path by what the waypoint sends, apart from the direct path of sidecars', () => {
    // A waypoint sends plaintext to a sidecar without the tunnel label, which STRICT rejects
    // (TestWaypointWithSidecarBackend); sidecar clients reach it directly with Istio mTLS.
    const t = analyzerFor(
      fleet() +
        service('side', 'sc-server-wp', {
          'istio.io/use-waypoint': 'waypoint',
        }) +
        deployment('side', 'sc-server-wp') +
        waypoint('side') +
        pa('istio-system', 'default', '{mtls: {mode: STRICT}}'),
    ).topology();
    const server = 'workload:default/side/sc-server-wp';
    const wp = 'waypoint:default/side/waypoint';
    expect(edgesBetween(t, wp, server).map(e => [e.source, e.outcome])).toEqual(
      [['waypoint', 'fail']],
    );
    expect(
      edgesBetween(t, 'service:side/sc-server-wp', wp).map(e => e.outcome),
    ).toEqual(['fail']);
    expect(
      edgesBetween(t, 'service:side/sc-server-wp', server).map(e => [
        e.source,
        e.outcome,
      ]),
    ).toEqual([['endpoint', 'mtls']]);
  });

  it("never sends a waypoint's own Service through a waypoint, even under a namespace label", () => {
    // waypoints.go fetchWaypointForService: objects istiod generates for a waypoint are skipped.
    const yaml = fleet()
      .replace(
        '{name: amb, labels: {istio.io/dataplane-mode: ambient}}',
        '{name: amb, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}',
      )
      .concat(
        service('amb', 'waypoint', {
          'gateway.istio.io/managed': 'istio.io-mesh-controller',
        }),
      );
    const t = analyzerFor(yaml, HBONE_METADATA).topology();
    const through = (svc: string) =>
      t.edges.some(
        e => e.from === `service:amb/${svc}` && e.source === 'waypoint',
      );
    expect(through('amb-server')).toBe(true);
    expect(through('waypoint')).toBe(false);
  });

  it("says a waypoint's own Service takes HBONE itself, not through ztunnel", () => {
    const yaml = `${fleet()}
---
apiVersion: v1
kind: Service
metadata: {name: waypoint, namespace: amb, labels: {gateway.istio.io/managed: istio.io-mesh-controller}}
spec: {selector: {gateway.networking.k8s.io/gateway-name: waypoint}, ports: [{name: mesh, port: 15008}]}`;
    const e = edge(
      edgesOf(yaml, HBONE_METADATA),
      'amb-client',
      'waypoint',
      15008,
    );
    expect(e.outcome).toBe('mtls');
    expect(e.reason).toContain('waypoint is a waypoint, which takes HBONE');
    expect(e.reason).not.toContain('captured by ztunnel');
  });

  it('draws no waypoint for a Gateway that is not ready', () => {
    const notReady = fleet().replace(
      'listeners: [{name: mesh, port: 15008, protocol: HBONE}]',
      'listeners: [{name: mesh, port: 15008, protocol: HBONE}]\nstatus: {addresses: []}',
    );
    const t = analyzerFor(notReady, HBONE_METADATA).topology();
    expect(t.nodes.filter(n => n.type === 'waypoint')).toEqual([]);
  });
});
