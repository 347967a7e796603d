import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { PrometheusUnavailableError } from './PrometheusUnavailableError';

/**
 * One endpoint Prometheus scrapes, labelled `cluster` (e.g. a fleet cluster's `metricsUrl`).
 *
 * @public
 */
export interface PrometheusTarget {
  cluster: string;
  /** The full URL of the metrics, e.g. `http://127.0.0.1:40123/metrics`. */
  url: string;
}

/**
 * Options of {@link startPrometheus}.
 *
 * @public
 */
export interface StartPrometheusOptions {
  targets: PrometheusTarget[];
  /** Scrape and rule evaluation interval; default 1 s (a test's pace, not production's). */
  scrapeIntervalSeconds?: number;
  /** Address Prometheus listens on; default 127.0.0.1. */
  host?: string;
  /** How long to wait for `/-/ready`; default 30000 ms. */
  readyTimeoutMs?: number;
}

/**
 * A running Prometheus.
 *
 * @public
 */
export interface PrometheusServer {
  /** Base URL, e.g. `http://127.0.0.1:40124` (`/api/v1/query` and friends below it). */
  url: string;
  /** Stops Prometheus and removes its configuration and data. */
  stop(): Promise<void>;
}

/**
 * The Prometheus binary {@link startPrometheus} runs: `PROMETHEUS_BIN`, else Debian's
 * `/usr/bin/prometheus`.
 *
 * @public
 */
export function prometheusBinary(): string {
  return process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function duration(seconds: number): string {
  return `${Math.max(1, Math.round(seconds * 1000))}ms`;
}

/** The scrape configuration: one job per target, named and labelled after its cluster. */
function prometheusConfig(
  targets: PrometheusTarget[],
  intervalSeconds: number,
): string {
  const names = new Set<string>();
  const jobs = targets.map(target => {
    if (names.has(target.cluster)) {
      throw new Error(`two Prometheus targets for cluster "${target.cluster}"`);
    }
    names.add(target.cluster);
    const url = new URL(target.url);
    return {
      job_name: target.cluster,
      scheme: url.protocol.replace(/:$/, ''),
      metrics_path: url.pathname,
      static_configs: [
        { targets: [url.host], labels: { cluster: target.cluster } },
      ],
    };
  });
  return stringify({
    global: {
      scrape_interval: duration(intervalSeconds),
      scrape_timeout: duration(Math.min(intervalSeconds, 10)),
      evaluation_interval: duration(intervalSeconds),
    },
    scrape_configs: jobs,
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise(resolve => child.once('exit', () => resolve()));
}

/**
 * Starts a real Prometheus (`prometheusBinary()`) on a free loopback port that scrapes
 * `targets`, with its generated configuration and TSDB in a temporary folder; resolves once
 * `/-/ready` answers.
 *
 * @throws PrometheusUnavailableError when the binary is missing; Error when it does not
 * become ready (with the end of its log).
 * @public
 */
export async function startPrometheus(
  options: StartPrometheusOptions,
): Promise<PrometheusServer> {
  const binary = prometheusBinary();
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new PrometheusUnavailableError(binary);
  }
  const host = options.host ?? '127.0.0.1';
  const interval = options.scrapeIntervalSeconds ?? 1;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  let child: ChildProcess | undefined;
  const kill = () => child?.kill('SIGKILL');
  const stop = async () => {
    process.removeListener('exit', kill);
    if (child) {
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await done;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    fs.writeFileSync(configFile, prometheusConfig(options.targets, interval));
    const port = await freePort(host);
    const url = `http://${host}:${port}`;
    child = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=${host}:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // Never outlive the process that started it.
    process.once('exit', kill);
    let log = '';
    child.stderr?.on('data', chunk => {
      log = (log + chunk).slice(-4000);
    });
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `Prometheus exited (${
            child.exitCode ?? child.signalCode
          }) before it was ready: ${log}`,
        );
      }
      const ready = await fetch(`${url}/-/ready`).then(
        response => response.ok,
        () => false,
      );
      if (ready) {
        return { url, stop };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Prometheus was not ready at ${url}/-/ready in time: ${log}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
