/*
 * Compares benchmark results with the committed reference in bench/baseline/: for every figure,
 * the median of the newest runs in bench/results/ (three by default) against the median of the
 * baseline's runs. "No worse" means within 15 % of the reference, or better (README, Benchmarks).
 *
 *   yarn bench:compare [--runs 3] [--tolerance 0.15] [--baseline DIR] [--results DIR]
 *
 * `--baseline` and `--results` compare two other folders, e.g. an A/B of two checkouts measured in
 * the same hour (this machine's speed drifts by 10 % or more over a day).
 * Exits 1 when a figure is worse beyond the tolerance, 2 when there is nothing to compare.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** A figure of a benchmark: where it is in a result of one size, and which way is better. */
interface Figure {
  label: string;
  path: string[];
  better: 'lower' | 'higher';
}

const ENGINE_FIGURES: Figure[] = [
  { label: 'full analysis ms', path: ['fullAnalysisMs'], better: 'lower' },
  { label: 'report ms', path: ['reportMs'], better: 'lower' },
  { label: 'fleet topology ms', path: ['fullTopologyMs'], better: 'lower' },
  {
    label: 'topology of one service ms',
    path: ['topologyOneServiceMs'],
    better: 'lower',
  },
  {
    label: 'edges of one service ms',
    path: ['serverEdgesOneServiceMs'],
    better: 'lower',
  },
  {
    label: 'incremental Deployment ms',
    path: ['incrementalDeploymentLabelsMs'],
    better: 'lower',
  },
  {
    label: 'incremental DestinationRule ms',
    path: ['incrementalDestinationRuleMs'],
    better: 'lower',
  },
  { label: 'heap MB', path: ['heapUsedMb'], better: 'lower' },
  { label: 'peak RSS MB', path: ['peakRssMb'], better: 'lower' },
];

const BACKEND_FIGURES: Figure[] = [
  { label: 'initial sync ms', path: ['sync', 'ms'], better: 'lower' },
  {
    label: 'sync / raw',
    path: ['sync', 'ratioToBaseline'],
    better: 'higher',
  },
  {
    label: 'cache B/object',
    path: ['cacheMemory', 'cacheBytesPerObject'],
    better: 'lower',
  },
  {
    label: 'cache + analysis B/object',
    path: ['cacheMemory', 'analysedBytesPerObject'],
    better: 'lower',
  },
  {
    label: 'whole backend B/object',
    path: ['heapBytesPerObject'],
    better: 'lower',
  },
  {
    label: 'full analysis ms',
    path: ['cacheMemory', 'analysisMs'],
    better: 'lower',
  },
  { label: 'first entity answer ms', path: ['coldEntityMs'], better: 'lower' },
  {
    label: 'entity p50 @16 ms',
    path: ['entityLatency', 'at16', 'p50'],
    better: 'lower',
  },
  {
    label: 'entity p99 @16 ms',
    path: ['entityLatency', 'at16', 'p99'],
    better: 'lower',
  },
  {
    label: 'entity p50 @64 ms',
    path: ['entityLatency', 'at64', 'p50'],
    better: 'lower',
  },
  {
    label: 'entity p99 @64 ms',
    path: ['entityLatency', 'at64', 'p99'],
    better: 'lower',
  },
  {
    label: 'readiness visible p50 ms',
    path: ['changeVisible', 'readiness', 'p50'],
    better: 'lower',
  },
  {
    label: 'readiness visible p99 ms',
    path: ['changeVisible', 'readiness', 'p99'],
    better: 'lower',
  },
  {
    label: 'Service port visible p50 ms',
    path: ['changeVisible', 'structural', 'p50'],
    better: 'lower',
  },
  {
    label: 'Service port visible p99 ms',
    path: ['changeVisible', 'structural', 'p99'],
    better: 'lower',
  },
  {
    label: 'Kubernetes plugin / Meshplane p99 @16',
    path: ['p99RatioKubernetesToMeshplaneAt16'],
    better: 'higher',
  },
  // The traffic phase (issue 16): "n/a" against a baseline recorded before it, or a run that skipped it.
  {
    label: 'traffic: entity answer bytes, default',
    path: ['traffic', 'answers', 'observed', 'bytes'],
    better: 'lower',
  },
  {
    label: 'traffic: entity answer bytes, callers=all',
    path: ['traffic', 'answers', 'all', 'bytes'],
    better: 'lower',
  },
  {
    label: 'traffic: entity p50 @16 ms',
    path: ['traffic', 'entityAt16', 'p50'],
    better: 'lower',
  },
  {
    label: 'traffic: entity p99 @16 ms',
    path: ['traffic', 'entityAt16', 'p99'],
    better: 'lower',
  },
  {
    label: 'traffic: entity p99 / floor p99 @16',
    path: ['traffic', 'p99RatioToFloor'],
    better: 'lower',
  },
];

