import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ClusterDefinition,
  MeshplaneClusterSource,
} from '@meshplane/plugin-meshplane-node';
import type { MeshplaneConfig } from '../config/readMeshplaneConfig';
import type { MeshState } from '../mesh/MeshState';
import { ClusterConnection } from './ClusterConnection';
import type { KubernetesAuthStrategies } from './KubernetesAuthStrategies';
import { StringPool } from './StringPool';
import { ObjectTrimmer } from './trimObject';

/**
 * Every cluster connection of the backend. Clusters come from the
 * configuration and from cluster sources; {@link Fleet.reconcile} connects
 * new clusters, reconnects changed ones and disconnects (and forgets) removed
 * ones. All connections feed one {@link MeshState}.
 */
export class Fleet {
  readonly state: MeshState;
  private readonly config: MeshplaneConfig;
  private readonly sources: MeshplaneClusterSource[];
  private readonly logger: LoggerService;
  private readonly discoveryIntervalMs: number;
  private readonly strategies?: KubernetesAuthStrategies;
  private readonly trimmer = new ObjectTrimmer(new StringPool());
  private readonly connections = new Map<
    string,
    { connection: ClusterConnection; fingerprint: string }
  >();
  private readonly sourceClusters = new Map<string, ClusterDefinition[]>();
  private releaseTimer?: NodeJS.Timeout;
  private released = false;

  constructor(options: {
    config: MeshplaneConfig;
    sources: MeshplaneClusterSource[];
    state: MeshState;
    logger: LoggerService;
    /** Credentials of clusters that use the Kubernetes plugin's strategies. */
    strategies?: KubernetesAuthStrategies;
    /** How often discovery runs again per cluster (CRDs installed or removed). */
    discoveryIntervalMs?: number;
    /** Longest wait for the initial sync before background analysis starts anyway. */
    initialSyncHoldMs?: number;
  }) {
    this.config = options.config;
    this.sources = options.sources;
    this.state = options.state;
    this.logger = options.logger;
    this.strategies = options.strategies;
    this.discoveryIntervalMs = options.discoveryIntervalMs ?? 60_000;
    this.releaseTimer = setTimeout(
      () => this.release(),
      options.initialSyncHoldMs ?? 60_000,
    );
  }

  /** Connections sorted by cluster name. */
  list(): ClusterConnection[] {
    return [...this.connections.values()]
      .map(c => c.connection)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): ClusterConnection | undefined {
    return this.connections.get(name)?.connection;
  }

  /** Reads every cluster source, then connects to match configuration + sources. */
  async refreshSources(): Promise<void> {
    for (const source of this.sources) {
      try {
        this.sourceClusters.set(source.name, await source.getClusters());
      } catch (error) {
        this.logger.warn(
          `Cluster source ${source.name} failed (${
            (error as Error).message
          }); keeping its previous clusters`,
        );
      }
    }
    await this.reconcile();
  }

  private definitions(): ClusterDefinition[] {
    const byName = new Map<string, ClusterDefinition>();
    const all = [
      ...this.config.clusters.map(d => ({ d, from: 'configuration' })),
      ...this.sources.flatMap(s =>
        (this.sourceClusters.get(s.name) ?? []).map(d => ({
          d,
          from: `source ${s.name}`,
        })),
      ),
    ];
    for (const { d, from } of all) {
      if (byName.has(d.name)) {
        this.logger.warn(
          `Cluster ${d.name} from ${from} is already defined; the first definition is used`,
        );
        continue;
      }
      byName.set(d.name, d);
    }
    return [...byName.values()];
  }

  private async reconcile(): Promise<void> {
    const wanted = new Map(this.definitions().map(d => [d.name, d]));
    for (const [name, { connection, fingerprint }] of [...this.connections]) {
      const definition = wanted.get(name);
      if (!definition || JSON.stringify(definition) !== fingerprint) {
        this.connections.delete(name);
        await connection.stop({ forget: true });
        this.state.forgetCluster(name);
        this.logger.info(
          `Cluster ${name} ${definition ? 'changed, reconnecting' : 'removed'}`,
        );
      }
    }
    for (const definition of wanted.values()) {
      if (this.connections.has(definition.name)) continue;
      const connection = new ClusterConnection({
        definition,
        settings: this.config.connection,
        discoveryIntervalMs: this.discoveryIntervalMs,
        sink: this.state.sinkFor(definition.name),
        trimmer: this.trimmer,
        logger: this.logger,
        strategies: this.strategies,
        onStatus: () => this.statusChanged(connection),
      });
      this.connections.set(definition.name, {
        connection,
        fingerprint: JSON.stringify(definition),
      });
      this.state.setClusterMeta(definition.name, {
        network: definition.network,
        region: definition.region,
        configCluster: definition.primaryCluster,
      });
      connection.start();
    }
    this.statusChanged();
  }

  private statusChanged(connection?: ClusterConnection): void {
    if (connection) {
      // The network label of the control-plane namespace counts when none is configured.
      const network =
        connection.definition.network ?? connection.inventory.network;
      this.state.setClusterMeta(connection.name, {
        network,
        region: connection.definition.region,
        configCluster: connection.definition.primaryCluster,
      });
    }
    if (
      !this.released &&
      this.list().every(c => c.state().status !== 'connecting')
    )
      this.release();
  }

  private release(): void {
    clearTimeout(this.releaseTimer);
    if (this.released) return;
    this.released = true;
    this.state.releaseRefresh();
  }

  async stop(): Promise<void> {
    clearTimeout(this.releaseTimer);
    this.state.stop();
    await Promise.all(this.list().map(c => c.stop()));
  }
}
