import type { DataPlaneMode } from './types';

/** What the data plane of a workload is inferred from. */
export interface DataPlaneInput {
  kind: string;
  /** Pod template labels (WorkloadGroup: `spec.metadata.labels`). */
  labels: Record<string, string>;
  /** Pod template annotations. */
  annotations: Record<string, string>;
  namespaceLabels: Record<string, string>;
  /** Whether the cluster runs Istio at all. */
  istio: boolean;
}

const INJECT = 'sidecar.istio.io/inject';
const REVISION = 'istio.io/rev';
const DATAPLANE_MODE = 'istio.io/dataplane-mode';

/**
 * A workload's data plane as Istio would set it up from its pod template and namespace
 * (`istio-semantics.md` §c, §g.1, §g.2) — a simplification, not the engine's full rules:
 *
 * 1. waypoints (`gateway.istio.io/managed: istio.io-mesh-controller`, Kiali's `WaypointLabel`)
 *    and gateways (a `gateway.networking.k8s.io/gateway-name` label, the `istio` label of the
 *    classic gateways, or the injector's `gateway` template) are recognised first;
 * 2. a VM's WorkloadGroup runs a sidecar;
 * 3. sidecar injection follows the webhook selectors and `injectRequired`
 *    (`manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml`,
 *    `pkg/kube/inject/inject.go`): namespace `istio-injection` (only `enabled` injects) wins
 *    over `istio.io/rev` on the namespace, which wins over the pod's `istio.io/rev` or
 *    `sidecar.istio.io/inject: "true"`; the pod's `sidecar.istio.io/inject: "false"` (label,
 *    else annotation) opts out;
 * 4. without a sidecar, ztunnel captures the pod if it is labelled `istio.io/dataplane-mode:
 *    ambient`, or its namespace is and the pod is not labelled `none` (the CNI's enablement
 *    selector, `manifests/charts/istio-cni/values.yaml`);
 * 5. anything else, and everything in a cluster without Istio, is out of the mesh.
 */
export function inferDataPlane(input: DataPlaneInput): DataPlaneMode {
  const { labels, annotations, namespaceLabels } = input;
  if (!input.istio) {
    return 'none';
  }
  if (labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller') {
    return 'waypoint';
  }
  if (
    labels['gateway.networking.k8s.io/gateway-name'] ||
    ['ingressgateway', 'egressgateway', 'eastwestgateway'].includes(
      labels.istio,
    ) ||
    annotations['inject.istio.io/templates'] === 'gateway'
  ) {
    return 'gateway';
  }
  if (input.kind === 'WorkloadGroup') {
    return 'sidecar';
  }
  const inject = labels[INJECT] ?? annotations[INJECT];
  const namespaceInjection = namespaceLabels['istio-injection'];
  let sidecar: boolean;
  if (namespaceInjection !== undefined) {
    sidecar = namespaceInjection === 'enabled';
  } else if (namespaceLabels[REVISION]) {
    sidecar = true;
  } else {
    sidecar = !!labels[REVISION] || labels[INJECT] === 'true';
  }
  if (sidecar && inject !== 'false') {
    return 'sidecar';
  }
  if (
    labels[DATAPLANE_MODE] === 'ambient' ||
    (namespaceLabels[DATAPLANE_MODE] === 'ambient' &&
      labels[DATAPLANE_MODE] !== 'none')
  ) {
    return 'ambient';
  }
  return 'none';
}
