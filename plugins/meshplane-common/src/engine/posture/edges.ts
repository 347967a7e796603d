import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { ClientTlsMode, Edge, EdgeOutcome, ServerMode } from '../model/types';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { Workload } from '../snapshot/workloads';
import { isMeshExternal, isPassthroughService, serviceEndpoints, ServicePort, servicePorts, targetPortOf } from './servicePorts';
import { destinationRuleFor, destinationRuleTls, EffectiveDestinationRule, isPassthrough } from './clientTls';
import { modeForPort, namespaceMutualTlsMode, PeerAuthenticationResult } from './peerAuthentication';
import { serverPosture } from './serverPosture';

/**
 * Outcome of client workload → service port → destination cluster (→ subset) connections,
 * combining client TLS (DestinationRule or auto mTLS), server mode and sidecars.
 * istio/istio `pilot/pkg/networking/core/cluster_tls.go` (`buildUpstreamTLSSettings`),
 * `pilot/pkg/model/push_context.go` (`BestEffortInferServiceMTLSMode`),
 * `pilot/pkg/xds/endpoints/mtls_checker.go`, `pilot/pkg/xds/endpoints/ep_filters.go`
 * (cross-network filtering), `tests/integration/security/reachability_test.go`.
 */

/** The instances of one logical service (same namespace/name) in every cluster. */
export interface LogicalService {
  host: string;
  namespace: string;
  name: string;
  /** Per cluster, in cluster order; the first cluster's ports define the logical service. */
  instances: Array<{ cluster: string; service: StoredObject }>;
}

const CLUSTER_LOCAL_NAMESPACES = new Set(['kube-system']);

/** What a client sends for a DR TLS mode. */
const CLIENT_SENDS: Record<ClientTlsMode, 'mtls' | 'plain' | 'tls'> = {
  ISTIO_MUTUAL: 'mtls',
  MUTUAL: 'mtls',
  SIMPLE: 'tls',
  DISABLE: 'plain',
};

function isClusterLocal(index: MeshIndex, svc: LogicalService): boolean {
  if (CLUSTER_LOCAL_NAMESPACES.has(svc.namespace)) return true;
  if (svc.host === `kubernetes.default.svc.${DNS_DOMAIN}`) return true;
  for (const s of index.meshConfig.serviceSettings ?? []) {
    if (!s?.settings?.clusterLocal) continue;
    for (const h of s.hosts ?? []) {
      if (h === svc.host || (h.startsWith('*') && svc.host.endsWith(h.slice(1)))) return true;
    }
  }
  return false;
}

/**
 * The gateways through which a network's endpoints are reached from other networks
 * (istio/istio `pilot/pkg/serviceregistry/kube/controller/network.go` `getGatewayDetails`,
 * `pilot/pkg/model/network.go`): Services labelled `topology.istio.io/network` that expose the
 * gateway port (`networking.istio.io/gatewayPort`, default 15443) or 15008; meshNetworks
 * `gateways[].registryServiceName` Services in a cluster the network's `fromRegistry` names; and
 * meshNetworks `gateways[].address`.
 */
function networkGateways(index: MeshIndex, network: string): string[] {
  const out: string[] = [];
  for (const svc of index.listFleet(K.Service)) {
    if (svc.obj.metadata.labels?.['topology.istio.io/network'] !== network) continue;
    const port = Number(svc.obj.metadata.labels?.['networking.istio.io/gatewayPort'] ?? svc.obj.metadata.annotations?.['networking.istio.io/gatewayPort'] ?? 15443);
    if (servicePorts(svc).some(p => p.port === port || p.port === 15008)) out.push(`${svc.namespace}/${svc.obj.metadata.name} in ${svc.cluster}`);
  }
  const net = index.meshNetworks?.networks?.[network];
  const registries = new Set((net?.endpoints ?? []).map(e => e?.fromRegistry).filter((r): r is string => Boolean(r)));
  for (const gw of net?.gateways ?? []) {
    if (gw?.address) out.push(`${gw.address}:${gw.port ?? 15443} (meshNetworks)`);
    else if (gw?.registryServiceName) {
      for (const { cluster } of index.servicesByHost(gw.registryServiceName)) {
        if (registries.has(cluster)) out.push(`${gw.registryServiceName}:${gw.port ?? 15443} in ${cluster} (meshNetworks)`);
      }
    }
  }
  return out;
}

