import { findingsOf } from '../../__testUtils__/analyzeYaml';

const istiod = (env: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: istiod, namespace: istio-system, labels: {app: istiod}}
spec:
  template:
    metadata: {labels: {app: istiod}}
    spec: {containers: [{name: discovery, env: ${env}}]}`;

const ra = `
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: default}
spec: {jwtRules: [{issuer: x, jwksUri: "https://x/jwks"}]}`;

describe('authn.BlockedCIDRsAnalyzer', () => {
  it.each([
    {
      name: 'JWKS URI and no blocked CIDRs',
      yaml: istiod('[]') + ra,
      expected: ['IST0175 Deployment istio-system/istiod'],
    },
    {
      name: 'blocked CIDRs set',
      yaml:
        istiod('[{name: BLOCKED_CIDRS_IN_JWKS_URIS, value: 10.0.0.0/8}]') + ra,
      expected: [],
    },
    { name: 'no RequestAuthentication', yaml: istiod('[]'), expected: [] },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'authn.BlockedCIDRsAnalyzer')).toEqual(expected);
  });
});
