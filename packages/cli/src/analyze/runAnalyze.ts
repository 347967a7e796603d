import {
  levelRank,
  loadIstioCrdSchemas,
  MeshAnalyzer,
} from '@meshplane/plugin-meshplane-common';
import type { Message } from '@meshplane/plugin-meshplane-common';
import {
  loadClusters,
  loadMeshConfig,
  loadMeshNetworks,
  loadTraffic,
} from './loadInputs';
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
  const traffic =
    opts.traffic !== undefined ? loadTraffic(opts.traffic) : undefined;
  const schemas = await loadIstioCrdSchemas();
  const analyzer = new MeshAnalyzer({ meshConfig, meshNetworks, schemas });
  for (const c of clusters) analyzer.loadCluster(c);
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  let stdout: string;
  let messages: Message[];
  if (opts.readiness.length) {
    const readiness = opts.readiness.flatMap(ns => {
      const found = analyzer.readiness(ns);
      if (!found.length)
        warnings.push(`--readiness ${ns}: no such namespace in any cluster`);
      return found;
    });
    return {
      stdout: json({ readiness }),
      stderr: warnings.map(w => `meshplane: warning: ${w}\n`).join(''),
      exitCode: readiness.some(r => !r.ready) ? 1 : 0,
    };
  }
  if (opts.entities.length) {
    // The engine's entity answer: the API's `posture` and `findings` for an entity linked to these services.
    const view = analyzer.entityView(opts.entities, { traffic });
    for (const ref of opts.entities) {
      if (
        !view.services.some(
          s => s.namespace === ref.namespace && s.name === ref.name,
        )
      )
        warnings.push(
          `--entity ${ref.namespace}/${ref.name}: no such service in any cluster`,
        );
    }
    messages = view.findings;
    stdout = json({ posture: view.posture, findings: view.findings });
  } else {
    const report = analyzer.report({ edges: opts.edges, traffic });
    messages = report.messages;
    stdout = opts.output === 'json' ? json(report) : renderTable(report);
  }
  const failing = messages.filter(
    m => levelRank(m.level) >= THRESHOLD[opts.failOn],
  ).length;
  return {
    stdout,
    stderr: warnings.map(w => `meshplane: warning: ${w}\n`).join(''),
    exitCode: failing > 0 ? 1 : 0,
  };
}