/**
 * One logical service per concrete ServiceEntry host and namespace (instances: the clusters that
 * define it), unless a Kubernetes Service already has that host (it takes precedence:
 * `pilot/pkg/model/push_context.go`, `initServiceRegistry`).
 */
export function serviceEntryServices(index: MeshIndex): LogicalService[] {
  const byKey = new Map<string, LogicalService>();
  for (const se of index.listFleet(K.ServiceEntry)) {
    for (const raw of se.obj.spec?.hosts ?? []) {
      const host = String(raw);
      if (!host || host.includes('*') || index.servicesByHost(host).length) continue;
      const key = `${se.namespace}|${host}`;
      let svc = byKey.get(key);
      if (!svc) byKey.set(key, (svc = { host, namespace: se.namespace, name: host, instances: [] }));
      if (!svc.instances.some(i => i.cluster === se.cluster)) svc.instances.push({ cluster: se.cluster, service: se });
    }
  }
  return [...byKey.values()];
}

interface EndpointResult {
  outcome: EdgeOutcome;
  sentMtls: boolean;
  reason: string;
}

/** Computes edges; caches per-endpoint PeerAuthentication results and network gateways. */
export class EdgeCalculator {
  private readonly paCache = new Map<string, PeerAuthenticationResult>();
  private readonly gatewayCache = new Map<string, string[]>();
  private readonly selectorDrCache = new Map<string, boolean>();
  private readonly groupCache = new Map<string, Edge[]>();
  private readonly endpointCache = new Map<StoredObject, Map<string, Workload[]>>();
  private readonly drCache = new Map<string, EffectiveDestinationRule | undefined>();

  constructor(private readonly index: MeshIndex) {}

  private serverPosture(w: Workload): PeerAuthenticationResult {
    let r = this.paCache.get(w.id);
    if (!r) {
      r = serverPosture(this.index, w);
      this.paCache.set(w.id, r);
    }
    return r;
  }

  private gateways(network: string): string[] {
    let r = this.gatewayCache.get(network);
    if (r === undefined) {
      r = networkGateways(this.index, network);
      this.gatewayCache.set(network, r);
    }
    return r;
  }

  /** The DestinationRule a client uses for a service (clients of one group share it). */
  private destinationRule(client: Workload, svc: LogicalService): EffectiveDestinationRule | undefined {
    const key = `${this.clientGroup(client)}|${svc.host}|${svc.namespace}`;
    if (this.drCache.has(key)) return this.drCache.get(key);
    const dr = destinationRuleFor(this.index, client.cluster, client.namespace, svc.host, svc.namespace, client.labels);
    this.drCache.set(key, dr);
    return dr;
  }

  /** A service instance's endpoints (a ServiceEntry's depend on the host), cached. */
  endpoints(svc: StoredObject, host: string): Workload[] {
    let byHost = this.endpointCache.get(svc);
    if (!byHost) this.endpointCache.set(svc, (byHost = new Map()));
    let list = byHost.get(host);
    if (!list) byHost.set(host, (list = serviceEndpoints(this.index, svc, host)));
    return list;
  }

  /** The endpoint's network (label, cluster network, meshNetworks). */
  endpointNetwork(w: Workload): string | undefined {
    return this.index.endpointNetwork(w);
  }

  /**
   * Edges from one client workload to one logical service (every port, cluster and subset).
   * Clients that differ only by name share the computation: the outcome depends on the client's
   * cluster, namespace, proxy and network, and on its labels only where a DestinationRule with a
   * workloadSelector exists in its namespace. With `endpoint`, only the connections that reach
   * that one endpoint workload.
   */
  edges(client: Workload, svc: LogicalService, endpoint?: Workload): Edge[] {
    const key = `${this.clientGroup(client)}|${svc.host}|${svc.namespace}|${endpoint?.id ?? ''}`;
    let template = this.groupCache.get(key);
    if (!template) {
      template = this.computeEdges(client, svc, endpoint);
      this.groupCache.set(key, template);
    }
    return template.map(e => ({ ...e, from: { cluster: client.cluster, namespace: client.namespace, workload: client.name } }));
  }

