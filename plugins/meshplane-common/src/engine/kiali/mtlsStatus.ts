import { serviceFqdn } from '../model/hosts';
import { K } from '../model/kinds';
import { hasLabels, Labels, selectorMatches } from '../model/labels';
import { MtlsStatus } from '../model/types';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';

/**
 * Kiali's mTLS status rules, ported from kiali/kiali `util/mtls/status.go`,
 * `business/tls.go` and `kubernetes/istio.go` (`PeerAuthnHasMTLSEnabled`,
 * `DestinationRuleHas*MTLSEnabled*`). Order-dependent scans use list (insertion) order.
 */

export const ENABLED = 'MTLS_ENABLED';
export const PARTIALLY = 'MTLS_PARTIALLY_ENABLED';
export const NOT_ENABLED = 'MTLS_NOT_ENABLED';
export const DISABLED = 'MTLS_DISABLED';

/** A (DR mode, PA mode, overall) triple, Kiali's `TlsStatus`. */
export interface TlsStatus {
  dr: string;
  pa: string;
  overall: string;
}

export interface KialiOptions {
  autoMtls: boolean;
  allowPermissive: boolean;
}

/** `PeerAuthnHasMTLSEnabled`: the mode only when `spec.selector` is absent. */
export function paModeOf(pa: StoredObject): string {
  const spec = pa.obj.spec ?? {};
  if (spec.selector !== undefined && spec.selector !== null) return '';
  return typeof spec.mtls?.mode === 'string' ? spec.mtls.mode : '';
}

/** The TLS mode of a DR whose host is exactly `host`. */
export function drModeForHost(dr: StoredObject, host: string): string {
  if (dr.obj.spec?.host !== host) return '';
  const mode = dr.obj.spec?.trafficPolicy?.tls?.mode;
  return typeof mode === 'string' ? mode : '';
}

export function identityDomain(index: MeshIndex): string {
  return `svc.${index.meshConfig.trustDomain || 'cluster.local'}`;
}

function firstNonEmpty<T>(list: T[], f: (t: T) => string): string {
  for (const x of list) {
    const v = f(x);
    if (v) return v;
  }
  return '';
}

export function finalStatus(
  dr: string,
  pa: string,
  o: KialiOptions,
): TlsStatus {
  let overall = PARTIALLY;
  const mtlsEnabled =
    dr === 'ISTIO_MUTUAL' || dr === 'MUTUAL' || (dr === '' && o.autoMtls);
  const mtlsDisabled = dr === 'DISABLE' || (dr === '' && o.autoMtls);
  if (
    (pa === 'STRICT' || (pa === 'PERMISSIVE' && o.allowPermissive)) &&
    mtlsEnabled
  )
    overall = ENABLED;
  else if (pa === 'DISABLE' && mtlsDisabled) overall = DISABLED;
  else if (pa === '' && dr === '') overall = NOT_ENABLED;
  return { dr, pa, overall };
}

const defined = (t: TlsStatus) =>
  t.overall === ENABLED || t.overall === DISABLED;

function halfDefined(t: TlsStatus, o: KialiOptions): boolean {
  if (!o.autoMtls) return false;
  let d =
    (t.pa === 'STRICT' && t.dr === '') ||
    ((t.dr === 'ISTIO_MUTUAL' || t.dr === 'MUTUAL') && t.pa === '');
  if (!d && o.allowPermissive) d = t.pa === 'PERMISSIVE' && t.dr === '';
  return d;
}

const EMPTY: TlsStatus = { dr: '', pa: '', overall: '' };

export function overallMtlsStatus(
  ns: TlsStatus,
  mesh: TlsStatus,
  o: KialiOptions,
): string {
  if (defined(ns)) return ns.overall;
  if (ns.overall === PARTIALLY) {
    const dr = ns.dr === '' ? mesh.dr : ns.dr;
    const pa = ns.pa === '' ? mesh.pa : ns.pa;
    return overallMtlsStatus(EMPTY, finalStatus(dr, pa, o), o);
  }
  if (defined(mesh)) return mesh.overall;
  if (mesh.pa === '' && mesh.dr === '') return NOT_ENABLED;
  if (
    (mesh.pa === 'DISABLE' && mesh.dr === '') ||
    (mesh.dr === 'DISABLE' && mesh.pa === '')
  )
    return DISABLED;
  if (halfDefined(mesh, o)) return ENABLED;
  return PARTIALLY;
}

function bySeq(list: Iterable<StoredObject>): StoredObject[] {
  return [...list].sort((a, b) => a.seq - b.seq);
}

/** Mesh TlsStatus from the given PAs (mesh-level) and DRs (`*.local`). */
export function meshTlsStatus(
  meshPAs: StoredObject[],
  drs: StoredObject[],
  o: KialiOptions,
): TlsStatus {
  const dr = firstNonEmpty(drs, d => drModeForHost(d, '*.local'));
  const pa = firstNonEmpty(meshPAs, paModeOf);
  return {
    dr,
    pa,
    overall: overallMtlsStatus(EMPTY, finalStatus(dr, pa, o), o),
  };
}

/** Namespace TlsStatus: namespace-wide DR (`*.<ns>.<identityDomain>`) and PA. */
export function namespaceTlsStatus(
  index: MeshIndex,
  namespace: string,
  nsPAs: StoredObject[],
  drs: StoredObject[],
  o: KialiOptions,
): TlsStatus {
  const host = `*.${namespace}.${identityDomain(index)}`;
  const dr = firstNonEmpty(drs, d => drModeForHost(d, host));
  const pa = firstNonEmpty(nsPAs, paModeOf);
  return finalStatus(dr, pa, o);
}

