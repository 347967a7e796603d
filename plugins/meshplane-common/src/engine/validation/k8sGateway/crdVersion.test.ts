import { analyzerFor, findingsOf } from '../../__testUtils__/analyzeYaml';

const NAME = 'k8sgateway.CRDVersionAnalyzer';

/** A Gateway API CRD as the release manifests annotate it (no annotations when `bundle` is null). */
const crd = (
  plural: string,
  kind: string,
  bundle: string | null,
  channel = 'standard',
) => `
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.gateway.networking.k8s.io
${
  bundle === null
    ? ''
    : `  annotations:
    gateway.networking.k8s.io/bundle-version: "${bundle}"
    gateway.networking.k8s.io/channel: ${channel}
`
}spec:
  group: gateway.networking.k8s.io
  names: {kind: ${kind}, listKind: ${kind}List, plural: ${plural}, singular: ${kind.toLowerCase()}}
  scope: Namespaced
  versions:
  - {name: v1alpha2, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
`;

/** A CRD of another group, named like a Gateway API kind's. */
const OTHER_GROUP_TLSROUTES = `
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: tlsroutes.example.com
  annotations: {gateway.networking.k8s.io/bundle-version: v0.1.0}
spec: {group: example.com, names: {kind: TLSRoute, plural: tlsroutes}, scope: Namespaced, versions: []}
`;

describe('k8sgateway.CRDVersionAnalyzer', () => {
  it.each([
    {
      // istio/istio pkg/config/analysis/analyzers/testdata/gateway-api-crd-version-old.yaml, with the
      // expectation of analyzers_test.go "GatewayAPICRDVersionBelowMinimum".
      name: "Istio's testdata: TLSRoute and GRPCRoute at v1.4.1",
      yaml:
        crd('tlsroutes', 'TLSRoute', 'v1.4.1', 'experimental') +
        crd('grpcroutes', 'GRPCRoute', 'v1.4.1'),
      expected: [
        'IST0176 CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
      ],
    },
    {
      name: 'the bundle the fleet simulator serves (v1.4.0): TCPRoute and TLSRoute',
      yaml:
        crd('tcproutes', 'TCPRoute', 'v1.4.0', 'experimental') +
        crd('tlsroutes', 'TLSRoute', 'v1.4.0', 'experimental') +
        crd('grpcroutes', 'GRPCRoute', 'v1.4.0') +
        crd('httproutes', 'HTTPRoute', 'v1.4.0'),
      expected: [
        'IST0176 CustomResourceDefinition tcproutes.gateway.networking.k8s.io',
        'IST0176 CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
      ],
    },
    {
      name: 'at the minimum',
      yaml:
        crd('tlsroutes', 'TLSRoute', 'v1.5.0') +
        crd('tcproutes', 'TCPRoute', 'v1.6.0') +
        crd('grpcroutes', 'GRPCRoute', 'v1.1.0'),
      expected: [],
    },
    {
      name: 'below the minimum by a patch or minor version',
      yaml:
        crd('backendtlspolicies', 'BackendTLSPolicy', 'v1.3.9') +
        crd('grpcroutes', 'GRPCRoute', 'v1.0.0'),
      expected: [
        'IST0176 CustomResourceDefinition backendtlspolicies.gateway.networking.k8s.io',
        'IST0176 CustomResourceDefinition grpcroutes.gateway.networking.k8s.io',
      ],
    },
    {
      name: 'a prerelease counts as its release (v1.5.0-rc.1 is 1.5.0)',
      yaml:
        crd('tlsroutes', 'TLSRoute', 'v1.5.0-rc.1') +
        crd('tcproutes', 'TCPRoute', 'v1.6.0-rc.1'),
      expected: [],
    },
    {
      name: 'a prerelease below the minimum',
      yaml: crd('tlsroutes', 'TLSRoute', 'v1.4.0-rc.2'),
      expected: [
        'IST0176 CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
      ],
    },
    {
      name: 'versions semver coerces: no v, missing segments, leading zeros, metadata',
      yaml:
        crd('tlsroutes', 'TLSRoute', '1.4') +
        crd('tcproutes', 'TCPRoute', '1.06.0+build.5') +
        crd('grpcroutes', 'GRPCRoute', '1'),
      expected: [
        'IST0176 CustomResourceDefinition grpcroutes.gateway.networking.k8s.io',
        'IST0176 CustomResourceDefinition tlsroutes.gateway.networking.k8s.io',
      ],
    },
    {
      name: 'no bundle-version annotation',
      yaml: crd('tlsroutes', 'TLSRoute', null),
      expected: [],
    },
    {
      name: 'a bundle version that does not parse',
      yaml:
        crd('tlsroutes', 'TLSRoute', 'latest') +
        crd('tcproutes', 'TCPRoute', 'v1.4.0.1') +
        crd('grpcroutes', 'GRPCRoute', 'v1.0.0-rc.01'),
      expected: [],
    },
    {
      name: 'CRDs without a minimum: HTTPRoute, Gateway, a CRD of another group',
      yaml:
        crd('httproutes', 'HTTPRoute', 'v0.5.0') +
        crd('gateways', 'Gateway', 'v0.5.0') +
        OTHER_GROUP_TLSROUTES,
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, NAME)).toEqual(expected);
  });

  it("says what istioctl says: the CRD, the installed version as semver renders it, Istio's minimum", () => {
    const messages = analyzerFor(crd('tlsroutes', 'TLSRoute', 'v1.4.1-rc.1'))
      .report()
      .messages.filter(m => m.analyzer === NAME);
    expect(messages).toEqual([
      {
        code: 'IST0176',
        level: 'Warning',
        analyzer: NAME,
        message:
          'Gateway API CRD "tlsroutes.gateway.networking.k8s.io" is at version "1.4.1-rc.1" but Istio requires at least "1.5.0"; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.',
        resource: expect.objectContaining({
          kind: 'CustomResourceDefinition',
          namespace: null,
          name: 'tlsroutes.gateway.networking.k8s.io',
        }),
      },
    ]);
  });
});
