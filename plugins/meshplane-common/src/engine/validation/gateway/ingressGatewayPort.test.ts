import { findingsOf } from '../../__testUtils__/analyzeYaml';

const pods = `
apiVersion: v1
kind: Pod
metadata: {name: ingress, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080, protocol: TCP}, {name: https, port: 443, protocol: TCP}]
`;

const gw = (selector: string, port: number) => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  selector: ${selector}
  servers: [{port: {number: ${port}, name: http, protocol: HTTP}, hosts: ["*"]}]`;

describe('gateway.IngressGatewayPortAnalyzer', () => {
  it.each([
    {
      name: 'server port is a service target port',
      yaml: gw('{istio: ingressgateway}', 8080),
      expected: [],
    },
    {
      name: 'service port without targetPort',
      yaml: gw('{istio: ingressgateway}', 443),
      expected: [],
    },
    {
      name: 'service port translated to its target port',
      yaml: gw('{istio: ingressgateway}', 80),
      expected: [],
    },
    {
      name: 'port on neither side',
      yaml: gw('{istio: ingressgateway}', 9999),
      expected: ['IST0162 Gateway default/gw'],
    },
    {
      name: 'no workload matches the selector',
      yaml: gw('{istio: nothing}', 443),
      expected: ['IST0101 Gateway default/gw'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(pods + yaml, 'gateway.IngressGatewayPortAnalyzer'),
    ).toEqual(expected);
  });
});
