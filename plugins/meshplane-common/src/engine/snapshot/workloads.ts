import { K } from '../model/kinds';
import { Labels } from '../model/labels';
import { KubeObject } from '../model/types';
import {
  decideAmbient,
  infrastructureRole,
  TUNNEL_LABEL,
  WorkloadRole,
} from './dataplane';
import { decideInjection, installedInjectors } from './injection';
import type { MeshIndex, StoredObject } from './MeshIndex';

/**
 * How a workload is proxied: an injected sidecar, an Envoy gateway, captured by ztunnel
 * (`ambient`; waypoints too), or not at all.
 */
export type ProxyKind = 'sidecar' | 'gateway' | 'ambient' | 'none';

/** A workload: pods grouped by their top owner, a controller's template, or a VM (WorkloadEntry). */
export interface Workload {
  id: string;
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  /** Labels of its pods (template labels for controllers without pods). */
  labels: Labels;
  annotations: Labels;
  proxy: ProxyKind;
  /** Why the proxy decision was made (injected pod, injection rule…). */
  proxyReason: string;
  /** Istio infrastructure (istiod, ztunnel, a waypoint, a gateway); absent for applications. */
  role?: WorkloadRole;
  /**
   * The endpoint takes HBONE (`pilot/pkg/serviceregistry/ambient/workloads.go` `setTunnelProtocol`):
   * captured by ztunnel, a waypoint, or labelled `networking.istio.io/tunnel=http` — which the
   * injector adds to sidecars when `ISTIO_META_ENABLE_HBONE` is in the proxy metadata.
   */
  tunnel: boolean;
  /**
   * Stands for any sidecar caller of its namespace (the topology's route and endpoint edges): no
   * identity, so authorization, which depends on who calls, is not evaluated for it.
   */
  anyCaller?: boolean;
  serviceAccount?: string;
  /** Container ports (workload ports). */
  containerPorts: number[];
  pods: StoredObject[];
  readyPods: number;
  totalPods: number;
  /** The objects this workload was built from (controller, pods, WorkloadEntry). */
  objects: StoredObject[];
  /** VM workloads (WorkloadEntry). */
  vm: boolean;
  /** Endpoint network from the `topology.istio.io/network` label, if set. */
  network?: string;
  /** Endpoint IPs: the pods' `status.podIP(s)`, a WorkloadEntry's `address` (for meshNetworks `fromCidr`). */
  addresses: string[];
  /** A WorkloadEntry's (or ServiceEntry endpoint's) `ports`: service port name → endpoint port. */
  namedPorts?: Record<string, number>;
  /**
   * The endpoint's `tlsMode` is `istio`: a pod's `security.istio.io/tlsMode` label (the injector sets it);
   * for a template without pods, the label, else whether the injector will add a sidecar (and the label);
   * for a WorkloadEntry, the label, else whether it has a service account.
   */
  tlsModeIstio: boolean;
  podSpec?: any;
}

/**
 * A workload the fleet does not hold, standing for a kind of caller (a sidecar client of a
 * namespace, an out-of-mesh caller seen in metrics): no pods, no objects, no labels.
 */
export function syntheticWorkload(fields: {
  id: string;
  cluster: string;
  namespace: string;
  name: string;
  proxy: Workload['proxy'];
  proxyReason: string;
  anyCaller?: boolean;
}): Workload {
  return {
    ...fields,
    kind: 'Pod',
    labels: {},
    annotations: {},
    tunnel: fields.proxy === 'ambient',
    containerPorts: [],
    pods: [],
    readyPods: 0,
    totalPods: 0,
    objects: [],
    vm: false,
    addresses: [],
    tlsModeIstio: fields.proxy === 'sidecar',
  };
}

/**
 * A workload that can call services in the edge model: pod workloads, and VMs running a sidecar.
 * Istio's own infrastructure is not a caller (DESIGN §4.1): istiod and ztunnel make no
 * application calls, and a waypoint is the `via` of the edges through it; gateways are callers.
 */
export function isCaller(w: Workload): boolean {
  if (w.role && w.role !== 'gateway') return false;
  return !w.vm || w.proxy !== 'none';
}

const GATEWAY_LABELS = new Set([
  'ingressgateway',
  'egressgateway',
  'eastwestgateway',
]);
const TLS_MODE_LABEL = 'security.istio.io/tlsMode';

/**
 * Endpoint metadata `tlsMode` (istio/istio `pilot/pkg/serviceregistry/kube/controller/endpointslice.go`
 * via `model.GetTLSModeFromEndpointLabels`): `istio` only when the label says so. The injector
 * (`pkg/kube/inject/inject.go`) adds the label to every pod it gives a sidecar, so a pod template that
 * will be injected counts as labelled unless it sets another value.
 */
