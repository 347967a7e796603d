/*
 * Engine benchmark (`yarn bench:engine`): generated fleets of about 1k, 10k and 50k workloads in
 * three clusters (the fleet-sim's `generateFleet`, the generator the backend benchmark uses); full analysis (posture and findings — the report — plus the topology of the
 * whole fleet; not all-pairs edges, which are quadratic), the topology and the edges of one service
 * on demand, incremental time after a Deployment's labels change and after a namespace's
 * DestinationRule changes, and peak memory. Prints a table and writes
 * bench/results/engine-<timestamp>.json at the repository root.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MeshAnalyzer } from '../src';
import { fleetSnapshot, generateFleet } from '@meshplane/fleet-sim';

interface SizeResult {
  /** The size asked for (the key `yarn bench:compare` matches runs by). */
  workloads: number;
  /** Deployments the generated fleet holds (control planes included). */
  deployments: number;
  clusters: number;
  namespaces: number;
  objects: number;
  loadMs: number;
  /** Report (posture + findings) plus the full fleet topology. */
  fullAnalysisMs: number;
  reportMs: number;
  fullTopologyMs: number;
  topologyNodes: number;
  topologyEdges: number;
  findings: number;
  topologyOneServiceMs: number;
  serverEdgesOneServiceMs: number;
  serverEdges: number;
  incrementalDeploymentLabelsMs: number;
  incrementalDeploymentUnits: number;
  incrementalDestinationRuleMs: number;
  incrementalDestinationRuleUnits: number;
  heapUsedMb: number;
  peakRssMb: number;
}

const SIZES = (process.env.MESHPLANE_BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number);
const CLUSTERS = 3;
/**
 * Workloads per generated service: 1–3 clusters (2 on average) times 1.25 versions (every fourth
 * service runs a canary).
 */
