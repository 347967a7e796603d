import type { KubeObject } from '../objects';
import { RESOURCE_TYPES } from './resourceTypes';

/** The Gateway API release whose CRDs the simulator serves (Istio 1.28's supported version). */
const GATEWAY_API_VERSION = 'v1.4.0';

/**
 * Gateway API kinds (plurals) that release has in its experimental channel only: their CRDs come
 * from `experimental-install.yaml`, the others from `standard-install.yaml`.
 */
const GATEWAY_API_EXPERIMENTAL = new Set(['tcproutes', 'tlsroutes']);

/**
 * The CustomResourceDefinitions Istio installs for the kinds the simulator
 * serves, with the Gateway API's it requires (one per group/plural, every
 * served version, storage version the newest: v1, else v1beta1, v1alpha3 or
 * v1alpha2), as `kubectl get crd` shows them.
 */
export function istioCustomResourceDefinitions(
  istioVersion: string,
): KubeObject[] {
  const byResource = new Map<string, (typeof RESOURCE_TYPES)[number][]>();
  for (const type of RESOURCE_TYPES.filter(t => t.istio)) {
    const key = `${type.plural}.${type.group}`;
    byResource.set(key, [...(byResource.get(key) ?? []), type]);
  }
  return [...byResource.entries()].map(([name, types]) => {
    const first = types[0];
    const gatewayApi = first.group === 'gateway.networking.k8s.io';
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name,
        labels: gatewayApi
          ? ({} as Record<string, string>)
          : {
              app: 'istio-pilot',
              chart: 'istio',
              heritage: 'Tiller',
              release: 'istio',
              'app.kubernetes.io/part-of': 'istio',
              'app.kubernetes.io/version': istioVersion,
            },
        annotations: gatewayApi
          ? ({
              // The release and channel, as the Gateway API's release manifests annotate them.
              'gateway.networking.k8s.io/bundle-version': GATEWAY_API_VERSION,
              'gateway.networking.k8s.io/channel': GATEWAY_API_EXPERIMENTAL.has(
                first.plural,
              )
                ? 'experimental'
                : 'standard',
            } as Record<string, string>)
          : { 'helm.sh/resource-policy': 'keep' },
      },
      spec: {
        group: first.group,
        names: {
          kind: first.kind,
          listKind: `${first.kind}List`,
          plural: first.plural,
          singular: first.singular,
          ...(first.shortNames.length ? { shortNames: first.shortNames } : {}),
          categories: first.categories,
        },
        scope: first.namespaced ? 'Namespaced' : 'Cluster',
        versions: types.map(t => ({
          name: t.version,
          served: true,
          storage: t.version === t.storageVersion,
          ...(t.statusSubresource ? { subresources: { status: {} } } : {}),
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        })),
      },
      status: {
        acceptedNames: { kind: first.kind, plural: first.plural },
        storedVersions: [first.storageVersion],
        conditions: [
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
          },
        ],
      },
    };
  });
}
