import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubeObject,
  MeshAnalyzer,
  MeshConfig,
} from '@meshplane/plugin-meshplane-common';
import { parse as parseYaml } from 'yaml';
import type { ChangeScope, ObjectSink } from '../fleet/KindInformer';
import type { WatchedKind } from '../fleet/watchedKinds';

/** Longest stretch the background analysis holds the event loop. */
const REFRESH_SLICE_MS = 50;

/**
 * The fleet's objects as the engine sees them: every change from every
 * cluster goes into one incremental {@link MeshAnalyzer}, telling it which
 * changes are status-only (the informer's `scope: 'status'`). The analyzer
 * owns the versions caches are stamped with and the logical services; this
 * class selects the mesh config and schedules the background analysis.
 */
export class MeshState {
  readonly analyzer: MeshAnalyzer;
  private readonly logger: LoggerService;
  private readonly meshConfigs = new Map<
    string,
    { name: string; text: string }
  >();
  private appliedMeshConfig?: string;
  private readonly clusterMeta = new Map<string, string>();
  private refreshTimer?: NodeJS.Timeout;
  private refreshHeld = true;

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
    this.changed();
  }

  /** Drops everything known about a cluster's mesh config and metadata (its objects go through remove). */
  forgetCluster(cluster: string): void {
    this.clusterMeta.delete(cluster);
    if (this.meshConfigs.delete(cluster)) this.applyMeshConfig();
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

  private changed(): void {
    this.scheduleRefresh(20);
  }

  private upsert(
    cluster: string,
    kind: WatchedKind,
    object: KubeObject,
    scope: ChangeScope,
  ): void {
    this.analyzer.upsert(cluster, object, undefined, {
      statusOnly: scope === 'status',
    });
    if (kind.kind === 'ConfigMap' && typeof object.data?.mesh === 'string') {
      this.meshConfigs.set(cluster, {
        name: object.metadata.name,
        text: object.data.mesh,
      });
      this.applyMeshConfig();
    }
    this.changed();
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
    if (
      kind.kind === 'ConfigMap' &&
      this.meshConfigs.get(cluster)?.name === name
    ) {
      this.meshConfigs.delete(cluster);
      this.applyMeshConfig();
    }
    this.changed();
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
  }
}
