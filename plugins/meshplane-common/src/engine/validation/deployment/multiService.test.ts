import { findingsOf } from '../../__testUtils__/analyzeYaml';

const deployment = (name: string, app: string, extra = '') => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}} ${extra}}
    spec: {containers: [{name: app}]}`;

const svc = (name: string, app: string, ports: string, ns = 'bookinfo') => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${app}}, ports: ${ports}}`;

const injected = `
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo, labels: {istio-injection: enabled}}
`;

describe('deployment.MultiServiceAnalyzer', () => {
  it.each([
    {
      name: 'same port, different protocols',
      yaml:
        deployment('d', 'a') +
        svc('s1', 'a', '[{port: 9080, protocol: TCP}]') +
        svc('s2', 'a', '[{port: 9080, protocol: UDP}]'),
      expected: ['IST0116 Deployment bookinfo/d'],
    },
    {
      name: 'two service ports on one target port',
      yaml:
        deployment('d', 'a') +
        svc('s1', 'a', '[{port: 9080, targetPort: 9080}]') +
        svc('s2', 'a', '[{port: 9090, targetPort: 9080}]'),
      expected: ['IST0137 Deployment bookinfo/d'],
    },
    {
      name: 'different ports',
      yaml:
        deployment('d', 'a') +
        svc('s1', 'a', '[{port: 9080}]') +
        svc('s2', 'a', '[{port: 9090}]'),
      expected: [],
    },
    {
      name: 'services in another namespace do not count',
      yaml:
        deployment('d', 'a') +
        svc('s1', 'a', '[{port: 9080, protocol: TCP}]') +
        svc('s2', 'a', '[{port: 9080, protocol: UDP}]', 'other'),
      expected: [],
    },
    {
      name: 'deployment out of the mesh',
      yaml:
        deployment(
          'd',
          'a',
          ", annotations: {sidecar.istio.io/inject: 'false'}",
        ) +
        svc('s1', 'a', '[{port: 9080, protocol: TCP}]') +
        svc('s2', 'a', '[{port: 9080, protocol: UDP}]'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(injected + yaml, 'deployment.MultiServiceAnalyzer'),
    ).toEqual(expected);
  });

  it('skips deployments outside the mesh (namespace not labelled for injection)', () => {
    const yaml =
      deployment('d', 'a') +
      svc('s1', 'a', '[{port: 9080, protocol: TCP}]') +
      svc('s2', 'a', '[{port: 9080, protocol: UDP}]');
    expect(findingsOf(yaml, 'deployment.MultiServiceAnalyzer')).toEqual([]);
  });
});
