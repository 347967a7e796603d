import { resolveShortname, serviceFqdn } from '../model/hosts';
import { K, kindKey, WORKLOAD_KINDS } from '../model/kinds';
import { Labels } from '../model/labels';
import { defaultMeshConfig } from '../model/meshConfig';
import {
  KubeObject,
  MeshConfig,
  MeshNetworks,
  ObjectRef,
} from '../model/types';
import { ObjectSource } from '../load/parseKubeYaml';
import type { IstioCrdSchemas } from '../validation/schema/crdSchemas';
import { networkFromCidr, networkFromRegistry } from './networks';
import { buildNamespaceWorkloads, Workload } from './workloads';
import { NodeAgents, readNodeAgents } from './dataplane';

/** One stored object. */
export interface StoredObject {
  cluster: string;
  kk: string;
  namespace: string;
  obj: KubeObject;
  ref: ObjectRef;
  source?: ObjectSource;
  /** Insertion order, the stand-in for list order where Kiali depends on it. */
  seq: number;
}

/** Per-cluster metadata. */
export interface ClusterMeta {
  network?: string;
  region?: string;
  configCluster?: string;
}

/** A Kubernetes Service registered under its FQDN. */
export interface ServiceEntryRef {
  cluster: string;
  service: StoredObject;
}

export const DNS_DOMAIN = 'cluster.local';
const NETWORK_LABEL = 'topology.istio.io/network';
/** Pseudo-kind for the dependency on a cluster's node agents (see {@link MeshIndex.nodeAgents}). */
export const NODE_AGENTS = 'meshplane.io/NodeAgents';
/**
 * Pseudo-kind for the dependency on the objects a namespace's workloads are built from (its
 * workload kinds and its Namespace; see {@link MeshIndex.workloads}): one key where there would
 * be ten, which the analyzer invalidates on a change to any of them.
 */
export const WORKLOADS = 'meshplane.io/Workloads';
/**
 * Pseudo-kind for the dependency on which namespaces of a cluster hold proxied workloads (see
 * {@link MeshIndex.proxiedNamespaces}): it changes only when a namespace gains its first or loses
 * its last one, not with every workload.
 */
export const PROXIED_NAMESPACES = 'meshplane.io/ProxiedNamespaces';
const AGENT_KINDS = new Set<string>([K.Deployment, K.DaemonSet, K.Pod]);

type NsMap = Map<string, Map<string, StoredObject>>;

/** The namespace a change is filed under: a Namespace object's own name, else its namespace. */
export function scopeNamespace(
  kk: string,
  namespace: string,
  name: string,
): string {
  return kk === K.Namespace ? name : namespace;
}

/** Pseudo-kinds for dependencies on DestinationRule hosts and on the existence of any DR. */
export const DR_HOST = '#drhost';
export const DR_ANY = '#drany';
export const DR_FQDN = '#drfqdn';
/** Pseudo-kind for a dependency on the set of DestinationRules with a wildcard host. */
export const DR_WILDCARD = '#drwildcard';

export function destinationRuleRawHost(dr: StoredObject): string {
  return String(dr.obj.spec?.host ?? '');
}

/** The DR host with a dot-less short name resolved in the DR's namespace. */
export function destinationRuleFqdn(dr: StoredObject): string {
  const host = destinationRuleRawHost(dr);
  return resolveShortname(host, dr.namespace, DNS_DOMAIN);
}

/** A VirtualService's hosts as {@link MeshIndex.resolvedVsHosts} resolves them. */
export interface ResolvedVsHosts {
  hosts: string[];
  destinations: string[];
}

/** {@link MeshIndex.resolvedVsHosts} by stored object: stored objects are replaced, never changed. */
const resolvedVsHostsCache = new WeakMap<StoredObject, ResolvedVsHosts>();

/** Dependency key of (cluster, kind, namespace); `*` is a wildcard in any position. */
export function depKey(cluster: string, kk: string, namespace: string): string {
  return `${cluster}|${kk}|${namespace}`;
}

