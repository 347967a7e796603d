/**
 * A REST resource the simulator serves, in one group/version.
 *
 * @public
 */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** Plural resource name, as in the URL. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Read-only resources (CustomResourceDefinitions) answer 405 to writes. */
  readOnly: boolean;
  /** Has a `/status` subresource: main-resource writes keep the old status. */
  statusSubresource: boolean;
  /** Served from an Istio CRD: absent on clusters without Istio. */
  istio: boolean;
  /** Top-level fields besides apiVersion/kind/metadata accepted under `fieldValidation=Strict`. */
  topLevelFields: string[];
  /** The version objects of this resource are stored in (all versions share one store). */
  storageVersion: string;
}

/** `group/plural`: the key of a resource's store, shared by all its versions. */
export function storageKey(
  type: Pick<ResourceType, 'group' | 'plural'>,
): string {
  return `${type.group}/${type.plural}`;
}

/** `v1` or `group/version`. */
export function groupVersion(
  type: Pick<ResourceType, 'group' | 'version'>,
): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const READ_VERBS = ['get', 'list', 'watch'];

/** The verbs discovery advertises for a resource. */
export function resourceVerbs(type: ResourceType): string[] {
  return type.readOnly ? READ_VERBS : ALL_VERBS;
}

type Spec = Partial<ResourceType> &
  Pick<ResourceType, 'kind' | 'plural'> & {
    versions?: string[];
    group?: string;
  };

function expand(
  group: string,
  defaults: Partial<ResourceType>,
  specs: Spec[],
): ResourceType[] {
  return specs.flatMap(spec => {
    const versions = spec.versions ?? [defaults.version ?? 'v1'];
    return versions.map(version => ({
      group,
      version,
      singular: spec.kind.toLowerCase(),
      namespaced: true,
      shortNames: [],
      categories: [],
      readOnly: false,
      statusSubresource: false,
      istio: false,
      topLevelFields: ['spec', 'status'],
      storageVersion: versions[0],
      ...defaults,
      ...spec,
    }));
  });
}

const ISTIO_NETWORKING_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
const ISTIO_SECURITY_VERSIONS = ['v1', 'v1beta1'];
const istioNetworking = {
  istio: true,
  statusSubresource: true,
  categories: ['istio-io', 'networking-istio-io'],
};
const istioSecurity = {
  istio: true,
  statusSubresource: true,
  categories: ['istio-io', 'security-istio-io'],
};

/**
 * Every resource the simulator serves (DESIGN §3): core and apps kinds, discovery,
 * admission webhooks, CRDs, and the Istio networking/security kinds in each
 * version Istio serves them.
 *
 * @public
 */
