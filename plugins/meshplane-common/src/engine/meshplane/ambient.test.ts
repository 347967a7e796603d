import { analyzerFor, findingsOf } from '../__testUtils__/analyzeYaml';
import {
  ISTIOD_YAML,
  waypointYaml,
  ZTUNNEL_YAML,
} from '../__testUtils__/ambientYaml';

const NAME = 'meshplane.AmbientAnalyzer';

const istiod = ISTIOD_YAML;
const ztunnel = ZTUNNEL_YAML;
const app = (ns: string, name: string, labels = '') => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec: {template: {metadata: {labels: {app: ${name}${labels}}}, spec: {containers: [{name: app}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80}]}
`;
const namespaces = `
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: v1
kind: Namespace
metadata: {name: side, labels: {istio-injection: enabled}}
`;

describe('meshplane.AmbientAnalyzer', () => {
  it('reports an ambient namespace in a cluster without ztunnel, and nothing once ztunnel runs', () => {
    expect(findingsOf(istiod + namespaces, NAME)).toEqual([
      'MPL0100 Namespace amb',
    ]);
    expect(findingsOf(istiod + ztunnel + namespaces, NAME)).toEqual([]);
    // Input without a control plane says nothing about ztunnel (as istioctl analyze of manifests).
    expect(findingsOf(namespaces, NAME)).toEqual([]);
  });

  it('reports dataplane-mode values Istio does not know', () => {
    const yaml = `${istiod}${ztunnel}
---
apiVersion: v1
kind: Namespace
metadata: {name: typo, labels: {istio.io/dataplane-mode: Ambient}}
${namespaces}${app('amb', 'api', ', istio.io/dataplane-mode: sidecar')}`;
    expect(findingsOf(yaml, NAME)).toEqual([
      'MPL0101 Deployment amb/api',
      'MPL0101 Namespace typo',
    ]);
  });

  it('reports use-waypoint labels that bind no waypoint, on the object that carries them', () => {
    const yaml = `${istiod}${ztunnel}
---
apiVersion: v1
kind: Namespace
metadata: {name: amb, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: missing}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: amb}
spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
status: {conditions: [{type: Programmed, status: "False"}]}
${app('amb', 'api')}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: amb, labels: {istio.io/use-waypoint: waypoint}}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
`;
    expect(findingsOf(yaml, NAME)).toEqual([
      'MPL0102 Namespace amb',
      'MPL0102 Service amb/web',
    ]);
  });

  it('reports selector policies ztunnel narrows or ignores on ambient workloads, not on sidecars', () => {
    const policy = (ns: string, name: string, spec: string) => `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
    const yaml = `${istiod}${ztunnel}${namespaces}${app('amb', 'api')}${app(
      'side',
      'web',
    )}${policy(
      'amb',
      'get-only',
      '{selector: {matchLabels: {app: api}}, rules: [{to: [{operation: {methods: [GET]}}]}]}',
    )}${policy(
      'amb',
      'l4-only',
      '{selector: {matchLabels: {app: api}}, rules: [{to: [{operation: {ports: ["80"]}}]}]}',
    )}${policy(
      'amb',
      'ext',
      '{action: CUSTOM, provider: {name: ext}, rules: [{}]}',
    )}${policy(
      'amb',
      'at-waypoint',
      '{targetRefs: [{kind: Service, group: "", name: api}], rules: [{to: [{operation: {methods: [GET]}}]}]}',
    )}${policy(
      'side',
      'get-only',
      '{selector: {matchLabels: {app: web}}, rules: [{to: [{operation: {methods: [GET]}}]}]}',
    )}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: amb}
spec: {jwtRules: [{issuer: x}]}
`;
    expect(findingsOf(yaml, NAME)).toEqual([
      'MPL0103 AuthorizationPolicy amb/get-only',
      'MPL0104 AuthorizationPolicy amb/ext',
      'MPL0105 RequestAuthentication amb/jwt',
    ]);
  });

  describe('features that need a waypoint and have none (MPL0106-MPL0109)', () => {
    // amb: ambient, no waypoint; wp: ambient, namespace bound to waypoint wp/waypoint;
    // side: sidecars; other: plain namespace.
    const fleet = `${istiod}${ztunnel}${namespaces}
---
apiVersion: v1
kind: Namespace
metadata: {name: wp, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
${waypointYaml('wp')}${app('amb', 'api')}${app('side', 'web')}${app(
      'wp',
      'cart',
    )}
---
apiVersion: v1
kind: Service
metadata: {name: cart-direct, namespace: wp, labels: {istio.io/use-waypoint: none}}
spec: {selector: {app: cart}, ports: [{name: http, port: 80}]}
`;
    const doc = (
      apiVersion: string,
      kind: string,
      ns: string,
      name: string,
      spec: string,
    ) => `
---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
    const vs = (ns: string, name: string, spec: string) =>
      doc('networking.istio.io/v1', 'VirtualService', ns, name, spec);
    const tel = (ns: string, name: string, spec: string) =>
      doc('telemetry.istio.io/v1', 'Telemetry', ns, name, spec);
    const wasm = (ns: string, name: string, spec: string) =>
      doc('extensions.istio.io/v1alpha1', 'WasmPlugin', ns, name, spec);
    const ef = (ns: string, name: string, spec: string) =>
      doc('networking.istio.io/v1alpha3', 'EnvoyFilter', ns, name, spec);
    const dr = (ns: string, name: string, spec: string) =>
      doc('networking.istio.io/v1', 'DestinationRule', ns, name, spec);
    const route = (host: string) =>
      `http: [{retries: {attempts: 3}, route: [{destination: {host: ${host}}}]}]`;
    const logs = 'accessLogging: [{providers: [{name: envoy}]}]';
    const patch = (context: string) =>
      `configPatches: [{applyTo: HTTP_FILTER, match: {context: ${context}}, patch: {operation: INSERT_BEFORE, value: {name: x}}}]`;

    it('reports nothing for the fleet alone', () => {
      expect(findingsOf(fleet, NAME)).toEqual([]);
    });

    it.each([
      // MPL0106: mesh VirtualServices for ambient services
      [
        'VS for an ambient service without waypoint',
        vs('amb', 'r', `{hosts: [api], ${route('api')}}`),
        ['MPL0106 VirtualService amb/r'],
      ],
      [
        'VS bound to mesh and a gateway',
        vs(
          'amb',
          'r',
          `{hosts: [api], gateways: [my-gw, mesh], ${route('api')}}`,
        ),
        ['MPL0106 VirtualService amb/r'],
      ],
      [
        'VS with tcp routes only',
        vs(
          'amb',
          'r',
          '{hosts: [api], tcp: [{route: [{destination: {host: api}}]}]}',
        ),
        ['MPL0106 VirtualService amb/r'],
      ],
      [
        'VS from another namespace by FQDN',
        vs(
          'side',
          'r',
          `{hosts: [api.amb.svc.cluster.local], ${route(
            'api.amb.svc.cluster.local',
          )}}`,
        ),
        ['MPL0106 VirtualService side/r'],
      ],
      [
        'VS for a service that opts out of the namespace waypoint',
        vs('wp', 'r', `{hosts: [cart-direct], ${route('cart-direct')}}`),
        ['MPL0106 VirtualService wp/r'],
      ],
      [
        'VS in a namespace the waypoint does not read',
        vs(
          'other',
          'r',
          `{hosts: [cart.wp.svc.cluster.local], ${route(
            'cart.wp.svc.cluster.local',
          )}}`,
        ),
        ['MPL0106 VirtualService other/r'],
      ],
      [
        'VS for a gateway only',
        vs('amb', 'r', `{hosts: [api], gateways: [my-gw], ${route('api')}}`),
        [],
      ],
      [
        'VS for a service with a waypoint',
        vs('wp', 'r', `{hosts: [cart], ${route('cart')}}`),
        [],
      ],
      [
        'VS for a sidecar service',
        vs('side', 'r', `{hosts: [web], ${route('web')}}`),
        [],
      ],
      [
        'VS for an unknown host',
        vs('amb', 'r', `{hosts: [nothing], ${route('nothing')}}`),
        [],
      ],
      // MPL0107: L7 Telemetry
      [
        'selector Telemetry with access logs',
        tel('amb', 't', `{selector: {matchLabels: {app: api}}, ${logs}}`),
        ['MPL0107 Telemetry amb/t'],
      ],
      [
        'namespace-wide Telemetry with tracing, no waypoint',
        tel('amb', 't', '{tracing: [{randomSamplingPercentage: 10}]}'),
        ['MPL0107 Telemetry amb/t'],
      ],
      [
        'selector Telemetry behind a waypoint (waypoints take no selector Telemetry)',
        tel('wp', 't', `{selector: {matchLabels: {app: cart}}, ${logs}}`),
        ['MPL0107 Telemetry wp/t'],
      ],
      [
        'metric overrides',
        tel('amb', 't', '{metrics: [{overrides: [{disabled: true}]}]}'),
        ['MPL0107 Telemetry amb/t'],
      ],
      [
        'namespace-wide Telemetry behind a waypoint',
        tel('wp', 't', `{${logs}}`),
        [],
      ],
      [
        'Telemetry with targetRefs',
        tel(
          'amb',
          't',
          `{targetRefs: [{kind: Service, group: "", name: api}], ${logs}}`,
        ),
        [],
      ],
      ['Telemetry for sidecars', tel('side', 't', `{${logs}}`), []],
      [
        'Telemetry selecting nothing ambient',
        tel('amb', 't', `{selector: {matchLabels: {app: none}}, ${logs}}`),
        [],
      ],
      [
        'metrics without overrides',
        tel('amb', 't', '{metrics: [{providers: [{name: prometheus}]}]}'),
        [],
      ],
      [
        'the mesh-wide default Telemetry',
        tel('istio-system', 'mesh-default', `{${logs}}`),
        [],
      ],
      [
        'a root selector Telemetry (own namespace only)',
        tel(
          'istio-system',
          't',
          `{selector: {matchLabels: {app: api}}, ${logs}}`,
        ),
        [],
      ],
      // MPL0108: WasmPlugin, EnvoyFilter
      [
        'selector WasmPlugin',
        wasm('amb', 'w', '{selector: {matchLabels: {app: api}}, url: oci://x}'),
        ['MPL0108 WasmPlugin amb/w'],
      ],
      [
        'namespace-wide WasmPlugin behind a waypoint',
        wasm('wp', 'w', '{url: oci://x}'),
        ['MPL0108 WasmPlugin wp/w'],
      ],
      [
        'selector EnvoyFilter',
        ef(
          'amb',
          'e',
          `{workloadSelector: {labels: {app: api}}, ${patch(
            'SIDECAR_INBOUND',
          )}}`,
        ),
        ['MPL0108 EnvoyFilter amb/e'],
      ],
      [
        'mesh-wide EnvoyFilter',
        ef('istio-system', 'e', `{${patch('ANY')}}`),
        ['MPL0108 EnvoyFilter istio-system/e'],
      ],
      [
        'WasmPlugin with targetRefs',
        wasm(
          'wp',
          'w',
          '{targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}], url: oci://x}',
        ),
        [],
      ],
      [
        'EnvoyFilter with targetRefs',
        ef(
          'wp',
          'e',
          `{targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}], ${patch(
            'ANY',
          )}}`,
        ),
        [],
      ],
      [
        'gateway-only EnvoyFilter',
        ef('istio-system', 'e', `{${patch('GATEWAY')}}`),
        [],
      ],
      [
        'EnvoyFilter for sidecars',
        ef(
          'side',
          'e',
          `{workloadSelector: {labels: {app: web}}, ${patch('ANY')}}`,
        ),
        [],
      ],
      [
        'EnvoyFilter selecting no ambient workload',
        ef(
          'amb',
          'e',
          `{workloadSelector: {labels: {app: web}}, ${patch('ANY')}}`,
        ),
        [],
      ],
      // MPL0109: DestinationRule L7 traffic policy
      [
        'DR outlier detection, no waypoint',
        dr(
          'amb',
          'd',
          '{host: api, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5}}}',
        ),
        ['MPL0109 DestinationRule amb/d'],
      ],
      [
        'DR subset HTTP pool',
        dr(
          'side',
          'd',
          '{host: api.amb.svc.cluster.local, subsets: [{name: v1, labels: {v: "1"}, trafficPolicy: {connectionPool: {http: {http2MaxRequests: 10}}}}]}',
        ),
        ['MPL0109 DestinationRule side/d'],
      ],
      [
        'DR consistent hash by header',
        dr(
          'amb',
          'd',
          '{host: api, trafficPolicy: {portLevelSettings: [{port: {number: 80}, loadBalancer: {consistentHash: {httpHeaderName: x-user}}}]}}',
        ),
        ['MPL0109 DestinationRule amb/d'],
      ],
      [
        'DR L4 policy only',
        dr(
          'amb',
          'd',
          '{host: api, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}, connectionPool: {tcp: {maxConnections: 5}}}}',
        ),
        [],
      ],
      [
        'DR for a service with a waypoint',
        dr(
          'wp',
          'd',
          '{host: cart, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5}}}',
        ),
        [],
      ],
      [
        'DR for a sidecar service',
        dr(
          'side',
          'd',
          '{host: web, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 5}}}',
        ),
        [],
      ],
    ])('%s', (_name, yaml, expected) => {
      expect(findingsOf(fleet + yaml, NAME)).toEqual(expected);
    });

    it('names the Istio rule, the services and the Alpha status in the messages', () => {
      const messages = analyzerFor(
        `${fleet}${vs(
          'other',
          'r',
          `{hosts: [cart.wp.svc.cluster.local, api.amb.svc.cluster.local], ${route(
            'api.amb.svc.cluster.local',
          )}}`,
        )}`,
      )
        .report()
        .messages.filter(m => m.analyzer === NAME);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        code: 'MPL0106',
        level: 'Warning',
        path: 'spec.hosts[0]',
      });
      expect(messages[0].message).toContain(
        'waypoint wp/waypoint of Service wp/cart reads VirtualServices of namespace wp only',
      );
      expect(messages[0].message).toContain('Service amb/api has no waypoint');
      expect(messages[0].message).toContain('Alpha');
    });
  });
});

describe('meshplane.AmbientAnalyzer after changes', () => {
  it('reports the ambient namespace once ztunnel goes, in the analyzer and in a fork of it', () => {
    const a = analyzerFor(istiod + ztunnel + namespaces);
    const codes = (x: ReturnType<typeof analyzerFor>) =>
      x.findings({ code: 'MPL0100' }).map(m => m.resource.name);
    expect(codes(a)).toEqual([]);
    const f = a.fork();
    const gone = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      namespace: 'istio-system',
      name: 'ztunnel',
    };
    f.remove('default', gone);
    expect(codes(f)).toEqual(['amb']);
    expect(codes(a)).toEqual([]);
    a.remove('default', gone);
    expect(codes(a)).toEqual(['amb']);
  });
});
