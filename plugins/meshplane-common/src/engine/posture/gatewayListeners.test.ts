import { analyzerFor } from '../__testUtils__/analyzeYaml';

const base = `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec: {template: {metadata: {labels: {istio: ingressgateway}}, spec: {containers: [{name: istio-proxy, args: [proxy, router]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, ports: [{name: http2, port: 80, targetPort: 8080}, {name: https, port: 443, targetPort: 8443}, {name: tls, port: 15443}]}
---
apiVersion: v1
kind: Namespace
metadata: {name: app, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: app}
spec: {template: {metadata: {labels: {app: client}}, spec: {containers: [{name: app}]}}}
`;

const gateway = (servers: string) => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, servers: ${servers}}`;

const http = '{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}';
const https =
  '{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: c}}';
const mesh =
  '{port: {number: 443, name: mtls, protocol: HTTPS}, hosts: ["*"], tls: {mode: ISTIO_MUTUAL}}';
const passthrough =
  '{port: {number: 15443, name: tls, protocol: TLS}, hosts: ["*.local"], tls: {mode: AUTO_PASSTHROUGH}}';

describe('gateway proxies (listeners from Gateways, not PeerAuthentication)', () => {
  it.each([
    {
      name: 'no Gateway: no listeners',
      servers: '',
      mode: 'DISABLE',
      ports: { 8080: 'DISABLE', 8443: 'DISABLE', 15443: 'DISABLE' },
      note: /no Gateway selects it/,
    },
    {
      name: 'plaintext and SIMPLE TLS servers',
      servers: gateway(`[${http}, ${https}]`),
      mode: 'DISABLE',
      ports: { 8080: 'DISABLE', 8443: 'DISABLE', 15443: 'DISABLE' },
      note: /Gateway istio-system\/gw/,
    },
    {
      name: 'AUTO_PASSTHROUGH only (east-west)',
      servers: gateway(`[${passthrough}]`),
      mode: 'STRICT',
      ports: { 8080: 'STRICT', 8443: 'STRICT', 15443: 'STRICT' },
      note: /Gateway istio-system\/gw/,
    },
    {
      name: 'ISTIO_MUTUAL and SIMPLE on one port, plaintext on another',
      servers: gateway(`[${http}, ${https}, ${mesh}]`),
      mode: 'PERMISSIVE',
      ports: { 8080: 'DISABLE', 8443: 'PERMISSIVE', 15443: 'PERMISSIVE' },
      note: /Gateway/,
    },
  ])('$name', ({ servers, mode, ports, note }) => {
    const a = analyzerFor(base + servers);
    const gw = a
      .report()
      .mtls.workloads.find(w => w.name === 'istio-ingressgateway')!;
    expect(gw).toMatchObject({ sidecar: false, mode, decidedBy: [] });
    expect(Object.fromEntries(gw.ports.map(p => [p.port, p.mode]))).toEqual(
      ports,
    );
    expect(gw.note).toMatch(note);
  });

  it('edges to a gateway follow its listeners: plaintext to an HTTP server, mTLS refused there, only mTLS through AUTO_PASSTHROUGH', () => {
    const dr = (mode: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: gw, namespace: app}
spec: {host: istio-ingressgateway.istio-system.svc.cluster.local, trafficPolicy: {tls: {mode: ${mode}}}}`;
    const outcome = (config: string, port: number) =>
      analyzerFor(base + gateway(`[${http}, ${passthrough}]`) + config)
        .clientEdges('default', 'app', 'client')
        .find(
          e => e.to.service === 'istio-ingressgateway' && e.to.port === port,
        )!.outcome;
    expect(outcome('', 80)).toBe('plaintext');
    expect(outcome(dr('ISTIO_MUTUAL'), 80)).toBe('fail');
    expect(outcome('', 15443)).toBe('fail');
    expect(outcome(dr('ISTIO_MUTUAL'), 15443)).toBe('mtls');
  });
});