export const RESOURCE_TYPES: ReadonlyArray<ResourceType> = [
  ...expand('', {}, [
    {
      kind: 'Namespace',
      plural: 'namespaces',
      namespaced: false,
      shortNames: ['ns'],
      statusSubresource: true,
    },
    {
      kind: 'Service',
      plural: 'services',
      shortNames: ['svc'],
      categories: ['all'],
      statusSubresource: true,
    },
    {
      kind: 'Pod',
      plural: 'pods',
      shortNames: ['po'],
      categories: ['all'],
      statusSubresource: true,
    },
    {
      kind: 'ServiceAccount',
      plural: 'serviceaccounts',
      shortNames: ['sa'],
      topLevelFields: [
        'secrets',
        'imagePullSecrets',
        'automountServiceAccountToken',
      ],
    },
    {
      kind: 'ConfigMap',
      plural: 'configmaps',
      shortNames: ['cm'],
      topLevelFields: ['data', 'binaryData', 'immutable'],
    },
    {
      kind: 'Secret',
      plural: 'secrets',
      topLevelFields: ['data', 'stringData', 'type', 'immutable'],
    },
  ]),
  ...expand('apps', { categories: ['all'], statusSubresource: true }, [
    { kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'] },
    { kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'] },
    { kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'] },
    { kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'] },
  ]),
  ...expand('discovery.k8s.io', {}, [
    {
      kind: 'EndpointSlice',
      plural: 'endpointslices',
      topLevelFields: ['addressType', 'endpoints', 'ports'],
    },
  ]),
  ...expand('admissionregistration.k8s.io', {}, [
    {
      kind: 'MutatingWebhookConfiguration',
      plural: 'mutatingwebhookconfigurations',
      namespaced: false,
      categories: ['api-extensions'],
      topLevelFields: ['webhooks'],
    },
  ]),
  ...expand('apiextensions.k8s.io', {}, [
    {
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      readOnly: true,
      statusSubresource: true,
    },
  ]),
  ...expand('networking.istio.io', istioNetworking, [
    {
      kind: 'VirtualService',
      plural: 'virtualservices',
      shortNames: ['vs'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'DestinationRule',
      plural: 'destinationrules',
      shortNames: ['dr'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'Gateway',
      plural: 'gateways',
      shortNames: ['gw'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'ServiceEntry',
      plural: 'serviceentries',
      shortNames: ['se'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'Sidecar',
      plural: 'sidecars',
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'WorkloadEntry',
      plural: 'workloadentries',
      shortNames: ['we'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    {
      kind: 'WorkloadGroup',
      plural: 'workloadgroups',
      shortNames: ['wg'],
      versions: ISTIO_NETWORKING_VERSIONS,
    },
    { kind: 'EnvoyFilter', plural: 'envoyfilters', versions: ['v1alpha3'] },
  ]),
  ...expand('security.istio.io', istioSecurity, [
    {
      kind: 'PeerAuthentication',
      plural: 'peerauthentications',
      shortNames: ['pa'],
      versions: ISTIO_SECURITY_VERSIONS,
    },
    {
      kind: 'AuthorizationPolicy',
      plural: 'authorizationpolicies',
      shortNames: ['ap'],
      versions: ISTIO_SECURITY_VERSIONS,
    },
    {
      kind: 'RequestAuthentication',
      plural: 'requestauthentications',
      shortNames: ['ra'],
      versions: ISTIO_SECURITY_VERSIONS,
    },
  ]),
  ...expand(
    'telemetry.istio.io',
    {
      istio: true,
      statusSubresource: true,
      categories: ['istio-io', 'telemetry-istio-io'],
    },
    [
      {
        kind: 'Telemetry',
        plural: 'telemetries',
        shortNames: ['telemetry'],
        versions: ['v1', 'v1alpha1'],
      },
    ],
  ),
  ...expand(
    'extensions.istio.io',
    {
      istio: true,
      statusSubresource: true,
      categories: ['istio-io', 'extensions-istio-io'],
    },
    [{ kind: 'WasmPlugin', plural: 'wasmplugins', versions: ['v1alpha1'] }],
  ),
  // The Gateway API's CRDs, which Istio's ambient profile requires (waypoints are Gateways):
  // served where Istio is, as the v1.4.0 release defines them (versions, short names, status
  // subresource): the standard channel's kinds, and TCPRoute/TLSRoute of the experimental one.
  ...expand(
    'gateway.networking.k8s.io',
    { istio: true, statusSubresource: true, categories: ['gateway-api'] },
    [
      {
        kind: 'GatewayClass',
        plural: 'gatewayclasses',
        shortNames: ['gc'],
        namespaced: false,
        versions: ['v1', 'v1beta1'],
      },
      {
        kind: 'Gateway',
        plural: 'gateways',
        shortNames: ['gtw'],
        versions: ['v1', 'v1beta1'],
      },
      { kind: 'HTTPRoute', plural: 'httproutes', versions: ['v1', 'v1beta1'] },
      { kind: 'GRPCRoute', plural: 'grpcroutes', versions: ['v1'] },
      // A ReferenceGrant has no status (its type declares none, its CRD no status subresource).
      {
        kind: 'ReferenceGrant',
        plural: 'referencegrants',
        shortNames: ['refgrant'],
        versions: ['v1beta1'],
        statusSubresource: false,
        topLevelFields: ['spec'],
      },
      { kind: 'TCPRoute', plural: 'tcproutes', versions: ['v1alpha2'] },
      { kind: 'TLSRoute', plural: 'tlsroutes', versions: ['v1alpha2'] },
    ],
  ),
];

/** Finds the resource served at `group/version/plural`. */
export function findResourceType(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

/** Finds the resource of an object's `apiVersion` and `kind`. */
export function resourceTypeOf(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/')
    ? apiVersion.split('/', 2)
    : ['', apiVersion];
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.kind === kind,
  );
}

/** One entry per stored resource (the storage version of each group/plural). */
export function storedResourceTypes(): ResourceType[] {
  return RESOURCE_TYPES.filter(t => t.version === t.storageVersion);
}
