import { findingsOf } from '../../__testUtils__/analyzeYaml';

describe('deprecation.DeprecationAnalyzer', () => {
  it.each([
    {
      name: 'fault delay percent',
      yaml: `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: foo}
spec:
  hosts: [a]
  http:
  - fault: {delay: {percent: 50, fixedDelay: 1s}}
    route: [{destination: {host: a}}]`,
      expected: ['IST0002 VirtualService foo/vs'],
    },
    {
      name: 'percentage is not deprecated',
      yaml: `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: foo}
spec:
  hosts: [a]
  http:
  - fault: {delay: {percentage: {value: 50}, fixedDelay: 1s}}
    route: [{destination: {host: a}}]`,
      expected: [],
    },
    {
      name: 'mirrorPercent and Sidecar egressProxy',
      yaml: `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: foo}
spec:
  hosts: [a]
  http:
  - mirror: {host: b}
    mirrorPercent: 10
    route: [{destination: {host: a}}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: sc, namespace: foo}
spec:
  outboundTrafficPolicy: {mode: ALLOW_ANY, egressProxy: {host: example, port: {number: 80}}}`,
      expected: ['IST0002 Sidecar foo/sc', 'IST0002 VirtualService foo/vs'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'deprecation.DeprecationAnalyzer')).toEqual(
      expected,
    );
  });
});