/**
 * The indexed store of a fleet's objects. Every query records what it read
 * (cluster, kind, namespace) into the current dependency set, so the
 * analyzer can recompute exactly the units a change touches.
 */
export class MeshIndex {
  meshConfig: MeshConfig = defaultMeshConfig();
  meshNetworks?: MeshNetworks;
  /** Istio CRD schemas, when loaded (see `loadIstioCrdSchemas`). */
  schemas?: IstioCrdSchemas;
  readonly clusters = new Map<
    string,
    { meta: ClusterMeta; kinds: Map<string, NsMap> }
  >();
  private readonly serviceHosts = new Map<string, ServiceEntryRef[]>();
  /** DestinationRules by their literal `spec.host`, per cluster (Kiali matches hosts as strings). */
  private readonly drHosts = new Map<string, Map<string, Set<StoredObject>>>();
  /** DestinationRules by their host resolved in their own namespace (short names → FQDN), per cluster. */
  private readonly drFqdns = new Map<string, Map<string, Set<StoredObject>>>();
  /** DestinationRules whose resolved host is a wildcard, per cluster. */
  private readonly drWildcards = new Map<string, Set<StoredObject>>();
  private readonly workloadCache = new Map<string, Workload[]>();
  /** {@link MeshIndex.fleetWorkloads} by namespace, dropped with any of its clusters' workloads. */
  private readonly fleetWorkloadCache = new Map<
    string,
    Array<{ cluster: string; workloads: Workload[] }>
  >();
  /** The dependency keys {@link MeshIndex.workloads} records, per `cluster|namespace`. */
  private readonly workloadDepKeys = new Map<string, string[]>();
  /** Per-cluster structures derived from all objects of one kind (see {@link MeshIndex.derived}). */
  private readonly derivedCache = new Map<string, Map<string, unknown>>();
  /** Per cluster, what its system namespace shows of ztunnel and istiod (see {@link MeshIndex.nodeAgents}). */
  private readonly agents = new Map<string, NodeAgents>();
  /** Clusters whose node agents changed since {@link MeshIndex.takeAgentChanges}. */
  private readonly agentChanges = new Set<string>();
  /** {@link MeshIndex.proxiedNamespaces} per cluster, once asked for. */
  private readonly proxied = new Map<string, Set<string>>();
  /** Per cluster, namespaces whose workloads changed since {@link MeshIndex.takeProxiedChanges}. */
  private readonly proxiedSuspects = new Map<string, Set<string>>();
  /** Clusters whose proxied namespaces must be taken as changed (their set was dropped). */
  private readonly proxiedChanges = new Set<string>();
  private seq = 0;
  /** Dependency set of the unit being computed (null outside units). */
  deps: Set<string> | null = null;

