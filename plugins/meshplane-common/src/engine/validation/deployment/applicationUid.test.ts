import { findingsOf } from '../../__testUtils__/analyzeYaml';

describe('applicationUID.Analyzer', () => {
  it.each([
    {
      name: 'pod securityContext',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {runAsUser: 1337}, containers: [{name: app}]}',
      expected: ['IST0144 Pod p'],
    },
    {
      name: 'pod and container both 1337: one finding',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {runAsUser: 1337}, containers: [{name: app, securityContext: {runAsUser: 1337}}]}',
      expected: ['IST0144 Pod p'],
    },
    {
      name: 'istio-proxy may run as 1337',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: istio-proxy, securityContext: {runAsUser: 1337}}]}',
      expected: [],
    },
    {
      name: 'deployment container',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: app, securityContext: {runAsUser: 1337}}]}}}',
      expected: ['IST0144 Deployment d'],
    },
    {
      name: 'other uid',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {runAsUser: 1000}, containers: [{name: app}]}',
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'applicationUID.Analyzer')).toEqual(expected);
  });
});
