import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { ISTIOD_YAML, ZTUNNEL_YAML } from '../__testUtils__/ambientYaml';

const base = `${ISTIOD_YAML}---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: app, ports: [{containerPort: 8080}]}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: 8080}]}
`;
const ztunnel = ZTUNNEL_YAML;

/** `effect Kind name` of each blocker of namespace shop. */
function blockers(yaml: string) {
  const [shop] = analyzerFor(yaml).readiness('shop');
  return {
    ready: shop.ready,
    dataplanes: shop.dataplanes,
    blockers: shop.blockers.map(
      b => `${b.effect} ${b.object.kind} ${b.object.name}`,
    ),
  };
}

describe('migration readiness (istio-semantics.md §g.11)', () => {
  it('is ready when nothing in the namespace depends on sidecars, and names the missing ztunnel', () => {
    expect(blockers(base + ztunnel)).toEqual({
      ready: true,
      dataplanes: { sidecar: 1, ambient: 0, none: 0 },
      blockers: [],
    });
    expect(blockers(base)).toMatchObject({
      ready: false,
      blockers: ['breaks Namespace shop'],
    });
  });

  it('lists what breaks and what changes meaning, breaking first', () => {
    const yaml = `${base}${ztunnel}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: get-only, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, rules: [{to: [{operation: {methods: [GET]}}]}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext, namespace: shop}
spec: {action: CUSTOM, provider: {name: opa}, rules: [{}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: l4, namespace: shop}
spec: {rules: [{to: [{operation: {ports: ["8080"]}}]}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: legacy, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, mtls: {mode: DISABLE}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec: {hosts: [api], http: [{retries: {attempts: 3}, route: [{destination: {host: api}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge, namespace: shop}
spec: {hosts: [shop.example.com], gateways: [istio-system/public], http: [{route: [{destination: {host: api}}]}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec: {host: api, trafficPolicy: {tls: {mode: SIMPLE}, outlierDetection: {consecutive5xxErrors: 3}}}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec: {egress: [{hosts: ["./*"]}]}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec: {jwtRules: [{issuer: x}]}
`;
    expect(blockers(yaml)).toEqual({
      ready: false,
      dataplanes: { sidecar: 1, ambient: 0, none: 0 },
      blockers: [
        'breaks AuthorizationPolicy ext',
        'breaks AuthorizationPolicy get-only',
        'breaks RequestAuthentication jwt',
        'breaks VirtualService api',
        'changes DestinationRule api',
        'changes DestinationRule api',
        'changes PeerAuthentication legacy',
        'changes Sidecar default',
      ],
    });
  });

  it('drops the route and traffic-policy blockers once a waypoint is bound, and warns of identities it changes', () => {
    const yaml = `${base.replace(
      '{name: shop, labels: {istio-injection: enabled}}',
      '{name: shop, labels: {istio-injection: enabled, istio.io/use-waypoint: waypoint}}',
    )}${ztunnel}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: callers, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, rules: [{from: [{source: {namespaces: [web]}}]}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec: {hosts: [api], http: [{route: [{destination: {host: api}}]}]}
`;
    expect(blockers(yaml)).toEqual({
      ready: true,
      dataplanes: { sidecar: 1, ambient: 0, none: 0 },
      blockers: ['changes AuthorizationPolicy callers'],
    });
  });
});