  dep(cluster: string, kk: string, namespace: string): void {
    this.deps?.add(depKey(cluster, kk, namespace));
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  ensureCluster(name: string): {
    meta: ClusterMeta;
    kinds: Map<string, NsMap>;
  } {
    let c = this.clusters.get(name);
    if (!c) {
      c = { meta: {}, kinds: new Map() };
      this.clusters.set(name, c);
    }
    return c;
  }

  /** Adds or replaces an object; returns the replaced one. */
  put(
    cluster: string,
    obj: KubeObject,
    source?: ObjectSource,
  ): { stored: StoredObject; previous?: StoredObject } {
    const kk = kindKey(obj);
    const namespace = obj.metadata.namespace ?? '';
    const c = this.ensureCluster(cluster);
    let byNs = c.kinds.get(kk);
    if (!byNs) c.kinds.set(kk, (byNs = new Map()));
    let byName = byNs.get(namespace);
    if (!byName) byNs.set(namespace, (byName = new Map()));
    const previous = byName.get(obj.metadata.name);
    const stored: StoredObject = {
      cluster,
      kk,
      namespace,
      obj,
      source,
      seq: previous?.seq ?? this.seq++,
      ref: {
        cluster,
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace ? obj.metadata.namespace : null,
        name: obj.metadata.name,
      },
    };
    byName.set(obj.metadata.name, stored);
    if (previous && previous.kk === K.Service) this.unindexService(previous);
    if (kk === K.Service) this.indexService(stored);
    if (previous && previous.kk === K.DestinationRule)
      this.unindexDestinationRule(previous);
    if (kk === K.DestinationRule) this.indexDestinationRule(stored);
    this.invalidateDerived(
      cluster,
      kk,
      scopeNamespace(kk, namespace, obj.metadata.name),
    );
    return { stored, previous };
  }

  /** Removes an object; returns it when it existed. */
  delete(
    cluster: string,
    kk: string,
    namespace: string,
    name: string,
  ): StoredObject | undefined {
    const byName = this.clusters.get(cluster)?.kinds.get(kk)?.get(namespace);
    const previous = byName?.get(name);
    if (!previous || !byName) return undefined;
    byName.delete(name);
    if (byName.size === 0)
      this.clusters.get(cluster)?.kinds.get(kk)?.delete(namespace);
    if (kk === K.Service) this.unindexService(previous);
    if (kk === K.DestinationRule) this.unindexDestinationRule(previous);
    this.invalidateDerived(cluster, kk, scopeNamespace(kk, namespace, name));
    return previous;
  }

  private indexService(s: StoredObject): void {
    const host = serviceFqdn(s.obj.metadata.name, s.namespace, DNS_DOMAIN);
    let list = this.serviceHosts.get(host);
    if (!list) this.serviceHosts.set(host, (list = []));
    list.push({ cluster: s.cluster, service: s });
    list.sort(
      (a, b) => this.clusterOrder(a.cluster) - this.clusterOrder(b.cluster),
    );
  }

  private unindexService(s: StoredObject): void {
    const host = serviceFqdn(s.obj.metadata.name, s.namespace, DNS_DOMAIN);
    const list = this.serviceHosts.get(host);
    if (!list) return;
    const next = list.filter(e => e.service !== s);
    if (next.length) this.serviceHosts.set(host, next);
    else this.serviceHosts.delete(host);
  }

  private indexDestinationRule(dr: StoredObject): void {
    if (destinationRuleFqdn(dr).startsWith('*')) {
      let set = this.drWildcards.get(dr.cluster);
      if (!set) this.drWildcards.set(dr.cluster, (set = new Set()));
      set.add(dr);
    }
    for (const [index, host] of [
      [this.drHosts, destinationRuleRawHost(dr)],
      [this.drFqdns, destinationRuleFqdn(dr)],
    ] as const) {
      let byHost = index.get(dr.cluster);
      if (!byHost) index.set(dr.cluster, (byHost = new Map()));
      let set = byHost.get(host);
      if (!set) byHost.set(host, (set = new Set()));
      set.add(dr);
    }
  }

  private unindexDestinationRule(dr: StoredObject): void {
    this.drWildcards.get(dr.cluster)?.delete(dr);
    this.drHosts.get(dr.cluster)?.get(destinationRuleRawHost(dr))?.delete(dr);
    this.drFqdns.get(dr.cluster)?.get(destinationRuleFqdn(dr))?.delete(dr);
  }

  /** DestinationRules whose host, resolved in the DR's namespace, is `fqdn`, in list order. */
  destinationRulesByFqdn(cluster: string, fqdn: string): StoredObject[] {
    this.dep(cluster, DR_FQDN, fqdn);
    const set = this.drFqdns.get(cluster)?.get(fqdn);
    return set ? [...set].sort((a, b) => a.seq - b.seq) : [];
  }

  /** DestinationRules whose `spec.host` is exactly `host`, in list order. */
  destinationRulesByHost(cluster: string, host: string): StoredObject[] {
    this.dep(cluster, DR_HOST, host);
    const set = this.drHosts.get(cluster)?.get(host);
    return set ? [...set].sort((a, b) => a.seq - b.seq) : [];
  }

  /** DestinationRules of a cluster whose host (resolved) is a wildcard. */
  wildcardDestinationRules(cluster: string): StoredObject[] {
    this.dep(cluster, DR_WILDCARD, '');
    return [...(this.drWildcards.get(cluster) ?? [])];
  }

  /** Whether the cluster has any DestinationRule. */
  hasDestinationRules(cluster: string): boolean {
    this.dep(cluster, DR_ANY, '');
    return (
      (this.clusters.get(cluster)?.kinds.get(K.DestinationRule)?.size ?? 0) > 0
    );
  }

  private clusterOrder(name: string): number {
    let i = 0;
    for (const c of this.clusters.keys()) {
      if (c === name) return i;
      i++;
    }
    return i;
  }

  /** Clears derived caches that depend on (cluster, kind, namespace). */
  invalidateDerived(cluster: string, kk: string, namespace: string): void {
    this.derivedCache.delete(`${cluster}|${kk}`);
    if (AGENT_KINDS.has(kk) && namespace === this.meshConfig.rootNamespace) {
      // Whether ztunnel runs decides every ambient workload of the cluster; it rarely changes.
      const before = this.agents.get(cluster);
      if (!before) {
        // Not read since the load (a fork adopts results computed elsewhere): take it as changed.
        this.agentChanges.add(cluster);
      } else {
        const after = this.readAgents(cluster);
        if (
          after.controlPlane !== before.controlPlane ||
          after.ztunnel !== before.ztunnel ||
          after.multiNetwork !== before.multiNetwork
        ) {
          this.agents.set(cluster, after);
          this.agentChanges.add(cluster);
          this.dropWorkloads(cluster);
        }
      }
    }
    if (kk === K.ConfigMap && namespace === this.meshConfig.rootNamespace) {
      this.dropWorkloads();
      return;
    }
    if (kk === K.Namespace) {
      this.dropWorkloads(cluster, namespace);
      return;
    }
    if (kk === K.MutatingWebhookConfiguration) {
      // Injector webhooks decide which revisions inject: every namespace of the cluster.
      this.dropWorkloads(cluster);
      return;
    }
    if (
      kk === K.Pod ||
      kk === K.ReplicaSet ||
      kk === K.Deployment ||
      kk === K.StatefulSet ||
      kk === K.DaemonSet ||
      kk === K.Job ||
      kk === K.CronJob ||
      kk === K.WorkloadEntry
    ) {
      this.dropWorkloads(cluster, namespace);
    }
  }

  /** Drops the cached workloads of a namespace of a cluster, of all its namespaces, or of all. */
  private dropWorkloads(cluster?: string, namespace?: string): void {
    if (cluster === undefined) {
      this.workloadCache.clear();
      this.fleetWorkloadCache.clear();
      for (const c of this.clusters.keys()) this.proxiedChanges.add(c);
      this.proxied.clear();
      this.proxiedSuspects.clear();
      return;
    }
    if (namespace !== undefined) {
      this.workloadCache.delete(`${cluster}|${namespace}`);
      this.fleetWorkloadCache.delete(namespace);
      if (this.proxied.has(cluster)) {
        let suspects = this.proxiedSuspects.get(cluster);
        if (!suspects)
          this.proxiedSuspects.set(cluster, (suspects = new Set()));
        suspects.add(namespace);
      } else {
        // Never read since the load (or dropped): whoever depends on it must look again.
        this.proxiedChanges.add(cluster);
      }
      return;
    }
    this.proxied.delete(cluster);
    this.proxiedSuspects.delete(cluster);
    this.proxiedChanges.add(cluster);
    for (const key of [...this.workloadCache.keys()])
      if (key.startsWith(`${cluster}|`)) this.workloadCache.delete(key);
    this.fleetWorkloadCache.clear();
  }

  clearDerived(): void {
    this.agents.clear();
    this.proxied.clear();
    this.proxiedSuspects.clear();
    this.dropWorkloads();
    this.workloadDepKeys.clear();
    this.derivedCache.clear();
  }

  /**
   * A structure built from every object of one kind in a cluster, cached until such an object
   * changes. Records a dependency on all objects of that kind in the cluster.
   */
  derived<T>(cluster: string, kk: string, name: string, build: () => T): T {
    this.dep(cluster, kk, '*');
    return this.cachedDerived(cluster, kk, name, build);
  }

  /**
   * Like {@link MeshIndex.derived}, for a structure built only from the objects of one kind in
   * one namespace: records a dependency on that namespace only.
   */
  derivedIn<T>(
    cluster: string,
    kk: string,
    namespace: string,
    name: string,
    build: () => T,
  ): T {
    this.dep(cluster, kk, namespace);
    return this.cachedDerived(cluster, kk, `${namespace}|${name}`, build);
  }

  /** The cache behind {@link MeshIndex.derived}: built without recording dependencies, dropped when the kind changes. */
  private cachedDerived<T>(
    cluster: string,
    kk: string,
    id: string,
    build: () => T,
  ): T {
    const key = `${cluster}|${kk}`;
    let byName = this.derivedCache.get(key);
    if (!byName) this.derivedCache.set(key, (byName = new Map()));
    if (!byName.has(id)) {
      const saved = this.deps;
      this.deps = null;
      byName.set(id, build());
      this.deps = saved;
    }
    return byName.get(id) as T;
  }

  /**
   * A VirtualService's `hosts` and its routes' destination hosts, resolved to FQDNs in its
   * namespace: computed on first use and kept with
   * the stored object (a changed VirtualService is a new stored object). No dependency is
   * recorded: callers list the VirtualServices they read.
   */
  resolvedVsHosts(vs: StoredObject): ResolvedVsHosts {
    let resolved = resolvedVsHostsCache.get(vs);
    if (!resolved) {
      const resolve = (h: unknown) =>
        resolveShortname(String(h ?? ''), vs.namespace, DNS_DOMAIN);
      const spec = vs.obj.spec;
      const hosts: string[] = [];
      for (const h of Array.isArray(spec?.hosts) ? spec.hosts : [])
        hosts.push(resolve(h));
      const destinations: string[] = [];
      for (const section of ['http', 'tcp', 'tls'])
        for (const rule of Array.isArray(spec?.[section]) ? spec[section] : [])
          for (const r of Array.isArray(rule?.route) ? rule.route : [])
            destinations.push(resolve(r?.destination?.host));
      resolved = { hosts, destinations };
      resolvedVsHostsCache.set(vs, resolved);
    }
    return resolved;
  }

  // ---------------------------------------------------------------- queries (dependency-recording)

  /** Objects of a kind in one namespace of one cluster. */
  list(cluster: string, kk: string, namespace: string): Iterable<StoredObject> {
    this.dep(cluster, kk, namespace);
    return (
      this.clusters.get(cluster)?.kinds.get(kk)?.get(namespace)?.values() ?? []
    );
  }

  get(
    cluster: string,
    kk: string,
    namespace: string,
    name: string,
  ): StoredObject | undefined {
    this.dep(cluster, kk, namespace);
    return this.clusters.get(cluster)?.kinds.get(kk)?.get(namespace)?.get(name);
  }

  /** Objects of a kind in every namespace of one cluster. */
  *listAll(cluster: string, kk: string): Iterable<StoredObject> {
    this.dep(cluster, kk, '*');
    const byNs = this.clusters.get(cluster)?.kinds.get(kk);
    if (!byNs) return;
    for (const byName of byNs.values()) yield* byName.values();
  }

  /** Objects of a kind in every cluster. */
  *listFleet(kk: string): Iterable<StoredObject> {
    this.dep('*', kk, '*');
    for (const c of this.clusters.values()) {
      const byNs = c.kinds.get(kk);
      if (!byNs) continue;
      for (const byName of byNs.values()) yield* byName.values();
    }
  }

  /**
   * Namespaces that hold workloads, including `''` for objects whose YAML has no namespace
   * (istioctl keeps those namespace-less).
   */
  workloadNamespaces(cluster: string): Set<string> {
    const out = this.namespacesOf(cluster);
    const c = this.clusters.get(cluster);
    for (const kk of WORKLOAD_KINDS) {
      if (c?.kinds.get(kk)?.get('')?.size) out.add('');
    }
    return out;
  }

  /**
   * Namespaces that hold workload objects, lazily and possibly repeated (no dependency recorded:
   * callers read the workloads of the namespaces they use).
   */
  *workloadNamespaceNames(cluster: string): Iterable<string> {
    const c = this.clusters.get(cluster);
    if (!c) return;
    for (const kk of WORKLOAD_KINDS) {
      for (const [ns, byName] of c.kinds.get(kk) ?? [])
        if (byName.size) yield ns;
    }
  }

  /** Every (namespace) that holds any object in a cluster, plus Namespace objects. */
  namespacesOf(cluster: string): Set<string> {
    const out = new Set<string>();
    const c = this.clusters.get(cluster);
    if (!c) return out;
    for (const [kk, byNs] of c.kinds) {
      if (kk === K.Namespace) {
        for (const byName of byNs.values())
          for (const name of byName.keys()) out.add(name);
        continue;
      }
      for (const [ns, byName] of byNs) if (ns && byName.size) out.add(ns);
    }
    return out;
  }

  /** The Namespace object named `name` (its dependency key is its own name). */
  namespaceObject(cluster: string, name: string): StoredObject | undefined {
    this.dep(cluster, K.Namespace, name);
    return this.clusters
      .get(cluster)
      ?.kinds.get(K.Namespace)
      ?.get('')
      ?.get(name);
  }

  namespaceLabels(cluster: string, namespace: string): Labels | undefined {
    return this.namespaceObject(cluster, namespace)?.obj.metadata.labels;
  }

  /** True when a Namespace object or any object in that namespace exists in the cluster. */
  namespaceExists(cluster: string, namespace: string): boolean {
    this.dep(cluster, '*', namespace);
    const c = this.clusters.get(cluster);
    if (!c) return false;
    if (c.kinds.get(K.Namespace)?.get('')?.has(namespace)) return true;
    for (const byNs of c.kinds.values())
      if (byNs.get(namespace)?.size) return true;
    return false;
  }

  /** Kubernetes services registered under an FQDN, in cluster order. */
  servicesByHost(host: string): ServiceEntryRef[] {
    const parts = host.split('.');
    this.dep('*', K.Service, parts.length >= 2 ? parts[1] : '*');
    return this.serviceHosts.get(host) ?? [];
  }

  /**
   * Every Kubernetes service FQDN with its Services in cluster order, as {@link MeshIndex.servicesByHost}
   * gives them (records a dependency on every Service).
   */
  serviceInstances(): Iterable<[string, ServiceEntryRef[]]> {
    this.dep('*', K.Service, '*');
    return this.serviceHosts.entries();
  }

  /** All service FQDNs (records a dependency on every Service). */
  serviceHostNames(): Iterable<string> {
    this.dep('*', K.Service, '*');
    return this.serviceHosts.keys();
  }

  /** The cluster whose Istio configuration a cluster's proxies use (itself unless it is a remote). */
  configCluster(cluster: string): string {
    const cc = this.clusters.get(cluster)?.meta.configCluster;
    return cc && this.clusters.has(cc) ? cc : cluster;
  }

  /** Whether a cluster runs Istio: it holds Istio objects or a control-plane namespace, or is a remote. */
  hasIstio(cluster: string): boolean {
    this.dep(cluster, '*', '*');
    const c = this.clusters.get(cluster);
    if (!c) return false;
    if (c.meta.configCluster) return true;
    if (c.kinds.get(K.Namespace)?.get('')?.has(this.meshConfig.rootNamespace))
      return true;
    for (const [kk, byNs] of c.kinds)
      if (kk.includes('istio.io/') && byNs.size) return true;
    return false;
  }

  /**
   * Network of a cluster: the `topology.istio.io/network` label of its control-plane namespace
   * (Istio's rule, `pilot/pkg/serviceregistry/kube/controller/network.go`), else the metadata,
   * else the meshNetworks network whose `fromRegistry` names the cluster.
   */
  clusterNetwork(cluster: string): string | undefined {
    return (
      this.namespaceLabels(cluster, this.meshConfig.rootNamespace)?.[
        NETWORK_LABEL
      ] ??
      this.clusters.get(cluster)?.meta.network ??
      networkFromRegistry(this.meshNetworks, cluster)
    );
  }

  /**
   * Network of an endpoint (`network.go`, `Network`): its own label (or WorkloadEntry `network`),
   * else its cluster's network, else the meshNetworks network whose `fromCidr` holds its address.
   */
  endpointNetwork(w: Workload): string | undefined {
    return (
      w.network ??
      this.clusterNetwork(w.cluster) ??
      networkFromCidr(this.meshNetworks, w.addresses)
    );
  }

  /** `sidecarInjectorWebhook.enableNamespacesByDefault` from the injector ConfigMap or mesh config. */
  enableNamespacesByDefault(cluster: string): boolean {
    const root = this.meshConfig.rootNamespace;
    for (const cm of this.list(cluster, K.ConfigMap, root)) {
      if (!cm.obj.metadata.name.startsWith('istio-sidecar-injector')) continue;
      const values = cm.obj.data?.values;
      if (typeof values !== 'string') continue;
      try {
        const parsed = JSON.parse(values);
        if (parsed?.sidecarInjectorWebhook?.enableNamespacesByDefault === true)
          return true;
      } catch {
        continue;
      }
    }
    return (
      this.meshConfig.sidecarInjectorWebhook?.enableNamespacesByDefault === true
    );
  }

  /**
   * A cluster's node agents as its system namespace shows them: whether it holds control-plane
   * workloads, whether a ztunnel runs, and istiod's ambient multi-network flag
   * (istio-semantics.md §g.1, §g.7). Depends on the pseudo-kind {@link NODE_AGENTS}, which
   * changes only when one of them does ({@link MeshIndex.takeAgentChanges}).
   */
  nodeAgents(cluster: string): NodeAgents {
    this.dep(cluster, NODE_AGENTS, '');
    let agents = this.agents.get(cluster);
    if (!agents) this.agents.set(cluster, (agents = this.readAgents(cluster)));
    return agents;
  }

  private readAgents(cluster: string): NodeAgents {
    const byKind = this.clusters.get(cluster)?.kinds;
    const root = this.meshConfig.rootNamespace;
    const objects: StoredObject[] = [];
    for (const kk of AGENT_KINDS) {
      const byName = byKind?.get(kk)?.get(root);
      if (byName) objects.push(...byName.values());
    }
    return readNodeAgents(objects);
  }

  /**
   * The namespaces of a cluster that hold proxied workloads (sidecars, gateways: `proxy` other
   * than `none`), for analyzers that ask whether *some other* namespace has clients. Depends on
   * the pseudo-kind {@link PROXIED_NAMESPACES}, which changes only when the set does
   * ({@link MeshIndex.takeProxiedChanges}); a workload change elsewhere does not rerun them.
   */
  proxiedNamespaces(cluster: string): ReadonlySet<string> {
    this.dep(cluster, PROXIED_NAMESPACES, '');
    let set = this.proxied.get(cluster);
    if (!set) {
      const saved = this.deps;
      this.deps = null;
      set = new Set();
      for (const ns of this.workloadNamespaceNames(cluster))
        if (!set.has(ns) && this.hasProxied(cluster, ns)) set.add(ns);
      this.deps = saved;
      this.proxied.set(cluster, set);
      this.proxiedSuspects.delete(cluster);
    }
    return set;
  }

  private hasProxied(cluster: string, namespace: string): boolean {
    return this.workloads(cluster, namespace).some(w => w.proxy !== 'none');
  }

  /**
   * Clusters whose {@link MeshIndex.proxiedNamespaces} changed since the last call: the namespaces
   * whose workloads changed are looked at again (now, not at every object of a burst).
   */
  takeProxiedChanges(): string[] {
    const saved = this.deps;
    this.deps = null;
    for (const [cluster, suspects] of this.proxiedSuspects) {
      const set = this.proxied.get(cluster);
      if (!set) continue;
      for (const ns of suspects) {
        const has = this.hasProxied(cluster, ns);
        if (has === set.has(ns)) continue;
        if (has) set.add(ns);
        else set.delete(ns);
        this.proxiedChanges.add(cluster);
      }
    }
    this.deps = saved;
    this.proxiedSuspects.clear();
    const out = [...this.proxiedChanges];
    this.proxiedChanges.clear();
    return out;
  }

  /** Clusters whose node agents changed since the last call. */
  takeAgentChanges(): string[] {
    const out = [...this.agentChanges];
    this.agentChanges.clear();
    return out;
  }

  /**
   * Records what the workloads of a namespace are built from: its workload kinds and its
   * Namespace ({@link WORKLOADS}), the injector and the node agents (the mesh config, a change to
   * which reruns every unit, is not recorded). `cluster` `*` stands for every cluster (one key per
   * input instead of one per cluster: a change in any cluster matches it).
   */
  private workloadDeps(cluster: string, namespace: string): void {
    if (!this.deps) return;
    const key = `${cluster}|${namespace}`;
    let keys = this.workloadDepKeys.get(key);
    if (!keys) {
      keys = [
        depKey(cluster, WORKLOADS, namespace),
        depKey(cluster, K.MutatingWebhookConfiguration, ''),
        depKey(cluster, NODE_AGENTS, ''),
      ];
      this.workloadDepKeys.set(key, keys);
    }
    for (const k of keys) this.deps.add(k);
  }

  /**
   * The workloads of one namespace in every cluster that has some (namespace sameness), with
   * their cluster, in cluster order. Records one fleet-wide dependency per input, not one per
   * cluster: at hundreds of clusters the per-cluster keys cost more than the analysis.
   */
  fleetWorkloads(
    namespace: string,
  ): Array<{ cluster: string; workloads: Workload[] }> {
    this.workloadDeps('*', namespace);
    let out = this.fleetWorkloadCache.get(namespace);
    if (!out) {
      const saved = this.deps;
      this.deps = null;
      out = [];
      for (const cluster of this.clusters.keys()) {
        const workloads = this.workloads(cluster, namespace);
        if (workloads.length) out.push({ cluster, workloads });
      }
      this.deps = saved;
      this.fleetWorkloadCache.set(namespace, out);
    }
    return out;
  }

  /** Workloads of one namespace (pods grouped by top owner, templates without pods, VMs). */
  workloads(cluster: string, namespace: string): Workload[] {
    const key = `${cluster}|${namespace}`;
    this.workloadDeps(cluster, namespace);
    let list = this.workloadCache.get(key);
    if (!list) {
      const saved = this.deps;
      this.deps = null;
      list = buildNamespaceWorkloads(this, cluster, namespace);
      this.deps = saved;
      this.workloadCache.set(key, list);
    }
    return list;
  }
}
