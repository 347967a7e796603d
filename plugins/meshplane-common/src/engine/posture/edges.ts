import { serviceFqdn } from '../model/hosts';
import { K } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { ClientTlsMode, Edge, EdgeOutcome, ServerMode } from '../model/types';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { Workload } from '../snapshot/workloads';
import {
  INGRESS_USE_WAYPOINT,
  resolveWaypoint,
  WaypointBinding,
} from '../snapshot/dataplane';
import {
  isMeshExternal,
  isPassthroughService,
  serviceEndpoints,
  ServicePort,
  servicePorts,
  targetPortOf,
} from './servicePorts';
import {
  destinationRuleFor,
  destinationRuleTls,
  EffectiveDestinationRule,
  isPassthrough,
} from './clientTls';
import {
  modeForPort,
  namespaceMutualTlsMode,
  PeerAuthenticationResult,
} from './peerAuthentication';
import { serverPosture } from './serverPosture';
import {
  Caller,
  callerSignature,
  Enforcer,
  principalOf,
  readsPrincipal,
  rejection,
  selectorPolicies,
  waypointPolicies,
} from './authorization';

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

/** The logical service of a namespace and name: its Service in every cluster that has one. */
export function logicalService(
  index: MeshIndex,
  namespace: string,
  name: string,
): LogicalService | undefined {
  const host = serviceFqdn(name, namespace, DNS_DOMAIN);
  const instances = index
    .servicesByHost(host)
    .map(i => ({ cluster: i.cluster, service: i.service }));
  return instances.length ? { host, namespace, name, instances } : undefined;
}

const CLUSTER_LOCAL_NAMESPACES = new Set(['kube-system']);

/** What a client sends an endpoint: HBONE, Istio (or user) mTLS, user TLS, plaintext. */
type Sends = 'hbone' | 'mtls' | 'plain' | 'tls';

/** What a client sends for a DR TLS mode. */
const CLIENT_SENDS: Record<ClientTlsMode, Sends> = {
  ISTIO_MUTUAL: 'mtls',
  MUTUAL: 'mtls',
  SIMPLE: 'tls',
  DISABLE: 'plain',
  HBONE: 'hbone',
};

type Transport = NonNullable<Edge['transport']>;

const TRANSPORT: Record<Sends, Transport> = {
  hbone: 'hbone',
  mtls: 'tls',
  tls: 'tls',
  plain: 'plaintext',
};

type Via = NonNullable<Edge['via']>[number];

/** `istio.io/global=true`: the only services ambient traffic takes across clusters (§g.7, ambient profile `serviceScopeConfigs`). */
const GLOBAL_LABEL = 'istio.io/global';

/** Clients whose DestinationRules apply: Envoy proxies (ztunnel ignores them, §g.4). */
function appliesDestinationRules(client: Workload): boolean {
  return client.proxy === 'sidecar' || client.proxy === 'gateway';
}

