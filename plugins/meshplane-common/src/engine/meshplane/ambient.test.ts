import { findingsOf } from '../__testUtils__/analyzeYaml';
import { ISTIOD_YAML, ZTUNNEL_YAML } from '../__testUtils__/ambientYaml';

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
});
