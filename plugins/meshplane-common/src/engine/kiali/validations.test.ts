import { analyzerFor } from '../__testUtils__/analyzeYaml';

const pa = (ns: string, spec: string, name = 'default') => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
const dr = (ns: string, host: string, tp: string, name = 'dr') => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: {host: "${host}", trafficPolicy: ${tp}}`;
const ap = (spec: string) => `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: policy, namespace: bookinfo}
spec: ${spec}`;
const principals =
  "{selector: {matchLabels: {app: productpage}}, rules: [{from: [{source: {principals: ['cluster.local/ns/default/sa/x']}}]}]}";

function kiali(yaml: string, autoMtls: boolean): string[] {
  return analyzerFor(yaml, { enableAutoMtls: autoMtls })
    .report()
    .messages.filter(m => m.analyzer === 'kiali')
    .map(
      m =>
        `${m.code} ${m.resource.kind} ${m.resource.namespace}/${m.resource.name}`,
    )
    .sort();
}

describe('Kiali mTLS validations', () => {
  it.each([
    {
      name: 'KIA0401 mesh STRICT without *.local DR',
      yaml: pa('istio-system', '{mtls: {mode: STRICT}}'),
      auto: false,
      expected: ['KIA0401 PeerAuthentication istio-system/default'],
    },
    {
      name: 'KIA0401 suppressed by auto mTLS',
      yaml: pa('istio-system', '{mtls: {mode: STRICT}}'),
      auto: true,
      expected: [],
    },
    {
      name: 'KIA0501 namespace STRICT without DR',
      yaml: pa('bar', '{mtls: {mode: STRICT}}'),
      auto: false,
      expected: ['KIA0501 PeerAuthentication bar/default'],
    },
    {
      name: 'KIA0501 satisfied by a namespace DR',
      yaml:
        pa('bar', '{mtls: {mode: STRICT}}') +
        dr('bar', '*.bar.svc.cluster.local', '{tls: {mode: ISTIO_MUTUAL}}'),
      auto: false,
      expected: [],
    },
    {
      name: 'KIA0505 namespace DISABLE with an mTLS namespace DR',
      yaml:
        pa('bar', '{mtls: {mode: DISABLE}}') +
        dr('bar', '*.bar.svc.cluster.local', '{tls: {mode: ISTIO_MUTUAL}}'),
      auto: true,
      expected: ['KIA0505 PeerAuthentication bar/default'],
    },
    {
      name: 'KIA0506 mesh DISABLE with an mTLS *.local DR',
      yaml:
        pa('istio-system', '{mtls: {mode: DISABLE}}') +
        dr('istio-system', '*.local', '{tls: {mode: ISTIO_MUTUAL}}'),
      auto: true,
      expected: ['KIA0506 PeerAuthentication istio-system/default'],
    },
    {
      name: 'KIA0205 mesh DR without mesh policy',
      yaml: dr('istio-system', '*.local', '{tls: {mode: ISTIO_MUTUAL}}'),
      auto: false,
      expected: ['KIA0205 DestinationRule istio-system/dr'],
    },
    {
      name: 'KIA0206 namespace DR without policy',
      yaml: dr(
        'bookinfo',
        '*.bookinfo.svc.cluster.local',
        '{tls: {mode: ISTIO_MUTUAL}}',
      ),
      auto: false,
      expected: ['KIA0206 DestinationRule bookinfo/dr'],
    },
    {
      name: 'KIA0207 namespace DR DISABLE vs namespace STRICT',
      yaml:
        pa('bookinfo', '{mtls: {mode: STRICT}}') +
        dr(
          'bookinfo',
          '*.bookinfo.svc.cluster.local',
          '{tls: {mode: DISABLE}}',
        ),
      auto: true,
      expected: ['KIA0207 DestinationRule bookinfo/dr'],
    },
    {
      name: 'KIA0208 namespace DR DISABLE vs mesh STRICT',
      yaml:
        pa('istio-system', '{mtls: {mode: STRICT}}') +
        dr(
          'bookinfo',
          '*.bookinfo.svc.cluster.local',
          '{tls: {mode: DISABLE}}',
        ),
      auto: true,
      expected: ['KIA0208 DestinationRule bookinfo/dr'],
    },
    {
      name: 'KIA0208 suppressed by a namespace policy',
      yaml:
        pa('istio-system', '{mtls: {mode: STRICT}}') +
        pa('bookinfo', '{mtls: {mode: PERMISSIVE}}') +
        dr(
          'bookinfo',
          '*.bookinfo.svc.cluster.local',
          '{tls: {mode: DISABLE}}',
        ),
      auto: true,
      expected: [],
    },
    {
      name: 'KIA0204 DR without TLS under a mesh mTLS DR',
      yaml:
        dr('bookinfo', '*.local', '{tls: {mode: ISTIO_MUTUAL}}', 'mesh') +
        dr(
          'bookinfo',
          'reviews',
          '{loadBalancer: {simple: ROUND_ROBIN}}',
          'reviews',
        ),
      auto: true,
      expected: ['KIA0204 DestinationRule bookinfo/reviews'],
    },
    {
      name: 'KIA0204 DR without trafficPolicy under a namespace-wide mTLS DR of its host namespace',
      yaml: `${dr(
        'other',
        '*.bookinfo.svc.cluster.local',
        '{tls: {mode: ISTIO_MUTUAL}}',
        'ns-wide',
      )}\n---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews, namespace: bookinfo}\nspec: {host: reviews}`,
      auto: true,
      expected: ['KIA0204 DestinationRule bookinfo/reviews'],
    },
    {
      name: 'KIA0204 not for a DR that sets TLS on a port',
      yaml:
        dr('bookinfo', '*.local', '{tls: {mode: ISTIO_MUTUAL}}', 'mesh') +
        dr(
          'bookinfo',
          'reviews',
          '{portLevelSettings: [{port: {number: 80}, tls: {mode: ISTIO_MUTUAL}}]}',
          'reviews',
        ),
      auto: true,
      expected: [],
    },
    {
      name: 'KIA0105 principals without mTLS',
      yaml: ap(principals),
      auto: false,
      expected: ['KIA0105 AuthorizationPolicy bookinfo/policy'],
    },
    {
      name: 'KIA0105 not reported with auto mTLS and no config',
      yaml: ap(principals),
      auto: true,
      expected: [],
    },
    {
      name: 'KIA0105 not reported when the workload is STRICT',
      yaml:
        ap(principals) +
        pa(
          'bookinfo',
          '{selector: {matchLabels: {app: productpage}}, mtls: {mode: STRICT}}',
          'pp',
        ),
      auto: false,
      expected: [],
    },
    {
      name: 'KIA0105 namespace PERMISSIVE + namespace DR',
      yaml:
        ap(principals) +
        pa('bookinfo', '{mtls: {mode: PERMISSIVE}}') +
        dr(
          'bookinfo',
          '*.bookinfo.svc.cluster.local',
          '{tls: {mode: ISTIO_MUTUAL}}',
        ),
      auto: false,
      expected: [],
    },
  ])('$name', ({ yaml, auto, expected }) => {
    expect(kiali(yaml, auto)).toEqual(expected);
  });
});
