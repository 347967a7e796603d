import type { MeshIndex } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';

/**
 * istioctl's `inMesh` (istio/istio `pkg/config/analysis/analyzers/util/config.go`, `PodInMesh`,
 * `DeploymentInMesh`, `PodInAmbientMode`): a workload is in the mesh if its spec has an
 * `istio-proxy` container with an image or ambient captures it; else the `sidecar.istio.io/inject`
 * label, then the annotation, then the `istio-injection` label of its Namespace object decide;
 * without any of them it is not.
 */
export function workloadInMesh(index: MeshIndex, w: Workload): boolean {
  const containers = [
    ...(w.podSpec?.containers ?? []),
    ...(w.podSpec?.initContainers ?? []),
  ];
  if (containers.some((c: any) => c?.name === 'istio-proxy' && c?.image))
    return true;
  if (w.annotations['ambient.istio.io/redirection'] === 'enabled') return true;
  const label = w.labels['sidecar.istio.io/inject'];
  if (label !== undefined) return label === 'true';
  const ann = w.annotations['sidecar.istio.io/inject'];
  if (ann !== undefined) return ann === 'true';
  const ns = index.namespaceObject(w.cluster, w.namespace);
  return ns ? ns.obj.metadata.labels?.['istio-injection'] === 'enabled' : false;
}
