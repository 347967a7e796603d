import { LABEL_KUBERNETES_ID } from '../../annotations';
import { compareStrings, sameData } from '../model/compare';
import { serviceFqdn } from '../model/hosts';
import { kindKey, K, WORKLOAD_KINDS } from '../model/kinds';
import { mergeMeshConfig } from '../model/meshConfig';
import {
  AnalysisReport,
  ClusterInput,
  Edge,
  EntityPosture,
  KubeObject,
  MeshConfig,
  MeshNetworks,
  MeshSnapshot,
  Message,
  MessageLevel,
  MtlsStatus,
  NamespacePosture,
  ObjectRef,
  TrafficObservations,
  WorkloadPosture,
} from '../model/types';
import { ObjectSource } from '../load/parseKubeYaml';
import {
  EdgeCalculator,
  LogicalService,
  logicalService,
  serviceEntryServices,
} from '../posture/edges';
import { isCaller, type Workload } from '../snapshot/workloads';
import {
  depKey,
  NODE_AGENTS,
  PROXIED_NAMESPACES,
  WORKLOADS,
  DNS_DOMAIN,
  destinationRuleFqdn,
  destinationRuleRawHost,
  DR_ANY,
  DR_FQDN,
  DR_HOST,
  DR_WILDCARD,
  MeshIndex,
  scopeNamespace,
  StoredObject,
} from '../snapshot/MeshIndex';
import type { IstioCrdSchemas } from '../validation/schema/crdSchemas';
import { message as buildMessage } from '../validation/messages';
import { Analyzer } from '../validation/Analyzer';
import { ALL_ANALYZERS } from './analyzers';
import { runUnit, Unit, unitIdsFor } from './units';
import {
  buildLogicalServices,
  MeshService,
  MeshWorkload,
  toMeshWorkload,
} from '../topology/services';
import { buildTopology, Topology, workloadNodeId } from '../topology/topology';
import { serviceCallees } from '../topology/serviceCallees';
import {
  CallerEdges,
  edgeKey,
  EntityEdges,
  entityPosture,
} from '../posture/entityPosture';
import {
  callerKey,
  ObservedTrafficIndex,
  UNKNOWN_WORKLOAD,
} from '../traffic/observedTraffic';
import { joinTraffic, type TrafficJoin } from '../traffic/joinObservedTraffic';
import { observedCallerEdges } from '../traffic/observedCallerEdges';
import {
  edgeTrafficFindings,
  unusedAccessFindings,
} from '../traffic/trafficFindings';
import { fleetNamespaceReadiness } from '../meshplane/readiness';
import type {
  GatewayApiGateway,
  GatewayApiRoute,
  NamespaceReadiness,
} from '../../schema/openapi';
import {
  gatewayView,
  relatedRoutes,
  routeView,
  servedGateways,
} from '../gatewayApi/gatewayRoutes';
import {
  findingSubject,
  type SubjectService,
} from '../topology/findingSubject';

/** Options of {@link MeshAnalyzer}. @public */
export interface MeshAnalyzerOptions {
  meshConfig?: Partial<MeshConfig>;
  meshNetworks?: MeshNetworks;
  /** Istio CRD schemas for schema validation (see `loadIstioCrdSchemas`). */
  schemas?: IstioCrdSchemas;
}

/** Filter for {@link MeshAnalyzer.findings}. @public */
export interface FindingFilter {
  cluster?: string;
  namespace?: string | null;
  kind?: string;
  name?: string;
  code?: string;
  /** Minimum level. */
  level?: MessageLevel;
  /** Only findings on these objects. */
  objects?: Array<
    Pick<ObjectRef, 'kind' | 'namespace' | 'name'> & { cluster?: string }
  >;
}

/** Options of {@link MeshAnalyzer.upsert}. @public */
export interface UpsertOptions {
  /**
   * The change is to the object's status only (such as a pod's readiness): it bumps
   * {@link MeshAnalyzer.version} and its namespace's version, not {@link MeshAnalyzer.structuralVersion}.
   */
  statusOnly?: boolean;
}

/** A cluster where a logical service's Service exists (see {@link MeshAnalyzer.serviceClusters}). @public */
export interface ServiceCluster {
  cluster: string;
  /** The Service's `backstage.io/kubernetes-id` label. */
  kubernetesId?: string;
}

/** What changed since a version (see {@link MeshAnalyzer.changedSince}). @public */
export interface ChangeSet {
  version: number;
  /** Mesh-wide results (mesh status, fleet analyzers) changed. */
  mesh: boolean;
  /** Namespaces whose posture or findings changed. */
  namespaces: Array<{ cluster: string; namespace: string }>;
}

/** Edges of one service as a server, grouped by caller. @public */
export interface CallerGroup {
  cluster: string;
  namespace: string;
  outcome: Edge['outcome'];
  clientTls: Edge['clientTls'];
  workloads: string[];
  edges: Edge[];
}

/** Options of {@link MeshAnalyzer.entityView}. @public */
export interface EntityViewOptions {
  /** Most edges listed per direction (default 500); `outcomes`, `omitted` and `strictBlockers` count them all. */
  maxEdges?: number;
  /**
   * Answer for one cluster only (a cluster's catalog Resource): the services' instances,
   * workloads, posture and findings in that cluster, the edges into its instances and out of
   * its workloads, the topology of its instances and its config. Callers in other clusters
   * still count as callers of its instances.
   */
  cluster?: string;
  /**
   * Observed traffic to join (see `parseTrafficObservations`): the posture's lists then hold the
   * observed edges, each with `observed` (out-of-mesh callers included), busiest first within
   * an outcome; the outbound edges include the services the workloads were observed calling;
   * the findings include the join's (MPL0200–MPL0204); `posture.traffic` counts the edges
   * nobody used and lists the observed traffic that matches no configured edge.
   */
  traffic?: TrafficObservations;
}

/** Everything an entity tab needs about a set of logical services. @public */
export interface EntityView {
  services: MeshService[];
  workloads: MeshWorkload[];
  /**
   * The services' posture: their workloads' modes, their namespaces' status, their edges as
   * server (every potential caller: the non-mTLS ones listed, all counted) and as client (the
   * services' workloads to what {@link serviceCallees} names), each direction worst first and
   * cut at `maxEdges`, the omitted counts and the callers that block a move to STRICT. With
   * traffic, the observed edges are listed instead (see {@link EntityViewOptions.traffic}).
   */
  posture: EntityPosture;
  /** Findings on the services, their workloads and the config that targets them, most severe first ({@link compareFindings}). */
  findings: Message[];
  /** The services and one hop out. */
  topology: Topology;
}