const WORKLOADS_PER_SERVICE = 2.5;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function runSize(workloads: number): SizeResult {
  const snapshot = fleetSnapshot(
    generateFleet({
      clusters: CLUSTERS,
      services: Math.round(workloads / WORKLOADS_PER_SERVICE),
      seed: 11,
    }),
  );
  const objects = snapshot.clusters.reduce((n, c) => n + c.objects.length, 0);
  const deployments = snapshot.clusters.reduce(
    (n, c) => n + c.objects.filter(o => o.kind === 'Deployment').length,
    0,
  );
  const namespaces = snapshot.clusters.reduce(
    (n, c) => n + c.objects.filter(o => o.kind === 'Namespace').length,
    0,
  );

  let t = process.hrtime.bigint();
  const analyzer = MeshAnalyzer.fromSnapshot(snapshot);
  const loadMs = ms(t);
  t = process.hrtime.bigint();
  const report = analyzer.report();
  const reportMs = ms(t);
  t = process.hrtime.bigint();
  const topology = analyzer.topology();
  const fullTopologyMs = ms(t);
  const fullAnalysisMs = reportMs + fullTopologyMs;

  // A canary service with a VirtualService, an AuthorizationPolicy and a ServiceEntry.
  const target = { namespace: 'team-001', name: 'svc-00001' };
  t = process.hrtime.bigint();
  analyzer.topology([target]);
  const topologyOneServiceMs = ms(t);
  t = process.hrtime.bigint();
  const groups = analyzer.serverEdges(target.namespace, target.name);
  const serverEdgesOneServiceMs = ms(t);

  // Changes in the second cluster's first team namespace.
  const cluster = snapshot.clusters[1];
  const changed = cluster.objects
    .filter(o => o.kind === 'DestinationRule')
    .map(o => o.metadata.namespace!)
    .sort()[0];
  const changedDeployments = cluster.objects.filter(
    o => o.kind === 'Deployment' && o.metadata.namespace === changed,
  );
  const drs = cluster.objects.filter(
    o => o.kind === 'DestinationRule' && o.metadata.namespace === changed,
  );
  const labelTimes: number[] = [];
  const drTimes: number[] = [];
  let deploymentUnits = 0;
  let drUnits = 0;
  for (let i = 0; i < 5; i++) {
    const d = JSON.parse(
      JSON.stringify(changedDeployments[i % changedDeployments.length]),
    );
    d.spec.template.metadata.labels.track = `t${i}`;
    t = process.hrtime.bigint();
    analyzer.upsert(cluster.name, d);
    deploymentUnits = analyzer.refresh();
    analyzer.changedSince(analyzer.version - 1);
    labelTimes.push(ms(t));

    const dr = JSON.parse(JSON.stringify(drs[i % drs.length]));
    dr.spec.trafficPolicy = {
      tls: { mode: i % 2 ? 'ISTIO_MUTUAL' : 'DISABLE' },
    };
    t = process.hrtime.bigint();
    analyzer.upsert(cluster.name, dr);
    drUnits = analyzer.refresh();
    analyzer.changedSince(analyzer.version - 1);
    drTimes.push(ms(t));
  }
  const mem = process.memoryUsage();
  return {
    workloads,
    clusters: CLUSTERS,
    deployments,
    namespaces,
    objects,
    loadMs: Math.round(loadMs),
    fullAnalysisMs: Math.round(fullAnalysisMs),
    reportMs: Math.round(reportMs),
    fullTopologyMs: Math.round(fullTopologyMs),
    topologyNodes: topology.nodes.length,
    topologyEdges: topology.edges.length,
    findings: report.messages.length,
    topologyOneServiceMs: Math.round(topologyOneServiceMs * 10) / 10,
    serverEdgesOneServiceMs: Math.round(serverEdgesOneServiceMs),
    serverEdges: groups.reduce((n, g) => n + g.edges.length, 0),
    incrementalDeploymentLabelsMs: Math.round(median(labelTimes) * 10) / 10,
    incrementalDeploymentUnits: deploymentUnits,
    incrementalDestinationRuleMs: Math.round(median(drTimes) * 10) / 10,
    incrementalDestinationRuleUnits: drUnits,
    heapUsedMb: Math.round(mem.heapUsed / 1048576),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function findRepoRoot(start: string): string {
  let dir = start;
  while (dir !== path.dirname(dir)) {
    if (
      fs.existsSync(path.join(dir, 'package.json')) &&
      fs.existsSync(path.join(dir, 'plugins'))
    )
      return dir;
    dir = path.dirname(dir);
  }
  return start;
}

function main(): void {
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    results.push(runSize(size));
    const r = results[results.length - 1];
    process.stdout.write(
      `  ${r.workloads} workloads: full ${r.fullAnalysisMs} ms (report ${r.reportMs}, topology ${r.fullTopologyMs}), incremental ${r.incrementalDeploymentLabelsMs}/${r.incrementalDestinationRuleMs} ms\n`,
    );
  }
  const columns: Array<[string, keyof SizeResult]> = [
    ['workloads', 'workloads'],
    ['deployments', 'deployments'],
    ['objects', 'objects'],
    ['load ms', 'loadMs'],
    ['full analysis ms', 'fullAnalysisMs'],
    ['report ms', 'reportMs'],
    ['topology(fleet) ms', 'fullTopologyMs'],
    ['topology edges', 'topologyEdges'],
    ['findings', 'findings'],
    ['topology(1 svc) ms', 'topologyOneServiceMs'],
    ['edges(1 svc) ms', 'serverEdgesOneServiceMs'],
    ['edges', 'serverEdges'],
    ['incr. Deployment ms', 'incrementalDeploymentLabelsMs'],
    ['units', 'incrementalDeploymentUnits'],
    ['incr. DR ms', 'incrementalDestinationRuleMs'],
    ['units ', 'incrementalDestinationRuleUnits'],
    ['heap MB', 'heapUsedMb'],
    ['peak RSS MB', 'peakRssMb'],
  ];
  const widths = columns.map(([h, k]) =>
    Math.max(h.length, ...results.map(r => String(r[k]).length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padStart(widths[i])).join('  ');
  process.stdout.write(`\n${line(columns.map(([h]) => h))}\n`);
  for (const r of results)
    process.stdout.write(`${line(columns.map(([, k]) => String(r[k])))}\n`);

  const dir = path.join(findRepoRoot(__dirname), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `engine-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      {
        node: process.version,
        clusters: CLUSTERS,
        workloadsPerService: WORKLOADS_PER_SERVICE,
        generator: '@meshplane/fleet-sim generateFleet',
        results,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`\nsaved ${path.relative(process.cwd(), file)}\n`);
}

main();
