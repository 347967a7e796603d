/*
 * `yarn bench`: the Meshplane backend against generated fleets of ~5k, ~40k
 * and ~150k objects (the largest: 50 clusters) served by fleet-sim in a child
 * process, with real authentication and permission checks on every request.
 * Prints a table and writes bench/results/backend-<timestamp>.json at the repository root.
 *
 * Then, per size, the traffic phase (trafficBench.ts, in a process of its own): a real
 * Prometheus scrapes the Istio metrics of the entity's clusters and a second backend joins them
 * into the entity's answer (`traffic` in the results); without /usr/bin/prometheus (or
 * $PROMETHEUS_BIN) it is skipped and `traffic.skipped` says why.
 *
 *   yarn bench [--sizes small,medium,large] [--no-traffic]
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterDetail,
  ClusterListResponse,
  EntityMeshView,
} from '@meshplane/plugin-meshplane-common';
import { ChildProcess, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FleetCommand, FleetReply } from './fleetProcess';
import { measureCacheMemory } from './cacheMemory';
import { startProfile } from './profile';
import { load, loadSummary, NODE_TRANSFORM, until } from './load';
import { listRaw } from './rawBaseline';
import { startBenchBackend } from './startBenchBackend';
import { latencySummary } from './stats';
import {
  answerFigures,
  answerParts,
  TrafficOptions,
  TrafficResult,
} from './trafficBench';
import type { TrafficReply } from './trafficProcess';

if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  // Heap per object is measured after full collections: run again with --expose-gc.
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=6144',
      '--require',
      NODE_TRANSFORM,
      __filename,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(result.status ?? 1);
}

process.env.LOG_LEVEL ??= 'warn';

type Preset = 'small' | 'medium' | 'large';
const PLAN: Record<
  Preset,
  {
    readinessChanges: number;
    structuralChanges: number;
    k8sRequests: number;
    /** Prometheus' scrape interval in the traffic phase (a large fleet's cluster serves ~23 MB per scrape). */
    scrapeIntervalSeconds: number;
  }
> = {
  small: {
    readinessChanges: 1000,
    structuralChanges: 40,
    k8sRequests: 64,
    scrapeIntervalSeconds: 5,
  },
  medium: {
    readinessChanges: 1000,
    structuralChanges: 20,
    k8sRequests: 48,
    scrapeIntervalSeconds: 10,
  },
  large: {
    readinessChanges: 1000,
    structuralChanges: 10,
    k8sRequests: 48,
    scrapeIntervalSeconds: 10,
  },
};

/** `--no-traffic`: leave out the traffic phase (Prometheus and a second backend, ~1 min per size). */
const WITH_TRAFFIC = !process.argv.includes('--no-traffic');

function gc(): number {
  const collect = (globalThis as unknown as { gc: () => void }).gc;
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

class FleetProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (reply: FleetReply) => void>();

  constructor() {
    this.child = fork(path.join(__dirname, 'fleetProcess.ts'), [], {
      execArgv: ['--max-old-space-size=4096', '--require', NODE_TRANSFORM],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Never leave the fleet running when the benchmark fails.
    process.once('exit', () => this.child.kill());
    this.child.on('message', (reply: FleetReply) => {
      if (reply.type === 'error')
        throw new Error(`fleet process: ${reply.message}`);
      const key = reply.type === 'done' ? `done:${reply.id}` : reply.type;
      this.waiting.get(key)?.(reply);
      this.waiting.delete(key);
    });
  }

  call<T extends FleetReply>(command: FleetCommand, key: string): Promise<T> {
    return new Promise(resolve => {
      this.waiting.set(key, reply => resolve(reply as T));
      this.child.send(command);
    });
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' } satisfies FleetCommand);
    });
  }
}