  /**
   * Whether a client can reach a service instance: always for a Kubernetes Service; for a
   * ServiceEntry, when it is config of the client's config cluster and exported to the client's
   * namespace (`exportTo`, default `meshConfig.defaultServiceExportTo`).
   */
  private reaches(client: Workload, svc: StoredObject): boolean {
    if (svc.kk !== K.ServiceEntry) return true;
    if (svc.cluster !== this.index.configCluster(client.cluster)) return false;
    const list: unknown = svc.obj.spec?.exportTo;
    const exportTo = Array.isArray(list) && list.length ? list.map(String) : this.index.meshConfig.defaultServiceExportTo ?? ['*'];
    return exportTo.some(e => e === '*' || e === client.namespace || (e === '.' && svc.namespace === client.namespace));
  }

  /**
   * Clients that get the same edges: same cluster, namespace, proxy kind and network; the labels
   * count only when a DestinationRule with a workloadSelector lives in the namespace.
   */
  clientGroup(client: Workload): string {
    const nsKey = `${client.cluster}|${client.namespace}`;
    let selectorDrs = this.selectorDrCache.get(nsKey);
    if (selectorDrs === undefined) {
      // DestinationRules come from the config cluster (an Istio remote uses its primary's).
      selectorDrs = [...this.index.list(this.index.configCluster(client.cluster), K.DestinationRule, client.namespace)].some(dr => dr.obj.spec?.workloadSelector);
      this.selectorDrCache.set(nsKey, selectorDrs);
    }
    const base = `${nsKey}|${client.proxy}|${this.endpointNetwork(client) ?? ''}`;
    return selectorDrs ? `${base}|${client.id}` : base;
  }

  private computeEdges(client: Workload, svc: LogicalService, only?: Workload): Edge[] {
    const index = this.index;
    const instances = svc.instances.filter(i => this.reaches(client, i.service));
    const primary = instances[0]?.service;
    if (!primary) return [];
    const ports = servicePorts(primary);
    const dr = client.proxy === 'none' ? undefined : this.destinationRule(client, svc);
    // The default cluster (no subset) always exists for traffic no route sends to a subset; each
    // DestinationRule subset adds its own cluster (`pilot/pkg/networking/core/cluster_builder.go`).
    const subsets: Array<string | undefined> = [undefined, ...(dr?.subsets.map(s => s.name) ?? [])];
    const clientNetwork = this.endpointNetwork(client);
    const clusterLocal = isClusterLocal(index, svc);
    const headless = isPassthroughService(primary);
    const external = isMeshExternal(primary);
    const out: Edge[] = [];
    for (const port of ports) {
      for (const subset of subsets) {
        const group: Edge[] = [];
        for (const inst of instances) {
          let endpoints = this.endpoints(inst.service, svc.host);
          if (only) endpoints = endpoints.filter(e => e.id === only.id);
          if (subset) {
            const labels = dr!.subsets.find(s => s.name === subset)!.labels;
            endpoints = endpoints.filter(e => selectorMatches(labels, e.labels));
          }
          if (!endpoints.length) continue;
          group.push(this.edge(client, clientNetwork, svc, port, inst.cluster, subset, endpoints, dr, clusterLocal, headless, external));
        }
        if (group.length && group.every(e => e.outcome === 'excluded')) {
          for (const e of group) {
            e.outcome = 'fail';
            e.reason = `no endpoint left for this caller: ${e.reason}`;
          }
        }
        out.push(...group);
      }
    }
    return out;
  }

