import { findingsOf } from '../../__testUtils__/analyzeYaml';

const base = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: default}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
`;

const vs = (dest: string, mirror = '') => `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: default}
spec:
  hosts: [reviews]
  http:
  - route: [{destination: ${dest}}]
    ${mirror}`;

describe('virtualservice.DestinationRuleAnalyzer', () => {
  it.each([
    {
      name: 'existing subset',
      yaml: vs('{host: reviews, subset: v1}'),
      expected: [],
    },
    {
      name: 'FQDN host with existing subset',
      yaml: vs('{host: reviews.default.svc.cluster.local, subset: v1}'),
      expected: [],
    },
    {
      name: 'unknown subset',
      yaml: vs('{host: reviews, subset: v9}'),
      expected: ['IST0101 VirtualService default/vs'],
    },
    { name: 'no subset', yaml: vs('{host: reviews}'), expected: [] },
    {
      name: 'mirror with unknown subset',
      yaml: vs(
        '{host: reviews, subset: v1}',
        'mirror: {host: reviews, subset: v2}',
      ),
      expected: ['IST0101 VirtualService default/vs'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(
      findingsOf(base + yaml, 'virtualservice.DestinationRuleAnalyzer'),
    ).toEqual(expected);
  });
});
