import { findingsOf } from '../../__testUtils__/analyzeYaml';

describe('annotations.K8sAnalyzer', () => {
  it.each([
    {
      name: 'unknown Istio annotation',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {networking.istio.io/exportThree: x}}',
      expected: ['IST0108 Service s'],
    },
    {
      name: 'known annotation on its kind',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {networking.istio.io/exportTo: x}}',
      expected: [],
    },
    {
      name: 'invalid integer',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {readiness.status.sidecar.istio.io/initialDelaySeconds: bar}}',
      expected: ['IST0125 Pod p'],
    },
    {
      name: 'misplaced on a Namespace',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: staging, annotations: {kubernetes.io/ingress.class: foo}}',
      expected: ['IST0107 Namespace staging'],
    },
    {
      name: 'pod annotation on a Deployment, deprecated too',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, annotations: {sidecar.istio.io/statsInclusionPrefixes: x}}',
      expected: ['IST0107 Deployment d', 'IST0135 Deployment d'],
    },
    {
      name: 'deprecated on a Pod',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {sidecar.istio.io/statsInclusionPrefixes: x}}',
      expected: ['IST0135 Pod p'],
    },
    {
      name: 'non-Istio annotations are ignored',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {helm.sh/hook: x}}',
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'annotations.K8sAnalyzer')).toEqual(expected);
  });
});
