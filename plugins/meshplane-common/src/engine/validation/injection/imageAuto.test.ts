import { findingsOf } from '../../__testUtils__/analyzeYaml';

const deployment = (name: string, ns: string) => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: gw}}
  template:
    metadata: {labels: {app: gw}}
    spec: {containers: [{name: istio-proxy, image: auto}]}`;

describe('injection.ImageAutoAnalyzer', () => {
  it.each([
    {
      name: 'deployment in an injected namespace',
      yaml: `apiVersion: v1\nkind: Namespace\nmetadata: {name: inj, labels: {istio-injection: enabled}}${deployment(
        'gw',
        'inj',
      )}`,
      expected: [],
    },
    {
      name: 'deployment that will not be injected',
      yaml: deployment('gw', 'plain'),
      expected: ['IST0146 Deployment plain/gw'],
    },
    {
      name: 'pod with image auto was not injected',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {containers: [{name: istio-proxy, image: auto}]}`,
      expected: ['IST0147 Pod default/p'],
    },
    {
      name: 'webhook selectors decide when webhooks are given',
      yaml: `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: istio-sidecar-injector}
webhooks:
- name: object.sidecar-injector.istio.io
  objectSelector: {matchLabels: {app: gw}}${deployment('gw', 'plain')}`,
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'injection.ImageAutoAnalyzer')).toEqual(expected);
  });
});