const LEVEL_RANK: Record<MessageLevel, number> = {
  Error: 3,
  Warning: 2,
  Info: 1,
};

/** Ranks a level for `--fail-on` style comparisons. @public */
export function levelRank(level: MessageLevel): number {
  return LEVEL_RANK[level];
}

/** Orders findings by the object they concern, then code and path (the order of `report().messages`). */
function sortMessages(a: Message, b: Message): number {
  const ka = `${a.resource.cluster}|${a.resource.namespace ?? ''}|${
    a.resource.kind
  }|${a.resource.name}|${a.code}|${a.path ?? ''}`;
  const kb = `${b.resource.cluster}|${b.resource.namespace ?? ''}|${
    b.resource.kind
  }|${b.resource.name}|${b.code}|${b.path ?? ''}`;
  // The text last: an index's order never decides between two findings on one object and path.
  return compareStrings(ka, kb) || compareStrings(a.message, b.message);
}

/**
 * Orders findings most severe first, then by code, then by the object they concern: the order
 * of every list of findings the API and `meshplane analyze --entity` answer.
 * @public
 */
export function compareFindings(a: Message, b: Message): number {
  return (
    LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
    compareStrings(a.code, b.code) ||
    sortMessages(a, b)
  );
}

/** A namespace as part of a lookup key: distinct for null, undefined and every name (as `===` tells them apart). */
function namespacePart(namespace: string | null | undefined): string {
  if (namespace === null) return '\0';
  return namespace === undefined ? '\u0001' : namespace;
}

/** The key of {@link MeshAnalyzer.findings}' index of findings by object. */
function objectKey(
  kind: string,
  namespace: string | null | undefined,
  name: string,
): string {
  return `${kind}|${namespacePart(namespace)}|${name}`;
}

function combineMeshStatus(statuses: MtlsStatus[]): MtlsStatus {
  if (!statuses.length) return 'MTLS_NOT_ENABLED';
  return statuses.every(s => s === statuses[0])
    ? statuses[0]
    : 'MTLS_PARTIALLY_ENABLED';
}

/**
 * The incremental mesh analyzer the backend keeps per fleet. Objects go in with
 * {@link MeshAnalyzer.upsert} / {@link MeshAnalyzer.remove}; every query answers from results
 * that are recomputed only where a change can matter: each unit of analysis (an analyzer over
 * one namespace, the posture of one namespace, a cluster's mesh status) records the
 * (cluster, kind, namespace) slices it read, and a change reruns only the units that read it.
 * Mesh-wide inputs (mesh config, cluster metadata) rerun everything.
 * @public
 */
export class MeshAnalyzer {
  private readonly index = new MeshIndex();
  private readonly analyzers: readonly Analyzer[] = ALL_ANALYZERS;
  private readonly units = new Map<string, Unit>();
  /** Per cluster and kind, the (scope) namespaces whose units an object of that kind made. */
  private readonly unitsMade = new Map<string, Map<string, Set<string>>>();
  private readonly byDep = new Map<string, Set<Unit>>();
  private readonly dirty = new Set<Unit>();
  private readonly duplicates = new Map<string, Message>();
  /**
   * The units' findings by the object they concern (`kind|namespace|name`, every cluster), kept
   * as units are recomputed, so that {@link MeshAnalyzer.findings} on a few objects (an entity's)
   * looks them up instead of scanning the fleet's findings.
   */
  private readonly messagesByObject = new Map<string, Map<Message, number>>();
  /** Version of the last object change per `cluster|namespace` (inputs), for {@link MeshAnalyzer.changedSince}. */
  private readonly touched = new Map<string, number>();
  private meshTouchedAt = 0;
  private currentVersion = 0;
  /** Version of the last change that was more than a status (see {@link MeshAnalyzer.structuralVersion}). */
  private structuralAt = 0;
  /** The mesh config as given (before merging over Istio's defaults), for {@link MeshAnalyzer.snapshot}. */
  private meshConfigInput?: Partial<MeshConfig>;

  constructor(options: MeshAnalyzerOptions = {}) {
    this.meshConfigInput = options.meshConfig;
    this.index.meshConfig = mergeMeshConfig(options.meshConfig);
    this.index.meshNetworks = options.meshNetworks;
    this.index.schemas = options.schemas;
    for (const a of this.analyzers) {
      if (a.scope === 'fleet')
        this.addUnit({
          id: `f|${a.name}`,
          type: 'analyzer',
          analyzer: a,
          cluster: '',
          namespace: '',
        });
    }
  }

  /** Builds an analyzer loaded with a whole snapshot. */
  static fromSnapshot(
    snapshot: MeshSnapshot,
    options: Omit<MeshAnalyzerOptions, 'meshConfig' | 'meshNetworks'> = {},
  ): MeshAnalyzer {
    const a = new MeshAnalyzer({
      ...options,
      meshConfig: snapshot.meshConfig,
      meshNetworks: snapshot.meshNetworks,
    });
    for (const c of snapshot.clusters) a.loadCluster(c);
    return a;
  }

  /** Adds a cluster's objects (and metadata). */
  loadCluster(
    c: ClusterInput & { sources?: Array<ObjectSource | undefined> },
  ): void {
    this.setClusterMeta(c.name, {
      network: c.network,
      region: c.region,
      configCluster: c.configCluster,
    });
    c.objects.forEach((o, i) => this.upsert(c.name, o, c.sources?.[i]));
  }

  /** Current version; increments on every change. */
  get version(): number {
    return this.currentVersion;
  }

  /**
   * The version of the last change that was more than a status: every change but upserts with
   * `statusOnly`. Removals and mesh-wide inputs (mesh config, networks, cluster metadata,
   * schemas) are structural. Posture, edges, topology and findings anywhere in the fleet may
   * depend on a structural change; a status-only change shows only in its namespace's workloads.
   */
  get structuralVersion(): number {
    return this.structuralAt;
  }