export function autoMtls(index: MeshIndex): boolean {
  return index.meshConfig.enableAutoMtls !== false;
}

/** DRs of a cluster whose host is exactly `host`, in list order. */
export function destinationRulesFor(
  index: MeshIndex,
  cluster: string,
  host: string,
): StoredObject[] {
  return index.destinationRulesByHost(index.configCluster(cluster), host);
}

export function namespacePeerAuthentications(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): StoredObject[] {
  return bySeq(
    index.list(index.configCluster(cluster), K.PeerAuthentication, namespace),
  );
}

/** `MeshWidemTLSStatus` of one cluster (business/tls.go). */
export function kialiMeshStatus(index: MeshIndex, cluster: string): MtlsStatus {
  const root = index.meshConfig.rootNamespace;
  const pas = namespacePeerAuthentications(index, cluster, root);
  // Only DRs from namespaces the control plane manages (istio-injection=enabled or istio.io/rev=default).
  const drs = destinationRulesFor(index, cluster, '*.local').filter(dr => {
    const labels = index.namespaceLabels(dr.cluster, dr.namespace) ?? {};
    return (
      labels['istio-injection'] === 'enabled' ||
      labels['istio.io/rev'] === 'default'
    );
  });
  return meshTlsStatus(pas, drs, {
    autoMtls: autoMtls(index),
    allowPermissive: false,
  }).overall as MtlsStatus;
}

/** `NamespaceWidemTLSStatus` (business/tls.go). */
export function kialiNamespaceStatus(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  meshStatus: MtlsStatus,
): MtlsStatus {
  const root = index.meshConfig.rootNamespace;
  const nsWide =
    namespace === root
      ? []
      : namespacePeerAuthentications(index, cluster, namespace).filter(
          pa => !hasLabels(pa.obj.spec?.selector?.matchLabels),
        );
  const setsMode = nsWide.some(pa => {
    const m = pa.obj.spec?.mtls?.mode;
    return typeof m === 'string' && m !== '' && m !== 'UNSET';
  });
  if (!setsMode) {
    if (namespace === root) return meshStatus;
    if (meshStatus === ENABLED) return 'UNSET_INHERITED_STRICT';
    if (meshStatus === DISABLED) return 'UNSET_INHERITED_DISABLED';
    return 'UNSET';
  }
  const o = { autoMtls: autoMtls(index), allowPermissive: false };
  const drs = destinationRulesFor(
    index,
    cluster,
    `*.${namespace}.${identityDomain(index)}`,
  );
  return namespaceTlsStatus(index, namespace, nsWide, drs, o)
    .overall as MtlsStatus;
}

/** Kiali `FilterByHost`: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.<identityDomain>` name the same service. */
export function kialiHostMatches(
  index: MeshIndex,
  drHost: string,
  drNamespace: string,
  svcName: string,
  svcNamespace: string,
): boolean {
  if (drHost === svcName) return drNamespace === svcNamespace;
  return (
    drHost === `${svcName}.${svcNamespace}` ||
    drHost === `${svcName}.${svcNamespace}.svc` ||
    drHost === `${svcName}.${svcNamespace}.${identityDomain(index)}`
  );
}

/** `MtlsStatus.WorkloadMtlsStatus`: the workload-level decision for labels in a namespace. */
export function kialiWorkloadStatus(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  labels: Labels,
): MtlsStatus {
  for (const pa of namespacePeerAuthentications(index, cluster, namespace)) {
    const sel = pa.obj.spec?.selector?.matchLabels;
    if (!hasLabels(sel) || !selectorMatches(sel, labels)) continue;
    const mode = pa.obj.spec?.mtls?.mode;
    if (mode === 'STRICT') return ENABLED;
    if (mode === 'DISABLE') return DISABLED;
    if (mode === 'PERMISSIVE') {
      if (!index.hasDestinationRules(index.configCluster(cluster)))
        return NOT_ENABLED;
      for (const svc of bySeq(index.list(cluster, K.Service, namespace))) {
        const svcSel = svc.obj.spec?.selector;
        if (!hasLabels(svcSel) || !selectorMatches(sel, svcSel)) continue;
        const name = svc.obj.metadata.name;
        const shortForm = index
          .destinationRulesByFqdn(
            index.configCluster(cluster),
            serviceFqdn(name, svc.namespace, DNS_DOMAIN),
          )
          .filter(dr => dr.obj.spec?.host === name);
        const candidates = [
          ...shortForm,
          ...[
            `${name}.${svc.namespace}`,
            `${name}.${svc.namespace}.svc`,
            `${name}.${svc.namespace}.${identityDomain(index)}`,
          ].flatMap(h => destinationRulesFor(index, cluster, h)),
        ].sort((a, b) => a.seq - b.seq);
        for (const dr of candidates) {
          if (
            !kialiHostMatches(
              index,
              String(dr.obj.spec?.host ?? ''),
              dr.namespace,
              name,
              svc.namespace,
            )
          )
            continue;
          const m = dr.obj.spec?.trafficPolicy?.tls?.mode;
          if (m === 'ISTIO_MUTUAL' || m === 'MUTUAL') return ENABLED;
          if (m === 'DISABLE') return DISABLED;
        }
      }
      return NOT_ENABLED;
    }
  }
  return NOT_ENABLED;
}
