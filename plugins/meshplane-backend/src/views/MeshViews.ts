import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  ClusterConnectionStatus,
  Edge,
  EntityCluster,
  EntityMeshView,
  EntityMetrics,
  EntityTrafficResponse,
  EntityWorkload,
  NamespaceTrafficResponse,
  FindingsQuery,
  FindingsResponse,
  MeshAnalyzer,
  MeshService,
  Message,
  ServiceListQuery,
  ServiceListResponse,
  ServiceRef,
  ServiceSummary,
  Topology,
  TrafficObservations,
  TrafficWindow,
} from '@meshplane/plugin-meshplane-common';
import {
  compareFindings,
  edgeKey,
  joinObservedTraffic,
  levelRank,
  serviceCallees,
  serviceNodeId,
  workloadNodeId,
} from '@meshplane/plugin-meshplane-common';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { CatalogServiceClaims } from '../catalog';
import type { Fleet } from '../fleet/Fleet';
import {
  type MetricsSourceStatus,
  noObservations,
  observeServices,
  type TrafficMetrics,
} from '../traffic';
import { checkTrafficSubject } from '../traffic/trafficPromql';
import { clusterProblems, syncMinute } from './clusterViews';
import { resolveEntityLinks } from './resolveEntityLinks';
import { toMeshTopology } from './toMeshTopology';
import {
  countFindings,
  serviceKubernetesId,
  toServiceSummary,
} from './toServiceSummary';

interface Cached<T> {
  stamp: string;
  value: T;
}

/**
 * A stamp of everything a cached answer about these namespaces (in every cluster) depends on:
 * the engine's structural version and the namespaces' versions. Equal stamps mean the cached
 * answer is current.
 */
function namespacesStamp(
  analyzer: MeshAnalyzer,
  namespaces: Iterable<{ cluster: string; namespace: string }>,
): string {
  const parts = [String(analyzer.structuralVersion)];
  for (const { cluster, namespace } of namespaces) {
    parts.push(String(analyzer.namespaceVersion(cluster, namespace)));
  }
  return parts.join(':');
}

/** A serialised entity view, with its ETag and (on first use) its gzip encoding. */
export interface EntityAnswer {
  json: string;
  etag: string;
  gzip(): Buffer;
}

/** The part of an entity view that only structural changes affect. */
interface EntityStructure
  extends Pick<
    EntityMeshView,
    | 'services'
    | 'workloads'
    | 'topology'
    | 'posture'
    | 'findings'
    | 'findingCounts'
    | 'gateways'
    | 'routes'
  > {
  /** Workload node ids per `cluster|namespace/name` service instance. */
  instanceWorkloads: Map<string, string[]>;
  /** Namespaces (per cluster) whose readiness the view shows. */
  namespaces: Array<{ cluster: string; namespace: string }>;
  clusterNames: string[];
  /** The engine's topology around the services and the ids of the entity's own nodes. */
  engineTopology: Topology;
  ownNodeIds: Set<string>;
  /** What to ask the metrics sources: each service with its workloads' names. */
  trafficSubjects: Array<{
    namespace: string;
    name: string;
    workloads: string[];
  }>;
  /** The clusters the entity's edges touch: its own, its listed callers' and callees'. */
  trafficClusters: string[];
}

/** What `GET /entity/...` asks of the traffic join. */
export interface EntityTrafficOptions {
  /** Default `5m`. */
  window?: TrafficWindow;
  /** Default `observed` when a metrics source answered. */
  callers?: 'observed' | 'all';
}

/** How long the fleet's cluster problems are reused between entity answers. */
const PROBLEMS_TTL_MS = 250;

/**
 * Everything the REST API answers, computed from the fleet's cache and kept
 * until what it depends on changes, by the engine's versions: findings and
 * service summaries per version, the fleet's topology and entity views per
 * structural version, readiness and serialised entity answers per version of
 * the namespaces they cover.
 */
