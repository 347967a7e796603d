import { resolveShortname } from '../model/hosts';
import { K, POD_WORKLOAD_KINDS } from '../model/kinds';
import { DNS_DOMAIN } from '../snapshot/MeshIndex';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';

/**
 * The host registry istioctl's analyzers check destinations against: ServiceEntries and
 * Kubernetes Services converted to ServiceEntries, keyed by (export scope, FQDN).
 * istio/istio `pkg/config/analysis/analyzers/util/service_entry.go` (`InitServiceEntryHostMap`,
 * `GetDestinationHost`), `pkg/config/analysis/analyzers/util/hosts.go` (`ConvertHostToFQDN`).
 */

export interface RegistryService {
  hosts: string[];
  ports: Array<{ number: number; name?: string; protocol?: string }>;
  source: StoredObject;
}

/** `ConvertHostToFQDN`: only dot-less, non-wildcard hosts get `<ns>.svc.cluster.local`. */
export function convertHostToFqdn(namespace: string, host: string): string {
  return resolveShortname(host, namespace, DNS_DOMAIN);
}

/** Namespaces a ServiceEntry's hosts are visible in (`*` for all). */
function seScopes(se: StoredObject): string[] {
  const exportTo = se.obj.spec?.exportTo;
  if (
    !Array.isArray(exportTo) ||
    exportTo.length === 0 ||
    exportTo.includes('*')
  )
    return ['*'];
  return exportTo.map((e: unknown) => (e === '.' ? se.namespace : String(e)));
}

/** Namespaces a Service is visible in, from the `networking.istio.io/exportTo` annotation (comma-separated). */
function serviceScopes(svc: StoredObject): string[] {
  const ann = svc.obj.metadata.annotations?.['networking.istio.io/exportTo'];
  if (ann === undefined) return ['*'];
  return String(ann)
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)
    .map(e => (e === '.' ? svc.namespace : e));
}

function fromService(svc: StoredObject): RegistryService {
  return {
    hosts: [convertHostToFqdn(svc.namespace, svc.obj.metadata.name)],
    ports: (svc.obj.spec?.ports ?? []).map((p: any) => ({
      number: Number(p?.port),
      name: p?.name,
      protocol: p?.protocol,
    })),
    source: svc,
  };
}

function fromServiceEntry(se: StoredObject): RegistryService {
  return {
    hosts: (se.obj.spec?.hosts ?? []).map(String),
    ports: (se.obj.spec?.ports ?? []).map((p: any) => ({
      number: Number(p?.number),
      name: p?.name,
      protocol: p?.protocol,
    })),
    source: se,
  };
}

/** `GetDestinationHost`: the registry entry a destination host resolves to for a namespace. */
export function destinationHost(
  index: MeshIndex,
  cluster: string,
  sourceNs: string,
  exportTo: string[] | undefined,
  host: string,
): RegistryService | undefined {
  const fqdn = convertHostToFqdn(sourceNs, host);
  const scopes = ['*'];
  if (!exportTo || exportTo.length === 0) scopes.push(sourceNs);
  else for (const e of exportTo) scopes.push(e === '.' ? sourceNs : e);

  // Kubernetes services (scope from the networking.istio.io/exportTo annotation).
  const parts = fqdn.split('.');
  if (parts.length >= 2) {
    const svc = index.get(cluster, K.Service, parts[1], parts[0]);
    if (
      svc &&
      convertHostToFqdn(svc.namespace, svc.obj.metadata.name) === fqdn
    ) {
      if (serviceScopes(svc).some(sc => scopes.includes(sc)))
        return fromService(svc);
    }
  }
  if (!fqdn.includes('.')) {
    const svc = index.get(cluster, K.Service, '', fqdn);
    if (svc && serviceScopes(svc).some(sc => scopes.includes(sc)))
      return fromService(svc);
  }
  const entries = [...index.listAll(cluster, K.ServiceEntry)];
  for (const se of entries) {
    if (!seScopes(se).some(sc => scopes.includes(sc))) continue;
    for (const h of se.obj.spec?.hosts ?? []) {
      if (convertHostToFqdn(se.namespace, String(h)) === fqdn)
        return fromServiceEntry(se);
    }
  }
  for (const se of entries) {
    if (!seScopes(se).some(sc => sc === '*' || sc === sourceNs)) continue;
    for (const h of se.obj.spec?.hosts ?? []) {
      const seHost = String(h);
      if (!seHost.startsWith('*')) continue;
      if (host.replace(/^\*/, '').endsWith(seHost.slice(1)))
        return fromServiceEntry(se);
    }
  }
  return undefined;
}

/** `resource.NewShortOrFullName`: `ns/name` or `name` in the default namespace. */
export function shortOrFullName(
  defaultNs: string,
  name: string,
): { namespace: string; name: string } {
  const i = name.indexOf('/');
  if (i >= 0) return { namespace: name.slice(0, i), name: name.slice(i + 1) };
  return { namespace: defaultNs, name };
}

/** Pods/workloads of a cluster whose labels match a selector, across namespaces. */
export function workloadsMatching(
  index: MeshIndex,
  cluster: string,
  selector: Record<string, string> | undefined,
  namespace?: string,
) {
  if (namespace === undefined) {
    for (const kk of [...POD_WORKLOAD_KINDS, K.Namespace]) {
      index.dep(cluster, kk, '*');
    }
  }
  const namespaces =
    namespace !== undefined
      ? [namespace]
      : [...index.workloadNamespaces(cluster)];
  const out = [];
  for (const ns of namespaces) {
    for (const w of index.workloads(cluster, ns)) {
      if (w.vm) continue;
      let ok = true;
      for (const k in selector ?? {})
        if (w.labels[k] !== String(selector![k])) ok = false;
      if (ok) out.push(w);
    }
  }
  return out;
}
