import { findingsOf } from '../../__testUtils__/analyzeYaml';

const gw = (name: string, selector: string, tls: string) => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: istio-system}
spec:
  selector: ${selector}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: ${tls}}]`;

describe('gateway.CertificateAnalyzer', () => {
  it.each([
    {
      name: 'same credentialName on the same workload',
      yaml:
        gw(
          'a',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, credentialName: cert}',
        ) +
        gw(
          'b',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, credentialName: cert}',
        ),
      expected: [
        'IST0138 Gateway istio-system/a',
        'IST0138 Gateway istio-system/b',
      ],
    },
    {
      name: 'different credentials',
      yaml:
        gw(
          'a',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, credentialName: one}',
        ) +
        gw(
          'b',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, credentialName: two}',
        ),
      expected: [],
    },
    {
      name: 'same file certificate and key',
      yaml:
        gw(
          'a',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, serverCertificate: /c, privateKey: /k}',
        ) +
        gw(
          'b',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, serverCertificate: /c, privateKey: /k}',
        ),
      expected: [
        'IST0138 Gateway istio-system/a',
        'IST0138 Gateway istio-system/b',
      ],
    },
    {
      name: 'narrower selector only sees the broader gateway as a superset',
      yaml:
        gw(
          'a',
          '{istio: ingressgateway}',
          '{mode: SIMPLE, credentialName: cert}',
        ) +
        gw(
          'b',
          '{istio: ingressgateway, app: x}',
          '{mode: SIMPLE, credentialName: cert}',
        ),
      expected: ['IST0138 Gateway istio-system/a'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'gateway.CertificateAnalyzer')).toEqual(expected);
  });
});