function tlsModeIstio(
  labels: Labels,
  proxy: ProxyKind,
  observedPod: boolean,
): boolean {
  const label = labels[TLS_MODE_LABEL];
  if (label !== undefined || observedPod) return label === 'istio';
  return proxy === 'sidecar';
}

function podSpecOf(obj: KubeObject): any {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob')
    return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function podMetaOf(obj: KubeObject): { labels: Labels; annotations: Labels } {
  if (obj.kind === 'Pod')
    return {
      labels: obj.metadata.labels ?? {},
      annotations: obj.metadata.annotations ?? {},
    };
  const tmpl =
    obj.kind === 'CronJob'
      ? obj.spec?.jobTemplate?.spec?.template
      : obj.spec?.template;
  return {
    labels: tmpl?.metadata?.labels ?? {},
    annotations: tmpl?.metadata?.annotations ?? {},
  };
}

function hasProxyContainer(spec: any): boolean {
  const named = (list: any) =>
    Array.isArray(list) && list.some((c: any) => c?.name === 'istio-proxy');
  return named(spec?.containers) || named(spec?.initContainers);
}

/** Gateways deployed with their own container name still run Istio's proxy image. */
function runsProxyImage(spec: any): boolean {
  return (spec?.containers ?? []).some((c: any) =>
    /\/proxyv2[:@]|^proxyv2(:|$)/.test(String(c?.image ?? '')),
  );
}

function isGatewayProxy(
  labels: Labels,
  spec: any,
  annotations: Labels,
): boolean {
  if (GATEWAY_LABELS.has(labels.istio)) return true;
  if (annotations['inject.istio.io/templates'] === 'gateway') return true;
  const proxy = (spec?.containers ?? []).find(
    (c: any) => c?.name === 'istio-proxy',
  );
  return Array.isArray(proxy?.args) && proxy.args.includes('router');
}

function containerPorts(spec: any): number[] {
  const out = new Set<number>();
  for (const c of spec?.containers ?? []) {
    if (c?.name === 'istio-proxy') continue;
    for (const p of c?.ports ?? [])
      if (typeof p?.containerPort === 'number') out.add(p.containerPort);
  }
  return [...out].sort((a, b) => a - b);
}

function podIps(pod: KubeObject): string[] {
  const ips = (Array.isArray(pod.status?.podIPs) ? pod.status.podIPs : []).map(
    (p: any) => p?.ip,
  );
  return [pod.status?.podIP, ...ips].filter(
    (ip): ip is string => typeof ip === 'string' && ip !== '',
  );
}

function podReady(pod: KubeObject): boolean {
  const conds = pod.status?.conditions;
  if (Array.isArray(conds))
    return conds.some((c: any) => c?.type === 'Ready' && c?.status === 'True');
  return pod.status?.phase === 'Running';
}

function controllerOf(
  obj: KubeObject,
): { kind: string; name: string } | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const ref = refs.find(r => r.controller) ?? refs[0];
  return ref && ref.kind && ref.name
    ? { kind: ref.kind, name: ref.name }
    : undefined;
}

interface ProxyDecision {
  proxy: ProxyKind;
  reason: string;
  role?: WorkloadRole;
  tunnel: boolean;
}

/**
 * The injector adds `networking.istio.io/tunnel=http` to the sidecars it injects when the proxy
 * metadata has `ISTIO_META_ENABLE_HBONE=true`, as the ambient profile sets it
 * (`manifests/charts/istio-control/istio-discovery/files/injection-template.yaml`).
 */
function injectsTunnelLabel(index: MeshIndex): boolean {
  return (
    index.meshConfig.defaultConfig?.proxyMetadata?.ISTIO_META_ENABLE_HBONE ===
    'true'
  );
}

