/**
 * A kind Meshplane lists and watches in every cluster (DESIGN §3).
 */
export interface WatchedKind {
  /** API group, `''` for core. */
  group: string;
  /** Served versions in order of preference; discovery picks the first one served. */
  versions: string[];
  kind: string;
  /** Resource name in URLs. */
  plural: string;
  namespaced: boolean;
  /** An Istio CRD: absent on clusters without Istio, which is not an error. */
  istio: boolean;
  /** Watched only in the Istio control-plane namespace. */
  controlPlaneOnly?: boolean;
  /** Largest list page, for kinds whose objects are large as the API server sends them. */
  maxPageSize?: number;
}

const ISTIO_NETWORKING = ['v1', 'v1beta1', 'v1alpha3'];
const ISTIO_SECURITY = ['v1', 'v1beta1'];

/** Every kind of DESIGN §3, core kinds first. Secrets are never read. */
export const WATCHED_KINDS: ReadonlyArray<WatchedKind> = [
  {
    group: '',
    versions: ['v1'],
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    istio: false,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    istio: false,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    istio: false,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    istio: false,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    istio: false,
    controlPlaneOnly: true,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    istio: false,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    istio: false,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'StatefulSet',
    plural: 'statefulsets',
    namespaced: true,
    istio: false,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'DaemonSet',
    plural: 'daemonsets',
    namespaced: true,
    istio: false,
  },
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    kind: 'MutatingWebhookConfiguration',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
    istio: false,
  },
  // Which CRDs are installed, at which versions and Gateway API bundle (IST0176): kept without
  // their schemas (see trimObject.ts), which make a CRD up to megabytes on the wire.
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    istio: false,
    maxPageSize: 20,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'VirtualService',
    plural: 'virtualservices',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'DestinationRule',
    plural: 'destinationrules',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'Gateway',
    plural: 'gateways',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'ServiceEntry',
    plural: 'serviceentries',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'Sidecar',
    plural: 'sidecars',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'WorkloadEntry',
    plural: 'workloadentries',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ISTIO_NETWORKING,
    kind: 'WorkloadGroup',
    plural: 'workloadgroups',
    namespaced: true,
    istio: true,
  },
  {
    group: 'networking.istio.io',
    versions: ['v1alpha3'],
    kind: 'EnvoyFilter',
    plural: 'envoyfilters',
    namespaced: true,
    istio: true,
  },
  {
    group: 'security.istio.io',
    versions: ISTIO_SECURITY,
    kind: 'PeerAuthentication',
    plural: 'peerauthentications',
    namespaced: true,
    istio: true,
  },
  {
    group: 'security.istio.io',
    versions: ISTIO_SECURITY,
    kind: 'AuthorizationPolicy',
    plural: 'authorizationpolicies',
    namespaced: true,
    istio: true,
  },
  {
    group: 'security.istio.io',
    versions: ISTIO_SECURITY,
    kind: 'RequestAuthentication',
    plural: 'requestauthentications',
    namespaced: true,
    istio: true,
  },
  // Read by Kiali's ambient checks (istio-semantics.md §g.10).
  {
    group: 'telemetry.istio.io',
    versions: ['v1', 'v1alpha1'],
    kind: 'Telemetry',
    plural: 'telemetries',
    namespaced: true,
    istio: true,
  },
  {
    group: 'extensions.istio.io',
    versions: ['v1alpha1'],
    kind: 'WasmPlugin',
    plural: 'wasmplugins',
    namespaced: true,
    istio: true,
  },
  // Waypoints are Gateway API Gateways (§g.3), routes and ReferenceGrants attach traffic to them
  // and to Services (§h); a cluster without these CRDs (or the experimental channel's TCPRoute
  // and TLSRoute) simply has none.
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1', 'v1beta1'],
    kind: 'GatewayClass',
    plural: 'gatewayclasses',
    namespaced: false,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1', 'v1beta1'],
    kind: 'Gateway',
    plural: 'gateways',
    namespaced: true,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1', 'v1beta1'],
    kind: 'HTTPRoute',
    plural: 'httproutes',
    namespaced: true,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1'],
    kind: 'GRPCRoute',
    plural: 'grpcroutes',
    namespaced: true,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1alpha2'],
    kind: 'TCPRoute',
    plural: 'tcproutes',
    namespaced: true,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1alpha2'],
    kind: 'TLSRoute',
    plural: 'tlsroutes',
    namespaced: true,
    istio: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    versions: ['v1beta1'],
    kind: 'ReferenceGrant',
    plural: 'referencegrants',
    namespaced: true,
    istio: true,
  },
];

/** `v1` or `group/version`. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** URL path of a kind's collection, cluster-wide or in one namespace. */
export function collectionPath(
  kind: WatchedKind,
  version: string,
  namespace?: string,
): string {
  const base = kind.group
    ? `/apis/${kind.group}/${version}`
    : `/api/${version}`;
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`
    : `${base}/${kind.plural}`;
}
