import { findingsOf } from '../../__testUtils__/analyzeYaml';

const gw = (name: string, selector: string, port: number, hosts: string) => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}}
spec:
  selector: ${selector}
  servers: [{port: {number: ${port}, name: p, protocol: HTTP}, hosts: ${hosts}}]`;

describe('gateway.ConflictingGatewayAnalyzer', () => {
  it.each([
    {
      name: 'same selector, port and host',
      yaml:
        gw('alpha', '{istio: ingressgateway}', 80, '[foo.bar]') +
        gw('beta', '{istio: ingressgateway}', 80, '["*.bar"]'),
      expected: ['IST0145 Gateway alpha', 'IST0145 Gateway beta'],
    },
    {
      name: 'different ports',
      yaml:
        gw('alpha', '{istio: ingressgateway}', 80, '[foo.bar]') +
        gw('beta', '{istio: ingressgateway}', 81, '[foo.bar]'),
      expected: [],
    },
    {
      name: 'different hosts',
      yaml:
        gw('alpha', '{istio: ingressgateway}', 80, '[foo.bar]') +
        gw('beta', '{istio: ingressgateway}', 80, '[baz.bar]'),
      expected: [],
    },
    {
      name: 'one selector is a subset of the other',
      yaml:
        gw('alpha', '{istio: ingressgateway}', 80, '[foo.bar]') +
        gw('beta', '{istio: ingressgateway, app: x}', 80, '[foo.bar]'),
      expected: ['IST0145 Gateway alpha', 'IST0145 Gateway beta'],
    },
    {
      name: 'disjoint selectors',
      yaml:
        gw('alpha', '{istio: a}', 80, '[foo.bar]') +
        gw('beta', '{istio: b}', 80, '[foo.bar]'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'gateway.ConflictingGatewayAnalyzer')).toEqual(
      expected,
    );
  });
});
