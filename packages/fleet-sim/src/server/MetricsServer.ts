import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  istioMetrics,
  MetricFamily,
  ProxyReport,
  renderExposition,
  TrafficClock,
  TrafficSpec,
} from '../traffic';
import { ClusterFaults } from './faults';

/**
 * One cluster's Istio metrics endpoint: plain HTTP on loopback, no auth, `GET /metrics` in
 * Prometheus' text format. It stands for the `/stats/prometheus` endpoints of all the
 * cluster's sidecars, gateways and waypoints and the metrics of its ztunnels, which a
 * Prometheus would scrape pod by pod; it is not the API server, whose faults (`down`,
 * `failAll`, …) leave it alone.
 */
export class MetricsServer {
  private readonly server: http.Server;
  private readonly reports: ProxyReport[];
  private readonly traffic: TrafficSpec;
  private readonly clock: TrafficClock;
  private readonly host: string;
  private families?: MetricFamily[];
  private fault: ClusterFaults['metrics'];

  private constructor(options: {
    reports: ProxyReport[];
    traffic: TrafficSpec;
    clock: TrafficClock;
    host: string;
  }) {
    this.reports = options.reports;
    this.traffic = options.traffic;
    this.clock = options.clock;
    this.host = options.host;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(options: {
    reports: ProxyReport[];
    traffic: TrafficSpec;
    clock: TrafficClock;
    host: string;
  }): Promise<MetricsServer> {
    const metrics = new MetricsServer(options);
    await new Promise<void>((resolve, reject) => {
      metrics.server.once('error', reject);
      metrics.server.listen(0, options.host, () => resolve());
    });
    return metrics;
  }

  /** `http://<host>:<port>/metrics`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://${this.host}:${port}/metrics`;
  }

  /** Applies the cluster's `metrics` fault: `stale` pauses the counters, `fail` answers 500. */
  setFault(fault: ClusterFaults['metrics']): void {
    this.fault = fault;
    if (fault === 'stale') {
      this.clock.pause();
    } else {
      this.clock.resume();
    }
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (
      path !== '/metrics' ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found; see GET /metrics\n');
      return;
    }
    if (this.fault === 'fail') {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('injected fault (fleet-sim): the metrics endpoint fails\n');
      return;
    }
    // Built on the first scrape: a generated fleet's endpoints cost nothing until scraped.
    this.families ??= istioMetrics(this.reports, this.traffic);
    const body = renderExposition(this.families, this.clock.elapsedSeconds());
    res.writeHead(200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