  /**
   * The version of the last change to an object of a namespace of a cluster (a Namespace object
   * counts for itself), or 0 when none was seen: with {@link MeshAnalyzer.structuralVersion}, a
   * stamp for answers about that namespace.
   */
  namespaceVersion(cluster: string, namespace: string): number {
    return this.touched.get(`${cluster}|${namespace}`) ?? 0;
  }

  /** Bumps the version for a change to mesh-wide inputs, which reruns every unit. */
  private meshChanged(): void {
    this.currentVersion++;
    this.structuralAt = this.currentVersion;
    this.meshTouchedAt = this.currentVersion;
    this.invalidateAll();
  }

  private addUnit(u: Omit<Unit, 'deps' | 'changedAt'>): Unit {
    let unit = this.units.get(u.id);
    if (!unit) {
      unit = {
        ...u,
        deps: [],
        changedAt: this.currentVersion,
        seq: this.units.size,
      };
      this.units.set(u.id, unit);
      this.dirty.add(unit);
    }
    return unit;
  }

  private ensureCluster(cluster: string): void {
    if (this.index.clusters.has(cluster)) return;
    this.index.ensureCluster(cluster);
    for (const a of this.analyzers) {
      if (a.scope === 'cluster')
        this.addUnit({
          id: `c|${a.name}|${cluster}`,
          type: 'analyzer',
          analyzer: a,
          cluster,
          namespace: '',
        });
    }
    this.addUnit({ id: `m|${cluster}`, type: 'mesh', cluster, namespace: '' });
    this.invalidateAll();
  }

  private invalidate(cluster: string, kk: string, ns: string): void {
    // Nothing computed yet (an initial load or sync): nothing depends on anything.
    if (!this.byDep.size) return;
    for (const c of [cluster, '*']) {
      for (const k of [kk, '*']) {
        for (const n of [ns, '*']) {
          const set = this.byDep.get(depKey(c, k, n));
          if (set) for (const u of set) this.dirty.add(u);
        }
      }
    }
  }

  private invalidateAll(): void {
    if (this.dirty.size === this.units.size) return; // all dirty already
    for (const u of this.units.values()) this.dirty.add(u);
  }

  private changed(
    stored: StoredObject,
    previous?: StoredObject,
    statusOnly = false,
  ): void {
    this.currentVersion++;
    if (!statusOnly) this.structuralAt = this.currentVersion;
    const { cluster, kk, namespace } = stored;
    const scopeNs = scopeNamespace(kk, namespace, stored.obj.metadata.name);
    // Units are never dropped: once an object of a kind was seen in a namespace, another object
    // of that kind there adds none (an initial sync upserts thousands per namespace).
    let byKind = this.unitsMade.get(cluster);
    if (!byKind) this.unitsMade.set(cluster, (byKind = new Map()));
    let namespaces = byKind.get(kk);
    if (!namespaces) byKind.set(kk, (namespaces = new Set()));
    if (!namespaces.has(scopeNs)) {
      for (const u of unitIdsFor(
        this.analyzers,
        cluster,
        kk,
        namespace,
        scopeNs,
      ))
        this.addUnit(u);
      namespaces.add(scopeNs);
    }
    this.invalidate(cluster, kk, scopeNs);
    if (scopeNs !== namespace) this.invalidate(cluster, kk, namespace);
    if (kk === K.Namespace || WORKLOAD_KINDS.has(kk))
      this.invalidate(cluster, WORKLOADS, scopeNs);
    for (const c of this.index.takeAgentChanges())
      this.invalidate(c, NODE_AGENTS, '');
    if (scopeNs) this.touched.set(`${cluster}|${scopeNs}`, this.currentVersion);
    if (!scopeNs || scopeNs === this.index.meshConfig.rootNamespace)
      this.meshTouchedAt = this.currentVersion;
    if (kk === K.DestinationRule) {
      for (const dr of previous ? [stored, previous] : [stored]) {
        this.invalidate(cluster, DR_HOST, destinationRuleRawHost(dr));
        this.invalidate(cluster, DR_FQDN, destinationRuleFqdn(dr));
      }
      if (!previous) this.invalidate(cluster, DR_ANY, '');
      if (
        [stored, previous].some(
          dr => dr && destinationRuleFqdn(dr).startsWith('*'),
        )
      )
        this.invalidate(cluster, DR_WILDCARD, '');
    }
    if (kk === K.ConfigMap && namespace === this.index.meshConfig.rootNamespace)
      this.invalidateAll();
  }

  /**
   * Adds or replaces an object (read from `source`, when from a file). Throws an Error naming
   * the problem when it is not a Kubernetes object.
   */
  upsert(
    cluster: string,
    obj: KubeObject,
    source?: ObjectSource,
    options: UpsertOptions = {},
  ): void {
    if (
      !obj ||
      typeof obj !== 'object' ||
      typeof obj.apiVersion !== 'string' ||
      typeof obj.kind !== 'string' ||
      typeof obj.metadata?.name !== 'string'
    ) {
      throw new Error(
        `cluster ${cluster}: object lacks apiVersion, kind or metadata.name`,
      );
    }
    this.ensureCluster(cluster);
    const { stored, previous } = this.index.put(cluster, obj, source);
    const key = `${cluster}|${stored.kk}|${stored.namespace}|${obj.metadata.name}`;
    // The same document read twice (same file and line) is no duplicate; two documents are, in one file or two.
    if (
      previous?.source &&
      source &&
      (previous.source.file !== source.file ||
        previous.source.line !== source.line)
    ) {
      this.duplicates.set(
        key,
        buildMessage(
          'MPL0003',
          'meshplane.DuplicateObjectAnalyzer',
          stored,
          `${obj.kind} ${stored.namespace ? `${stored.namespace}/` : ''}${
            obj.metadata.name
          } is defined in ${previous.source.file}:${previous.source.line} and ${
            source.file
          }:${source.line}; the later one (${source.file}:${
            source.line
          }) is used`,
        ),
      );
    }
    this.changed(stored, previous, options.statusOnly);
  }

  /** Removes an object (no-op when absent). */
  remove(
    cluster: string,
    ref: Pick<ObjectRef, 'apiVersion' | 'kind' | 'namespace' | 'name'>,
  ): void {
    const kk = kindKey(ref);
    const namespace = ref.namespace ?? '';
    const removed = this.index.delete(cluster, kk, namespace, ref.name);
    if (!removed) return;
    this.duplicates.delete(`${cluster}|${kk}|${namespace}|${ref.name}`);
    this.changed(removed);
  }

