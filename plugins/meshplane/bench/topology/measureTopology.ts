/*
 * Measures how long a topology takes to render in headless Chromium, for
 * core-components' DependencyGraph and for Meshplane's TopologyGraph, at
 * several sizes. Prints a table; writes nothing into the repository.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/meshplane/bench/topology/measureTopology.ts [sizes…]
 *
 * "layout" is the time from React's first render call to the last DOM change
 * that adds a node or moves one (the final layout); "settled" is the last DOM
 * change of any kind (DependencyGraph also flips classes after its settle timer).
 * The page counts as finished after 1.5 s without any DOM change (bounded at 60 s).
 * With MESHPLANE_BENCH_SCREENSHOT_DIR set, the first run of each case is saved there as PNG.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const QUIET_MS = 1500;
const LIMIT_MS = 60_000;
const RUNS = 3;

async function bundle(dir: string) {
  await build({
    entryPoints: [join(__dirname, 'benchPage.tsx')],
    bundle: true,
    minify: true,
    format: 'iife',
    outfile: join(dir, 'bench.js'),
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: {
      '.svg': 'dataurl',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
    },
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script src="bench.js"></script></body></html>',
  );
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter(n => n > 0);
  const dir = mkdtempSync(join(tmpdir(), 'meshplane-topology-bench-'));
  try {
    await bundle(dir);
    const browser = await chromium.launch({
      executablePath:
        process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    const rows: string[] = [];
    for (const size of sizes.length > 0 ? sizes : [200, 400]) {
      for (const impl of ['dependency-graph', 'topology-graph']) {
        const layouts: number[] = [];
        const settles: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const page = await browser.newPage({
            viewport: { width: 1400, height: 900 },
          });
          const errors: string[] = [];
          page.on('pageerror', error => errors.push(error.message));
          await page.goto(
            `file://${join(dir, 'index.html')}?impl=${impl}&nodes=${size}`,
          );
          await page
            .waitForFunction(() => (window as any).meshplaneBench, undefined, {
              timeout: LIMIT_MS,
            })
            .catch(() => {
              throw new Error(
                `the bench page did not start: ${
                  errors.join('; ') || 'no error reported'
                }`,
              );
            });
          const result = await page.evaluate(
            ({ quiet, limit }) =>
              new Promise<{ layout: number; settled: number; done: boolean }>(
                resolve => {
                  const bench = (window as any).meshplaneBench;
                  const check = () => {
                    const now = performance.now();
                    const idle =
                      bench.lastMutation > 0 &&
                      now - bench.lastMutation > quiet;
                    if (idle || now - bench.start > limit) {
                      resolve({
                        layout: bench.lastLayout - bench.start,
                        settled: bench.lastMutation - bench.start,
                        done: idle,
                      });
                    } else {
                      setTimeout(check, 100);
                    }
                  };
                  check();
                },
              ),
            { quiet: QUIET_MS, limit: LIMIT_MS },
          );
          if (!result.done)
            throw new Error(
              `${impl} at ${size} nodes did not settle within ${LIMIT_MS} ms`,
            );
          const screenshotDir = process.env.MESHPLANE_BENCH_SCREENSHOT_DIR;
          if (screenshotDir && run === 0) {
            await page.screenshot({
              path: join(screenshotDir, `topology-${impl}-${size}.png`),
            });
          }
          layouts.push(result.layout);
          settles.push(result.settled);
          await page.close();
        }
        const median = (values: number[]) =>
          [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
        rows.push(
          `| ${impl} | ${size} | ${Math.round(median(layouts))} | ${Math.round(
            median(settles),
          )} |`,
        );
      }
    }
    await browser.close();
    process.stdout.write(
      [
        `Topology render in headless Chromium, median of ${RUNS} runs (ms)`,
        '',
        '| implementation | nodes | layout final | DOM settled |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
