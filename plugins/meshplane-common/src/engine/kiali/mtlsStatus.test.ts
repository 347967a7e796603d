import { analyzerFor } from '../__testUtils__/analyzeYaml';

const managed = `
apiVersion: v1
kind: Namespace
metadata: {name: istio-system, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: bookinfo}
`;
const pa = (ns: string, spec: string, name = 'default') => `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
const dr = (ns: string, host: string, mode: string, name = 'dr') => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: {host: "${host}", trafficPolicy: {tls: {mode: ${mode}}}}`;

function statuses(yaml: string, autoMtls: boolean) {
  const r = analyzerFor(managed + yaml, { enableAutoMtls: autoMtls }).report();
  return {
    mesh: r.mtls.mesh.status,
    bookinfo: r.mtls.namespaces.find(n => n.namespace === 'bookinfo')!.status,
  };
}

describe('Kiali mTLS status', () => {
  it.each([
    {
      name: 'nothing',
      yaml: '',
      auto: true,
      mesh: 'MTLS_NOT_ENABLED',
      bookinfo: 'UNSET',
    },
    {
      name: 'mesh STRICT with auto mTLS',
      yaml: pa('istio-system', '{mtls: {mode: STRICT}}'),
      auto: true,
      mesh: 'MTLS_ENABLED',
      bookinfo: 'UNSET_INHERITED_STRICT',
    },
    {
      name: 'mesh STRICT without auto mTLS',
      yaml: pa('istio-system', '{mtls: {mode: STRICT}}'),
      auto: false,
      mesh: 'MTLS_PARTIALLY_ENABLED',
      bookinfo: 'UNSET',
    },
    {
      name: 'mesh STRICT + *.local ISTIO_MUTUAL',
      yaml:
        pa('istio-system', '{mtls: {mode: STRICT}}') +
        dr('istio-system', '*.local', 'ISTIO_MUTUAL'),
      auto: false,
      mesh: 'MTLS_ENABLED',
      bookinfo: 'UNSET_INHERITED_STRICT',
    },
    {
      name: 'mesh PERMISSIVE is partial',
      yaml: pa('istio-system', '{mtls: {mode: PERMISSIVE}}'),
      auto: true,
      mesh: 'MTLS_PARTIALLY_ENABLED',
      bookinfo: 'UNSET',
    },
    {
      name: 'mesh DISABLE',
      yaml: pa('istio-system', '{mtls: {mode: DISABLE}}'),
      auto: true,
      mesh: 'MTLS_DISABLED',
      bookinfo: 'UNSET_INHERITED_DISABLED',
    },
    {
      name: 'namespace STRICT with auto mTLS',
      yaml: pa('bookinfo', '{mtls: {mode: STRICT}}'),
      auto: true,
      mesh: 'MTLS_NOT_ENABLED',
      bookinfo: 'MTLS_ENABLED',
    },
    {
      name: 'namespace DISABLE + namespace DR ISTIO_MUTUAL',
      yaml:
        pa('bookinfo', '{mtls: {mode: DISABLE}}') +
        dr('foo', '*.bookinfo.svc.cluster.local', 'ISTIO_MUTUAL'),
      auto: true,
      mesh: 'MTLS_NOT_ENABLED',
      bookinfo: 'MTLS_PARTIALLY_ENABLED',
    },
    {
      name: 'namespace PERMISSIVE is never enabled',
      yaml:
        pa('bookinfo', '{mtls: {mode: PERMISSIVE}}') +
        dr('bookinfo', '*.bookinfo.svc.cluster.local', 'ISTIO_MUTUAL'),
      auto: true,
      mesh: 'MTLS_NOT_ENABLED',
      bookinfo: 'MTLS_PARTIALLY_ENABLED',
    },
    {
      name: 'selector-only namespace policy is UNSET',
      yaml: pa(
        'bookinfo',
        '{selector: {matchLabels: {app: a}}, mtls: {mode: STRICT}}',
      ),
      auto: true,
      mesh: 'MTLS_NOT_ENABLED',
      bookinfo: 'UNSET',
    },
  ])('$name', ({ yaml, auto, mesh, bookinfo }) => {
    expect(statuses(yaml, auto)).toEqual({ mesh, bookinfo });
  });

  it('ignores mesh DRs in namespaces the control plane does not manage', () => {
    const yaml = `
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
${pa('istio-system', '{mtls: {mode: STRICT}}')}${dr(
      'istio-system',
      '*.local',
      'ISTIO_MUTUAL',
    )}`;
    expect(
      analyzerFor(yaml, { enableAutoMtls: false }).report().mtls.mesh.status,
    ).toBe('MTLS_PARTIALLY_ENABLED');
  });

  it.each([
    {
      name: 'workload STRICT',
      policy: '{selector: {matchLabels: {app: r}}, mtls: {mode: STRICT}}',
      drs: '',
      expected: 'MTLS_ENABLED',
    },
    {
      name: 'workload DISABLE',
      policy: '{selector: {matchLabels: {app: r}}, mtls: {mode: DISABLE}}',
      drs: '',
      expected: 'MTLS_DISABLED',
    },
    {
      name: 'workload PERMISSIVE without DRs',
      policy: '{selector: {matchLabels: {app: r}}, mtls: {mode: PERMISSIVE}}',
      drs: '',
      expected: 'MTLS_NOT_ENABLED',
    },
    {
      name: 'workload PERMISSIVE with a service DR (svc.ns form)',
      policy: '{selector: {matchLabels: {app: r}}, mtls: {mode: PERMISSIVE}}',
      drs: dr('other', 'reviews.bookinfo', 'ISTIO_MUTUAL'),
      expected: 'MTLS_ENABLED',
    },
    {
      name: 'namespace policy is not a workload decision',
      policy: '{mtls: {mode: STRICT}}',
      drs: '',
      expected: 'MTLS_NOT_ENABLED',
    },
  ])('workload status: $name', ({ policy, drs, expected }) => {
    const yaml = `${pa('bookinfo', policy)}${drs}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {selector: {app: r}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-1, namespace: bookinfo, labels: {app: r}}
spec: {containers: [{name: app}, {name: istio-proxy}]}`;
    const w = analyzerFor(managed + yaml)
      .report()
      .mtls.workloads.find(x => x.name === 'reviews-1')!;
    expect(w.status).toBe(expected);
  });
});
