import { findingsOf } from '../../__testUtils__/analyzeYaml';

const base = `
apiVersion: v1
kind: Pod
metadata: {name: gw-1, namespace: default, labels: {gateway.networking.k8s.io/gateway-name: web, app: gw}}
spec: {containers: [{name: istio-proxy}]}
---
apiVersion: v1
kind: Pod
metadata: {name: app-1, namespace: default, labels: {app: app}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
`;

const policy = (kind: string, api: string, selector: string) => `
---
apiVersion: ${api}
kind: ${kind}
metadata: {name: p, namespace: default}
spec: {selector: {matchLabels: ${selector}}}`;

describe('k8sgateway.SelectorAnalyzer', () => {
  it.each([
    {
      name: 'RequestAuthentication on gateway pods',
      yaml: policy(
        'RequestAuthentication',
        'security.istio.io/v1',
        '{app: gw}',
      ),
      expected: ['IST0166 RequestAuthentication default/p'],
    },
    {
      name: 'AuthorizationPolicy on gateway pods',
      yaml: policy(
        'AuthorizationPolicy',
        'security.istio.io/v1',
        '{gateway.networking.k8s.io/gateway-name: web}',
      ),
      expected: ['IST0166 AuthorizationPolicy default/p'],
    },
    {
      name: 'Telemetry on gateway pods',
      yaml: policy('Telemetry', 'telemetry.istio.io/v1', '{app: gw}'),
      expected: ['IST0166 Telemetry default/p'],
    },
    {
      name: 'policy on application pods',
      yaml: policy('AuthorizationPolicy', 'security.istio.io/v1', '{app: app}'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(base + yaml, 'k8sgateway.SelectorAnalyzer')).toEqual(
      expected,
    );
  });
});
