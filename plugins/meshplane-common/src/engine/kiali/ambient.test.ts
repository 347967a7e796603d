import { analyzerFor } from '../__testUtils__/analyzeYaml';
import { ISTIOD_YAML, ZTUNNEL_YAML } from '../__testUtils__/ambientYaml';

const NAME = 'kiali.ambient';
const POLICY_KINDS = [
  'AuthorizationPolicy',
  'RequestAuthentication',
  'VirtualService',
  'DestinationRule',
  'WasmPlugin',
  'Telemetry',
];

/** `CODE Kind ns/name [path]` of the ambient validations, on a cluster with istiod and ztunnel (unless `bare`). */
function findings(
  yaml: string,
  opts: { kinds?: string[]; bare?: boolean } = {},
): string[] {
  const input = opts.bare ? yaml : ISTIOD_YAML + ZTUNNEL_YAML + yaml;
  return analyzerFor(input)
    .report()
    .messages.filter(
      m =>
        m.analyzer === NAME &&
        (!opts.kinds || opts.kinds.includes(m.resource.kind)),
    )
    .map(
      m =>
        `${m.code} ${m.resource.kind} ${m.resource.namespace}/${
          m.resource.name
        }${m.path ? ` ${m.path}` : ''}`,
    )
    .sort();
}

const AMBIENT = 'istio.io/dataplane-mode: ambient';
const REDIRECTED = 'ambient.istio.io/redirection: enabled';
const SIDECAR_STATUS = `sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'`;

const namespace = (name: string, labels = '') => `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${labels}}}`;

/**
 * A pod: `ambient` (redirected by the CNI), `sidecar` (injected), `plain`, or `plain-proxy` (an istio-proxy
 * container without the sidecar status annotation), all live; or a pod manifest
 * (no status, no annotations), with (`manifest-sidecar`) or without (`manifest`) an istio-proxy container.
 */
type PodKind =
  | 'plain'
  | 'plain-proxy'
  | 'ambient'
  | 'sidecar'
  | 'manifest'
  | 'manifest-sidecar';

/** A Deployment with the template labels `labels` and pods of the given kinds. */
function workload(
  ns: string,
  name: string,
  labels = `app: ${name}`,
  pods: PodKind[] = [],
): string {
  let out = `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec: {template: {metadata: {labels: {${labels}}}, spec: {containers: [{name: app}]}}}`;
  pods.forEach((kind, i) => {
    const annotations = {
      ambient: REDIRECTED,
      sidecar: SIDECAR_STATUS,
      plain: '',
      'plain-proxy': '',
      manifest: '',
      'manifest-sidecar': '',
    }[kind];
    const proxy =
      kind === 'sidecar' ||
      kind === 'plain-proxy' ||
      kind === 'manifest-sidecar'
        ? ', {name: istio-proxy}'
        : '';
    const status = kind.startsWith('manifest')
      ? ''
      : '\nstatus: {phase: Running}';
    out += `
---
apiVersion: v1
kind: Pod
metadata: {name: ${name}-abc-${i}, namespace: ${ns}, labels: {${labels}, pod-template-hash: abc}, annotations: {${annotations}}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${name}-abc, controller: true}]}
spec: {containers: [{name: app}${proxy}]}${status}`;
  });
  return out;
}

/** The Deployment istiod generates for a waypoint Gateway. */
const waypointWorkload = (ns: string, name = 'waypoint', labels = '') =>
  workload(
    ns,
    name,
    `gateway.istio.io/managed: istio.io-mesh-controller, gateway.networking.k8s.io/gateway-name: ${name}, istio.io/dataplane-mode: none${labels}`,
  );

const service = (
  ns: string,
  name: string,
  labels = '',
  selector = `app: ${name}`,
) => `
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}
spec: {selector: {${selector}}, ports: [{name: http, port: 9080}]}`;

const object =
  (apiVersion: string, kind: string) =>
  (ns: string, name: string, spec: string) =>
    `
---
apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: ${name}, namespace: ${ns}}
spec: ${spec}`;
const ap = object('security.istio.io/v1', 'AuthorizationPolicy');
const ra = object('security.istio.io/v1', 'RequestAuthentication');
const vs = object('networking.istio.io/v1', 'VirtualService');
const dr = object('networking.istio.io/v1', 'DestinationRule');
const wasm = object('extensions.istio.io/v1alpha1', 'WasmPlugin');
const telemetry = object('telemetry.istio.io/v1', 'Telemetry');

/** kiali `tests/data` `CreateAuthorizationPolicy`: an L7 policy selecting `app: reviews`. */
const L7_SELECTOR_AP =
  '{selector: {matchLabels: {app: reviews}}, rules: [{from: [{source: {namespaces: [bookinfo]}}], to: [{operation: {methods: [GET], hosts: [reviews]}}], when: [{key: request.headers, values: [HTTP]}]}]}';
