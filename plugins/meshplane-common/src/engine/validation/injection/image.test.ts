import { findingsOf } from '../../__testUtils__/analyzeYaml';

const injector = (name: string, image: string) => `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: istio-system}
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.20.0","proxy":{"image":"${image}"}}}'`;

const ns = (name: string, labels: string) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${labels}}`;

const pod = (name: string, namespace: string, image: string, meta = '') => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace} ${meta}}
spec: {containers: [{name: app, image: app}, {name: istio-proxy, image: "${image}"}]}`;

describe('injection.ImageAnalyzer', () => {
  it.each([
    {
      name: 'matching image',
      yaml:
        injector('istio-sidecar-injector', 'proxyv2') +
        ns('a', '{istio-injection: enabled}') +
        pod('p', 'a', 'docker.io/istio/proxyv2:1.20.0'),
      expected: [],
    },
    {
      name: 'stale image',
      yaml:
        injector('istio-sidecar-injector', 'proxyv2') +
        ns('a', '{istio-injection: enabled}') +
        pod('p', 'a', 'docker.io/istio/proxyv2:1.19.0'),
      expected: ['IST0158 Namespace a'],
    },
    {
      name: 'revision injector',
      yaml:
        injector('istio-sidecar-injector-canary', 'proxyv2') +
        ns('a', '{istio.io/rev: canary}') +
        pod('p', 'a', 'docker.io/istio/proxyv2:1.19.0'),
      expected: ['IST0158 Namespace a'],
    },
    {
      name: 'custom proxy image annotation is ignored',
      yaml:
        injector('istio-sidecar-injector', 'proxyv2') +
        ns('a', '{istio-injection: enabled}') +
        pod(
          'p',
          'a',
          'mine',
          ', annotations: {sidecar.istio.io/proxyImage: mine}',
        ),
      expected: [],
    },
    {
      name: 'distroless variant from proxy.istio.io/config',
      yaml:
        injector('istio-sidecar-injector', 'proxyv2') +
        ns('a', '{istio-injection: enabled}') +
        pod(
          'p',
          'a',
          'docker.io/istio/proxyv2:1.20.0-distroless',
          ', annotations: {proxy.istio.io/config: "image: {imageType: distroless}"}',
        ),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'injection.ImageAnalyzer')).toEqual(expected);
  });
});
