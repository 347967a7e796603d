import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterMetadata, FleetDefinition } from '../fleet';
import {
  ProxyReport,
  proxyReports,
  resolveTraffic,
  TrafficClock,
} from '../traffic';
import { ADMIN_RULES } from './authorization';
import { createServingCertificates } from './certificates';
import { ClusterHandle } from './ClusterHandle';
import { ClusterServer } from './ClusterServer';
import { ControlServer } from './ControlServer';
import { ClusterFaults } from './faults';
import { renderKubeconfig } from './kubeconfig';
import { MetricsServer } from './MetricsServer';

/**
 * Options of {@link startFleet}.
 *
 * @public
 */
export interface StartFleetOptions {
  fleet: FleetDefinition;
  /** Serve HTTPS with a CA generated at start (default); false serves plain HTTP. */
  tls?: boolean;
  /** Address every listener binds to; default 127.0.0.1. */
  host?: string;
  /** Also write the kubeconfig to this file. */
  kubeconfigPath?: string;
  /** Port of the control endpoint; default 0 (any free port). */
  controlPort?: number;
  /** Fixed API server ports per cluster name; others pick a free port. */
  ports?: Record<string, number>;
  /** Watch history kept per resource and cluster, in events; default 10000. */
  historyLimit?: number;
  /** How often watches that allow bookmarks get one; default 10000 ms. */
  bookmarkIntervalMs?: number;
  /** How long a watch from a resourceVersion not reached yet waits before 504; default 3000 ms. */
  resourceVersionWaitMs?: number;
}

/**
 * How to reach one running simulated cluster.
 *
 * @public
 */
export interface FleetCluster {
  name: string;
  /** API server URL, e.g. `https://127.0.0.1:41234`. */
  url: string;
  /** PEM of the CA that signed the server certificate (empty over HTTP). */
  caData: string;
  /** Bearer token allowed to do everything on this cluster. */
  token: string;
  metadata: ClusterMetadata;
  /**
   * The cluster's Istio metrics endpoint, `http://127.0.0.1:<port>/metrics` (plain HTTP, no
   * token): present when the fleet has a traffic spec.
   */
  metricsUrl?: string;
}

/**
 * A running fleet: one API server per cluster plus the control endpoint.
 *
 * @public
 */
export interface FleetServer {
  clusters: FleetCluster[];
  /** kubeconfig YAML: one context per cluster, named after it, with its admin token and CA. */
  kubeconfig: string;
  /** Base URL of the control endpoint (faults, direct object writes, state). */
  controlUrl: string;
  /** Direct handle on one cluster. @throws Error for an unknown name. */
  cluster(name: string): ClusterHandle;
  /** Replaces a cluster's faults (`{}` clears them). */
  setFaults(clusterName: string, faults: ClusterFaults): Promise<void>;
  /** Stops every listener. */
  stop(): Promise<void>;
}

/**
 * Starts an API server per cluster of `fleet` on loopback (HTTPS by default,
 * free ports unless given) and the control endpoint; when the fleet has a
 * traffic spec, also an Istio metrics endpoint per cluster (plain HTTP, free
 * port), whose counters start at zero now.
 *
 * @throws TrafficSpecError when the traffic spec names what the fleet lacks.
 * @public
 */
export async function startFleet(
  options: StartFleetOptions,
): Promise<FleetServer> {
  const host = options.host ?? '127.0.0.1';
  const tls =
    options.tls === false ? undefined : createServingCertificates([host]);
  const servers: ClusterServer[] = [];
  const metricsServers: MetricsServer[] = [];
  const clusters: FleetCluster[] = [];
  const handles = new Map<string, ClusterHandle>();
  const traffic = options.fleet.traffic;
  const reports = new Map<string, ProxyReport[]>();
  if (traffic) {
    for (const report of proxyReports(resolveTraffic(options.fleet))) {
      const ofCluster = reports.get(report.cluster) ?? [];
      ofCluster.push(report);
      reports.set(report.cluster, ofCluster);
    }
  }
  const startedAt = Date.now();
  try {
    for (const definition of options.fleet.clusters) {
      const name = definition.metadata.name;
      const adminToken = `fleet-sim-admin-${name}-${randomBytes(12).toString(
        'hex',
      )}`;
      const server = await ClusterServer.start({
        metadata: definition.metadata,
        objects: definition.objects,
        tokens: [
          { name: 'admin', token: adminToken, rules: ADMIN_RULES },
          ...options.fleet.tokens,
          ...definition.tokens,
        ],
        tls,
        host,
        port: options.ports?.[name],
        historyLimit: options.historyLimit ?? 10000,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10000,
        resourceVersionWaitMs: options.resourceVersionWaitMs,
      });
      servers.push(server);
      const metrics = traffic
        ? await MetricsServer.start({
            reports: reports.get(name) ?? [],
            traffic,
            clock: new TrafficClock({ startedAt }),
            host,
          })
        : undefined;
      if (metrics) {
        metricsServers.push(metrics);
      }
      handles.set(name, new ClusterHandle(server, metrics));
      clusters.push({
        name,
        url: server.url,
        caData: tls?.caPem ?? '',
        token: adminToken,
        metadata: definition.metadata,
        ...(metrics ? { metricsUrl: metrics.url } : {}),
      });
    }
  } catch (error) {
    await Promise.all([...servers, ...metricsServers].map(s => s.stop()));
    throw error;
  }
  const control = await ControlServer.start({
    clusters: handles,
    host,
    port: options.controlPort ?? 0,
  });
  const kubeconfig = renderKubeconfig(clusters);
  if (options.kubeconfigPath) {
    fs.mkdirSync(path.dirname(path.resolve(options.kubeconfigPath)), {
      recursive: true,
    });
    fs.writeFileSync(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  const cluster = (name: string) => {
    const handle = handles.get(name);
    if (!handle) {
      throw new Error(
        `no cluster named "${name}" in the fleet (clusters: ${[
          ...handles.keys(),
        ].join(', ')})`,
      );
    }
    return handle;
  };
  return {
    clusters,
    kubeconfig,
    controlUrl: `http://${host}:${control.port}`,
    cluster,
    setFaults: (name, faults) => cluster(name).setFaults(faults),
    stop: async () => {
      await control.stop();
      await Promise.all([...servers, ...metricsServers].map(s => s.stop()));
    },
  };
}
