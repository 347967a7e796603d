import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  LABEL_KUBERNETES_ID,
  MeshAnalyzer,
  MeshConfig,
  ServiceRef,
} from '@meshplane/plugin-meshplane-common';
import { parse as parseYaml } from 'yaml';
import type { ChangeScope, ObjectSink } from '../fleet/KindInformer';
import type { WatchedKind } from '../fleet/watchedKinds';

const serviceKey = (namespace: string, name: string) => `${namespace}/${name}`;
/** Longest stretch the background analysis holds the event loop. */
const REFRESH_SLICE_MS = 50;
const nsKey = (cluster: string, namespace: string) => `${cluster}|${namespace}`;

/**
 * The fleet's objects as the engine sees them: every change from every
 * cluster goes into one incremental {@link MeshAnalyzer}, and this class keeps
 * the small indexes the API needs on top (logical services and where they
 * run, version stamps per namespace for caching, the mesh config).
 *
 * Caching rule: a cached answer records the `structuralVersion` and the
 * versions of the namespaces it covers. A change bumps its namespace's
 * version; a change that is more than a pod's readiness (`scope: 'object'`)
 * also bumps `structuralVersion`, because posture, edges and topology may
 * depend on it from anywhere in the fleet.
 */
export class MeshState {
  readonly analyzer: MeshAnalyzer;
  private readonly logger: LoggerService;
  /** Logical service → clusters where its Service exists. */
  private readonly services = new Map<
    string,
    Map<string, { kubernetesId?: string }>
  >();
  private readonly namespaceVersions = new Map<string, number>();
  private readonly meshConfigs = new Map<
    string,
    { name: string; text: string }
  >();
  private appliedMeshConfig?: string;
  private readonly clusterMeta = new Map<string, string>();
  private refreshTimer?: NodeJS.Timeout;
  private refreshHeld = true;
  structuralVersion = 0;
  /** Increments on every change. */
  version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: { analyzer: MeshAnalyzer; logger: LoggerService }) {
    this.analyzer = options.analyzer;
    this.logger = options.logger;
  }

  /** The sink informers of one cluster write to. */
  sinkFor(cluster: string): ObjectSink {
    return {
      upsert: (kind, object, scope) =>
        this.upsert(cluster, kind, object, scope),
      remove: (kind, namespace, name) =>
        this.remove(cluster, kind, namespace, name),
    };
  }

  /** Sets a cluster's network, region and (for an Istio remote) config cluster: mesh-wide inputs of the engine. */
  setClusterMeta(
    cluster: string,
    meta: { network?: string; region?: string; configCluster?: string },
  ): void {
    const text = JSON.stringify(meta);
    if (this.clusterMeta.get(cluster) === text) return;
    this.clusterMeta.set(cluster, text);
    this.analyzer.setClusterMeta(cluster, meta);
    this.changed(cluster, '', 'object');
  }

  /** Drops everything known about a cluster's mesh config and metadata (its objects go through remove). */
  forgetCluster(cluster: string): void {
    this.clusterMeta.delete(cluster);
    if (this.meshConfigs.delete(cluster)) this.applyMeshConfig();
  }

  /** Logical services, with the clusters their Service exists in. */
  serviceRefs(): Array<ServiceRef & { clusters: string[] }> {
    return [...this.services.entries()].map(([key, clusters]) => {
      const slash = key.indexOf('/');
      return {
        namespace: key.slice(0, slash),
        name: key.slice(slash + 1),
        clusters: [...clusters.keys()].sort(),
      };
    });
  }

  /** Clusters where a logical service's Service exists, with its `backstage.io/kubernetes-id` label. */
  serviceClusters(
    namespace: string,
    name: string,
  ): Map<string, { kubernetesId?: string }> | undefined {
    return this.services.get(serviceKey(namespace, name));
  }

  /** The version of one namespace of one cluster (see the caching rule). */
  namespaceVersion(cluster: string, namespace: string): number {
    return this.namespaceVersions.get(nsKey(cluster, namespace)) ?? 0;
  }

  /**
   * A stamp of everything a cached answer about these namespaces (in every
   * cluster) depends on; equal stamps mean the cached answer is current.
   */
  stamp(namespaces: Iterable<{ cluster: string; namespace: string }>): string {
    const parts = [String(this.structuralVersion)];
    for (const { cluster, namespace } of namespaces) {
      parts.push(String(this.namespaceVersion(cluster, namespace)));
    }
    return parts.join(':');
  }

  /** Called after every change (for caches and waiters). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Lets the analyzer recompute in the background after changes (debounced),
   * so that requests find warm results. Held during the initial sync, when
   * thousands of objects arrive and one recomputation at the end is enough.
   */
  releaseRefresh(): void {
    this.refreshHeld = false;
    this.scheduleRefresh(0);
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
    this.refreshHeld = true;
  }

  private scheduleRefresh(delayMs: number): void {
    if (this.refreshHeld || this.refreshTimer) return;
    this.refreshTimer = setTimeout(
      () => this.refreshInSlices(Date.now(), 0),
      delayMs,
    );
  }

  /**
   * Recomputes in slices of {@link REFRESH_SLICE_MS}, letting the event loop serve requests and
   * informer events between them: the first analysis of a large fleet takes seconds. A request
   * that needs the results meanwhile refreshes the rest itself (the analyzer's queries do).
   */
  private refreshInSlices(started: number, unitsBefore: number): void {
    this.refreshTimer = undefined;
    if (this.refreshHeld) return;
    let units = unitsBefore;
    try {
      units += this.analyzer.refresh({ budgetMs: REFRESH_SLICE_MS });
    } catch (error) {
      this.logger.error('Mesh analysis failed', error as Error);
      return;
    }
    if (this.analyzer.pending) {
      this.refreshTimer = setTimeout(
        () => this.refreshInSlices(started, units),
        0,
      );
      return;
    }
    const ms = Date.now() - started;
    if (ms > 1000)
      this.logger.info(`Mesh analysis recomputed ${units} units in ${ms} ms`);
  }

  private changed(
    cluster: string,
    namespace: string,
    scope: ChangeScope,
  ): void {
    const key = nsKey(cluster, namespace);
    this.namespaceVersions.set(key, (this.namespaceVersions.get(key) ?? 0) + 1);
    if (scope === 'object') this.structuralVersion++;
    this.version++;
    this.scheduleRefresh(20);
    for (const listener of this.listeners) listener();
  }

  private upsert(
    cluster: string,
    kind: WatchedKind,
    object: KubeObject,
    scope: ChangeScope,
  ): void {
    const namespace = object.metadata.namespace ?? '';
    this.analyzer.upsert(cluster, object);
    if (kind.kind === 'Service') {
      const key = serviceKey(namespace, object.metadata.name);
      let clusters = this.services.get(key);
      if (!clusters) this.services.set(key, (clusters = new Map()));
      const kubernetesId = object.metadata.labels?.[LABEL_KUBERNETES_ID];
      clusters.set(cluster, kubernetesId ? { kubernetesId } : {});
    } else if (
      kind.kind === 'ConfigMap' &&
      typeof object.data?.mesh === 'string'
    ) {
      this.meshConfigs.set(cluster, {
        name: object.metadata.name,
        text: object.data.mesh,
      });
      this.applyMeshConfig();
    }
    this.changed(
      cluster,
      kind.kind === 'Namespace' ? object.metadata.name : namespace,
      scope,
    );
  }

  private remove(
    cluster: string,
    kind: WatchedKind,
    namespace: string,
    name: string,
  ): void {
    const apiVersion = kind.group
      ? `${kind.group}/${kind.versions[0]}`
      : kind.versions[0];
    this.analyzer.remove(cluster, {
      apiVersion,
      kind: kind.kind,
      namespace: namespace || null,
      name,
    });
    if (kind.kind === 'Service') {
      const key = serviceKey(namespace, name);
      const clusters = this.services.get(key);
      clusters?.delete(cluster);
      if (clusters?.size === 0) this.services.delete(key);
    } else if (
      kind.kind === 'ConfigMap' &&
      this.meshConfigs.get(cluster)?.name === name
    ) {
      this.meshConfigs.delete(cluster);
      this.applyMeshConfig();
    }
    this.changed(
      cluster,
      kind.kind === 'Namespace' ? name : namespace,
      'object',
    );
  }

  /**
   * The engine takes one MeshConfig for the mesh: the `mesh` key of the first
   * cluster (by name) whose control-plane namespace has Istio's mesh ConfigMap
   * (`istio` or `istio-<revision>`); primaries share it in a multi-primary mesh.
   */
  private applyMeshConfig(): void {
    const first = [...this.meshConfigs.entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    )[0];
    const text = first?.[1].text;
    if (text === this.appliedMeshConfig) return;
    this.appliedMeshConfig = text;
    let meshConfig: Partial<MeshConfig> | undefined;
    if (text !== undefined) {
      try {
        const parsed = parseYaml(text);
        meshConfig = parsed && typeof parsed === 'object' ? parsed : undefined;
      } catch (error) {
        this.logger.warn(
          `Cluster ${first![0]}: ConfigMap ${
            first![1].name
          } has an invalid data.mesh (${
            (error as Error).message
          }); using Istio's defaults`,
        );
      }
    }
    this.analyzer.setMeshConfig(meshConfig);
    this.structuralVersion++;
    this.version++;
  }
}
