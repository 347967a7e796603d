import {
  levelRank,
  loadIstioCrdSchemas,
  MeshAnalyzer,
} from '@meshplane/plugin-meshplane-common';
import { loadClusters, loadMeshConfig, loadMeshNetworks } from './loadInputs';
import { AnalyzeOptions } from './parseArgs';
import { renderTable } from './renderTable';

/** Output streams and the exit code of one run. */
export interface AnalyzeResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const THRESHOLD = { error: 3, warning: 2, info: 1, none: Infinity } as const;

/** Runs `meshplane analyze` (without touching the process): load, analyse, render, exit code. */
export async function runAnalyze(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const warnings: string[] = [];
  const clusters = loadClusters(opts.paths, opts.clusters, warnings);
  const meshConfig = opts.meshConfig
    ? loadMeshConfig(opts.meshConfig)
    : undefined;
  const meshNetworks = opts.meshNetworks
    ? loadMeshNetworks(opts.meshNetworks)
    : undefined;
  const schemas = await loadIstioCrdSchemas();
  const analyzer = new MeshAnalyzer({ meshConfig, meshNetworks, schemas });
  for (const c of clusters) analyzer.loadCluster(c);
  const report = analyzer.report({ edges: opts.edges });
  const failing = report.messages.filter(
    m => levelRank(m.level) >= THRESHOLD[opts.failOn],
  ).length;
  return {
    stdout:
      opts.output === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderTable(report),
    stderr: warnings.map(w => `meshplane: warning: ${w}\n`).join(''),
    exitCode: failing > 0 ? 1 : 0,
  };
}