/** The traffic phase in a fresh process (trafficProcess.ts); a failure is recorded, not fatal. */
function runTrafficProcess(options: TrafficOptions): Promise<TrafficResult> {
  const child = fork(path.join(__dirname, 'trafficProcess.ts'), [], {
    execArgv: ['--max-old-space-size=6144', '--require', NODE_TRANSFORM],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => child.kill();
  process.once('exit', kill);
  return new Promise<TrafficResult>(resolve => {
    let reply: TrafficReply | undefined;
    child.on('message', (message: TrafficReply) => {
      // Only the phase's reply: the node transform reports the files it loads on this channel.
      if (message?.type === 'result' || message?.type === 'error')
        reply = message;
    });
    // 'close', not 'exit': the reply may be delivered after the process has exited.
    child.once('close', code => {
      process.removeListener('exit', kill);
      if (reply?.type === 'result') resolve(reply.result);
      else
        resolve({
          failed:
            reply?.type === 'error'
              ? reply.message
              : `the traffic process exited (${code}) without a result`,
        });
    });
    child.send(options);
  });
}

async function runSize(preset: Preset) {
  const plan = PLAN[preset];
  console.log(`\n== ${preset}: generating and serving the fleet`);
  const fleet = new FleetProcess();
  const ready = await fleet.call<Extract<FleetReply, { type: 'ready' }>>(
    { type: 'start', preset },
    'ready',
  );
  const { target } = ready;
  console.log(
    `   ${ready.clusters.length} clusters, ${
      ready.objects
    } objects; entity service ${target.namespace}/${
      target.name
    } in ${target.clusters.join(', ')}`,
  );

  const raw = await listRaw(ready.clusters, 500);
  console.log(
    `   raw list+parse: ${raw.objects} objects in ${Math.round(raw.ms)} ms`,
  );

  const memory = await measureCacheMemory(ready.clusters, gc);
  console.log(
    `   cache alone: ${memory.cacheBytesPerObject} B/object; with the engine's analysis: ${memory.analysedBytesPerObject} B/object (analysis ${memory.analysisMs} ms)`,
  );

  const heapBefore = gc();
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: target.name,
      namespace: 'default',
      annotations: {
        'meshplane.io/services': `${target.namespace}/${target.name}`,
        'backstage.io/kubernetes-id': target.name,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
  const stopSyncProfile = await startProfile();
  const startedAt = performance.now();
  const { backend, baseUrl, token } = await startBenchBackend({
    clusters: ready.clusters,
    entities: [entity],
  });
  const backendStartMs = performance.now() - startedAt;
  const headers = { Authorization: `Bearer ${token}` };
  const getJson = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/meshplane${p}`, { headers });
    if (!res.ok)
      throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const synced = await until(
    async () => {
      const list = await getJson<ClusterListResponse>('/clusters');
      return list.items.every(c => c.status === 'synced') ? list : undefined;
    },
    10 * 60_000,
    'initial sync',
    50,
  );
  const startToSyncedMs = performance.now() - startedAt;
  await stopSyncProfile(`sync-${preset}`);
  // Meshplane's own sync: from the first connection start to the last cluster's first complete sync.
  const details = await Promise.all(
    synced.items.map(c => getJson<ClusterDetail>(`/clusters/${c.name}`)),
  );
  const firstConnect = Math.min(
    ...details.map(d => Date.parse(d.connectedSince)),
  );
  const lastSynced = Math.max(
    ...details.map(
      d => Date.parse(d.connectedSince) + (d.initialSyncMs ?? NaN),
    ),
  );
  const syncMs = lastSynced - firstConnect;
  const cachedObjects = synced.items.reduce(
    (n, c) => n + Object.values(c.objectCounts).reduce((a, b) => a + b, 0),
    0,
  );
  console.log(
    `   backend synced ${cachedObjects} objects in ${Math.round(
      syncMs,
    )} ms (backend start to all synced ${Math.round(startToSyncedMs)} ms)`,
  );

  const entityPath = `/entity/component/default/${target.name}`;
  let t = performance.now();
  const firstView = await until(
    () => getJson<EntityMeshView>(entityPath),
    10 * 60_000,
    'first entity answer',
    50,
  );
  const coldEntityMs = performance.now() - t;
  const before = answerFigures(firstView);
  const responseBytes = before.bytes;
  const responseParts = answerParts(firstView);
  console.log(
    `   entity answer parts (bytes): ${JSON.stringify(responseParts)}`,
  );
  const heapAfter = gc();
  const heapPerObject = (heapAfter - heapBefore) / cachedObjects;
  console.log(
    `   first entity answer ${Math.round(
      coldEntityMs,
    )} ms (${responseBytes} bytes); heap ${heapPerObject.toFixed(0)} B/object`,
  );

  const entityLoad = (workers: number, total: number) =>
    load({
      url: `${baseUrl}/api/meshplane${entityPath}`,
      method: 'GET',
      headers,
      workers,
      total,
    });
  await entityLoad(4, 50);
  const stopProfile = await startProfile();
  const at16 = loadSummary(await entityLoad(16, 1600));
  await stopProfile(`entity16-${preset}`);
  const at64 = loadSummary(await entityLoad(64, 1920));
  // The floor: any authenticated, permission-checked request to a trivial endpoint of this backend.
  const floorAt16 = loadSummary(
    await load({
      url: `${baseUrl}/api/kubernetes/clusters`,
      method: 'GET',
      headers,
      workers: 16,
      total: 1600,
    }),
  );
  console.log(
    `   entity API p50/p99: 16 clients ${at16.p50}/${at16.p99} ms, 64 clients ${at64.p50}/${at64.p99} ms; floor (GET /api/kubernetes/clusters) @16 ${floorAt16.p50}/${floorAt16.p99} ms`,
  );

  const firstCluster = target.clusters[0];
  const readyIn = (view: EntityMeshView) =>
    view.workloads
      .filter(w => w.cluster === firstCluster)
      .reduce((n, w) => n + w.ready, 0);
  const baseReady = readyIn(firstView);
  const readinessLatencies: number[] = [];
  for (let i = 0; i < plan.readinessChanges; i++) {
    const makeReady = i % 2 === 1;
    const expected = makeReady ? baseReady : baseReady - 1;
    t = performance.now();
    await fleet.call(
      { type: 'readiness', id: i, ready: makeReady },
      `done:${i}`,
    );
    await until(
      async () =>
        readyIn(await getJson<EntityMeshView>(entityPath)) === expected
          ? true
          : undefined,
      30_000,
      `readiness change ${i}`,
      2,
    );
    readinessLatencies.push(performance.now() - t);
  }
  const readiness = latencySummary(readinessLatencies);
  const hasExtraPort = (view: EntityMeshView) =>
    view.services[0]?.clusters
      .find(c => c.cluster === firstCluster)
      ?.ports.some(p => p.port === 9999) ?? false;
  const structuralLatencies: number[] = [];
  const stopStructuralProfile = await startProfile();
  for (let i = 0; i < plan.structuralChanges; i++) {
    const add = i % 2 === 0;
    const id = 100_000 + i;
    t = performance.now();
    await fleet.call({ type: 'port', id, add }, `done:${id}`);
    await until(
      async () =>
        hasExtraPort(await getJson<EntityMeshView>(entityPath)) === add
          ? true
          : undefined,
      120_000,
      `structural change ${i}`,
      2,
    );
    structuralLatencies.push(performance.now() - t);
  }
  await stopStructuralProfile(`structural-${preset}`);
  const structural = latencySummary(structuralLatencies);
  console.log(
    `   change visible p50/p99: readiness ${readiness.p50}/${readiness.p99} ms (${readiness.n}), structural ${structural.p50}/${structural.p99} ms (${structural.n})`,
  );

  let k8sObjects = 0;
  let k8sErrors = 0;
  const fetchKubernetes = async () => {
    const res = await fetch(
      `${baseUrl}/api/kubernetes/services/${target.name}`,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entity }),
      },
    );
    const body = await res.json();
    if (!res.ok)
      throw new Error(
        `kubernetes: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`,
      );
    k8sObjects = 0;
    for (const item of body.items ?? []) {
      k8sErrors += (item.errors ?? []).length;
      for (const r of item.resources ?? []) k8sObjects += r.resources.length;
    }
  };
  // The object count is informative only: a failure is reported, not fatal.
  await fetchKubernetes().catch(error =>
    console.log(
      `   Kubernetes plugin object count not read: ${(error as Error).message}`,
    ),
  );
  const kubernetesLoad = (workers: number, total: number) =>
    load({
      url: `${baseUrl}/api/kubernetes/services/${target.name}`,
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entity }),
      workers,
      total,
    });
  const k8sAt1 = loadSummary(await kubernetesLoad(1, 10));
  const k8sAt16 = loadSummary(await kubernetesLoad(16, plan.k8sRequests));
  console.log(
    `   Kubernetes plugin p50/p99: 1 client ${k8sAt1.p50}/${k8sAt1.p99} ms, 16 clients ${k8sAt16.p50}/${k8sAt16.p99} ms (${k8sObjects} objects found, ${k8sErrors} cluster errors)`,
  );

  await backend.stop();

  let traffic: TrafficResult = { skipped: '--no-traffic' };
  if (WITH_TRAFFIC) {
    const trafficStartedAt = performance.now();
    traffic = await runTrafficProcess({
      clusters: ready.clusters,
      entityClusters: target.clusters,
      entity,
      entityPath,
      before,
      scrapeIntervalSeconds: plan.scrapeIntervalSeconds,
      preset,
    });
    console.log(
      `   traffic phase: ${Math.round(
        (performance.now() - trafficStartedAt) / 1000,
      )} s`,
    );
  }
  if ('skipped' in traffic)
    console.log(`   traffic: skipped (${traffic.skipped})`);
  if ('failed' in traffic) console.log(`   traffic: FAILED ${traffic.failed}`);

  await fleet.stop();
  return {
    preset,
    clusters: ready.clusters.length,
    fleetObjects: ready.objects,
    entityService: `${target.namespace}/${target.name}`,
    entityClusters: target.clusters,
    rawBaseline: {
      objects: raw.objects,
      ms: Math.round(raw.ms),
      objectsPerSecond: Math.round(raw.objects / (raw.ms / 1000)),
    },
    sync: {
      objects: cachedObjects,
      ms: Math.round(syncMs),
      backendStartMs: Math.round(backendStartMs),
      backendStartToAllSyncedMs: Math.round(startToSyncedMs),
      objectsPerSecond: Math.round(cachedObjects / (syncMs / 1000)),
      ratioToBaseline:
        Math.round((cachedObjects / syncMs / (raw.objects / raw.ms)) * 100) /
        100,
    },
    heapBytesPerObject: Math.round(heapPerObject),
    cacheMemory: memory,
    heapUsedAfterSyncMiB: Math.round(heapAfter / 2 ** 20),
    coldEntityMs: Math.round(coldEntityMs),
    entityResponseBytes: responseBytes,
    entityResponseParts: responseParts,
    entityLatency: { at16, at64 },
    authenticatedFloorAt16: floorAt16,
    changeVisible: { readiness, structural },
    kubernetesPlugin: {
      at1: k8sAt1,
      at16: k8sAt16,
      objectsFound: k8sObjects,
      clusterErrors: k8sErrors,
    },
    p99RatioKubernetesToMeshplaneAt16:
      Math.round((k8sAt16.p99 / at16.p99) * 10) / 10,
    traffic,
  };
}

/** The traffic phase's rows of the printed table ("skipped" or "failed" where it did not run). */
function trafficRows(traffic: TrafficResult[]): string[][] {
  const cell = (
    format: (t: Extract<TrafficResult, { answers: unknown }>) => string,
  ) =>
    traffic.map(t => {
      if ('skipped' in t) return 'skipped';
      if ('failed' in t) return 'failed';
      return format(t);
    });
  const edges = (a: { bytes: number; inbound: number; outbound: number }) =>
    `${a.bytes} (${a.inbound}/${a.outbound})`;
  return [
    [
      'traffic: Prometheus start to joined (s)',
      ...cell(t => (t.startToJoinedMs / 1000).toFixed(1)),
    ],
    [
      'entity answer bytes (edges in/out): no source',
      ...cell(t => edges(t.answers.before)),
    ],
    [
      'entity answer bytes: traffic, default',
      ...cell(
        t =>
          `${edges(t.answers.observed)} ${Math.round(
            t.observedToBefore * 100,
          )} %`,
      ),
    ],
    [
      'entity answer bytes: traffic, callers=all',
      ...cell(t => edges(t.answers.all)),
    ],
    [
      'entity p50/p99 @16, traffic (ms)',
      ...cell(t => `${t.entityAt16.p50}/${t.entityAt16.p99}`),
    ],
    [
      'floor @16 beside it (ms)',
      ...cell(t => `${t.floorAt16.p50}/${t.floorAt16.p99}`),
    ],
    ['p99 entity traffic / floor', ...cell(t => `${t.p99RatioToFloor}×`)],
  ];
}

async function main() {
  const sizesArg =
    process.argv.find(a => a.startsWith('--sizes='))?.slice(8) ??
    (process.argv.includes('--sizes')
      ? process.argv[process.argv.indexOf('--sizes') + 1]
      : 'small,medium,large');
  const sizes = sizesArg.split(',') as Preset[];
  const started = Date.now();
  // Load every module once, so that heap deltas below hold data, not code.
  const warmUp = await startBenchBackend({ clusters: [], entities: [] });
  await warmUp.backend.stop();
  const results = [];
  for (const size of sizes) results.push(await runSize(size));
  const totalSeconds = Math.round((Date.now() - started) / 1000);

  const rows = [
    [
      'fleet',
      ...results.map(
        r => `${r.preset}: ${r.clusters} clusters, ${r.fleetObjects} objects`,
      ),
    ],
    ['initial sync (ms)', ...results.map(r => String(r.sync.ms))],
    ['sync objects/s', ...results.map(r => String(r.sync.objectsPerSecond))],
    [
      'raw list+parse objects/s',
      ...results.map(r => String(r.rawBaseline.objectsPerSecond)),
    ],
    ['sync / raw', ...results.map(r => String(r.sync.ratioToBaseline))],
    [
      'heap B/object: cache (trimmed + index)',
      ...results.map(r => String(r.cacheMemory.cacheBytesPerObject)),
    ],
    [
      'heap B/object: cache + analysis',
      ...results.map(r => String(r.cacheMemory.analysedBytesPerObject)),
    ],
    [
      'heap B/object: whole backend',
      ...results.map(r => String(r.heapBytesPerObject)),
    ],
    [
      'full analysis (ms)',
      ...results.map(r => String(r.cacheMemory.analysisMs)),
    ],
    ['first entity answer (ms)', ...results.map(r => String(r.coldEntityMs))],
    [
      'entity p50/p99 @16 (ms)',
      ...results.map(
        r => `${r.entityLatency.at16.p50}/${r.entityLatency.at16.p99}`,
      ),
    ],
    [
      'entity p50/p99 @64 (ms)',
      ...results.map(
        r => `${r.entityLatency.at64.p50}/${r.entityLatency.at64.p99}`,
      ),
    ],
    [
      'floor: trivial authorized GET @16 (ms)',
      ...results.map(
        r => `${r.authenticatedFloorAt16.p50}/${r.authenticatedFloorAt16.p99}`,
      ),
    ],
    [
      'change visible p50/p99, readiness (ms)',
      ...results.map(
        r =>
          `${r.changeVisible.readiness.p50}/${r.changeVisible.readiness.p99}`,
      ),
    ],
    [
      'change visible p50/p99, structural (ms)',
      ...results.map(
        r =>
          `${r.changeVisible.structural.p50}/${r.changeVisible.structural.p99}`,
      ),
    ],
    [
      'Kubernetes plugin p50/p99 @1 (ms)',
      ...results.map(
        r => `${r.kubernetesPlugin.at1.p50}/${r.kubernetesPlugin.at1.p99}`,
      ),
    ],
    [
      'Kubernetes plugin p50/p99 @16 (ms)',
      ...results.map(
        r => `${r.kubernetesPlugin.at16.p50}/${r.kubernetesPlugin.at16.p99}`,
      ),
    ],
    [
      'p99 Kubernetes / Meshplane @16',
      ...results.map(r => `${r.p99RatioKubernetesToMeshplaneAt16}×`),
    ],
    ...trafficRows(results.map(r => r.traffic)),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  console.log('');
  for (const row of rows)
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  console.log(`\ntotal ${totalSeconds} s`);

  // bench/results/ at the repository root, next to the engine benchmark's results.
  const dir = path.join(__dirname, '..', '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `backend-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        machine: {
          cpus: os.cpus().length,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        totalSeconds,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`results: ${path.relative(process.cwd(), file)}`);
}

main().then(
  // Stopped backends leave timers of other plugins behind; the run is over.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
