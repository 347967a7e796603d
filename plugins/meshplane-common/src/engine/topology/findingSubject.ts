import { resolveShortname } from '../model/hosts';
import { K, kindKey, WORKLOAD_KINDS } from '../model/kinds';
import { type Labels, selectorMatches } from '../model/labels';
import type { ObjectRef } from '../model/types';
import { DNS_DOMAIN, type MeshIndex } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';

/** A logical service, by namespace and name. @public */
export interface SubjectService {
  namespace: string;
  name: string;
}

/** Istio kinds that apply to the workloads their selector matches. */
const SELECTING_KINDS: Record<string, (spec: any) => Labels | undefined> = {
  [K.PeerAuthentication]: spec => spec?.selector?.matchLabels,
  [K.AuthorizationPolicy]: spec => spec?.selector?.matchLabels,
  [K.RequestAuthentication]: spec => spec?.selector?.matchLabels,
  [K.Telemetry]: spec => spec?.selector?.matchLabels,
  [K.WasmPlugin]: spec => spec?.selector?.matchLabels,
  [K.Sidecar]: spec => spec?.workloadSelector?.labels,
  [K.EnvoyFilter]: spec => spec?.workloadSelector?.labels,
  [K.Gateway]: spec => spec?.selector,
};

/** The logical service of a host, when the mesh has a Kubernetes Service for it. */
function serviceOfHost(
  index: MeshIndex,
  host: string,
  namespace: string,
): SubjectService | undefined {
  const fqdn = resolveShortname(host, namespace, DNS_DOMAIN);
  const instance = index.servicesByHost(fqdn)[0];
  return instance
    ? {
        namespace: instance.service.namespace,
        name: instance.service.obj.metadata.name,
      }
    : undefined;
}

/** The first Service (by name) of a workload's cluster and namespace that selects it. */
function serviceOfWorkload(
  index: MeshIndex,
  workload: Workload,
): SubjectService | undefined {
  const services = [
    ...index.list(workload.cluster, K.Service, workload.namespace),
  ]
    .filter(service => {
      const selector = service.obj.spec?.selector;
      return (
        selector &&
        Object.keys(selector).length > 0 &&
        selectorMatches(selector, workload.labels)
      );
    })
    .map(service => service.obj.metadata.name as string)
    .sort();
  return services[0]
    ? { namespace: workload.namespace, name: services[0] }
    : undefined;
}

/**
 * The logical service a finding's object concerns, so that a finding can lead
 * to that service's page: the Service itself; for a VirtualService or
 * DestinationRule, the service of the host it routes to or configures (route
 * destinations first, then `hosts`; resolved in the object's namespace as
 * Istio resolves short names); for a workload (controller, pod, VM), the first
 * Service selecting it; for a policy, Sidecar, EnvoyFilter or Gateway with a
 * selector, the service of the first workload it selects (a Gateway's selector
 * reaches every namespace). `undefined` for namespace-wide or mesh-wide
 * objects and objects of no service.
 */
export function findingSubject(
  index: MeshIndex,
  resource: ObjectRef,
): SubjectService | undefined {
  const namespace = resource.namespace ?? '';
  const kk = kindKey(resource);
  if (kk === K.Service) {
    return serviceOfHost(index, resource.name, namespace);
  }
  const stored = [...index.list(resource.cluster, kk, namespace)].find(
    o => o.obj.metadata.name === resource.name,
  );
  if (!stored) return undefined;
  const spec = stored.obj.spec;
  if (kk === K.DestinationRule && typeof spec?.host === 'string') {
    return serviceOfHost(index, spec.host, namespace);
  }
  if (kk === K.VirtualService) {
    const destinations: string[] = ['http', 'tcp', 'tls'].flatMap(section =>
      (spec?.[section] ?? []).flatMap((route: any) =>
        (route?.route ?? []).map((d: any) => String(d?.destination?.host)),
      ),
    );
    const hosts: string[] = (spec?.hosts ?? []).map(String);
    for (const host of [...destinations, ...hosts]) {
      const service = serviceOfHost(index, host, namespace);
      if (service) return service;
    }
    return undefined;
  }
  if (WORKLOAD_KINDS.has(kk)) {
    const workload = index
      .workloads(resource.cluster, namespace)
      .find(w =>
        w.objects.some(
          o => kindKey(o.obj) === kk && o.obj.metadata.name === resource.name,
        ),
      );
    return workload ? serviceOfWorkload(index, workload) : undefined;
  }
  const selectorOf = SELECTING_KINDS[kk];
  const selector = selectorOf?.(spec);
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const namespaces =
    kk === K.Gateway
      ? [
          namespace,
          ...[...index.workloadNamespaces(resource.cluster)]
            .filter(ns => ns !== namespace)
            .sort(),
        ]
      : [namespace];
  for (const ns of namespaces) {
    for (const workload of index.workloads(resource.cluster, ns)) {
      if (!selectorMatches(selector, workload.labels)) continue;
      const service = serviceOfWorkload(index, workload);
      if (service) return service;
    }
  }
  return undefined;
}