  /** Sets a cluster's network, region and (for an Istio remote) config cluster; mesh-wide effect. */
  setClusterMeta(
    cluster: string,
    meta: { network?: string; region?: string; configCluster?: string },
  ): void {
    this.ensureCluster(cluster);
    const c = this.index.clusters.get(cluster)!;
    c.meta = { ...meta };
    this.meshChanged();
  }

  /** Replaces the mesh config (merged over Istio's defaults); mesh-wide effect. */
  setMeshConfig(meshConfig: Partial<MeshConfig> | undefined): void {
    this.meshConfigInput = meshConfig;
    this.index.meshConfig = mergeMeshConfig(meshConfig);
    this.index.clearDerived();
    this.meshChanged();
  }

  setMeshNetworks(meshNetworks: MeshNetworks | undefined): void {
    this.index.meshNetworks = meshNetworks;
    this.meshChanged();
  }

  setSchemas(schemas: IstioCrdSchemas | undefined): void {
    this.index.schemas = schemas;
    this.meshChanged();
  }

  /** Stored objects of every cluster, in insertion order (the order DestinationRule precedence follows). */
  private storedObjects(): StoredObject[] {
    const out: StoredObject[] = [];
    for (const cluster of this.index.clusters.values()) {
      for (const byNs of cluster.kinds.values())
        for (const byName of byNs.values()) out.push(...byName.values());
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /**
   * The objects and mesh inputs the analyzer holds now, as a snapshot: every cluster (in the
   * order they were added, with network, region and config cluster), its objects in insertion
   * order, the mesh config as given and the mesh networks. The objects are the stored
   * references, not copies; `MeshAnalyzer.fromSnapshot(a.snapshot())` reports what `a` reports
   * (except MPL0003 duplicate findings, which need the objects' source files: use {@link MeshAnalyzer.fork}).
   */
  snapshot(): MeshSnapshot {
    const objects = new Map<string, KubeObject[]>();
    for (const s of this.storedObjects()) {
      let list = objects.get(s.cluster);
      if (!list) objects.set(s.cluster, (list = []));
      list.push(s.obj);
    }
    const clusters = [...this.index.clusters].map(([name, c]) => {
      const input: ClusterInput = { name, objects: objects.get(name) ?? [] };
      if (c.meta.network !== undefined) input.network = c.meta.network;
      if (c.meta.region !== undefined) input.region = c.meta.region;
      if (c.meta.configCluster !== undefined)
        input.configCluster = c.meta.configCluster;
      return input;
    });
    const snapshot: MeshSnapshot = { clusters };
    if (this.meshConfigInput !== undefined)
      snapshot.meshConfig = this.meshConfigInput;
    if (this.index.meshNetworks !== undefined)
      snapshot.meshNetworks = this.index.meshNetworks;
    return snapshot;
  }

  /**
   * An independent copy: same objects (shared references; the engine never mutates them), source
   * locations, duplicate findings, cluster metadata, mesh config, mesh networks and schemas. Changes to the copy never reach this analyzer and vice versa.
   */
  fork(): MeshAnalyzer {
    const copy = new MeshAnalyzer({
      meshConfig: this.meshConfigInput,
      meshNetworks: this.index.meshNetworks,
      schemas: this.index.schemas,
    });
    for (const [name, c] of this.index.clusters)
      copy.setClusterMeta(name, c.meta);
    for (const s of this.storedObjects())
      copy.upsert(s.cluster, s.obj, s.source);
    for (const [key, m] of this.duplicates) copy.duplicates.set(key, m);
    copy.adoptResults(this);
    return copy;
  }

  /**
   * Takes over the results of `from`, which holds exactly the objects this analyzer was just
   * loaded with: its units (outputs are never mutated, only replaced, so they are shared),
   * their dependencies, what is still dirty there, and its versions. A fork then recomputes only
   * what changes made to it touch, instead of analysing the whole fleet again.
   */
  private adoptResults(from: MeshAnalyzer): void {
    this.units.clear();
    this.unitsMade.clear();
    this.byDep.clear();
    this.dirty.clear();
    for (const [id, unit] of from.units) {
      // A new Unit object (recompute replaces its fields); deps arrays are replaced, never mutated.
      const clone: Unit = { ...unit };
      this.units.set(id, clone);
      for (const d of clone.deps) {
        let set = this.byDep.get(d);
        if (!set) this.byDep.set(d, (set = new Set()));
        set.add(clone);
      }
    }
    for (const unit of from.dirty) this.dirty.add(this.units.get(unit.id)!);
    this.messagesByObject.clear();
    for (const unit of this.units.values())
      if (unit.output) this.indexMessages(unit.output.messages, 1);
    this.touched.clear();
    for (const [key, at] of from.touched) this.touched.set(key, at);
    this.currentVersion = from.currentVersion;
    this.structuralAt = from.structuralAt;
    this.meshTouchedAt = from.meshTouchedAt;
  }

  /**
   * Recomputes every unit a change has touched; returns how many ran. With `budgetMs`, stops
   * once that much time has passed (after at least one unit) and leaves the rest dirty, so that a
   * caller can spread a large recomputation over several turns of its event loop
   * ({@link MeshAnalyzer.pending} tells whether anything is left). Queries always refresh fully.
   */
  refresh(options: { budgetMs?: number } = {}): number {
    const deadline =
      options.budgetMs === undefined ? Infinity : Date.now() + options.budgetMs;
    let n = 0;
    for (const c of this.index.takeProxiedChanges())
      this.invalidate(c, PROXIED_NAMESPACES, '');
    for (const unit of this.dirty) {
      this.dirty.delete(unit);
      this.recompute(unit);
      n++;
      // A Set iterates what is added while iterating: units dirtied by this pass run in it too.
      if (Date.now() >= deadline) break;
    }
    return n;
  }

  /** Whether units wait for {@link MeshAnalyzer.refresh}. */
  get pending(): boolean {
    return this.dirty.size > 0;
  }

  private recompute(unit: Unit): void {
    for (const d of unit.deps) this.byDep.get(d)?.delete(unit);
    const deps = new Set<string>();
    this.index.deps = deps;
    let output;
    try {
      output = runUnit(this.index, unit);
    } catch (e) {
      output = {
        messages: [
          {
            code: 'IST0001',
            level: 'Error' as MessageLevel,
            analyzer: unit.analyzer?.name ?? 'meshplane',
            message: `Internal error while analysing ${unit.cluster}/${
              unit.namespace
            }: ${(e as Error)?.message ?? e}`,
            resource: {
              cluster: unit.cluster,
              apiVersion: 'v1',
              kind: 'Namespace',
              namespace: null,
              name: unit.namespace || unit.cluster,
            },
          },
        ],
        workloads: [],
        namespaces: [],
      };
    } finally {
      this.index.deps = null;
    }
    unit.deps = [...deps];
    for (const d of unit.deps) {
      let set = this.byDep.get(d);
      if (!set) this.byDep.set(d, (set = new Set()));
      set.add(unit);
    }
    if (!unit.output || !sameData(unit.output, output))
      unit.changedAt = this.currentVersion;
    if (unit.output) this.indexMessages(unit.output.messages, -1);
    this.indexMessages(output.messages, 1);
    unit.output = output;
  }

  /** Adds (`+1`) or removes (`-1`) a unit's findings in the index by object. */
  private indexMessages(messages: readonly Message[], delta: 1 | -1): void {
    for (const m of messages) {
      const key = objectKey(
        m.resource.kind,
        m.resource.namespace,
        m.resource.name,
      );
      let counts = this.messagesByObject.get(key);
      if (!counts) this.messagesByObject.set(key, (counts = new Map()));
      // Counted: a unit's output may list one message object twice.
      const n = (counts.get(m) ?? 0) + delta;
      if (n > 0) counts.set(m, n);
      else counts.delete(m);
      if (!counts.size) this.messagesByObject.delete(key);
    }
  }

  /**
   * The full report (no all-pairs edges unless `edges` is set). With `traffic`, the findings of
   * its join with the configuration (MPL0200–MPL0204), `traffic` (its window and the observed
   * traffic that matches no configured edge), and with `edges` each edge carries `observed`
   * and the observed out-of-mesh callers' edges are added.
   */
  report(
    options: { edges?: boolean; traffic?: TrafficObservations } = {},
  ): AnalysisReport {
    this.refresh();
    const messages: Message[] = [...this.duplicates.values()];
    const traffic = options.traffic
      ? ObservedTrafficIndex.of(options.traffic)
      : undefined;
    const observed = traffic && observedCallerEdges(this.index, traffic);
    if (traffic && observed)
      messages.push(
        ...edgeTrafficFindings(this.index, observed.edges, traffic.window),
        ...unusedAccessFindings(this.index, traffic),
      );
    const workloads: WorkloadPosture[] = [];
    const namespaces: NamespacePosture[] = [];
    const meshStatuses: MtlsStatus[] = [];
    for (const unit of this.units.values()) {
      const o = unit.output;
      if (!o) continue;
      for (const m of o.messages) messages.push(m);
      for (const w of o.workloads) workloads.push(w);
      for (const n of o.namespaces) namespaces.push(n);
      if (o.meshStatus) meshStatuses.push(o.meshStatus);
    }
    messages.sort(sortMessages);
    workloads.sort((a, b) =>
      `${a.cluster}|${a.namespace}|${a.name}` <
      `${b.cluster}|${b.namespace}|${b.name}`
        ? -1
        : 1,
    );
    namespaces.sort((a, b) =>
      `${a.cluster}|${a.namespace}` < `${b.cluster}|${b.namespace}` ? -1 : 1,
    );
    const report: AnalysisReport = {
      apiVersion: 'meshplane.io/v1alpha1',
      kind: 'AnalysisReport',
      clusters: this.index.clusterNames(),
      messages,
      mtls: {
        mesh: { status: combineMeshStatus(meshStatuses) },
        namespaces,
        workloads,
      },
    };
    if (options.edges) {
      const edges = this.allEdges();
      report.mtls.edges =
        traffic && observed
          ? [
              ...joinTraffic(edges, traffic).edges,
              ...observed.edges.filter(
                e => e.from.workload === UNKNOWN_WORKLOAD,
              ),
            ]
          : edges;
    }
    if (traffic && observed)
      report.traffic = {
        window: traffic.window,
        observedAt: traffic.observedAt,
        observedOnly: observed.observedOnly,
      };
    return report;
  }

  /**
   * The configured edges of observed traffic: for every caller → service → destination cluster
   * the observations hold, the edges the configuration gives that caller there (one per port
   * and subset) with `observed` — for an out-of-mesh caller (`workload: unknown`), those of a
   * caller without a proxy — and the observed traffic whose caller or service the fleet does not
   * hold. A request preview compares these edges before and after the change
   * (`observedTrafficAffected`).
   */
  trafficEdges(traffic: TrafficObservations): TrafficJoin {
    return observedCallerEdges(this.index, ObservedTrafficIndex.of(traffic));
  }

  /**
   * The Kiali mTLS status of one cluster: its mesh-wide status and its namespaces' (what `report()`
   * lists for that cluster, sorted by namespace), without computing or combining the other clusters'.
   */
  clusterMtls(cluster: string): {
    mesh: MtlsStatus;
    namespaces: NamespacePosture[];
  } {
    this.refresh();
    const namespaces: NamespacePosture[] = [];
    for (const unit of this.units.values()) {
      if (unit.type === 'posture' && unit.cluster === cluster && unit.output)
        namespaces.push(...unit.output.namespaces);
    }
    namespaces.sort((a, b) => compareStrings(a.namespace, b.namespace));
    const meshStatus = this.units.get(`m|${cluster}`)?.output?.meshStatus;
    return {
      mesh: combineMeshStatus(meshStatus ? [meshStatus] : []),
      namespaces,
    };
  }

  /** The Kiali namespace statuses of some namespaces (what `report()` lists for them), without a whole report. */
  namespacePostures(
    namespaces: Array<{ cluster: string; namespace: string }>,
  ): NamespacePosture[] {
    this.refresh();
    const out: NamespacePosture[] = [];
    for (const key of new Set(
      namespaces.map(n => `${n.cluster}|${n.namespace}`),
    )) {
      const output = this.units.get(`p|${key}`)?.output;
      if (output) out.push(...output.namespaces);
    }
    return out;
  }

  /** Findings matching a filter. */
  findings(filter: FindingFilter = {}): Message[] {
    this.refresh();
    const min = filter.level ? LEVEL_RANK[filter.level] : 0;
    // Objects by kind|namespace|name, so that a message is looked up, not compared with each.
    let objects: Map<string, Array<string | undefined>> | undefined;
    if (filter.objects) {
      objects = new Map();
      for (const o of filter.objects) {
        const key = objectKey(o.kind, o.namespace, o.name);
        const clusters = objects.get(key);
        if (clusters) clusters.push(o.cluster);
        else objects.set(key, [o.cluster]);
      }
    }
    const out: Message[] = [];
    const consider = (m: Message) => {
      const r = m.resource;
      if (filter.cluster !== undefined && r.cluster !== filter.cluster) return;
      if (filter.namespace !== undefined && r.namespace !== filter.namespace)
        return;
      if (filter.kind !== undefined && r.kind !== filter.kind) return;
      if (filter.name !== undefined && r.name !== filter.name) return;
      if (filter.code !== undefined && m.code !== filter.code) return;
      if (LEVEL_RANK[m.level] < min) return;
      if (objects) {
        const clusters = objects.get(objectKey(r.kind, r.namespace, r.name));
        if (
          !clusters ||
          !clusters.some(c => c === undefined || c === r.cluster)
        )
          return;
      }
      out.push(m);
    };
    for (const m of this.duplicates.values()) consider(m);
    if (objects) {
      // Only the objects' findings: looked up, not scanned.
      for (const key of objects.keys())
        for (const [m, n] of this.messagesByObject.get(key) ?? [])
          for (let i = 0; i < n; i++) consider(m);
    } else {
      for (const unit of this.units.values())
        if (unit.output) for (const m of unit.output.messages) consider(m);
    }
    return out.sort(sortMessages);
  }

  /**
   * What changed since `version` (pass the `version` of an earlier ChangeSet or of
   * {@link MeshAnalyzer.version}): namespaces whose objects or results changed, and whether
   * mesh-wide inputs or results did.
   */
  changedSince(version: number): ChangeSet {
    this.refresh();
    const namespaces = new Map<
      string,
      { cluster: string; namespace: string }
    >();
    let mesh = this.meshTouchedAt > version;
    for (const [key, at] of this.touched) {
      if (at <= version) continue;
      const [cluster, namespace] = key.split('|');
      namespaces.set(key, { cluster, namespace });
    }
    for (const unit of this.units.values()) {
      if (unit.changedAt <= version) continue;
      if (unit.type === 'mesh' || !unit.namespace) mesh = true;
      else
        namespaces.set(`${unit.cluster}|${unit.namespace}`, {
          cluster: unit.cluster,
          namespace: unit.namespace,
        });
    }
    return {
      version: this.currentVersion,
      mesh,
      namespaces: [...namespaces.values()],
    };
  }

  /** Logical services across clusters (same namespace/name). */
  services(): MeshService[] {
    return buildLogicalServices(this.index);
  }

  /**
   * Logical services (same namespace and name across clusters) with the clusters their Service
   * exists in, sorted, from the index of Services by host (no analysis).
   */
  serviceRefs(): Array<{
    namespace: string;
    name: string;
    clusters: string[];
  }> {
    const out = [];
    for (const host of this.index.serviceHostNames()) {
      const instances = this.index.servicesByHost(host);
      const { namespace, obj } = instances[0].service;
      out.push({
        namespace,
        name: obj.metadata.name,
        clusters: instances.map(i => i.cluster).sort(),
      });
    }
    return out;
  }

  /**
   * The clusters where a logical service's Service exists, in cluster order, with each one's
   * `backstage.io/kubernetes-id` label (empty when no cluster has it).
   */
  serviceClusters(namespace: string, name: string): ServiceCluster[] {
    return this.index
      .servicesByHost(serviceFqdn(name, namespace, DNS_DOMAIN))
      .map(({ cluster, service }) => {
        const kubernetesId = service.obj.metadata.labels?.[LABEL_KUBERNETES_ID];
        return kubernetesId ? { cluster, kubernetesId } : { cluster };
      });
  }

  /** The logical service a finding's object concerns, if any (the rules: `topology/findingSubject.ts`). */
  findingSubject(resource: ObjectRef): SubjectService | undefined {
    return findingSubject(this.index, resource);
  }

  /** One logical service, or undefined. */
  service(namespace: string, name: string): MeshService | undefined {
    return buildLogicalServices(this.index, [{ namespace, name }])[0];
  }

  /**
   * The findings that concern logical services: on their Service in each of their clusters,
   * their workloads and the Istio config that targets them, most severe first
   * ({@link compareFindings}). Looked up by object, not scanned.
   */
  serviceFindings(services: MeshService[]): Message[] {
    const objects = services.flatMap(s => [
      ...s.clusters.flatMap(c => [
        {
          cluster: c.cluster,
          kind: 'Service',
          namespace: s.namespace as string | null,
          name: s.name,
        },
        ...c.workloads.map(w => ({
          cluster: w.cluster,
          kind: w.kind,
          namespace: w.namespace as string | null,
          name: w.name,
        })),
      ]),
      ...s.config.map(r => ({
        cluster: r.cluster,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
      })),
    ]);
    return this.findings({ objects }).sort(compareFindings);
  }

  /** Workloads of every cluster (or one namespace). */
  workloads(
    filter: { cluster?: string; namespace?: string } = {},
  ): MeshWorkload[] {
    const out: MeshWorkload[] = [];
    for (const cluster of this.index.clusterNames()) {
      if (filter.cluster && cluster !== filter.cluster) continue;
      const namespaces = filter.namespace
        ? [filter.namespace]
        : [...this.index.workloadNamespaces(cluster)];
      for (const ns of namespaces)
        for (const w of this.index.workloads(cluster, ns))
          out.push(toMeshWorkload(this.index, w));
    }
    return out;
  }

  /** Edges with the service as server: every potential caller in the fleet, grouped by caller namespace and outcome. */
  serverEdges(namespace: string, name: string): CallerGroup[] {
    const svc = this.logical(namespace, name);
    if (!svc) return [];
    const calc = new EdgeCalculator(this.index);
    const out: CallerGroup[] = [];
    // Groups are per caller namespace: collect each namespace's apart (same order as one map over all).
    const groups = new Map<string, CallerGroup>();
    for (const { cluster, namespace: ns, clients } of this.callerNamespaces()) {
      calc.namespaceEdges(clients, svc, (client, edges) => {
        for (const e of edges) {
          const key = `${e.outcome}|${e.clientTls}`;
          let g = groups.get(key);
          if (!g)
            groups.set(
              key,
              (g = {
                cluster,
                namespace: ns,
                outcome: e.outcome,
                clientTls: e.clientTls,
                workloads: [],
                edges: [],
              }),
            );
          if (!g.workloads.includes(client.name)) g.workloads.push(client.name);
          g.edges.push(e);
        }
      });
      if (groups.size) {
        for (const g of groups.values()) out.push(g);
        groups.clear();
      }
    }
    return out;
  }

  /** Every namespace of every cluster with its workloads that can call services (`isCaller`). */
  private *callerNamespaces(): Iterable<{
    cluster: string;
    namespace: string;
    clients: Workload[];
  }> {
    for (const cluster of this.index.clusterNames()) {
      for (const namespace of this.index.workloadNamespaces(cluster)) {
        yield {
          cluster,
          namespace,
          clients: this.index.workloads(cluster, namespace).filter(isCaller),
        };
      }
    }
  }

  /**
   * Every potential caller of a service (the callers of {@link MeshAnalyzer.serverEdges}) with
   * its edges, shared among the callers that get the same (see `CallerEdges`); with
   * `cluster`, only the edges into that cluster's instances.
   */
  private callerEdges(
    namespace: string,
    name: string,
    cluster?: string,
  ): CallerEdges[] {
    const svc = this.logical(namespace, name);
    if (!svc) return [];
    const calc = new EdgeCalculator(this.index);
    const out: CallerEdges[] = [];
    for (const { clients } of this.callerNamespaces()) {
      calc.namespaceEdgeTemplates(clients, svc, (client, template) => {
        const edges =
          cluster === undefined
            ? template
            : template.filter(e => e.to.cluster === cluster);
        if (edges.length)
          out.push({
            from: {
              cluster: client.cluster,
              namespace: client.namespace,
              workload: client.name,
            },
            edges,
          });
      });
    }
    return out;
  }

  /** Edges with one workload as client: the services (and ServiceEntry hosts) it can route to. */
  clientEdges(cluster: string, namespace: string, workload: string): Edge[] {
    const client = this.index
      .workloads(cluster, namespace)
      .find(w => w.name === workload);
    if (!client) return [];
    const calc = new EdgeCalculator(this.index);
    return this.edgeTargets().flatMap(s => calc.edges(client, s));
  }

  /** Every service a client can have edges to: logical Kubernetes services and ServiceEntry hosts. */
  private edgeTargets(): LogicalService[] {
    const services = buildLogicalServices(this.index)
      .map(s => this.logical(s.namespace, s.name)!)
      .filter(Boolean);
    return [...services, ...serviceEntryServices(this.index)];
  }

  private logical(namespace: string, name: string) {
    return logicalService(this.index, namespace, name);
  }

  /**
   * Every client workload → service port edge (quadratic: tests and small inputs). Clients are the
   * workloads {@link MeshAnalyzer.serverEdges} counts as callers: every pod workload, and VMs with
   * a sidecar.
   */
  allEdges(): Edge[] {
    const calc = new EdgeCalculator(this.index);
    const services = this.edgeTargets();
    const out: Edge[] = [];
    for (const cluster of this.index.clusterNames()) {
      for (const ns of this.index.workloadNamespaces(cluster)) {
        for (const client of this.index.workloads(cluster, ns)) {
          if (!isCaller(client)) continue;
          for (const svc of services) out.push(...calc.edges(client, svc));
        }
      }
    }
    return out;
  }

  /** Topology of the whole fleet, or of the given services and one hop around them. */
  topology(around?: Array<{ namespace: string; name: string }>): Topology {
    return buildTopology(this.index, around);
  }

  /** Everything an entity tab needs for one logical service. */
  serviceView(
    namespace: string,
    name: string,
    options: EntityViewOptions = {},
  ): EntityView {
    return this.entityView([{ namespace, name }], options);
  }

  /**
   * Migration readiness of a namespace in every cluster that has it: what would break or change
   * if its workloads moved from sidecars to ambient (istio-semantics.md §g.11).
   */
  readiness(namespace: string): NamespaceReadiness[] {
    return fleetNamespaceReadiness(this.index, namespace);
  }

  /**
   * The Gateway API Gateways (of Istio's classes, not waypoints) a logical service serves in
   * each of its clusters: the Gateway whose generated Service it is
   * (`gateway.networking.k8s.io/gateway-name`), or whose `spec.addresses` name its host. Sorted
   * by cluster, namespace and name; empty for a service that serves none.
   */
  gatewayApiGateways(namespace: string, name: string): GatewayApiGateway[] {
    return this.index
      .servicesByHost(serviceFqdn(name, namespace, DNS_DOMAIN))
      .slice()
      .sort((a, b) => compareStrings(a.cluster, b.cluster))
      .flatMap(({ service }) => servedGateways(this.index, service))
      .map(gatewayView);
  }

  /**
   * The Gateway API routes attached to the Gateways the logical services serve or reaching the
   * services (as a backend, or as the parent of a mesh route), with their parents and backends
   * as Istio attaches and resolves them, and the codes of the findings on each backend. A route
   * that comes out the same in several clusters is listed once with those clusters. Sorted by
   * namespace, name, kind and clusters. With `cluster`, that cluster only.
   */
  gatewayApiRoutes(
    refs: Array<{ namespace: string; name: string }>,
    options: { cluster?: string } = {},
  ): GatewayApiRoute[] {
    if (!refs.length) return [];
    this.refresh();
    const merged = new Map<string, GatewayApiRoute>();
    for (const cluster of [...this.index.clusterNames()].sort(compareStrings)) {
      if (options.cluster !== undefined && cluster !== options.cluster)
        continue;
      const gateways = refs.flatMap(ref => {
        const service = this.index.get(
          cluster,
          K.Service,
          ref.namespace,
          ref.name,
        );
        return service ? servedGateways(this.index, service) : [];
      });
      for (const related of relatedRoutes(this.index, cluster, {
        gateways,
        services: refs,
      })) {
        const { route, kind } = related.attachment;
        const findings = this.findings({
          objects: [
            {
              cluster,
              kind,
              namespace: route.namespace,
              name: route.obj.metadata.name,
            },
          ],
        });
        const view = routeView(related, path =>
          [
            ...new Set(
              findings
                .filter(
                  f =>
                    f.path !== undefined &&
                    (f.path === path || f.path.startsWith(`${path}.`)),
                )
                .map(f => f.code),
            ),
          ].sort(
            (a, b) =>
              Number(!a.startsWith('MPL')) - Number(!b.startsWith('MPL')) ||
              compareStrings(a, b),
          ),
        );
        const key = JSON.stringify({ ...view, clusters: [] });
        const known = merged.get(key);
        if (known) known.clusters.push(cluster);
        else merged.set(key, view);
      }
    }
    return [...merged.values()].sort(
      (a, b) =>
        compareStrings(a.namespace, b.namespace) ||
        compareStrings(a.name, b.name) ||
        compareStrings(a.kind, b.kind) ||
        compareStrings(a.clusters.join(','), b.clusters.join(',')),
    );
  }

  /**
   * Everything an entity tab needs for a set of logical services: the answer the API serves
   * for an entity linked to them and `meshplane analyze --entity` prints.
   */
  entityView(
    refs: Array<{ namespace: string; name: string }>,
    options: EntityViewOptions = {},
  ): EntityView {
    this.refresh();
    const { cluster } = options;
    const services = buildLogicalServices(this.index, refs)
      .map(s =>
        cluster === undefined
          ? s
          : {
              ...s,
              clusters: s.clusters.filter(c => c.cluster === cluster),
              config: s.config.filter(r => r.cluster === cluster),
            },
      )
      .filter(s => s.clusters.length > 0);
    const workloads = services.flatMap(s =>
      s.clusters.flatMap(c => c.workloads),
    );
    const keys = new Set(
      workloads.map(w => `${w.cluster}|${w.namespace}|${w.name}`),
    );
    const nsKeys = new Set(
      services.flatMap(s => s.clusters.map(c => `${c.cluster}|${s.namespace}`)),
    );
    const posture: WorkloadPosture[] = [];
    const namespaces: NamespacePosture[] = [];
    // The namespaces' posture units, in the order of all units (as a scan of them would give).
    const postureUnits: Unit[] = [];
    for (const nsKey of nsKeys) {
      const unit = this.units.get(`p|${nsKey}`);
      if (unit?.type === 'posture' && unit.output) postureUnits.push(unit);
    }
    postureUnits.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    for (const unit of postureUnits) {
      posture.push(
        ...unit.output!.workloads.filter(w =>
          keys.has(`${w.cluster}|${w.namespace}|${w.name}`),
        ),
      );
      namespaces.push(...unit.output!.namespaces);
    }
    const topology = buildTopology(this.index, refs, cluster);
    const inbound = services.flatMap(s =>
      this.callerEdges(s.namespace, s.name, cluster),
    );
    const outbound = this.outboundEdges(services, topology);
    let findings = this.serviceFindings(services);
    let traffic: EntityEdges['traffic'];
    if (options.traffic) {
      const index = ObservedTrafficIndex.of(options.traffic);
      const own = new Set(
        workloads.map(w =>
          callerKey({
            cluster: w.cluster,
            namespace: w.namespace,
            workload: w.name,
          }),
        ),
      );
      const serviceRefs = new Set(
        services.map(s => `${s.namespace}/${s.name}`),
      );
      const into = (to: {
        cluster: string;
        namespace: string;
        service: string;
      }) =>
        serviceRefs.has(`${to.namespace}/${to.service}`) &&
        (cluster === undefined || to.cluster === cluster);
      const observed = observedCallerEdges(
        this.index,
        index,
        o => into(o.to) || own.has(callerKey(o.from)),
      );
      // Out-of-mesh callers are callers of the services; what the workloads were observed
      // calling is outbound, beside what their configuration names.
      const unknownCallers = new Map<
        string,
        { from: Edge['from']; edges: Edge[] }
      >();
      const listed = new Set(outbound.map(edgeKey));
      for (const e of observed.edges) {
        if (e.from.workload === UNKNOWN_WORKLOAD) {
          const key = callerKey(e.from);
          const caller = unknownCallers.get(key);
          if (caller) caller.edges.push(e);
          else unknownCallers.set(key, { from: e.from, edges: [e] });
        } else if (
          own.has(callerKey(e.from)) &&
          !serviceRefs.has(`${e.to.namespace}/${e.to.service}`) &&
          !listed.has(edgeKey(e))
        )
          outbound.push(e);
      }
      inbound.push(...unknownCallers.values());
      findings = [
        ...findings,
        ...edgeTrafficFindings(this.index, observed.edges, index.window),
        ...unusedAccessFindings(this.index, index, {
          services: serviceRefs,
          workloads: own,
        }),
      ].sort(compareFindings);
      traffic = { index, observedOnly: observed.observedOnly };
    }
    return {
      services,
      workloads,
      posture: entityPosture({
        workloads: posture,
        namespaces,
        inbound,
        outbound,
        maxEdges: options.maxEdges ?? 500,
        traffic,
      }),
      findings,
      topology,
    };
  }

  /**
   * Edges of the services' workloads as clients (those that can call: see
   * {@link MeshAnalyzer.allEdges}) to the services that any of the services
   * calls ({@link serviceCallees}).
   */
  private outboundEdges(services: MeshService[], topology: Topology): Edge[] {
    const callees = new Map<string, LogicalService>();
    for (const s of services) {
      for (const c of serviceCallees(topology, s)) {
        const callee = this.logical(c.namespace, c.name);
        if (callee) callees.set(`${c.namespace}/${c.name}`, callee);
      }
    }
    const own = new Set(
      services.flatMap(s =>
        s.clusters.flatMap(c => c.workloads.map(workloadNodeId)),
      ),
    );
    const clients: Workload[] = [];
    const namespaces = new Set(
      services.flatMap(s => s.clusters.map(c => `${c.cluster}|${s.namespace}`)),
    );
    for (const key of namespaces) {
      const [cluster, namespace] = key.split('|');
      for (const w of this.index.workloads(cluster, namespace))
        if (isCaller(w) && own.has(workloadNodeId(w))) clients.push(w);
    }
    const calc = new EdgeCalculator(this.index);
    return clients.flatMap(client =>
      [...callees.values()].flatMap(svc => calc.edges(client, svc)),
    );
  }
}