export class MeshViews {
  private readonly fleet: Fleet;
  private readonly claims: Pick<
    CatalogServiceClaims,
    'entityRefOf' | 'version'
  >;
  private readonly entityMaxServices: number;
  private readonly traffic?: TrafficMetrics;
  /** Every finding of the fleet, most severe first, for `GET /findings`. */
  private allFindings?: Cached<Message[]>;
  private fleetTopology?: Cached<Topology>;
  private readonly summaries = new Map<
    string,
    Cached<ServiceSummary | undefined>
  >();
  private readonly entities = new Map<string, Cached<EntityStructure>>();
  private problems?: { at: number; value: ReturnType<typeof clusterProblems> };
  /** The last observed traffic per entity structure and window (its merged document is reused). */
  private readonly observed = new WeakMap<
    EntityStructure,
    Map<TrafficWindow, Awaited<ReturnType<typeof observeServices>>>
  >();
  /** The engine's entity views joined with traffic, per entity and window. */
  private readonly trafficViews = new Map<
    string,
    Cached<ReturnType<MeshAnalyzer['entityView']>>
  >();
  /** The parts of entity answers joined with traffic, per entity, window and `callers`. */
  private readonly joined = new Map<
    string,
    Cached<
      Pick<
        EntityMeshView,
        'topology' | 'posture' | 'findings' | 'findingCounts'
      >
    >
  >();
  private readonly answers = new Map<string, Cached<EntityAnswer>>();
  private readonly namespaceReadiness = new Map<
    string,
    Cached<Map<string, { readyPods: number; totalPods: number }>>
  >();

  constructor(options: {
    fleet: Fleet;
    /** The catalog entity claiming each service, named in the answers as `entityRef`. */
    claims: Pick<CatalogServiceClaims, 'entityRefOf' | 'version'>;
    entityMaxServices: number;
    /** The metrics sources; without one (or with none configured) answers carry no `metrics`. */
    traffic?: TrafficMetrics;
  }) {
    this.fleet = options.fleet;
    this.claims = options.claims;
    this.entityMaxServices = options.entityMaxServices;
    this.traffic = options.traffic;
  }

  /** Changes when an answer's `entityRef`s may change: part of the ETags of the answers that carry them. */
  get claimsVersion(): number {
    return this.claims.version;
  }

  /** A service with the catalog entity that claims it, as last read from the catalog. */
  private withEntityRef<T extends ServiceRef>(
    service: T,
    kubernetesId: string | undefined,
  ): T & { entityRef?: string } {
    const entityRef = this.claims.entityRefOf({
      namespace: service.namespace,
      name: service.name,
      kubernetesId,
    });
    return entityRef ? { ...service, entityRef } : service;
  }

  private get analyzer(): MeshAnalyzer {
    return this.fleet.state.analyzer;
  }

  /** One cluster's mTLS status (mesh-wide and per namespace), for `GET /clusters/:name`. */
  clusterMtls(cluster: string): ClusterDetail['mtls'] {
    return this.analyzer.clusterMtls(cluster);
  }

  private findings(): Message[] {
    const stamp = String(this.analyzer.version);
    if (this.allFindings?.stamp !== stamp) {
      this.allFindings = {
        stamp,
        value: this.analyzer.findings().sort(compareFindings),
      };
    }
    return this.allFindings.value;
  }

  private topology(): Topology {
    const stamp = String(this.analyzer.structuralVersion);
    if (this.fleetTopology?.stamp !== stamp) {
      this.fleetTopology = { stamp, value: this.analyzer.topology() };
    }
    return this.fleetTopology.value;
  }

  private namespacesOf(
    refs: ServiceRef[],
  ): Array<{ cluster: string; namespace: string }> {
    return refs.flatMap(ref =>
      this.analyzer
        .serviceClusters(ref.namespace, ref.name)
        .map(({ cluster }) => ({ cluster, namespace: ref.namespace })),
    );
  }

  /**
   * Summary of one logical service, or undefined when no cluster has it.
   * `topology` must contain the service and one hop around it (default: the fleet's).
   */
  serviceSummary(
    ref: ServiceRef,
    topology: () => Topology = () => this.topology(),
    current?: MeshService,
  ): ServiceSummary | undefined {
    const key = `${ref.namespace}/${ref.name}`;
    // Its findings follow every change (the engine looks them up by object).
    const stamp = String(this.analyzer.version);
    const cached = this.summaries.get(key);
    if (cached?.stamp === stamp) return cached.value;
    // `current`: the engine's service as of this version, when the caller has just built it.
    const service = current ?? this.analyzer.service(ref.namespace, ref.name);
    const value = service
      ? toServiceSummary({
          service,
          fleet: this.fleet,
          findings: this.analyzer.serviceFindings([service]),
          calls: serviceCallees(topology(), service),
        })
      : undefined;
    this.summaries.set(key, { stamp, value });
    return value;
  }