function isClusterLocal(index: MeshIndex, svc: LogicalService): boolean {
  if (CLUSTER_LOCAL_NAMESPACES.has(svc.namespace)) return true;
  if (svc.host === `kubernetes.default.svc.${DNS_DOMAIN}`) return true;
  for (const s of index.meshConfig.serviceSettings ?? []) {
    if (!s?.settings?.clusterLocal) continue;
    for (const h of s.hosts ?? []) {
      if (
        h === svc.host ||
        (h.startsWith('*') && svc.host.endsWith(h.slice(1)))
      )
        return true;
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
function networkGateways(
  index: MeshIndex,
  network: string,
  labelled: Map<string, string[]>,
): string[] {
  const out: string[] = [...(labelled.get(network) ?? [])];
  const net = index.meshNetworks?.networks?.[network];
  const registries = new Set(
    (net?.endpoints ?? [])
      .map(e => e?.fromRegistry)
      .filter((r): r is string => Boolean(r)),
  );
  for (const gw of net?.gateways ?? []) {
    if (gw?.address)
      out.push(`${gw.address}:${gw.port ?? 15443} (meshNetworks)`);
    else if (gw?.registryServiceName) {
      for (const { cluster } of index.servicesByHost(gw.registryServiceName)) {
        if (registries.has(cluster))
          out.push(
            `${gw.registryServiceName}:${
              gw.port ?? 15443
            } in ${cluster} (meshNetworks)`,
          );
      }
    }
  }
  return out;
}

/**
 * The gateway Services of every network by their `topology.istio.io/network` label (the first
 * source of {@link networkGateways}), in one pass over the fleet's Services.
 */
function labelledGateways(index: MeshIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const svc of index.listFleet(K.Service)) {
    const network = svc.obj.metadata.labels?.['topology.istio.io/network'];
    if (network === undefined) continue;
    const port = Number(
      svc.obj.metadata.labels?.['networking.istio.io/gatewayPort'] ??
        svc.obj.metadata.annotations?.['networking.istio.io/gatewayPort'] ??
        15443,
    );
    if (!servicePorts(svc).some(p => p.port === port || p.port === 15008))
      continue;
    let list = out.get(network);
    if (!list) out.set(network, (list = []));
    list.push(`${svc.namespace}/${svc.obj.metadata.name} in ${svc.cluster}`);
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
      if (!host || host.includes('*') || index.servicesByHost(host).length)
        continue;
      const key = `${se.namespace}|${host}`;
      let svc = byKey.get(key);
      if (!svc)
        byKey.set(
          key,
          (svc = { host, namespace: se.namespace, name: host, instances: [] }),
        );
      if (!svc.instances.some(i => i.cluster === se.cluster))
        svc.instances.push({ cluster: se.cluster, service: se });
    }
  }
  return [...byKey.values()];
}

/** See `EdgeCalculator.groupOf`. */
interface ClientGroupKeys {
  key: string;
  shared: string;
}

interface EndpointResult {
  outcome: EdgeOutcome;
  transport: Transport;
  reason: string;
  via?: Via[];
  deniedBy?: StoredObject;
}

/** Who takes HBONE at an endpoint: the reason of an edge that arrives over HBONE. */
function hboneTaker(e: Workload): string {
  if (e.role === 'waypoint')
    return `${e.name} is a waypoint, which takes HBONE on 15008 itself`;
  if (e.proxy === 'ambient')
    return `${e.name} is captured by ztunnel, which takes HBONE`;
  return `${e.name} takes HBONE on 15008`;
}

/** A client's own copy of a group's edges, with the client as `from`. */
function fromClient(client: Workload, template: readonly Edge[]): Edge[] {
  return template.map(e => ({
    ...e,
    from: {
      cluster: client.cluster,
      namespace: client.namespace,
      workload: client.name,
    },
  }));
}

/** Computes edges; caches per-endpoint PeerAuthentication results and network gateways. */
export class EdgeCalculator {
  private readonly paCache = new Map<string, PeerAuthenticationResult>();
  private readonly gatewayCache = new Map<string, string[]>();
  /** Per cluster and namespace: whether a DestinationRule there has a workloadSelector, and the group keys. */
  private readonly groupKeys = new Map<
    string,
    Map<
      string,
      { selectorDrs: boolean; keys: Map<string, Map<string, ClientGroupKeys>> }
    >
  >();
  /**
   * Edges per client group, then per `host|namespace`, identity key and endpoint id (`''`
   * without one): nested, so that a lookup hashes only strings that are kept, never a new one.
   */
  private readonly groupCache = new Map<
    string,
    Map<string, Map<string, Map<string, Edge[]>>>
  >();
  private readonly serviceKeys = new WeakMap<LogicalService, string>();
  private readonly clusterNetworks = new Map<string, string | undefined>();
  private readonly endpointCache = new Map<
    StoredObject,
    Map<string, Workload[]>
  >();
  private readonly drCache = new Map<
    string,
    EffectiveDestinationRule | undefined
  >();
  /** Edges per (cluster, proxy, network), service (and endpoint), DestinationRule and reached instances. */
  private readonly sharedCache = new Map<
    string,
    Map<string, Map<number, Map<string, Edge[]>>>
  >();
  private readonly drIds = new Map<EffectiveDestinationRule, number>();
  private labelledGateways?: Map<string, string[]>;
  private readonly waypointCache = new WeakMap<StoredObject, WaypointBinding>();
  /** Whether an AuthorizationPolicy could apply at a service instance (see `authorizationAt`). */
  private readonly authzInstances = new WeakMap<StoredObject, boolean>();
  /** The AuthorizationPolicies that apply to a service's endpoints or waypoints. */
  private readonly identityKeys = new WeakMap<
    LogicalService,
    Map<string, Map<string, string>>
  >();
  private readonly authzPolicies = new WeakMap<
    LogicalService,
    { policies: StoredObject[]; byAccount: boolean }
  >();

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
      this.labelledGateways ??= labelledGateways(this.index);
      r = networkGateways(this.index, network, this.labelledGateways);
      this.gatewayCache.set(network, r);
    }
    return r;
  }

  /** The DestinationRule a client uses for a service (clients of one group share it). */
  private destinationRule(
    client: Workload,
    svc: LogicalService,
  ): EffectiveDestinationRule | undefined {
    const key = `${this.clientGroup(client)}|${this.serviceKey(svc)}`;
    if (this.drCache.has(key)) return this.drCache.get(key);
    const dr = destinationRuleFor(
      this.index,
      client.cluster,
      client.namespace,
      svc.host,
      svc.namespace,
      client.labels,
    );
    this.drCache.set(key, dr);
    return dr;
  }

  /** A service instance's endpoints (a ServiceEntry's depend on the host), cached. */
  endpoints(svc: StoredObject, host: string): Workload[] {
    let byHost = this.endpointCache.get(svc);
    if (!byHost) this.endpointCache.set(svc, (byHost = new Map()));
    let list = byHost.get(host);
    if (!list)
      byHost.set(host, (list = serviceEndpoints(this.index, svc, host)));
    return list;
  }

  /** The endpoint's network (label, cluster network, meshNetworks). */
  endpointNetwork(w: Workload): string | undefined {
    if (w.network !== undefined && w.network !== null) return w.network;
    // The cluster's network (cached: the same for every workload of the cluster), else the rest of the rule.
    if (!this.clusterNetworks.has(w.cluster))
      this.clusterNetworks.set(w.cluster, this.index.clusterNetwork(w.cluster));
    return this.clusterNetworks.get(w.cluster) ?? this.index.endpointNetwork(w);
  }

  /**
   * Edges from one client workload to one logical service (every port, cluster and subset).
   * Clients that differ only by name share the computation: the outcome depends on the client's
   * cluster, namespace, proxy and network, and on its labels only where a DestinationRule with a
   * workloadSelector exists in its namespace. With `endpoint`, only the connections that reach
   * that one endpoint workload.
   */
  edges(client: Workload, svc: LogicalService, endpoint?: Workload): Edge[] {
    return fromClient(client, this.edgeTemplate(client, svc, endpoint));
  }

  /**
   * Like {@link EdgeCalculator.edges}, without a copy: the edges the client's group gets, shared
   * with the other clients of the group and read-only, whose `from` is not the client's. What
   * reads only the outcomes and targets (the topology) asks for.
   */
  edgeTemplate(
    client: Workload,
    svc: LogicalService,
    endpoint?: Workload,
  ): readonly Edge[] {
    const group = this.groupOf(client);
    let byService = this.groupCache.get(group.key);
    if (!byService) this.groupCache.set(group.key, (byService = new Map()));
    const serviceKey = this.serviceKey(svc);
    let byIdentity = byService.get(serviceKey);
    if (!byIdentity) byService.set(serviceKey, (byIdentity = new Map()));
    const identity = this.identityKey(client, svc);
    let byEndpoint = byIdentity.get(identity);
    if (!byEndpoint) byIdentity.set(identity, (byEndpoint = new Map()));
    let template = byEndpoint.get(endpoint?.id ?? '');
    if (!template) {
      const dr = appliesDestinationRules(client)
        ? this.destinationRule(client, svc)
        : undefined;
      const key = `${serviceKey}${identity}${
        endpoint ? `|${endpoint.id}` : ''
      }`;
      template = this.sharedEdges(client, svc, endpoint, group.shared, key, dr);
      byEndpoint.set(endpoint?.id ?? '', template);
    }
    return template;
  }

  /**
   * Edges from every client of one namespace (one cluster) to one service: for each client, what
   * {@link EdgeCalculator.edges} gives it, computed once per client group of the namespace and
   * without keeping per-group state afterwards (a service's callers span every namespace of a fleet).
   */
  namespaceEdges(
    clients: Workload[],
    svc: LogicalService,
    visit: (client: Workload, edges: Edge[]) => void,
  ): void {
    this.namespaceEdgeTemplates(clients, svc, (client, template) =>
      visit(client, fromClient(client, template)),
    );
  }

  /**
   * Like {@link EdgeCalculator.namespaceEdges}, without a copy per client: for each client, the
   * edges its group gets, shared with the other clients of the group and read-only, whose `from`
   * is not the client's (it is the client that gets `{ ...edge, from }`). What an entity's
   * posture counts and lists from a fleet of callers without copying every caller's edges.
   */
  namespaceEdgeTemplates(
    clients: Workload[],
    svc: LogicalService,
    visit: (client: Workload, template: readonly Edge[]) => void,
  ): void {
    if (!clients.length) return;
    const { cluster, namespace } = clients[0];
    const selectorDrs = this.hasSelectorDestinationRules(cluster, namespace);
    const groups: Array<{
      proxy: string;
      network: string;
      id: string;
      identity: string;
      template: Edge[];
    }> = [];
    for (const client of clients) {
      if (client.cluster !== cluster || client.namespace !== namespace) {
        visit(client, this.edgeTemplate(client, svc));
        continue;
      }
      const network = this.endpointNetwork(client) ?? '';
      const identity = this.identityKey(client, svc);
      let group = groups.find(
        g =>
          g.proxy === client.proxy &&
          g.network === network &&
          g.identity === identity &&
          (!selectorDrs || g.id === client.id),
      );
      if (!group) {
        const dr = !appliesDestinationRules(client)
          ? undefined
          : destinationRuleFor(
              this.index,
              client.cluster,
              client.namespace,
              svc.host,
              svc.namespace,
              client.labels,
            );
        const shared = `${client.cluster}|${client.proxy}|${network}`;
        groups.push(
          (group = {
            proxy: client.proxy,
            network,
            id: client.id,
            identity,
            template: this.sharedEdges(
              client,
              svc,
              undefined,
              shared,
              `${this.serviceKey(svc)}${identity}`,
              dr,
            ),
          }),
        );
      }
      visit(client, group.template);
    }
  }

  /**
   * The part of the client that authorization reads, for the cache keys: how the
   * AuthorizationPolicies that apply to the service's endpoints and waypoints match its identity
   * (`callerSignature`), or `''` when none applies (the edges then do not depend on who calls).
   */
  private identityKey(client: Workload, svc: LogicalService): string {
    if (client.anyCaller) return '';
    const { policies, byAccount: perAccount } = this.authzAt(svc);
    if (!policies.length) return '';
    // Clients of one service account share the answer: cached per service, namespace and
    // service account (the principal is built only on a miss: every caller of a fleet asks).
    let byNamespace = this.identityKeys.get(svc);
    if (!byNamespace) this.identityKeys.set(svc, (byNamespace = new Map()));
    let byAccount = byNamespace.get(client.namespace);
    if (!byAccount) byNamespace.set(client.namespace, (byAccount = new Map()));
    // Policies that name no principal answer alike for every service account of a namespace.
    const account = perAccount ? client.serviceAccount ?? 'default' : '';
    let key = byAccount.get(account);
    if (key === undefined) {
      key = `|${callerSignature(policies, {
        principal: principalOf(this.index, client),
        namespace: client.namespace,
      })}`;
      byAccount.set(account, key);
    }
    return key;
  }

  /**
   * Whether the edges of a caller to a service depend on the caller's service account, beyond
   * its namespace and group: an AuthorizationPolicy that applies there reads principals.
   */
  readsServiceAccount(svc: LogicalService): boolean {
    return this.authzAt(svc).byAccount;
  }

  /** The AuthorizationPolicies that apply to a service's endpoints or waypoints, cached. */
  private authzAt(svc: LogicalService): {
    policies: StoredObject[];
    byAccount: boolean;
  } {
    let found = this.authzPolicies.get(svc);
    if (found === undefined) {
      const applying = new Set<StoredObject>();
      // Where no policy lives that could apply (most of a fleet), none is looked for per endpoint.
      for (const inst of svc.instances) {
        if (!this.authorizationAt(inst.service)) continue;
        for (const e of this.endpoints(inst.service, svc.host))
          for (const ap of selectorPolicies(this.index, e)) applying.add(ap);
        const waypoint = this.serviceWaypoint(inst.service).waypoint;
        if (waypoint)
          for (const ap of waypointPolicies(this.index, inst.service, waypoint))
            applying.add(ap);
      }
      const list = [...applying];
      found = { policies: list, byAccount: readsPrincipal(list) };
      this.authzPolicies.set(svc, found);
    }
    return found;
  }

  /**
   * Whether any AuthorizationPolicy lives where one could apply to a service instance's endpoints
   * or waypoint (the root namespace, the service's, the waypoint's), cached: most of a fleet has
   * none, and its edges then skip authorization altogether.
   */
  private authorizationAt(inst: StoredObject): boolean {
    let found = this.authzInstances.get(inst);
    if (found === undefined) {
      const config = this.index.configCluster(inst.cluster);
      const waypoint = this.serviceWaypoint(inst).waypoint;
      const namespaces = new Set([
        this.index.meshConfig.rootNamespace,
        inst.namespace,
        ...(waypoint ? [waypoint.namespace] : []),
      ]);
      found = [...namespaces].some(
        ns =>
          !this.index
            .list(config, K.AuthorizationPolicy, ns)
            [Symbol.iterator]()
            .next().done,
      );
      this.authzInstances.set(inst, found);
    }
    return found;
  }

  /**
   * Authorization where Istio enforces it (istio-semantics.md §g.8), on a connection that is made
   * (`mtls` or `plaintext`): the waypoint's `targetRefs` policies with the caller's identity, then
   * the destination's selector policies — at its sidecar or ztunnel — with the identity that
   * arrives there (the waypoint's after a waypoint; none over plaintext).
   */
  private authorize(
    r: EndpointResult,
    client: Workload,
    e: Workload,
    port: ServicePort,
    inst: StoredObject,
    waypoint?: { namespace: string; name: string },
  ): EndpointResult {
    if (
      (r.outcome !== 'mtls' && r.outcome !== 'plaintext') ||
      client.anyCaller ||
      !this.authorizationAt(inst)
    )
      return r;
    const tp = targetPortOf(port, e);
    const clientIdentity: Caller = {
      principal: principalOf(this.index, client),
      namespace: client.namespace,
    };
    const reject = (
      enforcer: Enforcer,
      caller: Caller,
      at?: {
        service: StoredObject;
        waypoint: { namespace: string; name: string };
      },
    ): EndpointResult | undefined => {
      const found = rejection(this.index, enforcer, e, tp, port, caller, at);
      return found
        ? {
            ...r,
            outcome: 'denied',
            deniedBy: found.policy,
            reason: `${r.reason}; ${found.reason}`,
          }
        : undefined;
    };
    let arriving: Caller;
    if (waypoint) {
      const denied = reject('waypoint', clientIdentity, {
        service: inst,
        waypoint,
      });
      if (denied) return denied;
      arriving =
        r.transport === 'hbone'
          ? {
              principal: `${
                this.index.meshConfig.trustDomain || 'cluster.local'
              }/ns/${waypoint.namespace}/sa/${waypoint.name}`,
              namespace: waypoint.namespace,
            }
          : {};
    } else {
      arriving =
        r.transport === 'hbone' ||
        (r.outcome === 'mtls' && r.transport === 'tls')
          ? clientIdentity
          : {};
    }
    if (e.proxy === 'sidecar') return reject('sidecar', arriving) ?? r;
    if (e.proxy === 'ambient' && !e.role)
      return reject('ztunnel', arriving) ?? r;
    return r;
  }

  /** `host|namespace` of a logical service, one string per service object. */
  private serviceKey(svc: LogicalService): string {
    let key = this.serviceKeys.get(svc);
    if (key === undefined)
      this.serviceKeys.set(svc, (key = `${svc.host}|${svc.namespace}`));
    return key;
  }

  /**
   * The edges of a client group, shared with every group that reads the same inputs: the
   * computation depends on the client only through its cluster, proxy kind, network, the
   * DestinationRule it uses for the service and the service instances it reaches, so client
   * namespaces that differ in nothing else (most of a fleet's) compute them once.
   */
  private sharedEdges(
    client: Workload,
    svc: LogicalService,
    endpoint: Workload | undefined,
    shared: string,
    serviceKey: string,
    dr: EffectiveDestinationRule | undefined,
  ): Edge[] {
    let drId = 0;
    if (dr) {
      drId = this.drIds.get(dr) ?? this.drIds.size + 1;
      this.drIds.set(dr, drId);
    }
    // Only a ServiceEntry instance can be out of a client's reach (see `reaches`).
    const reached = svc.instances.some(i => i.service.kk === K.ServiceEntry)
      ? svc.instances
          .map(i => (this.reaches(client, i.service) ? '1' : '0'))
          .join('')
      : '';
    let byService = this.sharedCache.get(shared);
    if (!byService) this.sharedCache.set(shared, (byService = new Map()));
    let byDr = byService.get(serviceKey);
    if (!byDr) byService.set(serviceKey, (byDr = new Map()));
    let byReach = byDr.get(drId);
    if (!byReach) byDr.set(drId, (byReach = new Map()));
    let template = byReach.get(reached);
    if (!template) {
      template = this.computeEdges(client, svc, endpoint, dr);
      byReach.set(reached, template);
    }
    return template;
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
    const exportTo =
      Array.isArray(list) && list.length
        ? list.map(String)
        : this.index.meshConfig.defaultServiceExportTo ?? ['*'];
    return exportTo.some(
      e =>
        e === '*' ||
        e === client.namespace ||
        (e === '.' && svc.namespace === client.namespace),
    );
  }

  /**
   * Clients that get the same edges: same cluster, namespace, proxy kind and network; the labels
   * count only when a DestinationRule with a workloadSelector lives in the namespace.
   */
  clientGroup(client: Workload): string {
    return this.groupOf(client).key;
  }

  /**
   * Whether a DestinationRule with a workloadSelector lives in the namespace (then each client
   * workload is its own group). DestinationRules come from the config cluster (an Istio remote
   * uses its primary's).
   */
  private hasSelectorDestinationRules(
    cluster: string,
    namespace: string,
  ): boolean {
    for (const dr of this.index.list(
      this.index.configCluster(cluster),
      K.DestinationRule,
      namespace,
    )) {
      if (dr.obj.spec?.workloadSelector) return true;
    }
    return false;
  }

  /** The client's group key, and the key of what the group shares with other namespaces' (cluster, proxy, network). */
  private groupOf(client: Workload): ClientGroupKeys {
    let byNs = this.groupKeys.get(client.cluster);
    if (!byNs) this.groupKeys.set(client.cluster, (byNs = new Map()));
    let ns = byNs.get(client.namespace);
    if (!ns) {
      ns = {
        selectorDrs: this.hasSelectorDestinationRules(
          client.cluster,
          client.namespace,
        ),
        keys: new Map(),
      };
      byNs.set(client.namespace, ns);
    }
    const network = this.endpointNetwork(client) ?? '';
    if (ns.selectorDrs) {
      const base = `${client.cluster}|${client.namespace}|${client.proxy}|${network}`;
      return {
        key: `${base}|${client.id}`,
        shared: `${client.cluster}|${client.proxy}|${network}`,
      };
    }
    // One key string per group, so that the caches keyed by it hash it once.
    let byProxy = ns.keys.get(client.proxy);
    if (!byProxy) ns.keys.set(client.proxy, (byProxy = new Map()));
    let keys = byProxy.get(network);
    if (!keys) {
      byProxy.set(
        network,
        (keys = {
          key: `${client.cluster}|${client.namespace}|${client.proxy}|${network}`,
          shared: `${client.cluster}|${client.proxy}|${network}`,
        }),
      );
    }
    return keys;
  }

  private computeEdges(
    client: Workload,
    svc: LogicalService,
    only: Workload | undefined,
    dr: EffectiveDestinationRule | undefined,
  ): Edge[] {
    const index = this.index;
    const instances = svc.instances.filter(i =>
      this.reaches(client, i.service),
    );
    const primary = instances[0]?.service;
    if (!primary) return [];
    const ports = servicePorts(primary);
    // The default cluster (no subset) always exists for traffic no route sends to a subset; each
    // DestinationRule subset adds its own cluster (`pilot/pkg/networking/core/cluster_builder.go`).
    const subsets: Array<string | undefined> = [
      undefined,
      ...(dr?.subsets.map(s => s.name) ?? []),
    ];
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
            endpoints = endpoints.filter(e =>
              selectorMatches(labels, e.labels),
            );
          }
          if (!endpoints.length) continue;
          group.push(
            this.edge(
              client,
              clientNetwork,
              svc,
              port,
              inst,
              subset,
              endpoints,
              dr,
              clusterLocal,
              headless,
              external,
            ),
          );
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

  /** The waypoint bound to a service instance (`istio.io/use-waypoint`, §g.3), cached. */
  serviceWaypoint(inst: StoredObject): WaypointBinding {
    let binding = this.waypointCache.get(inst);
    if (!binding) {
      binding = resolveWaypoint(
        this.index,
        inst.cluster,
        inst.namespace,
        inst.obj.metadata.labels ?? {},
        'service',
      );
      this.waypointCache.set(inst, binding);
    }
    return binding;
  }

  /**
   * An Envoy gateway sends service traffic to the service's waypoint only with
   * `istio.io/ingress-use-waypoint=true` on the Service, else on its namespace
   * (`pilot/pkg/networking/core/sidecar_interop.go` `ingressUseWaypoint`).
   */
  private ingressUsesWaypoint(inst: StoredObject): boolean {
    const own = inst.obj.metadata.labels?.[INGRESS_USE_WAYPOINT];
    if (own !== undefined) return own === 'true';
    return (
      this.index.namespaceLabels(inst.cluster, inst.namespace)?.[
        INGRESS_USE_WAYPOINT
      ] === 'true'
    );
  }

  private edge(
    client: Workload,
    clientNetwork: string | undefined,
    svc: LogicalService,
    port: ServicePort,
    inst: { cluster: string; service: StoredObject },
    subset: string | undefined,
    endpoints: Workload[],
    dr: EffectiveDestinationRule | undefined,
    clusterLocal: boolean,
    headless: boolean,
    external: boolean,
  ): Edge {
    const index = this.index;
    const cluster = inst.cluster;
    const crossCluster = cluster !== client.cluster;
    const destNetworks = new Set(endpoints.map(e => this.endpointNetwork(e)));
    const crossNetwork =
      clientNetwork !== undefined &&
      [...destNetworks].some(n => n !== undefined && n !== clientNetwork);
    const base = {
      from: {
        cluster: client.cluster,
        namespace: client.namespace,
        workload: client.name,
      },
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
        return {
          ...base,
          clientTls: 'DISABLE',
          clientTlsSource: 'auto',
          outcome: 'excluded',
          transport: 'plaintext',
          reason:
            'client has no sidecar: it only reaches endpoints in its own cluster',
        };
      }
      return {
        ...base,
        clientTls: 'DISABLE',
        clientTlsSource: 'auto',
        ...this.aggregate(
          endpoints.map(e =>
            this.authorize(
              this.serve(e, port, 'plain'),
              client,
              e,
              port,
              inst.service,
            ),
          ),
          'client is out of the mesh and sends plaintext',
        ),
      };
    }
    if (client.proxy === 'ambient')
      return {
        ...base,
        ...this.ambientEdge(
          client,
          clientNetwork,
          svc,
          port,
          inst,
          endpoints,
          clusterLocal,
        ),
      };
    if (crossCluster && clusterLocal) {
      return {
        ...base,
        clientTls: 'DISABLE',
        clientTlsSource: 'auto',
        outcome: 'excluded',
        transport: 'plaintext',
        reason: `${svc.host} is cluster-local: other clusters' endpoints are not used`,
      };
    }

    const drTls = destinationRuleTls(dr, port.port, subset);
    let clientTls: ClientTlsMode;
    let source: Edge['clientTlsSource'];
    let classic: (e: Workload) => Sends;
    let why: string;
    if (drTls) {
      clientTls = drTls.mode;
      source = 'destinationRule';
      const ruleName = `${drTls.rule.namespace}/${drTls.rule.obj.metadata.name}`;
      why = `DestinationRule ${ruleName} (${drTls.origin}) sets tls.mode ${clientTls}`;
      const kind = CLIENT_SENDS[clientTls];
      classic = () => kind;
    } else {
      source = 'auto';
      let inferred: string | undefined;
      // buildUpstreamTLSSettings: no auto mTLS towards a MESH_EXTERNAL service.
      if (external) inferred = `${svc.host} is MESH_EXTERNAL: no auto mTLS`;
      else if (!index.meshConfig.enableAutoMtls) inferred = 'auto mTLS is off';
      else if (headless || isPassthrough(dr, port.port, subset)) {
        // Passthrough clusters: all-or-nothing (BestEffortInferServiceMTLSMode).
        const all = svc.instances.flatMap(i =>
          this.endpoints(i.service, svc.host),
        );
        if (!all.length || all.some(e => !e.tlsModeIstio && !e.tunnel))
          inferred = 'passthrough service with an endpoint without sidecar';
      }
      if (!inferred) {
        const nsMode =
          namespaceMutualTlsMode(index, client.cluster, svc.namespace) ??
          'PERMISSIVE';
        if (nsMode === 'DISABLE')
          inferred = `namespace/mesh PeerAuthentication of ${svc.namespace} is DISABLE`;
      }
      if (inferred) {
        clientTls = 'DISABLE';
        why = `auto mTLS: plaintext (${inferred})`;
        classic = () => 'plain';
      } else {
        why = 'auto mTLS';
        classic = e =>
          e.tlsModeIstio &&
          modeForPort(this.serverPosture(e), targetPortOf(port, e)) !==
            'DISABLE'
            ? 'mtls'
            : 'plain';
        clientTls = endpoints.some(e => classic(e) === 'mtls')
          ? 'ISTIO_MUTUAL'
          : 'DISABLE';
      }
    }
    // An Envoy client sends HBONE to an endpoint that takes the tunnel and is not a classic
    // sidecar (`tlsMode=istio`), whatever its DestinationRule says (SIMPLE/MUTUAL travel inside):
    // `pilot/pkg/xds/endpoints/endpoint_builder.go` (`supportTunnel`), `cluster_tls.go`
    // (`applyHBONETransportSocketMatches`); istio-semantics.md §g.4.
    const perEndpoint = (e: Workload): Sends =>
      e.tunnel && !e.tlsModeIstio ? 'hbone' : classic(e);
    if (source === 'auto' && endpoints.every(e => perEndpoint(e) === 'hbone'))
      clientTls = 'HBONE';
    // Sidecars go straight to the pod (they bypass service waypoints); an Envoy gateway uses the
    // waypoint when the Service asks for it (§g.3).
    const waypoint =
      client.proxy === 'gateway' && this.ingressUsesWaypoint(inst.service)
        ? this.serviceWaypoint(inst.service).waypoint
        : undefined;

    const results: EndpointResult[] = [];
    for (const e of endpoints) {
      const sends = perEndpoint(e);
      if (crossCluster || crossNetwork) {
        const net = this.endpointNetwork(e);
        if (
          clientNetwork !== undefined &&
          net !== undefined &&
          net !== clientNetwork
        ) {
          if (sends === 'hbone') {
            // A sidecar cannot use an ambient east-west gateway (no double HBONE), and the classic
            // one hands it Istio mTLS where ztunnel expects HBONE: tests/integration/ambient
            // baseline_test.go skips these pairs (istio/istio#57878).
            results.push({
              outcome: 'fail',
              transport: 'tls',
              reason: `${e.name} is captured by ztunnel on network ${net}: a sidecar or gateway cannot reach an ambient endpoint on another network (istio/istio#57878)`,
            });
            continue;
          }
          const istioMtls = sends === 'mtls' && clientTls !== 'MUTUAL';
          if (!istioMtls) {
            results.push({
              outcome: 'excluded',
              transport: TRANSPORT[sends],
              reason: `only mTLS crosses to network ${net}`,
            });
            continue;
          }
          const gateways = this.gateways(net);
          if (!gateways.length) {
            results.push({
              outcome: 'excluded',
              transport: TRANSPORT[sends],
              reason: `network ${net} has no east-west gateway`,
            });
            continue;
          }
          const served = this.authorize(
            this.serve(e, port, sends),
            client,
            e,
            port,
            inst.service,
          );
          results.push({
            ...served,
            reason: `${served.reason}, through the network ${net} gateway ${gateways[0]}`,
          });
          continue;
        }
      }
      results.push(
        this.authorize(
          waypoint
            ? this.throughWaypoint(waypoint, inst.cluster, e, port)
            : this.serve(e, port, sends),
          client,
          e,
          port,
          inst.service,
          waypoint,
        ),
      );
    }
    return {
      ...base,
      clientTls,
      clientTlsSource: source,
      ...this.aggregate(results, why),
    };
  }

  /**
   * An ambient client: its ztunnel sends HBONE to endpoints that take it and plain TCP to the
   * others, ignoring DestinationRules; service-addressed traffic to a service with a waypoint goes
   * through the waypoint; across clusters only global services, with istiod's multi-network flag,
   * through the other network's `istio-east-west` gateway. ztunnel `src/proxy/outbound.rs`
   * (`build_request`, `build_request_through_gateway`); istio-semantics.md §g.3, §g.4, §g.6, §g.7.
   */
  private ambientEdge(
    client: Workload,
    clientNetwork: string | undefined,
    svc: LogicalService,
    port: ServicePort,
    inst: { cluster: string; service: StoredObject },
    endpoints: Workload[],
    clusterLocal: boolean,
  ): Omit<Edge, 'from' | 'to' | 'crossCluster' | 'crossNetwork'> {
    const common = {
      clientTls: 'HBONE' as ClientTlsMode,
      clientTlsSource: 'ztunnel' as const,
    };
    const excluded = (reason: string) => ({
      ...common,
      outcome: 'excluded' as EdgeOutcome,
      transport: 'hbone' as const,
      reason,
    });
    let eastWest: ((e: Workload) => Via | string | undefined) | undefined;
    if (inst.cluster !== client.cluster) {
      if (clusterLocal || !this.isGlobal(svc, client.cluster))
        return excluded(
          `ztunnel keeps ${svc.host} in cluster ${client.cluster}: only services labelled ${GLOBAL_LABEL}=true cross clusters in ambient`,
        );
      if (
        !this.index.nodeAgents(this.index.configCluster(client.cluster))
          .multiNetwork
      )
        return excluded(
          `ambient multicluster is off: istiod of ${client.cluster} does not set AMBIENT_ENABLE_MULTI_NETWORK=true`,
        );
      eastWest = e => {
        const net = this.endpointNetwork(e);
        if (net === undefined || net === clientNetwork) return undefined;
        const gw = this.eastWestGateway(e.cluster);
        return gw ?? `network ${net} has no istio-east-west gateway`;
      };
    }
    const waypoint = this.serviceWaypoint(inst.service).waypoint;
    const results: EndpointResult[] = [];
    for (const e of endpoints) {
      const through: Via[] = [];
      const gw = eastWest?.(e);
      if (typeof gw === 'string') {
        results.push({ outcome: 'excluded', transport: 'hbone', reason: gw });
        continue;
      }
      if (gw) through.push(gw);
      let r: EndpointResult;
      if (waypoint) r = this.throughWaypoint(waypoint, inst.cluster, e, port);
      else if (e.tunnel) r = this.serve(e, port, 'hbone');
      else r = this.serve(e, port, 'plain');
      r = this.authorize(r, client, e, port, inst.service, waypoint);
      if (through.length) {
        r = {
          ...r,
          via: [...through, ...(r.via ?? [])],
          reason: `double HBONE through east-west gateway ${gw!.namespace}/${
            gw!.name
          }; ${r.reason}`,
        };
      }
      results.push(r);
    }
    const sendsHbone = endpoints.every(e => e.tunnel) || Boolean(waypoint);
    return {
      ...common,
      clientTls: sendsHbone ? 'HBONE' : 'DISABLE',
      ...this.aggregate(
        results,
        sendsHbone
          ? 'ztunnel sends HBONE'
          : 'ztunnel sends plain TCP to endpoints that take no HBONE',
      ),
    };
  }

  /** A global service (§g.7): labelled `istio.io/global=true` in the client's cluster (or, without a local instance, anywhere). */
  private isGlobal(svc: LogicalService, cluster: string): boolean {
    const local = svc.instances.filter(i => i.cluster === cluster);
    return (local.length ? local : svc.instances).some(
      i => i.service.obj.metadata.labels?.[GLOBAL_LABEL] === 'true',
    );
  }

  /** A cluster's ambient east-west gateway (Gateway of class `istio-east-west`), if any. */
  private eastWestGateway(cluster: string): Via | undefined {
    for (const gw of this.index.listAll(cluster, K.GatewayApiGateway))
      if (gw.obj.spec?.gatewayClassName === 'istio-east-west')
        return {
          kind: 'eastWestGateway',
          cluster,
          namespace: gw.namespace,
          name: gw.obj.metadata.name,
        };
    return undefined;
  }

  /**
   * The waypoint's leg to an endpoint: HBONE to endpoints that take it, else plaintext — a
   * waypoint never sends Istio mTLS (`cluster_waypoint.go` `buildWaypointTLSContext`,
   * `TestWaypointWithSidecarBackend`; istio-semantics.md §g.4, §g.6).
   */
  private throughWaypoint(
    waypoint: { namespace: string; name: string },
    cluster: string,
    e: Workload,
    port: ServicePort,
  ): EndpointResult {
    const served = this.serve(e, port, e.tunnel ? 'hbone' : 'plain');
    return {
      ...served,
      via: [{ kind: 'waypoint', cluster, ...waypoint }],
      reason: `through waypoint ${waypoint.namespace}/${waypoint.name}: ${served.reason}`,
    };
  }

  /** What one endpoint does with what the client sends. */
  private serve(e: Workload, port: ServicePort, sends: Sends): EndpointResult {
    const transport = TRANSPORT[sends];
    if (sends === 'hbone')
      return {
        outcome: 'mtls',
        transport,
        reason: hboneTaker(e),
      };
    if (e.proxy === 'none') {
      if (sends === 'mtls')
        return {
          outcome: 'fail',
          transport,
          reason: `${e.name} has no sidecar to accept mTLS`,
        };
      if (sends === 'tls')
        return {
          outcome: 'plaintext',
          transport,
          reason: `${e.name} must terminate TLS itself`,
        };
      return {
        outcome: 'plaintext',
        transport,
        reason: `${e.name} has no sidecar`,
      };
    }
    const tp = targetPortOf(port, e);
    const mode = modeForPort(this.serverPosture(e), tp);
    if (e.proxy === 'gateway')
      return this.serveGateway(e, tp, mode, sends, transport);
    const enforcer = e.proxy === 'ambient' ? 'ztunnel' : 'its sidecar';
    if (sends === 'mtls') {
      if (mode === 'DISABLE')
        return {
          outcome: 'fail',
          transport,
          reason: `${e.name} port ${tp} is DISABLE and rejects mTLS`,
        };
      return {
        outcome: 'mtls',
        transport,
        reason: `${e.name} port ${tp} is ${mode}`,
      };
    }
    if (mode === 'STRICT') {
      const by = this.serverPosture(e).decidedBy.at(-1);
      const policy = by
        ? `; PeerAuthentication ${by.namespace}/${by.name}`
        : '';
      return {
        outcome: 'fail',
        transport,
        reason: `${e.name} port ${tp} is STRICT and rejects plaintext (enforced by ${enforcer}${policy})`,
      };
    }
    if (sends === 'tls')
      return {
        outcome: 'plaintext',
        transport,
        reason: `${e.name} port ${tp} is ${mode}; the app must terminate TLS`,
      };
    return {
      outcome: 'plaintext',
      transport,
      reason: `${e.name} port ${tp} is ${mode}`,
    };
  }

  /** A gateway's listener on the port: Istio mTLS only (STRICT), no Istio mTLS (DISABLE), or both. */
  private serveGateway(
    e: Workload,
    tp: number,
    mode: ServerMode,
    sends: Sends,
    transport: Transport,
  ): EndpointResult {
    if (sends === 'mtls') {
      if (mode === 'DISABLE')
        return {
          outcome: 'fail',
          transport,
          reason: `gateway ${e.name} port ${tp} takes no Istio mTLS`,
        };
      return {
        outcome: 'mtls',
        transport,
        reason: `gateway ${e.name} port ${tp} takes Istio mTLS`,
      };
    }
    if (mode === 'STRICT')
      return {
        outcome: 'fail',
        transport,
        reason: `gateway ${e.name} port ${tp} takes only Istio mTLS`,
      };
    return {
      outcome: 'plaintext',
      transport,
      reason: `gateway ${e.name} port ${tp} takes ${
        sends === 'tls' ? 'TLS it terminates' : 'plaintext'
      }`,
    };
  }

  private aggregate(
    results: EndpointResult[],
    why: string,
  ): Pick<Edge, 'outcome' | 'reason' | 'transport' | 'via' | 'deniedBy'> {
    const pick = (r: EndpointResult, outcome: EdgeOutcome, reason: string) => ({
      outcome,
      transport: r.transport,
      reason,
      ...(r.via ? { via: r.via } : {}),
      ...(outcome === 'denied' && r.deniedBy
        ? {
            deniedBy: {
              kind: 'AuthorizationPolicy',
              cluster: r.deniedBy.cluster,
              namespace: r.deniedBy.namespace,
              name: r.deniedBy.obj.metadata.name,
            },
          }
        : {}),
    });
    const live = results.filter(r => r.outcome !== 'excluded');
    if (!live.length)
      return {
        outcome: 'excluded',
        transport: results[0]?.transport ?? 'plaintext',
        reason: `${why}; ${results[0]?.reason ?? 'no endpoints'}`,
      };
    // The worst outcome decides, and says how many endpoints have it when not all do.
    for (const outcome of ['fail', 'denied', 'plaintext'] as const) {
      const hit = live.filter(r => r.outcome === outcome);
      if (!hit.length) continue;
      const what = outcome === 'plaintext' ? ' without mTLS' : '';
      const part =
        hit.length === live.length
          ? ''
          : ` (${hit.length} of ${live.length} endpoints${what})`;
      return pick(hit[0], outcome, `${why}; ${hit[0].reason}${part}`);
    }
    return pick(live[0], 'mtls', `${why}; ${live[0].reason}`);
  }
}
