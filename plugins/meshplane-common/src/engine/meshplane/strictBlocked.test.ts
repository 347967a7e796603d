import { findingsOf } from '../__testUtils__/analyzeYaml';

const base = `
apiVersion: v1
kind: Namespace
metadata: {name: payments, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ledger, namespace: payments}
spec: {template: {metadata: {labels: {app: ledger}}, spec: {containers: [{name: app, ports: [{containerPort: 9090}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: ledger, namespace: payments}
spec: {selector: {app: ledger}, ports: [{name: grpc, port: 9090}]}
`;

const batch = (env: string, inject = 'false') => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: batch, namespace: payments}
spec:
  template:
    metadata: {labels: {app: batch, sidecar.istio.io/inject: "${inject}"}}
    spec: {containers: [{name: app, env: [{name: LEDGER_URL, value: "${env}"}]}]}`;

describe('meshplane.StrictBlockedAnalyzer (MPL0002)', () => {
  it.each([
    {
      name: 'sidecar-less caller naming the service',
      yaml: base + batch('http://ledger:9090'),
      expected: ['MPL0002 StatefulSet payments/ledger'],
    },
    {
      name: 'FQDN form',
      yaml: base + batch('ledger.payments.svc.cluster.local:9090'),
      expected: ['MPL0002 StatefulSet payments/ledger'],
    },
    {
      name: 'caller with a sidecar',
      yaml: base + batch('http://ledger:9090', 'true'),
      expected: [],
    },
    {
      name: 'server already STRICT',
      yaml: `${base + batch('http://ledger:9090')}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: payments}
spec: {mtls: {mode: STRICT}}`,
      expected: [],
    },
    {
      name: 'DestinationRule forcing plaintext',
      yaml: `${base}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ledger, namespace: payments}
spec: {host: ledger, trafficPolicy: {tls: {mode: DISABLE}}}`,
      expected: ['MPL0002 StatefulSet payments/ledger'],
    },
    {
      name: 'unrelated text',
      yaml: base + batch('postgres://db.example.com/x'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findingsOf(yaml, 'meshplane.StrictBlockedAnalyzer')).toEqual(
      expected,
    );
  });
});