  /** `GET /services`: filter on names first, then summarise only the requested page. */
  listServices(
    query: Required<Pick<ServiceListQuery, 'limit' | 'offset'>> &
      ServiceListQuery,
  ): ServiceListResponse {
    const q = query.q?.toLowerCase();
    const matching = this.analyzer
      .serviceRefs()
      .filter(
        ref =>
          (!query.namespace || ref.namespace === query.namespace) &&
          (!query.cluster || ref.clusters.includes(query.cluster)) &&
          (!q || `${ref.namespace}/${ref.name}`.toLowerCase().includes(q)),
      )
      .sort(
        (a, b) =>
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name),
      );
    const page = matching.slice(query.offset, query.offset + query.limit);
    return {
      items: page
        .map(ref => this.serviceSummary(ref))
        .filter((s): s is ServiceSummary => Boolean(s))
        .map(s => this.withEntityRef(s, s.kubernetesId)),
      totalItems: matching.length,
      offset: query.offset,
      limit: query.limit,
      problems: clusterProblems(this.fleet),
    };
  }

  /** `GET /findings`. */
  listFindings(
    query: Required<Pick<FindingsQuery, 'limit' | 'offset'>> & FindingsQuery,
  ): FindingsResponse {
    const q = query.q?.toLowerCase();
    const codes = query.code?.length ? new Set(query.code) : undefined;
    const unlevelled = this.findings().filter(f => {
      const r = f.resource;
      return (
        (!query.cluster || r.cluster === query.cluster) &&
        (!query.namespace || r.namespace === query.namespace) &&
        (!query.kind || r.kind === query.kind) &&
        (!codes || codes.has(f.code)) &&
        (!q ||
          f.message.toLowerCase().includes(q) ||
          r.name.toLowerCase().includes(q) ||
          f.code.toLowerCase().includes(q))
      );
    });
    const min = query.level ? levelRank(query.level) : 0;
    const matching = unlevelled.filter(f => levelRank(f.level) >= min);
    return {
      // The service each finding concerns, for the page only: a link to where it shows.
      items: matching
        .slice(query.offset, query.offset + query.limit)
        .map(finding => {
          const service = this.analyzer.findingSubject(finding.resource);
          return service
            ? {
                ...finding,
                service: this.withEntityRef(
                  service,
                  serviceKubernetesId(
                    this.analyzer,
                    service.namespace,
                    service.name,
                  ),
                ),
              }
            : finding;
        }),
      totalItems: matching.length,
      offset: query.offset,
      limit: query.limit,
      counts: countFindings(unlevelled),
      problems: clusterProblems(this.fleet),
    };
  }

  /**
   * `GET /entity/...`: the answer for a resolved catalog entity, as JSON text.
   * Answers are kept until the entity's structure, the readiness in its
   * namespaces or the state of the clusters change, so repeated requests cost
   * neither recomputation nor serialisation (nor compression). With a metrics
   * source, the observed traffic of the window is joined in (`metrics` says
   * with what); a source that is down leaves the configuration's answer.
   */
  async entityAnswer(
    entity: Entity,
    entityRef: string,
    options: EntityTrafficOptions = {},
  ): Promise<EntityAnswer> {
    const { linked, cacheKey, structure, structureStamp } =
      this.entityStructure(entity, entityRef);
    let metrics: EntityMetrics | undefined;
    let parts: Pick<
      EntityMeshView,
      'topology' | 'posture' | 'findings' | 'findingCounts'
    > = structure;
    let answerKey = cacheKey;
    let trafficStamp = '';
    if (this.traffic?.configured) {
      const window = options.window ?? '5m';
      const observed = await this.observeStructure(structure, window);
      const joined = observed.answered;
      const callers = joined ? options.callers ?? 'observed' : 'all';
      metrics = {
        window,
        callers,
        joined,
        ...(joined ? { observedAt: observed.observations.observedAt } : {}),
        sources: observed.sources,
      };
      answerKey = `${cacheKey}|${window}|${callers}`;
      trafficStamp = `${observed.stamp}|${JSON.stringify(metrics)}`;
      if (joined) {
        parts = this.joinedParts(
          `${answerKey}`,
          `${structureStamp}|${observed.stamp}`,
          linked,
          structure,
          observed.observations,
          callers,
        );
      }
    }
    const problems = this.currentProblems();
    const briefs = structure.clusterNames.map(name => {
      const connection = this.fleet.get(name);
      const brief = connection?.brief();
      return [
        brief?.status,
        syncMinute(brief?.lastSync),
        connection?.staleKinds(),
      ];
    });
    const answerStamp = `${namespacesStamp(
      this.analyzer,
      structure.namespaces,
    )}|${JSON.stringify(problems)}|${JSON.stringify(briefs)}|${
      linked.truncated
    }|${this.claims.version}|${structureStamp}|${trafficStamp}`;
    const previous = this.answers.get(answerKey);
    if (previous?.stamp === answerStamp) return previous.value;

    const readiness = this.readiness(structure.namespaces);
    const workloads = structure.workloads.map(w => {
      const r = readiness.get(workloadNodeId(w));
      return r ? { ...w, ready: r.readyPods, total: r.totalPods } : w;
    });
    const services = structure.services.map(s => ({
      ...this.withEntityRef(s, s.kubernetesId),
      clusters: s.clusters.map(c => {
        const ids =
          structure.instanceWorkloads.get(
            `${c.cluster}|${s.namespace}/${s.name}`,
          ) ?? [];
        const counts = ids
          .map(id => readiness.get(id))
          .filter(Boolean) as Array<{ readyPods: number; totalPods: number }>;
        return counts.length === ids.length
          ? {
              ...c,
              readyPods: counts.reduce((n, r) => n + r.readyPods, 0),
              totalPods: counts.reduce((n, r) => n + r.totalPods, 0),
            }
          : c;
      }),
    }));
    const view: EntityMeshView = {
      entityRef,
      links: linked.links,
      services,
      workloads,
      clusters: this.entityClusters(
        structure.clusterNames,
        services,
        workloads,
      ),
      topology: parts.topology,
      posture: parts.posture,
      findings: parts.findings,
      findingCounts: parts.findingCounts,
      gateways: structure.gateways,
      routes: structure.routes,
      ...(metrics ? { metrics } : {}),
      problems,
      truncated: linked.truncated,
      generatedAt: new Date().toISOString(),
    };
    const json = JSON.stringify(view);
    let gzipped: Buffer | undefined;
    const answer: EntityAnswer = {
      json,
      etag: `W/"${createHash('sha1')
        .update(json)
        .digest('base64url')
        .slice(0, 22)}"`,
      gzip: () => (gzipped ??= gzipSync(json)),
    };
    this.answers.set(answerKey, { stamp: answerStamp, value: answer });
    return answer;
  }

  /** The entity's links and its configuration's part of the answer (cached per structural version). */
  private entityStructure(entity: Entity, entityRef: string) {
    const linked = resolveEntityLinks(
      entity,
      entityRef,
      this.analyzer,
      this.entityMaxServices,
    );
    const cacheKey = `${entityRef}|${JSON.stringify(linked.links)}`;
    // Posture, edges, topology and findings change only with structural changes;
    // readiness is laid over them from the entity's own namespaces.
    const structureStamp = `${this.analyzer.structuralVersion}|${
      linked.cluster ?? ''
    }|${JSON.stringify(linked.services)}`;
    let cached = this.entities.get(cacheKey);
    if (cached?.stamp !== structureStamp) {
      cached = {
        stamp: structureStamp,
        value: this.computeEntityStructure(linked.services, linked.cluster),
      };
      this.entities.set(cacheKey, cached);
    }
    return { linked, cacheKey, structure: cached.value, structureStamp };
  }

  /**
   * `GET /entity/.../traffic`: the entity's observed traffic over the window, as the document
   * `meshplane analyze --traffic` reads, with each source's status.
   */
  async entityTraffic(
    entity: Entity,
    entityRef: string,
    window: TrafficWindow = '5m',
  ): Promise<EntityTrafficResponse> {
    const { structure } = this.entityStructure(entity, entityRef);
    const observed = await this.observeStructure(structure, window);
    return {
      entityRef,
      observations: observed.observations,
      sources: observed.sources,
      ...(observed.truncated ? { truncated: true } : {}),
    };
  }

  /**
   * The fleet's cluster problems, read at most every {@link PROBLEMS_TTL_MS}: under load every
   * entity answer needs them, and reading them asks every informer of every cluster.
   */
  private currentProblems() {
    const now = Date.now();
    if (!this.problems || now - this.problems.at > PROBLEMS_TTL_MS)
      this.problems = { at: now, value: clusterProblems(this.fleet) };
    return this.problems.value;
  }

  /**
   * `GET /traffic/namespaces/{namespace}`: a namespace's observed traffic in every cluster of
   * the fleet, as the document `meshplane analyze --traffic` reads, with each source's status.
   *
   * @throws InputError for a name that is not a DNS-1123 label
   */
  async namespaceTraffic(
    namespace: string,
    window: TrafficWindow = '5m',
  ): Promise<NamespaceTrafficResponse> {
    const clusters = this.fleet
      .list()
      .map(c => c.name)
      .sort();
    if (!this.traffic?.configured) {
      checkTrafficSubject({ kind: 'namespace', namespace });
      return {
        namespace,
        observations: noObservations(window),
        sources: clusters.length
          ? [{ status: 'not-configured', clusters }]
          : [],
      };
    }
    const answer = await this.traffic.observe({
      subject: { kind: 'namespace', namespace },
      window,
      clusters,
    });
    return {
      namespace,
      observations: answer.observations,
      sources: answer.sources,
      ...(answer.truncated ? { truncated: true } : {}),
    };
  }

  /** `GET /metrics/sources`: every source of the fleet's clusters. */
  async metricsSources(): Promise<MetricsSourceStatus[]> {
    const clusters = this.fleet.list().map(c => c.name);
    if (!this.traffic) {
      return clusters.length
        ? [{ status: 'not-configured', clusters: clusters.sort() }]
        : [];
    }
    return this.traffic.sourceStatuses(clusters);
  }

  /** The observed traffic of an entity's services, from the sources of the clusters its edges touch. */
  private async observeStructure(
    structure: EntityStructure,
    window: TrafficWindow,
  ) {
    let byWindow = this.observed.get(structure);
    if (!byWindow) this.observed.set(structure, (byWindow = new Map()));
    const observed = await observeServices(
      this.traffic,
      {
        services: structure.trafficSubjects,
        clusters: structure.trafficClusters,
        window,
      },
      byWindow.get(window),
    );
    byWindow.set(window, observed);
    return observed;
  }

  /**
   * The posture, findings and topology of an entity joined with observed traffic. `observed`:
   * the engine's lists of observed edges; `all`: the configuration's lists, each edge with its
   * observed figures where there were any.
   */
  private joinedParts(
    key: string,
    stamp: string,
    linked: ReturnType<typeof resolveEntityLinks>,
    structure: EntityStructure,
    observations: TrafficObservations,
    callers: 'observed' | 'all',
  ) {
    const cached = this.joined.get(key);
    if (cached?.stamp === stamp) return cached.value;
    // One join per entity, window and observations, whichever callers are listed.
    const viewKey = key.replace(/\|(observed|all)$/, '');
    let joinedView = this.trafficViews.get(viewKey);
    if (joinedView?.stamp !== stamp) {
      joinedView = {
        stamp,
        value: this.analyzer.entityView(linked.services, {
          cluster: linked.cluster,
          traffic: observations,
        }),
      };
      this.trafficViews.set(viewKey, joinedView);
    }
    const view = joinedView.value;
    // `all`: the observed edges (of every outcome, out-of-mesh callers included), then the
    // configuration's listed edges (the ones that are not mutual TLS) with their figures.
    const withConfigured = (observed: Edge[], configured: Edge[]) => {
      const seen = new Set(observed.map(edgeKey));
      return [
        ...observed,
        ...joinObservedTraffic(configured, observations).edges.filter(
          e => !seen.has(edgeKey(e)),
        ),
      ];
    };
    const posture =
      callers === 'observed'
        ? view.posture
        : {
            ...structure.posture,
            inbound: withConfigured(
              view.posture.inbound,
              structure.posture.inbound,
            ),
            outbound: withConfigured(
              view.posture.outbound,
              structure.posture.outbound,
            ),
            ...(view.posture.traffic ? { traffic: view.posture.traffic } : {}),
          };
    const value = {
      posture,
      findings: view.findings,
      findingCounts: countFindings(view.findings),
      topology: toMeshTopology({
        topology: structure.engineTopology,
        ownNodeIds: structure.ownNodeIds,
        networkOf: name => this.networkOf(name),
        inbound: posture.inbound,
        outbound: posture.outbound,
        observedOnly: view.posture.traffic?.observedOnly,
      }),
    };
    this.joined.set(key, { stamp, value });
    return value;
  }

  private networkOf(cluster: string): string | undefined {
    const connection = this.fleet.get(cluster);
    return connection?.definition.network ?? connection?.inventory.network;
  }

  /** Ready and total pods of every workload of these namespaces, by topology node id. */
  private readiness(namespaces: Array<{ cluster: string; namespace: string }>) {
    const out = new Map<string, { readyPods: number; totalPods: number }>();
    for (const { cluster, namespace } of namespaces) {
      const key = `${cluster}|${namespace}`;
      const stamp = String(this.analyzer.namespaceVersion(cluster, namespace));
      let cached = this.namespaceReadiness.get(key);
      if (cached?.stamp !== stamp) {
        const counts = new Map<
          string,
          { readyPods: number; totalPods: number }
        >();
        for (const w of this.analyzer.workloads({ cluster, namespace })) {
          counts.set(workloadNodeId(w), {
            readyPods: w.readyPods,
            totalPods: w.totalPods,
          });
        }
        cached = { stamp, value: counts };
        this.namespaceReadiness.set(key, cached);
      }
      for (const [id, r] of cached.value) out.set(id, r);
    }
    return out;
  }

  private computeEntityStructure(
    refs: ServiceRef[],
    cluster?: string,
  ): EntityStructure {
    const analyzer = this.analyzer;
    if (refs.length === 0) {
      return {
        services: [],
        workloads: [],
        instanceWorkloads: new Map(),
        namespaces: [],
        clusterNames: [],
        topology: { nodes: [], edges: [] },
        posture: {
          workloads: [],
          namespaces: [],
          inbound: [],
          outbound: [],
          outcomes: { mtls: 0, plaintext: 0, fail: 0, denied: 0, excluded: 0 },
          omitted: { inbound: 0, outbound: 0 },
          strictBlockers: [],
        },
        findings: [],
        findingCounts: { Error: 0, Warning: 0, Info: 0 },
        gateways: [],
        routes: [],
        engineTopology: { nodes: [], edges: [] },
        ownNodeIds: new Set(),
        trafficSubjects: [],
        trafficClusters: [],
      };
    }
    const view = analyzer.entityView(refs, { cluster });
    // A service's summary covers all its clusters: a view of one cluster's instances is not one.
    const summaries = view.services
      .map(s =>
        this.serviceSummary(
          { namespace: s.namespace, name: s.name },
          () => view.topology,
          cluster === undefined ? s : undefined,
        ),
      )
      .filter((s): s is ServiceSummary => Boolean(s));
    const serviceNamesOf = new Map<string, string[]>();
    const instanceWorkloads = new Map<string, string[]>();
    for (const s of view.services) {
      for (const c of s.clusters) {
        instanceWorkloads.set(
          `${c.cluster}|${s.namespace}/${s.name}`,
          c.workloads.map(w => workloadNodeId(w)),
        );
        for (const w of c.workloads) {
          const key = workloadNodeId(w);
          serviceNamesOf.set(key, [...(serviceNamesOf.get(key) ?? []), s.name]);
        }
      }
    }
    const workloads: EntityWorkload[] = view.workloads
      .filter(
        (w, i, all) =>
          all.findIndex(o => workloadNodeId(o) === workloadNodeId(w)) === i,
      )
      .map(w => ({
        cluster: w.cluster,
        namespace: w.namespace,
        kind: w.kind,
        name: w.name,
        ready: w.readyPods,
        total: w.totalPods,
        sidecar: w.proxy === 'sidecar' || w.proxy === 'gateway',
        proxy: w.proxy,
        proxyReason: w.proxyReason,
        ...(w.role ? { role: w.role } : {}),
        ...(w.serviceAccount ? { serviceAccount: w.serviceAccount } : {}),
        vm: w.vm,
        ...(w.network ? { network: w.network } : {}),
        ...(w.labels['istio.io/rev']
          ? { istioRevision: w.labels['istio.io/rev'] }
          : {}),
        services: [
          ...new Set(serviceNamesOf.get(workloadNodeId(w)) ?? []),
        ].sort(),
      }))
      .sort((a, b) =>
        `${a.cluster}/${a.namespace}/${a.name}`.localeCompare(
          `${b.cluster}/${b.namespace}/${b.name}`,
        ),
      );

    const own = new Set<string>([
      ...refs.map(serviceNodeId),
      ...workloads.map(w => workloadNodeId(w)),
    ]);
    const clusterNames = [
      ...new Set(view.services.flatMap(s => s.clusters.map(c => c.cluster))),
    ].sort();
    const edges = [...view.posture.inbound, ...view.posture.outbound];
    return {
      services: summaries,
      workloads,
      instanceWorkloads,
      namespaces: this.namespacesOf(refs),
      clusterNames,
      engineTopology: view.topology,
      ownNodeIds: own,
      trafficSubjects: view.services.map(s => ({
        namespace: s.namespace,
        name: s.name,
        workloads: [
          ...new Set(
            s.clusters.flatMap(c =>
              c.workloads
                .filter(w => w.namespace === s.namespace)
                .map(w => w.name),
            ),
          ),
        ].sort(),
      })),
      trafficClusters: [
        ...new Set([
          ...clusterNames,
          ...edges.flatMap(e => [e.from.cluster, e.to.cluster]),
          ...view.posture.strictBlockers.map(b => b.caller.cluster),
          ...view.topology.nodes.flatMap(n => n.clusters),
        ]),
      ].sort(),
      topology: toMeshTopology({
        topology: view.topology,
        ownNodeIds: own,
        networkOf: name => this.networkOf(name),
        inbound: view.posture.inbound,
        outbound: view.posture.outbound,
      }),
      posture: view.posture,
      findings: view.findings,
      findingCounts: countFindings(view.findings),
      // A gateway Resource's Gateway API Gateways and the routes of its Gateways and services.
      gateways: refs
        .flatMap(ref => analyzer.gatewayApiGateways(ref.namespace, ref.name))
        .filter(g => cluster === undefined || g.cluster === cluster)
        .sort(
          (a, b) =>
            a.cluster.localeCompare(b.cluster) ||
            a.namespace.localeCompare(b.namespace) ||
            a.name.localeCompare(b.name),
        ),
      routes: analyzer.gatewayApiRoutes(refs, { cluster }),
    };
  }

  private entityClusters(
    names: string[],
    services: ServiceSummary[],
    workloads: EntityWorkload[],
  ): EntityCluster[] {
    return names.map(name => {
      const connection = this.fleet.get(name);
      const state = connection?.brief();
      const staleKinds = connection?.staleKinds() ?? [];
      const revisions = connection?.inventory.revisions() ?? [];
      const own = workloads.filter(w => w.cluster === name);
      const network =
        connection?.definition.network ?? connection?.inventory.network;
      return {
        name,
        status: (state?.status ?? 'unreachable') as ClusterConnectionStatus,
        ...(network ? { network } : {}),
        ...(connection?.definition.region
          ? { region: connection.definition.region }
          : {}),
        ...(connection?.definition.environment
          ? { environment: connection.definition.environment }
          : {}),
        ...(revisions[0] ? { istioRevision: revisions[0].revision } : {}),
        ...(revisions[0]?.version
          ? { istioVersion: revisions[0].version }
          : {}),
        services: services.filter(s => s.clusters.some(c => c.cluster === name))
          .length,
        workloads: own.length,
        readyPods: own.reduce((n, w) => n + w.ready, 0),
        totalPods: own.reduce((n, w) => n + w.total, 0),
        ...(state?.lastSync ? { lastSync: state.lastSync } : {}),
        ...(staleKinds.length > 0 ? { staleKinds } : {}),
      };
    });
  }
}