  private edge(
    client: Workload,
    clientNetwork: string | undefined,
    svc: LogicalService,
    port: ServicePort,
    cluster: string,
    subset: string | undefined,
    endpoints: Workload[],
    dr: EffectiveDestinationRule | undefined,
    clusterLocal: boolean,
    headless: boolean,
    external: boolean,
  ): Edge {
    const index = this.index;
    const crossCluster = cluster !== client.cluster;
    const destNetworks = new Set(endpoints.map(e => this.endpointNetwork(e)));
    const crossNetwork =
      clientNetwork !== undefined && [...destNetworks].some(n => n !== undefined && n !== clientNetwork);
    const base = {
      from: { cluster: client.cluster, namespace: client.namespace, workload: client.name },
      to: {
        cluster,
        namespace: svc.namespace,
        service: svc.name,
        port: port.port,
        ...(subset ? { subset } : {}),
      },
      crossCluster,
      crossNetwork,
    };

    if (client.proxy === 'none') {
      if (crossCluster) {
        return { ...base, clientTls: 'DISABLE', clientTlsSource: 'auto', outcome: 'excluded',
          reason: 'client has no sidecar: it only reaches endpoints in its own cluster' };
      }
      return { ...base, clientTls: 'DISABLE', clientTlsSource: 'auto',
        ...this.aggregate(endpoints.map(e => this.serve(e, port, 'plain')), 'client has no sidecar and sends plaintext') };
    }
    if (crossCluster && clusterLocal) {
      return { ...base, clientTls: 'DISABLE', clientTlsSource: 'auto', outcome: 'excluded',
        reason: `${svc.host} is cluster-local: other clusters' endpoints are not used` };
    }

    const drTls = destinationRuleTls(dr, port.port, subset);
    let clientTls: ClientTlsMode;
    let source: Edge['clientTlsSource'];
    let perEndpoint: (e: Workload) => 'mtls' | 'plain' | 'tls';
    let why: string;
    if (drTls) {
      clientTls = drTls.mode;
      source = 'destinationRule';
      const ruleName = `${drTls.rule.namespace}/${drTls.rule.obj.metadata.name}`;
      why = `DestinationRule ${ruleName} (${drTls.origin}) sets tls.mode ${clientTls}`;
      const kind = CLIENT_SENDS[clientTls];
      perEndpoint = () => kind;
    } else {
      source = 'auto';
      let inferred: string | undefined;
      // buildUpstreamTLSSettings: no auto mTLS towards a MESH_EXTERNAL service.
      if (external) inferred = `${svc.host} is MESH_EXTERNAL: no auto mTLS`;
      else if (!index.meshConfig.enableAutoMtls) inferred = 'auto mTLS is off';
      else if (headless || isPassthrough(dr, port.port, subset)) {
        // Passthrough clusters: all-or-nothing (BestEffortInferServiceMTLSMode).
        const all = svc.instances.flatMap(i => this.endpoints(i.service, svc.host));
        if (!all.length || all.some(e => !e.tlsModeIstio)) inferred = 'passthrough service with an endpoint without sidecar';
      }
      if (!inferred) {
        const nsMode = namespaceMutualTlsMode(index, client.cluster, svc.namespace) ?? 'PERMISSIVE';
        if (nsMode === 'DISABLE') inferred = `namespace/mesh PeerAuthentication of ${svc.namespace} is DISABLE`;
      }
      if (inferred) {
        clientTls = 'DISABLE';
        why = `auto mTLS: plaintext (${inferred})`;
        perEndpoint = () => 'plain';
      } else {
        why = 'auto mTLS';
        perEndpoint = e => (e.tlsModeIstio && modeForPort(this.serverPosture(e), targetPortOf(port, e)) !== 'DISABLE' ? 'mtls' : 'plain');
        clientTls = endpoints.some(e => perEndpoint(e) === 'mtls') ? 'ISTIO_MUTUAL' : 'DISABLE';
      }
    }

    const results: EndpointResult[] = [];
    for (const e of endpoints) {
      const sends = perEndpoint(e);
      if (crossCluster || crossNetwork) {
        const net = this.endpointNetwork(e);
        if (clientNetwork !== undefined && net !== undefined && net !== clientNetwork) {
          const istioMtls = sends === 'mtls' && clientTls !== 'MUTUAL';
          if (!istioMtls) {
            results.push({ outcome: 'excluded', sentMtls: false, reason: `only mTLS crosses to network ${net}` });
            continue;
          }
          const gateways = this.gateways(net);
          if (!gateways.length) {
            results.push({ outcome: 'excluded', sentMtls: false, reason: `network ${net} has no east-west gateway` });
            continue;
          }
          const served = this.serve(e, port, sends);
          results.push({ ...served, reason: `${served.reason}, through the network ${net} gateway ${gateways[0]}` });
          continue;
        }
      }
      results.push(this.serve(e, port, sends));
    }
    return { ...base, clientTls, clientTlsSource: source, ...this.aggregate(results, why) };
  }

