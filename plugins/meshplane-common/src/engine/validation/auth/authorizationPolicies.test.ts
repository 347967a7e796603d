import { findingsOf } from '../../__testUtils__/analyzeYaml';

const base = `
apiVersion: v1
kind: Namespace
metadata: {name: httpbin}
---
apiVersion: v1
kind: Namespace
metadata: {name: empty}
---
apiVersion: v1
kind: Pod
metadata: {name: httpbin-1, namespace: httpbin, labels: {app: httpbin, version: v1}}
spec: {containers: [{name: httpbin}, {name: istio-proxy, image: proxyv2}]}
---
apiVersion: v1
kind: Pod
metadata: {name: naked, namespace: empty, labels: {app: naked}}
spec: {containers: [{name: app}]}
`;

const ap = (ns: string, spec: string) => `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ap, namespace: ${ns}}
spec: ${spec}`;

describe('auth.AuthorizationPoliciesAnalyzer', () => {
  it.each([
    {
      name: 'selector matches an in-mesh pod',
      yaml: ap('httpbin', '{selector: {matchLabels: {app: httpbin}}}'),
      expected: [],
    },
    {
      name: 'selector matches nothing',
      yaml: ap('httpbin', '{selector: {matchLabels: {app: nope}}}'),
      expected: ['IST0127 AuthorizationPolicy httpbin/ap'],
    },
    {
      name: 'namespace-wide policy without in-mesh pods',
      yaml: ap('empty', '{}'),
      expected: ['IST0127 AuthorizationPolicy empty/ap'],
    },
    {
      name: 'mesh-wide selector matching a pod anywhere',
      yaml: ap('istio-system', '{selector: {matchLabels: {version: v1}}}'),
      expected: [],
    },
    {
      name: 'mesh-wide selector-less policy',
      yaml: ap('istio-system', '{}'),
      expected: [],
    },
    {
      name: 'unknown namespaces in a rule',
      yaml: ap(
        'httpbin',
        '{rules: [{from: [{source: {namespaces: [bogus, "http*"], notNamespaces: [other]}}]}]}',
      ),
      expected: [
        'IST0101 AuthorizationPolicy httpbin/ap',
        'IST0101 AuthorizationPolicy httpbin/ap',
      ],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(base + yaml, 'auth.AuthorizationPoliciesAnalyzer'),
    ).toEqual(expected);
  });
});
