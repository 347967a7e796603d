import { findingsOf } from '../../__testUtils__/analyzeYaml';

const pod = (name: string, ns: string, labels: string) => `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}
spec: {containers: [{name: app}]}`;

const sidecar = (name: string, ns: string, selector?: string) => `
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: ${ns}}
spec:
  ${selector ? `workloadSelector: {labels: ${selector}}` : ''}
  egress: [{hosts: ["./*"]}]`;

describe('sidecar.SelectorAnalyzer', () => {
  it.each([
    {
      name: 'selector matches a pod',
      yaml:
        pod('p', 'default', '{app: a}') + sidecar('s', 'default', '{app: a}'),
      expected: [],
    },
    {
      name: 'selector matches nothing',
      yaml:
        pod('p', 'default', '{app: a}') + sidecar('s', 'default', '{app: b}'),
      expected: ['IST0101 Sidecar default/s'],
    },
    {
      name: 'pods in other namespaces do not count',
      yaml: pod('p', 'other', '{app: a}') + sidecar('s', 'default', '{app: a}'),
      expected: ['IST0101 Sidecar default/s'],
    },
    {
      name: 'two sidecars select the same pod',
      yaml:
        pod('p', 'default', '{app: a, v: "1"}') +
        sidecar('s1', 'default', '{app: a}') +
        sidecar('s2', 'default', '{v: "1"}'),
      expected: ['IST0110 Sidecar default/s1', 'IST0110 Sidecar default/s2'],
    },
    {
      name: 'two selector-less sidecars',
      yaml: sidecar('s1', 'ns2') + sidecar('s2', 'ns2'),
      expected: ['IST0111 Sidecar ns2/s1', 'IST0111 Sidecar ns2/s2'],
    },
    {
      name: 'ambient namespace',
      yaml: `apiVersion: v1\nkind: Namespace\nmetadata: {name: amb, labels: {istio.io/dataplane-mode: ambient}}${sidecar(
        's',
        'amb',
      )}`,
      expected: ['IST0167 Sidecar amb/s'],
    },
    {
      name: 'ambient label with sidecar injection enabled is not ambient',
      yaml: `apiVersion: v1\nkind: Namespace\nmetadata: {name: both, labels: {istio.io/dataplane-mode: ambient, istio.io/rev: canary}}${sidecar(
        's',
        'both',
      )}`,
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'sidecar.SelectorAnalyzer')).toEqual(expected);
  });
});