  /** What one endpoint does with what the client sends. */
  private serve(e: Workload, port: ServicePort, sends: 'mtls' | 'plain' | 'tls'): EndpointResult {
    if (e.proxy === 'none') {
      if (sends === 'mtls') return { outcome: 'fail', sentMtls: true, reason: `${e.name} has no sidecar to accept mTLS` };
      if (sends === 'tls') return { outcome: 'plaintext', sentMtls: false, reason: `${e.name} must terminate TLS itself` };
      return { outcome: 'plaintext', sentMtls: false, reason: `${e.name} has no sidecar` };
    }
    const tp = targetPortOf(port, e);
    const mode = modeForPort(this.serverPosture(e), tp);
    if (e.proxy === 'gateway') return this.serveGateway(e, tp, mode, sends);
    if (sends === 'mtls') {
      if (mode === 'DISABLE') return { outcome: 'fail', sentMtls: true, reason: `${e.name} port ${tp} is DISABLE and rejects mTLS` };
      return { outcome: 'mtls', sentMtls: true, reason: `${e.name} port ${tp} is ${mode}` };
    }
    if (mode === 'STRICT') return { outcome: 'fail', sentMtls: false, reason: `${e.name} port ${tp} is STRICT and rejects plaintext` };
    if (sends === 'tls') return { outcome: 'plaintext', sentMtls: false, reason: `${e.name} port ${tp} is ${mode}; the app must terminate TLS` };
    return { outcome: 'plaintext', sentMtls: false, reason: `${e.name} port ${tp} is ${mode}` };
  }

  /** A gateway's listener on the port: Istio mTLS only (STRICT), no Istio mTLS (DISABLE), or both. */
  private serveGateway(e: Workload, tp: number, mode: ServerMode, sends: 'mtls' | 'plain' | 'tls'): EndpointResult {
    if (sends === 'mtls') {
      if (mode === 'DISABLE') return { outcome: 'fail', sentMtls: true, reason: `gateway ${e.name} port ${tp} takes no Istio mTLS` };
      return { outcome: 'mtls', sentMtls: true, reason: `gateway ${e.name} port ${tp} takes Istio mTLS` };
    }
    if (mode === 'STRICT') return { outcome: 'fail', sentMtls: false, reason: `gateway ${e.name} port ${tp} takes only Istio mTLS` };
    return { outcome: 'plaintext', sentMtls: false, reason: `gateway ${e.name} port ${tp} takes ${sends === 'tls' ? 'TLS it terminates' : 'plaintext'}` };
  }

  private aggregate(results: EndpointResult[], why: string): { outcome: EdgeOutcome; reason: string } {
    const live = results.filter(r => r.outcome !== 'excluded');
    if (!live.length) return { outcome: 'excluded', reason: `${why}; ${results[0]?.reason ?? 'no endpoints'}` };
    const failed = live.filter(r => r.outcome === 'fail');
    if (failed.length) {
      const part = failed.length === live.length ? '' : ` (${failed.length} of ${live.length} endpoints)`;
      return { outcome: 'fail', reason: `${why}; ${failed[0].reason}${part}` };
    }
    const plain = live.filter(r => r.outcome === 'plaintext');
    if (plain.length) {
      const part = plain.length === live.length ? '' : ` (${plain.length} of ${live.length} endpoints without mTLS)`;
      return { outcome: 'plaintext', reason: `${why}; ${plain[0].reason}${part}` };
    }
    return { outcome: 'mtls', reason: `${why}; ${live[0].reason}` };
  }
}
