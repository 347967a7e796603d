import { findingsOf } from '../../__testUtils__/analyzeYaml';

const base = `
apiVersion: v1
kind: Pod
metadata: {name: ingress-1, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: default}
spec:
  hosts: ["*"]
  gateways: [istio-system/gw]
  http:
  - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
    route: [{destination: {host: a}}]
`;

describe('virtualservice.JWTClaimRouteAnalyzer', () => {
  it.each([
    {
      name: 'no RequestAuthentication for the gateway pod',
      extra: '',
      expected: ['IST0149 VirtualService default/vs'],
    },
    {
      name: 'RequestAuthentication selects the gateway pod',
      extra: `
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  jwtRules: [{issuer: x}]`,
      expected: [],
    },
    {
      name: 'RequestAuthentication selecting something else',
      extra: `
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: ra, namespace: istio-system}
spec:
  selector: {matchLabels: {app: other}}
  jwtRules: [{issuer: x}]`,
      expected: ['IST0149 VirtualService default/vs'],
    },
  ])('$name', ({ extra, expected }) => {
    expect(
      findingsOf(base + extra, 'virtualservice.JWTClaimRouteAnalyzer'),
    ).toEqual(expected);
  });
});
