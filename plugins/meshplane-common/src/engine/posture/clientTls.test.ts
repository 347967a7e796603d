import { analyzerFor } from '../__testUtils__/analyzeYaml';

/** Client in `client`, server service reviews in `bookinfo`; returns the clientTls/source of its edges. */
function clientTls(drs: string, clientNs = 'client') {
  const yaml = `
apiVersion: v1
kind: Pod
metadata: {name: caller, namespace: ${clientNs}, labels: {app: caller}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}, {name: grpc, port: 9090}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-1, namespace: bookinfo, labels: {app: reviews, security.istio.io/tlsMode: istio}}
spec: {containers: [{name: app}, {name: istio-proxy}]}
${drs}`;
  const edges = analyzerFor(yaml)
    .clientEdges('default', clientNs, 'caller')
    .filter(e => e.to.service === 'reviews');
  return Object.fromEntries(
    edges.map(e => [e.to.port, `${e.clientTls}/${e.clientTlsSource}`]),
  );
}

const dr = (name: string, ns: string, spec: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;

describe('client TLS (DestinationRule lookup and auto mTLS)', () => {
  it.each([
    {
      name: 'no DR: auto mTLS',
      drs: '',
      expected: { 9080: 'ISTIO_MUTUAL/auto', 9090: 'ISTIO_MUTUAL/auto' },
    },
    {
      name: 'DR in the service namespace',
      drs: dr(
        'd',
        'bookinfo',
        '{host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}',
      ),
      expected: {
        9080: 'DISABLE/destinationRule',
        9090: 'DISABLE/destinationRule',
      },
    },
    {
      name: 'client namespace DR wins over the service namespace DR',
      drs:
        dr(
          'a',
          'bookinfo',
          '{host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}',
        ) +
        dr(
          'b',
          'client',
          '{host: "*.local", trafficPolicy: {tls: {mode: SIMPLE}}}',
        ),
      expected: {
        9080: 'SIMPLE/destinationRule',
        9090: 'SIMPLE/destinationRule',
      },
    },
    {
      name: 'short host resolves in the DR namespace (client namespace DR for reviews does not match)',
      drs: dr(
        'a',
        'client',
        '{host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}',
      ),
      expected: { 9080: 'ISTIO_MUTUAL/auto', 9090: 'ISTIO_MUTUAL/auto' },
    },
    {
      name: 'service namespace DR not exported to the client falls through to root',
      drs:
        dr(
          'a',
          'bookinfo',
          '{host: reviews, exportTo: ["."], trafficPolicy: {tls: {mode: DISABLE}}}',
        ) +
        dr(
          'r',
          'istio-system',
          '{host: "*.local", trafficPolicy: {tls: {mode: SIMPLE}}}',
        ),
      expected: {
        9080: 'SIMPLE/destinationRule',
        9090: 'SIMPLE/destinationRule',
      },
    },
    {
      name: 'port-level entry replaces the policy wholesale (no tls → auto)',
      drs: dr(
        'a',
        'bookinfo',
        '{host: reviews, trafficPolicy: {tls: {mode: DISABLE}, portLevelSettings: [{port: {number: 9090}, loadBalancer: {simple: ROUND_ROBIN}}]}}',
      ),
      expected: { 9080: 'DISABLE/destinationRule', 9090: 'ISTIO_MUTUAL/auto' },
    },
    {
      name: 'tls block without mode is DISABLE',
      drs: dr(
        'a',
        'bookinfo',
        '{host: reviews, trafficPolicy: {tls: {sni: x}}}',
      ),
      expected: {
        9080: 'DISABLE/destinationRule',
        9090: 'DISABLE/destinationRule',
      },
    },
    {
      name: 'exact host in a later step does not beat a wildcard found earlier',
      drs:
        dr(
          'a',
          'client',
          '{host: "*.svc.cluster.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        dr(
          'b',
          'bookinfo',
          '{host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}',
        ),
      expected: {
        9080: 'ISTIO_MUTUAL/destinationRule',
        9090: 'ISTIO_MUTUAL/destinationRule',
      },
    },
  ])('$name', ({ drs, expected }) => {
    expect(clientTls(drs)).toEqual(expected);
  });
});

/**
 * Namespace foo (injection enabled, STRICT namespace PeerAuthentication) with Service server
 * (80 → 8080); clients bar/client (labels app: client) and the ingress gateway in istio-system.
 * Returns `clientTls source outcome` of each client's edge to server:80 (no subset).
 */
function lookup(drs: string) {
  const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: foo, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: bar, labels: {istio-injection: enabled}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: foo}
spec: {mtls: {mode: STRICT}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: server, namespace: foo}
spec: {template: {metadata: {labels: {app: server}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: server, namespace: foo}
spec: {selector: {app: server}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: bar}
spec: {template: {metadata: {labels: {app: client}}, spec: {containers: [{name: app}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec: {template: {metadata: {labels: {app: istio-ingressgateway}}, spec: {containers: [{name: istio-proxy, args: [proxy, router]}]}}}
${drs}`;
  const a = analyzerFor(yaml);
  const edge = (ns: string, workload: string) => {
    const e = a
      .clientEdges('default', ns, workload)
      .find(x => x.to.service === 'server' && x.to.port === 80 && !x.to.subset);
    return e ? `${e.clientTls} ${e.clientTlsSource} ${e.outcome}` : 'none';
  };
  return {
    client: edge('bar', 'client'),
    gateway: edge('istio-system', 'istio-ingressgateway'),
  };
}

const drAt = (name: string, ns: string, spec: string, created?: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}${
  created ? `, creationTimestamp: "${created}"` : ''
}}
spec: ${spec}`;

describe('DestinationRule lookup order (push_context.go destinationRule, sidecar.go SidecarScope.DestinationRule)', () => {
  it.each([
    {
      name: 'a client in the root namespace uses a root-namespace DR (step 3 runs for it too)',
      drs: drAt(
        'rootdr',
        'istio-system',
        '{host: "*.local", trafficPolicy: {tls: {mode: DISABLE}}}',
      ),
      expected: {
        client: 'DISABLE destinationRule fail',
        gateway: 'DISABLE destinationRule fail',
      },
    },
    {
      name: 'a client in the root namespace uses private root DRs first; other clients never see them',
      drs:
        drAt(
          'private',
          'istio-system',
          '{host: "*.local", exportTo: ["."], trafficPolicy: {tls: {mode: DISABLE}}}',
        ) +
        drAt(
          'svc',
          'foo',
          '{host: server, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ),
      expected: {
        client: 'ISTIO_MUTUAL destinationRule mtls',
        gateway: 'DISABLE destinationRule fail',
      },
    },
    {
      name: 'service-namespace step runs when the client shares no namespace with it, before the root step',
      drs:
        drAt(
          'rootdr',
          'istio-system',
          '{host: "*.local", trafficPolicy: {tls: {mode: DISABLE}}}',
        ) +
        drAt(
          'svc',
          'foo',
          '{host: server, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ),
      expected: {
        client: 'ISTIO_MUTUAL destinationRule mtls',
        gateway: 'ISTIO_MUTUAL destinationRule mtls',
      },
    },
    {
      name: 'the most specific exported host is chosen before exportTo filtering; hidden → root step',
      drs:
        drAt(
          'exact',
          'foo',
          '{host: server.foo.svc.cluster.local, exportTo: [other], trafficPolicy: {tls: {mode: DISABLE}}}',
        ) +
        drAt(
          'wild',
          'foo',
          '{host: "*.foo.svc.cluster.local", trafficPolicy: {tls: {mode: SIMPLE}}}',
        ) +
        drAt(
          'rootdr',
          'istio-system',
          '{host: "*.local", trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ),
      expected: {
        client: 'ISTIO_MUTUAL destinationRule mtls',
        gateway: 'ISTIO_MUTUAL destinationRule mtls',
      },
    },
    {
      name: 'a selector DR in the client namespace that does not select the client ends the search: no DR',
      drs:
        drAt(
          'sel',
          'bar',
          '{host: server.foo.svc.cluster.local, workloadSelector: {matchLabels: {app: other}}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        drAt(
          'svcdr',
          'foo',
          '{host: server, trafficPolicy: {tls: {mode: DISABLE}}}',
        ),
      expected: {
        client: 'ISTIO_MUTUAL auto mtls',
        gateway: 'DISABLE destinationRule fail',
      },
    },
    {
      name: 'a selector DR in the client namespace that selects the client wins over the selector-less one',
      drs:
        drAt(
          'sel',
          'bar',
          '{host: server.foo.svc.cluster.local, workloadSelector: {matchLabels: {app: client}}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
        ) +
        drAt(
          'plain',
          'bar',
          '{host: server.foo.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}',
          '2020-01-01T00:00:00Z',
        ),
      expected: {
        client: 'ISTIO_MUTUAL destinationRule mtls',
        gateway: 'ISTIO_MUTUAL auto mtls',
      },
    },
    {
      name: 'unmerged DRs for one host (different exportTo): the last selector-less entry applies',
      drs:
        drAt(
          'older',
          'bar',
          '{host: server.foo.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}',
          '2020-01-01T00:00:00Z',
        ) +
        drAt(
          'newer',
          'bar',
          '{host: server.foo.svc.cluster.local, exportTo: ["."], trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
          '2021-01-01T00:00:00Z',
        ),
      expected: {
        client: 'ISTIO_MUTUAL destinationRule mtls',
        gateway: 'ISTIO_MUTUAL auto mtls',
      },
    },
    {
      name: 'DRs with equal exportTo merge: the oldest top-level policy stays',
      drs:
        drAt(
          'newer',
          'bar',
          '{host: server.foo.svc.cluster.local, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
          '2021-01-01T00:00:00Z',
        ) +
        drAt(
          'older',
          'bar',
          '{host: server.foo.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}',
          '2020-01-01T00:00:00Z',
        ),
      expected: {
        client: 'DISABLE destinationRule fail',
        gateway: 'ISTIO_MUTUAL auto mtls',
      },
    },
  ])('$name', ({ drs, expected }) => {
    expect(lookup(drs)).toEqual(expected);
  });
});