/** Proxy decision for a pod (observed) or a template (injection rules). */
function decideProxy(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  obj: KubeObject,
  observedPod: boolean,
): ProxyDecision {
  const spec = podSpecOf(obj);
  const { labels, annotations } = podMetaOf(obj);
  const labelledTunnel = labels[TUNNEL_LABEL] === 'http';
  const role = infrastructureRole(labels, spec);
  if (role === 'ztunnel' || role === 'control-plane')
    return {
      proxy: 'none',
      role,
      tunnel: false,
      reason: role === 'ztunnel' ? 'ztunnel node proxy' : 'Istio control plane',
    };
  if (role === 'waypoint')
    return {
      proxy: 'ambient',
      role,
      tunnel: true,
      reason: 'waypoint proxy (HBONE on 15008)',
    };
  if (
    (role === 'gateway' || isGatewayProxy(labels, spec, annotations)) &&
    (hasProxyContainer(spec) || runsProxyImage(spec) || !observedPod)
  ) {
    return {
      proxy: 'gateway',
      role: 'gateway',
      tunnel: labelledTunnel,
      reason: 'gateway proxy',
    };
  }
  if (
    hasProxyContainer(spec) ||
    annotations['sidecar.istio.io/status'] !== undefined
  ) {
    return {
      proxy: 'sidecar',
      tunnel: labelledTunnel,
      reason: observedPod
        ? 'pod has an istio-proxy container'
        : 'template carries istio-proxy',
    };
  }
  let noSidecar: string;
  if (observedPod) noSidecar = 'pod has no istio-proxy container';
  else {
    const decision = decideInjection({
      namespace,
      namespaceLabels: index.namespaceLabels(cluster, namespace),
      podLabels: labels,
      podAnnotations: annotations,
      hostNetwork: spec?.hostNetwork === true,
      enableNamespacesByDefault: index.enableNamespacesByDefault(cluster),
      injectors: index.derived(
        cluster,
        K.MutatingWebhookConfiguration,
        'injectors',
        () =>
          installedInjectors(
            [...index.listAll(cluster, K.MutatingWebhookConfiguration)].map(
              s => s.obj as any,
            ),
          ),
      ),
    });
    if (decision.inject)
      return {
        proxy: 'sidecar',
        reason: decision.reason,
        tunnel:
          labelledTunnel ||
          (labels[TUNNEL_LABEL] === undefined && injectsTunnelLabel(index)),
      };
    noSidecar = decision.reason;
  }
  // Sidecar wins over ambient: only a pod without one can be captured (enablement_selector.go).
  const ambient = decideAmbient({
    namespaceLabels: index.namespaceLabels(cluster, namespace),
    podLabels: labels,
    podAnnotations: annotations,
    hostNetwork: spec?.hostNetwork === true,
    livePod: observedPod && obj.status?.phase !== undefined,
    agents: index.nodeAgents(cluster),
  });
  if (ambient.captured)
    return { proxy: 'ambient', tunnel: true, reason: ambient.reason };
  return {
    proxy: 'none',
    tunnel: labelledTunnel,
    reason: ambient.reason || noSidecar,
  };
}

