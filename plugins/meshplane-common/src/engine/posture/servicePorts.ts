import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';

/** A service port as the Service declares it. */
export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

/**
 * The ports of a Kubernetes Service, or of a ServiceEntry (`number` as the port; istio/istio
 * `pilot/pkg/serviceregistry/serviceentry/conversion.go`).
 */
export function servicePorts(svc: StoredObject): ServicePort[] {
  const ports = svc.obj.spec?.ports;
  if (!Array.isArray(ports)) return [];
  if (svc.kk === K.ServiceEntry) {
    return ports
      .filter((p: any) => typeof p?.number === 'number')
      .map((p: any) => ({
        name: p.name,
        port: p.number,
        targetPort: p.targetPort,
        protocol: p.protocol,
      }));
  }
  return ports.filter((p: any) => typeof p?.port === 'number') as ServicePort[];
}

/** A ServiceEntry with `location: MESH_EXTERNAL` (no auto mTLS towards it). */
export function isMeshExternal(svc: StoredObject): boolean {
  return (
    svc.kk === K.ServiceEntry && svc.obj.spec?.location === 'MESH_EXTERNAL'
  );
}

/** A passthrough (ORIGINAL_DST) service: headless Kubernetes Service, ServiceEntry with `resolution: NONE`. */
export function isPassthroughService(svc: StoredObject): boolean {
  if (svc.kk === K.ServiceEntry)
    return (svc.obj.spec?.resolution ?? 'NONE') === 'NONE';
  return svc.obj.spec?.clusterIP === 'None';
}

/**
 * A ServiceEntry's own endpoints (`conversion.go`, `convertEndpoint`): inline `endpoints`, or the
 * host itself when it has none (DNS resolution). Their `tlsMode` is `istio` only when labelled so;
 * a labelled endpoint is taken to run a proxy, anything else not.
 */
function serviceEntryEndpoints(se: StoredObject, host: string): Workload[] {
  const list: any[] =
    Array.isArray(se.obj.spec?.endpoints) && se.obj.spec.endpoints.length
      ? se.obj.spec.endpoints
      : [{ address: host }];
  return list.map((ep, i) => {
    const labels = ep?.labels && typeof ep.labels === 'object' ? ep.labels : {};
    const istio = labels['security.istio.io/tlsMode'] === 'istio';
    const address = String(ep?.address ?? host);
    return {
      id: `${se.cluster}|${se.namespace}|ServiceEntry|${se.obj.metadata.name}|${host}|${i}`,
      cluster: se.cluster,
      namespace: se.namespace,
      kind: 'ServiceEntry',
      name: address,
      labels,
      annotations: {},
      proxy: istio ? 'sidecar' : 'none',
      proxyReason: istio
        ? 'ServiceEntry endpoint labelled tlsMode istio'
        : 'ServiceEntry endpoint (no tlsMode label)',
      tunnel: labels['networking.istio.io/tunnel'] === 'http',
      serviceAccount: ep?.serviceAccount,
      containerPorts: [],
      pods: [],
      readyPods: 1,
      totalPods: 1,
      objects: [se],
      vm: true,
      network: ep?.network || undefined,
      addresses: [address],
      namedPorts:
        ep?.ports && typeof ep.ports === 'object' ? ep.ports : undefined,
      tlsModeIstio: istio,
    };
  });
}

/**
 * Endpoints of a Service in its cluster: selected workloads (pods, templates) and WorkloadEntries.
 * For a ServiceEntry: the pods and WorkloadEntries its `workloadSelector` picks in its namespace,
 * else its own endpoints (`host` names the one a DNS entry resolves).
 */
export function serviceEndpoints(
  index: MeshIndex,
  svc: StoredObject,
  host?: string,
): Workload[] {
  if (svc.kk === K.ServiceEntry) {
    const sel = svc.obj.spec?.workloadSelector?.labels;
    if (sel && typeof sel === 'object') {
      return index
        .workloads(svc.cluster, svc.namespace)
        .filter(
          w =>
            (w.vm ? Object.keys(w.labels).length > 0 : true) &&
            selectorMatches(sel, w.labels),
        );
    }
    return serviceEntryEndpoints(
      svc,
      host ?? String(svc.obj.spec?.hosts?.[0] ?? svc.obj.metadata.name),
    );
  }
  const selector = svc.obj.spec?.selector;
  if (
    !selector ||
    typeof selector !== 'object' ||
    Object.keys(selector).length === 0
  )
    return [];
  return index
    .workloads(svc.cluster, svc.namespace)
    .filter(
      w =>
        (w.vm ? Object.keys(w.labels).length > 0 : true) &&
        selectorMatches(selector, w.labels),
    );
}

/**
 * The workload port a service port reaches on an endpoint: a WorkloadEntry's (or ServiceEntry
 * endpoint's) port of the same name, else the target port (named container ports resolved), else
 * the port itself.
 */
export function targetPortOf(port: ServicePort, endpoint: Workload): number {
  const named = port.name ? endpoint.namedPorts?.[port.name] : undefined;
  if (typeof named === 'number') return named;
  const t = port.targetPort;
  if (typeof t === 'number') return t;
  if (typeof t === 'string' && t !== '') {
    if (/^\d+$/.test(t)) return Number(t);
    for (const c of endpoint.podSpec?.containers ?? []) {
      for (const p of c?.ports ?? [])
        if (p?.name === t && typeof p.containerPort === 'number')
          return p.containerPort;
    }
  }
  return port.port;
}