/** `CreateAuthorizationPolicyWithTargetRefs`: DENY GET attached to Service `reviews`. */
const L7_TARGETREFS_AP =
  '{targetRefs: [{group: "", kind: Service, name: reviews}], action: DENY, rules: [{to: [{operation: {methods: [GET]}}]}]}';
/** `CreateAuthorizationPolicyWithPrincipals`: an L4 policy. */
const L4_AP =
  '{rules: [{from: [{source: {principals: [cluster.local/ns/default/sa/app]}}]}]}';

describe('Kiali ambient validations (kiali.ambient)', () => {
  // kiali business/checkers/ambient/ambient_workload_checker_test.go, as YAML: every finding of the analyzer.
  it.each([
    {
      name: 'TestValidAmbientWorkloads: ambient workload in an ambient namespace',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'valid', 'app: valid', ['ambient']),
      expected: [],
    },
    {
      name: 'TestWorkloadBothSidecarAndAmbientLabels: KIA1311 (no pods needed)',
      yaml:
        namespace(
          'bookinfo',
          `${AMBIENT}, istio-injection: enabled, istio.io/rev: latest`,
        ) +
        workload(
          'bookinfo',
          'mixed',
          `${AMBIENT}, istio-injection: enabled, istio.io/rev: latest, sidecar.istio.io/inject: enabled`,
        ),
      expected: ['KIA1311 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'KIA1311 from the workload labels alone (ambient + inject=enabled)',
      yaml:
        namespace('bookinfo') +
        workload(
          'bookinfo',
          'mixed',
          `app: mixed, ${AMBIENT}, sidecar.istio.io/inject: enabled`,
        ),
      expected: ['KIA1311 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'no KIA1311: namespace istio-injection=disabled disables the sidecar label',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio-injection: disabled`) +
        workload(
          'bookinfo',
          'mixed',
          'app: mixed, sidecar.istio.io/inject: enabled',
        ),
      expected: [],
    },
    {
      name: 'no KIA1311: workload sidecar.istio.io/inject=none',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio-injection: enabled`) +
        workload(
          'bookinfo',
          'mixed',
          'app: mixed, sidecar.istio.io/inject: none',
        ),
      expected: [],
    },
    {
      name: 'no KIA1311: workload dataplane-mode=none in an ambient namespace',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/rev: latest`) +
        workload(
          'bookinfo',
          'mixed',
          'app: mixed, istio.io/dataplane-mode: none',
        ),
      expected: [],
    },
    {
      name: 'TestWorkloadWaypointAndNotAmbient: KIA1312, and KIA1313 (waypoints resolve only for redirected pods)',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: "true"') +
        workload('bookinfo', 'mixed', 'istio.io/use-waypoint: "true"', [
          'sidecar',
        ]),
      expected: [
        'KIA1312 Deployment bookinfo/mixed workload',
        'KIA1313 Deployment bookinfo/mixed workload',
      ],
    },
    {
      name: 'KIA1312 from the namespace label, the waypoint existing',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: waypoint') +
        waypointWorkload('bookinfo') +
        workload('bookinfo', 'plain', 'app: plain', ['plain']),
      expected: [
        'KIA1312 Deployment bookinfo/plain workload',
        'KIA1313 Deployment bookinfo/plain workload',
      ],
    },
    {
      name: 'no KIA1312/KIA1313 without pods',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: waypoint') +
        workload('bookinfo', 'plain'),
      expected: [],
    },
    {
      name: 'no KIA1312/KIA1313: workload dataplane-mode=none skips the waypoint label',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: waypoint') +
        workload(
          'bookinfo',
          'plain',
          'app: plain, istio.io/dataplane-mode: none',
          ['plain'],
        ),
      expected: [],
    },
    {
      name: 'no KIA1312/KIA1313: workload use-waypoint=none overrides the namespace',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: waypoint') +
        workload(
          'bookinfo',
          'plain',
          'app: plain, istio.io/use-waypoint: none',
          ['plain'],
        ),
      expected: [],
    },
    {
      name: 'TestWorkloadReferencesNonExistentWaypoint: KIA1313',
      yaml:
        namespace('bookinfo', 'istio.io/use-waypoint: "true"') +
        workload('bookinfo', 'mixed', 'istio.io/use-waypoint: "true"', [
          'ambient',
        ]),
      expected: ['KIA1313 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'no KIA1313: the waypoint workload exists (other namespace via use-waypoint-namespace)',
      yaml:
        namespace('bookinfo', AMBIENT) +
        namespace('infra') +
        waypointWorkload('infra', 'shared') +
        workload(
          'bookinfo',
          'app',
          'app: app, istio.io/use-waypoint: shared, istio.io/use-waypoint-namespace: infra',
          ['ambient'],
        ),
      expected: [],
    },
    {
      name: 'KIA1313: the waypoint workload is istio.io/waypoint-for=none',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        waypointWorkload(
          'bookinfo',
          'waypoint',
          ', istio.io/waypoint-for: none',
        ) +
        workload('bookinfo', 'app', 'app: app', ['ambient']),
      expected: ['KIA1313 Deployment bookinfo/app workload'],
    },
    {
      name: 'KIA1313: the one Service selecting the workload names a missing waypoint (it wins over the namespace label)',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        waypointWorkload('bookinfo') +
        service('bookinfo', 'app', 'istio.io/use-waypoint: missing') +
        workload('bookinfo', 'app', 'app: app', ['ambient']),
      expected: ['KIA1313 Deployment bookinfo/app workload'],
    },
    {
      name: 'no KIA1313: a waypoint Gateway manifest stands for the Deployment istiod creates',
      yaml: `${namespace(
        'bookinfo',
        `${AMBIENT}, istio.io/use-waypoint: waypoint`,
      )}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: bookinfo}
spec: {gatewayClassName: istio-waypoint, listeners: [{name: mesh, port: 15008, protocol: HBONE}]}
${workload('bookinfo', 'app', 'app: app', ['ambient'])}`,
      expected: [],
    },
    {
      name: 'pod manifests (no status) are predicted: captured in an ambient namespace with its waypoint, no KIA1312/KIA1313',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        waypointWorkload('bookinfo') +
        workload('bookinfo', 'app', 'app: app', ['manifest']),
      expected: [],
    },
    {
      name: 'a pod manifest with an istio-proxy container has a sidecar: KIA1315, KIA1316',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'app', 'app: app', ['manifest-sidecar']),
      expected: [
        'KIA1315 Deployment bookinfo/app workload',
        'KIA1316 Deployment bookinfo/app workload',
      ],
    },
    {
      name: 'a live pod is read from its annotations only: an istio-proxy container without sidecar status is no sidecar',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'app', 'app: app', ['plain-proxy']),
      expected: [],
    },
    {
      name: 'TestWorkloadPodWithSidecarLabelAndAmbientRedirection: KIA1314',
      yaml:
        namespace(
          'bookinfo',
          'istio-injection: enabled, istio.io/rev: latest',
        ) +
        workload(
          'bookinfo',
          'mixed',
          'istio-injection: enabled, istio.io/rev: latest, sidecar.istio.io/inject: enabled',
          ['ambient'],
        ),
      expected: ['KIA1314 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'no KIA1314: sidecar label without a redirected pod',
      yaml:
        namespace('bookinfo', 'istio-injection: enabled') +
        workload('bookinfo', 'web', 'app: web', ['sidecar']),
      expected: [],
    },
    {
      name: 'TestWorkloadPodWithSidecarInjectAndAmbientLabel: KIA1315 (and KIA1316: the namespace label makes it ambient)',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'mixed', AMBIENT, ['sidecar']),
      expected: [
        'KIA1315 Deployment bookinfo/mixed workload',
        'KIA1316 Deployment bookinfo/mixed workload',
      ],
    },
    {
      name: 'KIA1315 from the workload label in a plain namespace',
      yaml:
        namespace('bookinfo') +
        workload('bookinfo', 'mixed', `app: mixed, ${AMBIENT}`, ['sidecar']),
      expected: ['KIA1315 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'no KIA1315: ambient label, pods without a sidecar',
      yaml:
        namespace('bookinfo') +
        workload('bookinfo', 'app', `app: app, ${AMBIENT}`, ['plain']),
      expected: [],
    },
    {
      name: 'TestWorkloadSidecarInAmbientNamespace: KIA1316 (opted out of ambient, so no KIA1315)',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'mixed',
          'app: mixed, istio.io/dataplane-mode: none',
          ['sidecar'],
        ),
      expected: ['KIA1316 Deployment bookinfo/mixed workload'],
    },
    {
      name: 'no KIA1316: a Deployment is read from its first pod',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'mixed',
          'app: mixed, istio.io/dataplane-mode: none',
          ['plain', 'sidecar'],
        ),
      expected: [],
    },
    {
      name: 'no KIA1316: sidecars outside ambient namespaces',
      yaml:
        namespace('bookinfo', 'istio-injection: enabled') +
        workload('bookinfo', 'web', 'app: web', ['sidecar']),
      expected: [],
    },
    {
      name: 'TestWorkloadHasAuthPolicyAndNoWaypoint: KIA1317 (the policy gets KIA0109/KIA0110)',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'reviews-v1', 'app: reviews', ['ambient']) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: [
        'KIA0109 AuthorizationPolicy bookinfo/auth-policy',
        'KIA0110 AuthorizationPolicy bookinfo/auth-policy',
        'KIA1317 Deployment bookinfo/reviews-v1 workload',
      ],
    },
    {
      name: 'KIA1317 without pods: the namespace label makes it ambient',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'reviews-v1', 'app: reviews') +
        ap(
          'bookinfo',
          'ns-wide',
          '{rules: [{to: [{operation: {paths: [/admin]}}]}]}',
        ),
      expected: [
        'KIA0109 AuthorizationPolicy bookinfo/ns-wide',
        'KIA0110 AuthorizationPolicy bookinfo/ns-wide',
        'KIA1317 Deployment bookinfo/reviews-v1 workload',
      ],
    },
    {
      name: 'no KIA1317 once a waypoint serves the workload',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        waypointWorkload('bookinfo') +
        workload('bookinfo', 'reviews-v1', 'app: reviews', ['ambient']) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: ['KIA0110 AuthorizationPolicy bookinfo/auth-policy'],
    },
    {
      name: 'TestWorkloadHasAuthPolicyAndNoWaypoint_OutOfMesh_NoWarning',
      yaml:
        namespace('bookinfo') +
        workload('bookinfo', 'reviews-v1', 'app: reviews', ['plain']) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: [],
    },
    {
      name: 'TestWorkloadHasAuthPolicyAndNoWaypoint_Sidecar_NoWarning',
      yaml:
        namespace('bookinfo', 'istio-injection: enabled') +
        workload('bookinfo', 'reviews-v1', 'app: reviews', ['sidecar']) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: [],
    },
    {
      name: 'TestWorkloadHasAuthPolicyAndNoWaypoint_WorkloadOptOut_NoWarning',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'reviews-v1',
          'app: reviews, istio.io/dataplane-mode: none',
          ['plain'],
        ) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: ['KIA0110 AuthorizationPolicy bookinfo/auth-policy'],
    },
    {
      name: 'TestWorkloadHasAuthPolicyAndNoWaypoint_WorkloadOptOut_StaleIsAmbient_NoWarning',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'reviews-v1',
          'app: reviews, istio.io/dataplane-mode: none',
          ['ambient'],
        ) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: ['KIA0110 AuthorizationPolicy bookinfo/auth-policy'],
    },
    {
      name: 'TestWorkloadHasL7AuthPolicyForOtherWorkload_NoWarning',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'productpage-v1', 'app: productpage', [
          'ambient',
        ]) +
        ap('bookinfo', 'auth-policy', L7_SELECTOR_AP),
      expected: [
        'KIA0109 AuthorizationPolicy bookinfo/auth-policy',
        'KIA0110 AuthorizationPolicy bookinfo/auth-policy',
      ],
    },
    {
      name: 'TestWorkloadHasL7AuthPolicyTargetRefsService_WarnsMatchedWorkload',
      yaml:
        namespace('bookinfo', AMBIENT) +
        service('bookinfo', 'reviews') +
        workload('bookinfo', 'reviews-v1', 'app: reviews', ['ambient']) +
        ap('bookinfo', 'reviews-deny-get', L7_TARGETREFS_AP),
      expected: [
        'KIA0109 AuthorizationPolicy bookinfo/reviews-deny-get',
        'KIA1317 Deployment bookinfo/reviews-v1 workload',
      ],
    },
    {
      name: 'TestWorkloadHasL7AuthPolicyTargetRefsService_NoWarningForOtherWorkload',
      yaml:
        namespace('bookinfo', AMBIENT) +
        service('bookinfo', 'reviews') +
        workload('bookinfo', 'productpage-v1', 'app: productpage', [
          'ambient',
        ]) +
        ap('bookinfo', 'reviews-deny-get', L7_TARGETREFS_AP),
      expected: ['KIA0109 AuthorizationPolicy bookinfo/reviews-deny-get'],
    },
    {
      name: 'TestWorkloadHasL4AuthPolicyAndNoWaypoint_NoWarning',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'l4-workload', 'app: l4', ['ambient']) +
        ap('bookinfo', 'l4-ap', L4_AP),
      expected: [],
    },
    {
      name: 'TestWorkloadZeroReplicasInAmbientNamespace',
      yaml: namespace('bookinfo', AMBIENT) + workload('bookinfo', 'zero'),
      expected: [],
    },
    {
      name: 'TestWaypointWithAuthPolicyDoesNotTriggerKIA1317',
      yaml:
        namespace('bookinfo') +
        workload(
          'bookinfo',
          'waypoint',
          'gateway.istio.io/managed: istio.io-mesh-controller',
          ['ambient'],
        ) +
        ap('bookinfo', 'test', '{}'),
      expected: [],
    },
    {
      name: 'TestWaypointZeroReplicas',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'zero-replica-waypoint',
          'gateway.istio.io/managed: istio.io-mesh-controller',
        ) +
        ap('bookinfo', 'test', '{}'),
      expected: [],
    },
    {
      name: 'TestGatewayWithAuthPolicyDoesNotTriggerKIA1317',
      yaml:
        namespace('bookinfo') +
        workload('bookinfo', 'istio-ingressgateway', 'istio: ingressgateway', [
          'sidecar',
        ]) +
        ap('bookinfo', 'test', '{}'),
      expected: [],
    },
    {
      name: 'no KIA1317 on an ambient gateway with an L7 policy (config.IsGateway)',
      yaml:
        namespace('bookinfo', AMBIENT) +
        workload('bookinfo', 'gw', 'istio: ingressgateway', ['ambient']) +
        ap(
          'bookinfo',
          'l7',
          '{rules: [{to: [{operation: {methods: [GET]}}]}]}',
        ),
      expected: [
        'KIA0109 AuthorizationPolicy bookinfo/l7',
        'KIA0110 AuthorizationPolicy bookinfo/l7',
      ],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findings(yaml)).toEqual(expected);
  });

  // kiali business/checkers/ambient_policy_checker_test.go, as YAML: findings on the policies and routes
  // (the workloads' own findings are the table above's).
  it.each([
    {
      name: 'TestAmbientPolicyChecker_L7AuthPolicyWithoutEnrollment',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ap('ambient-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: [
        'KIA0109 AuthorizationPolicy ambient-ns/auth-policy',
        'KIA0110 AuthorizationPolicy ambient-ns/auth-policy',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_L7WithNamespaceEnrollment_SelectorWarnsMissingTargetRefs',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ap('ambient-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: ['KIA0110 AuthorizationPolicy ambient-ns/auth-policy'],
    },
    {
      name: 'TestAmbientPolicyChecker_L7WithTargetRefsAndEnrollment_NoWarning',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ap('ambient-ns', 'reviews-l7-deny-get', L7_TARGETREFS_AP),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_L4AuthPolicy_NoWarning',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'app') +
        ap('ambient-ns', 'l4-ap', L4_AP),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_VirtualServiceServiceNotCaptured: KIA1113',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        service('ambient-ns', 'reviews', 'istio.io/use-waypoint: none') +
        vs(
          'ambient-ns',
          'reviews',
          '{hosts: [reviews], http: [{name: route}]}',
        ),
      expected: ['KIA1113 VirtualService ambient-ns/reviews spec.hosts[0]'],
    },
    {
      name: 'TestAmbientPolicyChecker_VirtualServiceServiceCaptured_NoWarning',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        service(
          'ambient-ns',
          'reviews',
          'istio.io/use-waypoint: reviews-waypoint',
        ) +
        vs(
          'ambient-ns',
          'reviews',
          '{hosts: [reviews], http: [{name: route}]}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_VirtualServiceIngressOnly_NoWarning',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        vs(
          'ambient-ns',
          'ingress-vs',
          '{gateways: [my-ingress], hosts: [reviews], http: [{name: route}]}',
        ),
      expected: [],
    },
    {
      name: 'KIA1109: mesh VS whose hosts name no ambient Service, in an ambient namespace not enrolled',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        vs(
          'ambient-ns',
          'external',
          '{hosts: [api.example.com, other], gateways: [mesh], tls: [{match: [{sniHosts: [api.example.com]}], route: [{destination: {host: api.example.com}}]}]}',
        ),
      expected: ['KIA1109 VirtualService ambient-ns/external spec.hosts[0]'],
    },
    {
      name: 'KIA1113 per host: only the Service that is not enrolled',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        service('ambient-ns', 'reviews', 'istio.io/use-waypoint: waypoint') +
        service('ambient-ns', 'ratings') +
        vs(
          'ambient-ns',
          'both',
          '{hosts: [reviews, ratings.ambient-ns.svc.cluster.local, ratings], http: [{name: route}]}',
        ),
      expected: ['KIA1113 VirtualService ambient-ns/both spec.hosts[1]'],
    },
    {
      name: 'no KIA1109/KIA1113: TCP-only VirtualService',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        service('ambient-ns', 'reviews') +
        vs(
          'ambient-ns',
          'tcp',
          '{hosts: [reviews], tcp: [{route: [{destination: {host: reviews}}]}]}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_RequestAuthenticationWithoutEnrollment',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'app') +
        ra('ambient-ns', 'jwt', '{}'),
      expected: [
        'KIA1110 RequestAuthentication ambient-ns/jwt',
        'KIA1115 RequestAuthentication ambient-ns/jwt',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_RequestAuthenticationWithTargetRefsAndEnrollment_NoWarning',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ra(
          'ambient-ns',
          'jwt',
          '{targetRefs: [{group: "", kind: Service, name: reviews}], jwtRules: [{issuer: "https://example.com"}]}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_NonAmbientNamespace_NoWarning',
      yaml:
        namespace('sidecar-ns') +
        workload('sidecar-ns', 'reviews') +
        ap('sidecar-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_RequestAuthentication_NonAmbientNamespace_NoWarning',
      yaml:
        namespace('sidecar-ns') +
        workload('sidecar-ns', 'app') +
        ra('sidecar-ns', 'jwt', '{}'),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_SelectorMatchesOnlyOptedOutWorkload_NoEnrollmentWarning',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload(
          'ambient-ns',
          'reviews-v1',
          'app: reviews, istio.io/dataplane-mode: none',
        ) +
        ap('ambient-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: ['KIA0110 AuthorizationPolicy ambient-ns/auth-policy'],
    },
    {
      name: 'TestAmbientPolicyChecker_TargetRefsServiceOptOut_WarnsDespiteNsEnrollment',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        service('ambient-ns', 'reviews', 'istio.io/use-waypoint: none') +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ap('ambient-ns', 'reviews-l7-deny-get', L7_TARGETREFS_AP),
      expected: ['KIA0109 AuthorizationPolicy ambient-ns/reviews-l7-deny-get'],
    },
    {
      name: 'KIA0109: a selected workload opted out of the namespace waypoint',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload(
          'ambient-ns',
          'reviews-v1',
          'app: reviews, istio.io/use-waypoint: none',
        ) +
        ap('ambient-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: [
        'KIA0109 AuthorizationPolicy ambient-ns/auth-policy',
        'KIA0110 AuthorizationPolicy ambient-ns/auth-policy',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_VirtualServiceCrossNamespace_Warns: KIA1114',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        namespace('test') +
        service('bookinfo', 'reviews', 'istio.io/use-waypoint: waypoint') +
        workload('bookinfo', 'reviews-v1', 'app: reviews') +
        vs(
          'test',
          'reviews-from-test',
          '{hosts: [reviews.bookinfo.svc.cluster.local], http: [{name: route}]}',
        ),
      expected: ['KIA1114 VirtualService test/reviews-from-test spec.hosts[0]'],
    },
    {
      name: 'TestAmbientPolicyChecker_DestinationRuleCrossNamespace_Warns: KIA0212 only',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        namespace('test') +
        service('bookinfo', 'reviews') +
        workload('bookinfo', 'reviews-v1', 'app: reviews') +
        dr(
          'test',
          'reviews-from-test',
          '{host: reviews.bookinfo.svc.cluster.local, trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 1024}}}}',
        ),
      expected: ['KIA0212 DestinationRule test/reviews-from-test spec.host'],
    },
    {
      name: 'KIA0211 and KIA0212: cross-namespace DR (host svc.ns) to a Service not enrolled',
      yaml:
        namespace('bookinfo', AMBIENT) +
        namespace('test') +
        service('bookinfo', 'reviews') +
        dr(
          'test',
          'reviews-from-test',
          '{host: reviews.bookinfo, subsets: [{name: v1, labels: {version: v1}, trafficPolicy: {outlierDetection: {consecutive5xxErrors: 3}}}]}',
        ),
      expected: [
        'KIA0211 DestinationRule test/reviews-from-test spec.host',
        'KIA0212 DestinationRule test/reviews-from-test spec.host',
      ],
    },
    {
      name: 'KIA0210: L7 DR whose host is no ambient Service, in an ambient namespace not enrolled',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        dr(
          'ambient-ns',
          'sticky',
          '{host: api.example.com, trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user}}}}',
        ),
      expected: ['KIA0210 DestinationRule ambient-ns/sticky spec.host'],
    },
    {
      name: 'no KIA0210: the same DR in an enrolled namespace',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        dr(
          'ambient-ns',
          'sticky',
          '{host: api.example.com, trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: user, ttl: 0s}}}}}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_VirtualServiceDestinationNotAmbient_NoWarning',
      yaml:
        namespace('bookinfo') +
        namespace('test') +
        service('bookinfo', 'reviews') +
        vs(
          'test',
          'reviews-from-test',
          '{hosts: [reviews.bookinfo.svc.cluster.local], http: [{name: route}]}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_WaypointWorkloadWithoutEnrollment_StillWarns',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        waypointWorkload('ambient-ns') +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        ap('ambient-ns', 'auth-policy', L7_SELECTOR_AP),
      expected: [
        'KIA0109 AuthorizationPolicy ambient-ns/auth-policy',
        'KIA0110 AuthorizationPolicy ambient-ns/auth-policy',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_WasmPluginWithoutEnrollment',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        wasm(
          'ambient-ns',
          'reviews-wasm',
          '{selector: {matchLabels: {app: reviews}}, url: "oci://invalid.example/wasm:latest"}',
        ),
      expected: [
        'KIA1111 WasmPlugin ambient-ns/reviews-wasm',
        'KIA1116 WasmPlugin ambient-ns/reviews-wasm',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_WasmPluginMissingTargetRefs',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        wasm(
          'ambient-ns',
          'reviews-wasm',
          '{selector: {matchLabels: {app: reviews}}, url: "oci://invalid.example/wasm:latest"}',
        ),
      expected: ['KIA1116 WasmPlugin ambient-ns/reviews-wasm'],
    },
    {
      name: 'TestAmbientPolicyChecker_WasmPluginWithEnrollment_NoWarning',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        wasm(
          'ambient-ns',
          'reviews-wasm',
          '{targetRefs: [{group: "", kind: Service, name: reviews}], url: "oci://invalid.example/wasm:latest"}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_WasmPluginNonAmbient_NoValidation',
      yaml:
        namespace('sidecar-ns') +
        wasm(
          'sidecar-ns',
          'reviews-wasm',
          '{url: "oci://invalid.example/wasm:latest"}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_TelemetryL7WithoutEnrollment',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        telemetry('ambient-ns', 'reviews-tracing', '{tracing: [{}]}'),
      expected: [
        'KIA1112 Telemetry ambient-ns/reviews-tracing',
        'KIA1117 Telemetry ambient-ns/reviews-tracing',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_TelemetryL7WithEnrollment_NoWarning',
      yaml:
        namespace('ambient-ns', `${AMBIENT}, istio.io/use-waypoint: waypoint`) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        telemetry(
          'ambient-ns',
          'reviews-tracing',
          '{targetRefs: [{group: "", kind: Service, name: reviews}], tracing: [{}]}',
        ),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_TelemetryL4_NoWarning',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        workload('ambient-ns', 'reviews-v1', 'app: reviews') +
        telemetry('ambient-ns', 'reviews-tcp-metrics', '{metrics: [{}]}'),
      expected: [],
    },
    {
      name: 'KIA1112/KIA1117: metrics with overrides, access logging are L7',
      yaml:
        namespace('ambient-ns', AMBIENT) +
        telemetry(
          'ambient-ns',
          'overrides',
          '{metrics: [{providers: [{name: prometheus}], overrides: [{match: {metric: REQUEST_COUNT}, disabled: true}]}]}',
        ) +
        telemetry(
          'ambient-ns',
          'logs',
          '{accessLogging: [{providers: [{name: envoy}]}]}',
        ),
      expected: [
        'KIA1112 Telemetry ambient-ns/logs',
        'KIA1112 Telemetry ambient-ns/overrides',
        'KIA1117 Telemetry ambient-ns/logs',
        'KIA1117 Telemetry ambient-ns/overrides',
      ],
    },
    {
      name: 'TestAmbientPolicyChecker_TelemetryNonAmbient_NoValidation',
      yaml:
        namespace('sidecar-ns') +
        telemetry('sidecar-ns', 'reviews-tracing', '{tracing: [{}]}'),
      expected: [],
    },
    {
      name: 'TestAmbientPolicyChecker_TelemetryInControlPlane_NoValidation',
      yaml: telemetry('istio-system', 'otel-tracing', '{tracing: [{}]}'),
      expected: [],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findings(yaml, { kinds: POLICY_KINDS })).toEqual(expected);
  });

  // kiali business/checkers/ambient/l7_classification_test.go: the classification, seen through the findings it
  // allows (KIA0110 for AuthorizationPolicies, KIA0210 for DestinationRules, KIA1109 for VirtualServices, KIA1117
  // for Telemetry) in an ambient namespace that is not enrolled.
  it.each([
    {
      name: 'TestIsL7AuthorizationPolicy_HTTPMethods',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{to: [{operation: {methods: [GET, POST]}}]}]}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7AuthorizationPolicy_NotMethods',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{to: [{operation: {notMethods: [DELETE]}}]}]}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7AuthorizationPolicy_NotRequestPrincipals',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{from: [{source: {notRequestPrincipals: ["*"]}}]}]}',
      ),
      l7: true,
    },
    {
      name: 'hosts are HTTP attributes',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{to: [{operation: {notHosts: [a.example]}}]}]}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7AuthorizationPolicy_L4Only',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{from: [{source: {principals: [cluster.local/ns/default/sa/myapp]}}], to: [{operation: {ports: ["8080"]}}]}]}',
      ),
      l7: false,
    },
    {
      name: 'TestIsL7AuthorizationPolicy_EmptyAndNil',
      yaml: ap('amb', 'p', '{}'),
      l7: false,
    },
    {
      name: 'TestIsL7Condition_DestinationPortIsL4',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{when: [{key: destination.port, values: ["80"]}]}]}',
      ),
      l7: false,
    },
    {
      name: 'TestIsL7Condition_RequestHeaders',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{when: [{key: "request.headers[x-forwarded-for]", values: [a]}]}]}',
      ),
      l7: true,
    },
    {
      name: 'request.auth.claims conditions are L7',
      yaml: ap(
        'amb',
        'p',
        '{rules: [{when: [{key: "request.auth.claims[iss]", values: [a]}]}]}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7DestinationRule_HTTPConnectionPool',
      yaml: dr(
        'amb',
        'd',
        '{host: api.example.com, trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 1024}}}}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7DestinationRule_L4Only',
      yaml: dr(
        'amb',
        'd',
        '{host: api.example.com, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}',
      ),
      l7: false,
    },
    {
      name: 'TCP connection pool and port-level settings are not L7',
      yaml: dr(
        'amb',
        'd',
        '{host: api.example.com, trafficPolicy: {connectionPool: {tcp: {maxConnections: 10}}, portLevelSettings: [{port: {number: 80}, outlierDetection: {consecutive5xxErrors: 3}}]}}',
      ),
      l7: false,
    },
    {
      name: 'TestClassifyVirtualService_HTTPMeshNeedsWaypoint',
      yaml: vs(
        'amb',
        'v',
        '{hosts: [api.example.com], http: [{name: route-1}]}',
      ),
      l7: true,
    },
    {
      name: 'TestClassifyVirtualService_TCPOnly',
      yaml: vs('amb', 'v', '{hosts: [api.example.com], tcp: [{}]}'),
      l7: false,
    },
    {
      name: 'TestClassifyVirtualService_IngressOnly',
      yaml: vs(
        'amb',
        'v',
        '{hosts: [api.example.com], gateways: [my-ingress-gateway], http: [{name: route-1}]}',
      ),
      l7: false,
    },
    {
      name: 'TestAppliesToMeshTraffic: gateways [mesh]',
      yaml: vs(
        'amb',
        'v',
        '{hosts: [api.example.com], gateways: [my-ingress-gateway, mesh], http: [{name: route-1}]}',
      ),
      l7: true,
    },
    {
      name: 'TestIsL7Telemetry: tracing',
      yaml: telemetry('amb', 't', '{tracing: [{}]}'),
      l7: true,
    },
    {
      name: 'TestIsL7Telemetry: empty',
      yaml: telemetry('amb', 't', '{}'),
      l7: false,
    },
  ])('$name', ({ yaml, l7 }) => {
    expect(findings(namespace('amb', AMBIENT) + yaml).length > 0).toBe(l7);
  });

  // l7_classification_test.go TestIsDataplaneAmbientNamespace_ControlPlane and TestIsEnrolledForWaypoint.
  it.each([
    {
      name: 'the control-plane namespace without the label is not ambient',
      yaml: ISTIOD_YAML + telemetry('istio-system', 't', '{tracing: [{}]}'),
      expected: [],
    },
    {
      name: 'the control-plane namespace labelled ambient is ambient',
      yaml:
        namespace('istio-system', AMBIENT) +
        telemetry('istio-system', 't', '{tracing: [{}]}'),
      expected: [
        'KIA1112 Telemetry istio-system/t',
        'KIA1117 Telemetry istio-system/t',
      ],
    },
    {
      name: 'dataplane-mode=none is not ambient',
      yaml:
        namespace('bookinfo', 'istio.io/dataplane-mode: none') +
        telemetry('bookinfo', 't', '{tracing: [{}]}'),
      expected: [],
    },
    {
      name: 'a Service label enrolls it without the namespace label',
      yaml:
        namespace('bookinfo', AMBIENT) +
        service('bookinfo', 'reviews', 'istio.io/use-waypoint: svc-waypoint') +
        telemetry(
          'bookinfo',
          't',
          '{targetRefs: [{kind: Service, name: reviews}], tracing: [{}]}',
        ),
      expected: [],
    },
    {
      name: 'a namespace use-waypoint=none does not enroll',
      yaml:
        namespace('bookinfo', `${AMBIENT}, istio.io/use-waypoint: none`) +
        service('bookinfo', 'reviews') +
        telemetry(
          'bookinfo',
          't',
          '{targetRefs: [{kind: Service, name: reviews}], tracing: [{}]}',
        ),
      expected: ['KIA1112 Telemetry bookinfo/t'],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(findings(yaml, { bare: true, kinds: POLICY_KINDS })).toEqual(
      expected,
    );
  });

  it('reports each code with its Kiali level and message', () => {
    const report = analyzerFor(
      ISTIOD_YAML +
        ZTUNNEL_YAML +
        namespace('bookinfo', AMBIENT) +
        workload(
          'bookinfo',
          'mixed',
          `app: mixed, sidecar.istio.io/inject: enabled`,
        ) +
        ra('bookinfo', 'jwt', '{}'),
    ).report();
    const ours = report.messages.filter(m => m.analyzer === NAME);
    expect(
      ours.map(m => ({ code: m.code, level: m.level, path: m.path })),
    ).toEqual(
      expect.arrayContaining([
        { code: 'KIA1311', level: 'Error', path: 'workload' },
        { code: 'KIA1110', level: 'Warning', path: undefined },
        { code: 'KIA1115', level: 'Warning', path: undefined },
      ]),
    );
    expect(ours.find(m => m.code === 'KIA1115')?.message).toBe(
      'RequestAuthentication in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
    );
    expect(ours.find(m => m.code === 'KIA1311')?.message).toMatch(
      /^This workload has both sidecar and Ambient label: /,
    );
  });

  it('reruns when a namespace label or the Service of another namespace changes', () => {
    const a = analyzerFor(
      ISTIOD_YAML +
        ZTUNNEL_YAML +
        namespace('bookinfo') +
        namespace('test') +
        ra('bookinfo', 'jwt', '{}') +
        dr(
          'test',
          'cross',
          '{host: reviews.bookinfo.svc.cluster.local, trafficPolicy: {outlierDetection: {}}}',
        ),
    );
    const codes = () =>
      a
        .report()
        .messages.filter(m => m.analyzer === NAME)
        .map(m => m.code)
        .sort();
    expect(codes()).toEqual([]);
    a.upsert('default', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'bookinfo',
        labels: { 'istio.io/dataplane-mode': 'ambient' },
      },
    });
    expect(codes()).toEqual(['KIA1110', 'KIA1115']);
    a.upsert('default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: { selector: { app: 'reviews' } },
    });
    expect(codes()).toEqual(['KIA0211', 'KIA0212', 'KIA1110', 'KIA1115']);
  });
});