/** Builds the workloads of one namespace of one cluster. */
export function buildNamespaceWorkloads(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): Workload[] {
  const byId = new Map<string, Workload>();
  const replicaSets = new Map<string, StoredObject>();
  for (const rs of index.list(cluster, K.ReplicaSet, namespace))
    replicaSets.set(rs.obj.metadata.name, rs);
  const jobs = new Map<string, StoredObject>();
  for (const j of index.list(cluster, K.Job, namespace))
    jobs.set(j.obj.metadata.name, j);

  const topOwner = (obj: KubeObject): { kind: string; name: string } => {
    let owner = controllerOf(obj);
    if (!owner) return { kind: obj.kind, name: obj.metadata.name };
    if (owner.kind === 'ReplicaSet') {
      const rs = replicaSets.get(owner.name);
      const rsOwner = rs ? controllerOf(rs.obj) : undefined;
      if (rsOwner) owner = rsOwner;
      else if (!rs) {
        const hash = obj.metadata.labels?.['pod-template-hash'];
        if (hash && owner.name.endsWith(`-${hash}`)) {
          owner = {
            kind: 'Deployment',
            name: owner.name.slice(0, -(hash.length + 1)),
          };
        }
      }
    } else if (owner.kind === 'Job') {
      const job = jobs.get(owner.name);
      const jobOwner = job ? controllerOf(job.obj) : undefined;
      if (jobOwner) owner = jobOwner;
    }
    return owner;
  };

  const make = (
    kind: string,
    name: string,
    template: StoredObject,
    observedPod: boolean,
  ): Workload => {
    const spec = podSpecOf(template.obj);
    const meta = podMetaOf(template.obj);
    const proxy = decideProxy(
      index,
      cluster,
      namespace,
      template.obj,
      observedPod,
    );
    return {
      id: `${cluster}|${namespace}|${kind}|${name}`,
      cluster,
      namespace,
      kind,
      name,
      labels: meta.labels,
      annotations: meta.annotations,
      proxy: proxy.proxy,
      proxyReason: proxy.reason,
      ...(proxy.role ? { role: proxy.role } : {}),
      tunnel: proxy.tunnel,
      serviceAccount: spec?.serviceAccountName ?? spec?.serviceAccount,
      containerPorts: containerPorts(spec),
      pods: [],
      readyPods: 0,
      totalPods: 0,
      objects: [],
      vm: false,
      network: meta.labels['topology.istio.io/network'],
      addresses: [],
      tlsModeIstio: tlsModeIstio(meta.labels, proxy.proxy, observedPod),
      podSpec: spec,
    };
  };

  for (const pod of index.list(cluster, K.Pod, namespace)) {
    const owner = topOwner(pod.obj);
    const id = `${owner.kind}|${owner.name}`;
    let wl = byId.get(id);
    if (!wl) {
      wl = make(owner.kind, owner.name, pod, true);
      byId.set(id, wl);
    } else if (wl.proxy === 'none') {
      const p = decideProxy(index, cluster, namespace, pod.obj, true);
      if (p.proxy !== 'none') {
        wl.proxy = p.proxy;
        wl.proxyReason = p.reason;
        wl.tunnel = p.tunnel;
        if (p.role) wl.role = p.role;
        wl.tlsModeIstio = tlsModeIstio(
          pod.obj.metadata.labels ?? {},
          p.proxy,
          true,
        );
      }
    }
    wl.pods.push(pod);
    wl.objects.push(pod);
    for (const ip of podIps(pod.obj))
      if (!wl.addresses.includes(ip)) wl.addresses.push(ip);
    wl.totalPods++;
    if (podReady(pod.obj)) wl.readyPods++;
  }

  const controllers: Array<[string, string]> = [
    [K.Deployment, 'Deployment'],
    [K.StatefulSet, 'StatefulSet'],
    [K.DaemonSet, 'DaemonSet'],
    [K.CronJob, 'CronJob'],
    [K.Job, 'Job'],
    [K.ReplicaSet, 'ReplicaSet'],
  ];
  for (const [kk, kind] of controllers) {
    for (const ctl of index.list(cluster, kk, namespace)) {
      if ((kind === 'ReplicaSet' || kind === 'Job') && controllerOf(ctl.obj)) {
        const parent = byId.get(
          `${controllerOf(ctl.obj)!.kind}|${controllerOf(ctl.obj)!.name}`,
        );
        parent?.objects.push(ctl);
        continue;
      }
      const id = `${kind}|${ctl.obj.metadata.name}`;
      const existing = byId.get(id);
      if (existing) {
        existing.objects.unshift(ctl);
        continue;
      }
      const wl = make(kind, ctl.obj.metadata.name, ctl, false);
      wl.objects.push(ctl);
      byId.set(id, wl);
    }
  }

  for (const we of index.list(cluster, K.WorkloadEntry, namespace)) {
    const spec = we.obj.spec ?? {};
    // pilot/pkg/serviceregistry/serviceentry/conversion.go (`ConvertWorkloadEntry`): metadata labels
    // merged over spec.labels, metadata winning.
    const labels: Labels = {
      ...(spec.labels ?? {}),
      ...(we.obj.metadata.labels ?? {}),
    };
    const tlsLabel = labels[TLS_MODE_LABEL];
    // pilot/pkg/serviceregistry/serviceentry/conversion.go: label, else istio when a service account is set.
    const istio =
      tlsLabel !== undefined
        ? tlsLabel === 'istio'
        : Boolean(spec.serviceAccount);
    byId.set(`WorkloadEntry|${we.obj.metadata.name}`, {
      id: `${cluster}|${namespace}|WorkloadEntry|${we.obj.metadata.name}`,
      cluster,
      namespace,
      kind: 'WorkloadEntry',
      name: we.obj.metadata.name,
      labels,
      annotations: we.obj.metadata.annotations ?? {},
      proxy: istio ? 'sidecar' : 'none',
      proxyReason: istio
        ? 'WorkloadEntry with tlsMode istio / service account'
        : 'WorkloadEntry without tlsMode istio',
      tunnel: labels[TUNNEL_LABEL] === 'http',
      serviceAccount: spec.serviceAccount,
      containerPorts: Object.values(spec.ports ?? {}).filter(
        (p): p is number => typeof p === 'number',
      ),
      pods: [],
      readyPods: 1,
      totalPods: 1,
      objects: [we],
      vm: true,
      network: spec.network ?? labels['topology.istio.io/network'],
      addresses: typeof spec.address === 'string' ? [spec.address] : [],
      namedPorts:
        spec.ports && typeof spec.ports === 'object' ? spec.ports : undefined,
      tlsModeIstio: istio,
    });
  }
  return [...byId.values()];
}
