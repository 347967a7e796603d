import { findingsOf } from '../../__testUtils__/analyzeYaml';

const ns = (name: string, labels: string) => `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${labels}}`;

const pod = (
  name: string,
  namespace: string,
  containers: string,
  meta = '',
) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace} ${meta}}
spec: {containers: ${containers}}`;

describe('injection.Analyzer', () => {
  it.each([
    {
      name: 'unlabelled namespace',
      yaml: ns('bar', '{}'),
      expected: ['IST0102 Namespace bar'],
    },
    {
      name: 'disabled namespace',
      yaml: ns('bar', '{istio-injection: disabled}'),
      expected: [],
    },
    {
      name: 'revision label',
      yaml: ns('bar', '{istio.io/rev: canary}'),
      expected: [],
    },
    {
      name: 'injection and revision',
      yaml: ns('bar', '{istio-injection: enabled, istio.io/rev: canary}'),
      expected: ['IST0123 Namespace bar'],
    },
    {
      name: 'revision and ambient',
      yaml: ns(
        'bar',
        '{istio.io/rev: canary, istio.io/dataplane-mode: ambient}',
      ),
      expected: ['IST0123 Namespace bar'],
    },
    {
      name: 'disabled injection with a revision does not conflict',
      yaml: ns('bar', '{istio-injection: disabled, istio.io/rev: x}'),
      expected: [],
    },
    {
      name: 'ambient alone',
      yaml: ns('bar', '{istio.io/dataplane-mode: ambient}'),
      expected: [],
    },
    {
      name: 'system namespaces are skipped',
      yaml: ns('kube-system', '{}') + ns('istio-system', '{}'),
      expected: [],
    },
    {
      name: 'pod without proxy in an injected namespace',
      yaml:
        ns('app', '{istio-injection: enabled}') +
        pod('naked', 'app', '[{name: app}]') +
        pod('ok', 'app', '[{name: app}, {name: istio-proxy}]'),
      expected: ['IST0103 Pod app/naked'],
    },
    {
      name: 'pods opted out by label or annotation',
      yaml:
        ns('app', '{istio-injection: enabled}') +
        pod(
          'a',
          'app',
          '[{name: app}]',
          ', labels: {sidecar.istio.io/inject: "false"}',
        ) +
        pod(
          'b',
          'app',
          '[{name: app}]',
          ', annotations: {sidecar.istio.io/inject: "false"}',
        ),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'injection.Analyzer')).toEqual(expected);
  });

  it('reports IST0148 instead of IST0102 when namespaces are injected by default', () => {
    const cm = `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":true}}'`;
    expect(findingsOf(ns('bar', '{}') + cm, 'injection.Analyzer')).toEqual([
      'IST0148 Namespace bar',
    ]);
  });
});
