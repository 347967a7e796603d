import { findingsOf } from '../../__testUtils__/analyzeYaml';

const gw = (name: string, selector: string, cred: string) => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: default}
spec:
  selector: ${selector}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    tls: {mode: SIMPLE, credentialName: ${cred}}
    hosts: ["*"]`;

const base = `
apiVersion: v1
kind: Pod
metadata: {name: ingress, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Secret
metadata: {name: no-keys, namespace: istio-system}
data: {foo: YmFy}
---
apiVersion: v1
kind: Secret
metadata: {name: not-a-cert, namespace: istio-system}
data: {tls.crt: YWJj, tls.key: YWJj}
`;

describe('gateway.SecretAnalyzer', () => {
  it.each([
    {
      name: 'secret missing in the gateway pod namespace',
      yaml: gw('a', '{istio: ingressgateway}', 'nope'),
      expected: ['IST0101 Gateway default/a'],
    },
    {
      name: 'selector matches nothing',
      yaml: gw('a', '{istio: nothing}', 'no-keys'),
      expected: ['IST0101 Gateway default/a'],
    },
    {
      name: 'secret without certificate keys',
      yaml: gw('a', '{istio: ingressgateway}', 'no-keys'),
      expected: ['IST0161 Gateway default/a'],
    },
    {
      name: 'unparsable certificate',
      yaml: gw('a', '{istio: ingressgateway}', 'not-a-cert'),
      expected: ['IST0161 Gateway default/a'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(base + yaml, 'gateway.SecretAnalyzer')).toEqual(expected);
  });
});
