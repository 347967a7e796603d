import { groupVersion } from '../resources';
import { decodeObject } from '../store';
import type { ClusterMetadata } from '../fleet';
import type { KubeObject } from '../objects';
import { ClusterServer } from './ClusterServer';
import { ClusterFaults } from './faults';
import type { MetricsServer } from './MetricsServer';

/**
 * Names one object for {@link ClusterHandle}.
 *
 * @public
 */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}

/**
 * Direct access to one simulated cluster, for tests and tools: objects written
 * here bump the resource version and reach watchers exactly like writes from
 * another API client.
 *
 * @public
 */
export class ClusterHandle {
  readonly name: string;
  readonly metadata: ClusterMetadata;
  private readonly server: ClusterServer;
  private readonly metrics?: MetricsServer;

  constructor(server: ClusterServer, metrics?: MetricsServer) {
    this.server = server;
    this.metrics = metrics;
    this.metadata = server.metadata;
    this.name = server.metadata.name;
  }

  /** The API server URL. */
  get url(): string {
    return this.server.url;
  }

  /** The URL of the cluster's Istio metrics endpoint, when the fleet has traffic. */
  get metricsUrl(): string | undefined {
    return this.metrics?.url;
  }

  /** The cluster's current resource version. */
  get resourceVersion(): string {
    return String(this.server.store.resourceVersion);
  }

  /** Number of objects stored in the cluster. */
  get objectCount(): number {
    return this.server.store.size;
  }

  /** Faults currently in force. */
  get faults(): ClusterFaults {
    return this.server.currentFaults;
  }

  /**
   * Creates or replaces an object (keeping uid and creation time of the one it
   * replaces); returns it as stored, with its new resourceVersion.
   * @throws Error when the cluster does not serve the kind or the namespace does not exist.
   */
  apply(object: KubeObject): KubeObject {
    const type = this.server.resourceOf(object.apiVersion, object.kind);
    const namespace = object.metadata?.namespace ?? '';
    if (!object.metadata?.name) {
      throw new Error(
        `cluster ${this.name}: ${object.kind} has no metadata.name`,
      );
    }
    if (
      type.namespaced &&
      !this.server.store.get(
        this.server.resourceOf('v1', 'Namespace'),
        '',
        namespace,
      )
    ) {
      throw new Error(
        `cluster ${this.name}: ${object.kind} ${namespace}/${object.metadata.name}: namespace "${namespace}" does not exist`,
      );
    }
    const { resourceVersion: _rv, ...metadata } = object.metadata;
    const stored = this.server.store.write(type, {
      ...object,
      apiVersion: groupVersion(type),
      metadata: metadata as KubeObject['metadata'],
    });
    return { ...stored, apiVersion: object.apiVersion };
  }

  /** Deletes an object (and, like the garbage collector, what it owns); returns it, or undefined if absent. */
  delete(ref: ObjectRef): KubeObject | undefined {
    const type = this.server.resourceOf(ref.apiVersion, ref.kind);
    return this.server.store.delete(type, ref.namespace ?? '', ref.name);
  }

  /** Reads one object, or undefined. */
  get(ref: ObjectRef): KubeObject | undefined {
    const type = this.server.resourceOf(ref.apiVersion, ref.kind);
    const object = this.server.store.get(type, ref.namespace ?? '', ref.name);
    return object ? { ...object, apiVersion: ref.apiVersion } : undefined;
  }

  /** Lists the objects of a kind, in one namespace or all. */
  list(ref: {
    apiVersion: string;
    kind: string;
    namespace?: string;
  }): KubeObject[] {
    const type = this.server.resourceOf(ref.apiVersion, ref.kind);
    const page = this.server.store.resource(type).page({
      revision: this.server.store.resourceVersion,
      namespace: ref.namespace,
      filter: () => true,
    });
    return (page?.items ?? []).map(item => decodeObject(item, ref.apiVersion));
  }

  /** Replaces the cluster's faults (`{}` clears them); resolves once the listener state matches. */
  setFaults(faults: ClusterFaults): Promise<void> {
    this.metrics?.setFault(faults.metrics);
    return this.server.setFaults(faults);
  }

  /** Drops the watch history and closes open watches: clients resuming from older versions get 410. */
  compact(): Promise<void> {
    return this.server.setFaults({
      ...this.server.currentFaults,
      goneOnNextWatch: true,
    });
  }

  /** State for the control endpoint. */
  describe() {
    return {
      name: this.name,
      url: this.url,
      ...(this.metricsUrl ? { metricsUrl: this.metricsUrl } : {}),
      listening: this.server.isListening,
      faults: this.faults,
      objects: this.objectCount,
      resourceVersion: this.resourceVersion,
      metadata: this.metadata,
    };
  }
}
