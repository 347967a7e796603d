import { findingsOf } from '../../__testUtils__/analyzeYaml';

const NAME = 'conditions.ConditionAnalyzer';

const obj = (api: string, kind: string, name: string, status: string) => `
---
apiVersion: ${api}
kind: ${kind}
metadata: {name: ${name}, namespace: default}
status: ${status}`;

const cond = (type: string, status: string, reason: string) =>
  `{type: ${type}, status: "${status}", reason: ${reason}, message: m}`;

// The objects and expectations of istio/istio
// pkg/config/analysis/analyzers/testdata/condition-analyzer.yaml ("Condition Analyzer" in
// analyzers_test.go), one case per object, plus the conditions it must not report.
describe('conditions.ConditionAnalyzer (IST0171)', () => {
  it.each([
    {
      name: 'Service WaypointBound False; a foreign condition is ignored',
      yaml: obj(
        'v1',
        'Service',
        'negative-condition-svc',
        `{conditions: [${cond(
          'istio.io/WaypointBound',
          'False',
          'NoWaypoint',
        )}, ${cond('argocd.argoproj.io/Synced', 'False', 'OutOfSync')}]}`,
      ),
      expected: ['IST0171 Service default/negative-condition-svc'],
    },
    {
      name: 'ServiceEntry WaypointBound False',
      yaml: obj(
        'networking.istio.io/v1',
        'ServiceEntry',
        'negative-condition-svcEntry',
        `{conditions: [${cond(
          'istio.io/WaypointBound',
          'False',
          'WaypointIsNotReady',
        )}]}`,
      ),
      expected: ['IST0171 ServiceEntry default/negative-condition-svcEntry'],
    },
    {
      name: 'AuthorizationPolicy ZtunnelAccepted False',
      yaml: obj(
        'security.istio.io/v1',
        'AuthorizationPolicy',
        'negative-condition-authz',
        `{conditions: [${cond(
          'ZtunnelAccepted',
          'False',
          'UnsupportedValue',
        )}]}`,
      ),
      expected: [
        'IST0171 AuthorizationPolicy default/negative-condition-authz',
      ],
    },
    {
      name: 'AuthorizationPolicy WaypointAccepted True but PartiallyInvalid',
      yaml: obj(
        'security.istio.io/v1',
        'AuthorizationPolicy',
        'negative-condition-authz-partially-invalid',
        `{conditions: [${cond(
          'WaypointAccepted',
          'True',
          'PartiallyInvalid',
        )}]}`,
      ),
      expected: [
        'IST0171 AuthorizationPolicy default/negative-condition-authz-partially-invalid',
      ],
    },
    {
      name: 'Gateway Programmed False',
      yaml: obj(
        'gateway.networking.k8s.io/v1',
        'Gateway',
        'negative-condition-gateway',
        `{conditions: [${cond('Programmed', 'False', 'AddressNotUsable')}]}`,
      ),
      expected: ['IST0171 Gateway default/negative-condition-gateway'],
    },
    {
      // istioctl's extractConditions reads a Gateway's own conditions only, not its listeners'.
      name: 'a negative listener condition alone is not reported',
      yaml: obj(
        'gateway.networking.k8s.io/v1',
        'Gateway',
        'listener-only',
        `{conditions: [${cond(
          'Accepted',
          'True',
          'Accepted',
        )}], listeners: [{name: https, conditions: [${cond(
          'ResolvedRefs',
          'False',
          'RefNotPermitted',
        )}]}]}`,
      ),
      expected: [],
    },
    {
      name: 'HTTPRoute parent Accepted False',
      yaml: obj(
        'gateway.networking.k8s.io/v1',
        'HTTPRoute',
        'negative-condition-httproute',
        `{parents: [{parentRef: {name: negative-condition-svc}, controllerName: istio.io/gateway-controller, conditions: [${cond(
          'Accepted',
          'False',
          'WaypointNotBound',
        )}]}]}`,
      ),
      expected: ['IST0171 HTTPRoute default/negative-condition-httproute'],
    },
    {
      name: 'GRPCRoute parent Accepted False',
      yaml: obj(
        'gateway.networking.k8s.io/v1',
        'GRPCRoute',
        'negative-condition-grpcroute',
        `{parents: [{parentRef: {name: negative-condition-svc}, conditions: [${cond(
          'Accepted',
          'False',
          'WaypointNotBound',
        )}]}]}`,
      ),
      expected: ['IST0171 GRPCRoute default/negative-condition-grpcroute'],
    },
    {
      name: 'TCPRoute conditions are not read',
      yaml: obj(
        'gateway.networking.k8s.io/v1alpha2',
        'TCPRoute',
        'tcp',
        `{parents: [{parentRef: {name: gw}, conditions: [${cond(
          'Accepted',
          'False',
          'NotAllowedByListeners',
        )}]}]}`,
      ),
      expected: [],
    },
    {
      name: 'Service without status',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: plain, namespace: default}
spec: {ports: [{port: 80}]}`,
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, NAME)).toEqual(expected);
  });
});