interface Run {
  file: string;
  results: Array<Record<string, unknown>>;
}

function readRuns(folder: string, prefix: string): Run[] {
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch {
    return [];
  }
  return files
    .filter(f => f.startsWith(`${prefix}-`) && f.endsWith('.json'))
    .sort()
    .map(file => ({
      file,
      results: JSON.parse(readFileSync(join(folder, file), 'utf8')).results,
    }));
}

function valueAt(result: Record<string, unknown>, path: string[]) {
  let value: unknown = result;
  for (const key of path) {
    value = (value as Record<string, unknown> | undefined)?.[key];
  }
  return typeof value === 'number' ? value : undefined;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The key that identifies one size of a benchmark within a run. */
const sizeOf = (result: Record<string, unknown>) =>
  String(result.preset ?? `${result.workloads} workloads`);

function compare(
  name: string,
  figures: Figure[],
  baseline: Run[],
  current: Run[],
  tolerance: number,
): number {
  if (baseline.length === 0 || current.length === 0) {
    console.log(
      `${name}: nothing to compare (${baseline.length} baseline runs, ${current.length} current runs)`,
    );
    return 0;
  }
  console.log(
    `\n${name}: median of ${current.length} runs (${current
      .map(r => r.file)
      .join(', ')}) against the baseline's ${baseline.length}`,
  );
  const sizes = [
    ...new Set(baseline.flatMap(run => run.results.map(sizeOf))),
  ].filter(size =>
    current.some(run => run.results.some(r => sizeOf(r) === size)),
  );
  let worse = 0;
  const rows: string[][] = [
    ['size', 'figure', 'baseline', 'now', 'change', ''],
  ];
  for (const size of sizes) {
    for (const figure of figures) {
      const pick = (runs: Run[]) =>
        median(
          runs.flatMap(run =>
            run.results
              .filter(r => sizeOf(r) === size)
              .map(r => valueAt(r, figure.path))
              .filter((v): v is number => v !== undefined),
          ),
        );
      const before = pick(baseline);
      const now = pick(current);
      if (before === undefined && now === undefined) continue;
      if (before === undefined || now === undefined) {
        // A figure one side does not have (a baseline older than it, a skipped phase).
        const shown = (v: number | undefined) =>
          v === undefined ? 'n/a' : String(Math.round(v * 10) / 10);
        rows.push([size, figure.label, shown(before), shown(now), 'n/a', '']);
        continue;
      }
      if (before === 0) continue;
      const change = (now - before) / before;
      const worseBy = figure.better === 'lower' ? change : -change;
      const verdict =
        worseBy > tolerance ? 'WORSE' : worseBy < -tolerance ? 'better' : 'ok';
      if (verdict === 'WORSE') worse++;
      rows.push([
        size,
        figure.label,
        String(Math.round(before * 10) / 10),
        String(Math.round(now * 10) / 10),
        `${change >= 0 ? '+' : ''}${Math.round(change * 100)} %`,
        verdict,
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  for (const row of rows) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  }
  return worse;
}

function main() {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    return index >= 0 ? Number(args[index + 1]) : fallback;
  };
  const folder = (name: string, fallback: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? resolve(args[index + 1]) : fallback;
  };
  const runs = option('--runs', 3);
  const tolerance = option('--tolerance', 0.15);
  const baselineDir = folder('--baseline', join(root, 'bench', 'baseline'));
  const resultsDir = folder('--results', join(root, 'bench', 'results'));
  let worse = 0;
  let compared = 0;
  for (const [name, prefix, figures] of [
    ['engine (yarn bench:engine)', 'engine', ENGINE_FIGURES],
    ['backend (yarn bench)', 'backend', BACKEND_FIGURES],
  ] as const) {
    const baseline = readRuns(baselineDir, prefix);
    const current = readRuns(resultsDir, prefix).slice(-runs);
    if (baseline.length > 0 && current.length > 0) compared++;
    worse += compare(name, figures, baseline, current, tolerance);
  }
  if (compared === 0) {
    console.log(
      'Nothing to compare: run yarn bench:engine and yarn bench first.',
    );
    process.exit(2);
  }
  console.log(
    worse === 0
      ? `\nEvery figure is within ${Math.round(
          tolerance * 100,
        )} % of the baseline or better.`
      : `\n${worse} figure(s) worse than the baseline by more than ${Math.round(
          tolerance * 100,
        )} %.`,
  );
  process.exit(worse === 0 ? 0 : 1);
}

main();
