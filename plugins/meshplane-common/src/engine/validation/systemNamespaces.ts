import type { StoredObject } from '../snapshot/MeshIndex';

/** istio/istio `pkg/config/analysis/analyzers/util/config.go` (`IsSystemNamespace`). */
export function isSystemNamespace(ns: string): boolean {
  return (
    ns === 'kube-system' ||
    ns === 'kube-public' ||
    ns === 'kube-node-lease' ||
    ns === 'local-path-storage'
  );
}

/** `IsIstioControlPlane`: objects labelled `istio=*` or `release=istio`. */
export function isIstioControlPlane(o: StoredObject): boolean {
  const labels = o.obj.metadata.labels ?? {};
  return labels.istio !== undefined || labels.release === 'istio';
}
