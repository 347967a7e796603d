import { findingsOf } from '../../__testUtils__/analyzeYaml';

const ef = (patches: string, priority = '') => `
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: ef, namespace: bookinfo}
spec:
  ${priority}
  configPatches: ${patches}`;

describe('envoyfilter.EnvoyPatchAnalyzer', () => {
  it.each([
    {
      name: 'INSERT_BEFORE without priority',
      yaml: ef('[{applyTo: HTTP_FILTER, patch: {operation: INSERT_BEFORE}}]'),
      expected: ['IST0151 EnvoyFilter bookinfo/ef'],
    },
    {
      name: 'INSERT_BEFORE with priority',
      yaml: ef(
        '[{applyTo: HTTP_FILTER, patch: {operation: INSERT_BEFORE}}]',
        'priority: 10',
      ),
      expected: [],
    },
    {
      name: 'relative with proxyVersion',
      yaml: ef(
        '[{applyTo: HTTP_FILTER, match: {proxy: {proxyVersion: "^1.11.*"}}, patch: {operation: INSERT_AFTER}}]',
      ),
      expected: ['IST0155 EnvoyFilter bookinfo/ef'],
    },
    {
      name: 'REPLACE outside filters',
      yaml: ef('[{applyTo: CLUSTER, patch: {operation: REPLACE}}]'),
      expected: ['IST0152 EnvoyFilter bookinfo/ef'],
    },
    {
      name: 'ADD on a route configuration',
      yaml: ef('[{applyTo: ROUTE_CONFIGURATION, patch: {operation: ADD}}]'),
      expected: ['IST0153 EnvoyFilter bookinfo/ef'],
    },
    {
      name: 'REMOVE on an HTTP route',
      yaml: ef('[{applyTo: HTTP_ROUTE, patch: {operation: REMOVE}}]'),
      expected: ['IST0154 EnvoyFilter bookinfo/ef'],
    },
    {
      name: 'absolute operations',
      yaml: ef(
        '[{applyTo: HTTP_FILTER, patch: {operation: INSERT_FIRST}}, {applyTo: CLUSTER, patch: {operation: MERGE}}]',
      ),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'envoyfilter.EnvoyPatchAnalyzer')).toEqual(
      expected,
    );
  });
});
