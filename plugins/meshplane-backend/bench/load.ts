import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadRequest } from './loadWorker';
import { latencySummary } from './stats';

export const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

/** What one load figure measured: latencies of every request, and how many of them failed (and why). */
export interface LoadResult {
  latencies: number[];
  /** When each request ended (ms since the epoch), in the order of `latencies`. */
  endedAt: number[];
  failed: number;
  reasons: string[];
}

/** Runs closed-loop clients on a worker thread; failed requests are counted, never fatal. */
export function load(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'loadWorker.ts'), {
      workerData: request,
      execArgv: ['--require', NODE_TRANSFORM],
    });
    worker.once('message', (result: LoadResult) => {
      if (result.failed > 0) {
        console.log(
          `   ${result.failed} of ${request.total} requests to ${
            request.url
          } failed: ${result.reasons.join(', ')}`,
        );
      }
      resolve(result);
      worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** p50/p99 of a load figure with its failure count. */
export const loadSummary = (result: LoadResult) => ({
  ...latencySummary(result.latencies),
  failed: result.failed,
});

/** Polls `check` until it returns a value; errors (a backend busy analysing) count as "not yet". */
export async function until<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
  intervalMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (${String(lastError)})`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/**
 * Two loads in alternating rounds of `chunk` requests each (`a`, then `b`, …), so that both
 * meet the same background (garbage collections, a scrape of the simulator's metrics, other
 * processes): rounds go on until `a` has had `minRounds` rounds and run `minDurationMs` in all.
 * Returns each load's latencies over every round and how long `a` ran.
 */
export async function loadInterleaved(
  a: Omit<LoadRequest, 'total' | 'minDurationMs'>,
  b: Omit<LoadRequest, 'total' | 'minDurationMs'>,
  options: { chunk: number; minRounds: number; minDurationMs: number },
): Promise<{ a: LoadResult; b: LoadResult; aMs: number; rounds: number }> {
  const merged = (): LoadResult => ({
    latencies: [],
    endedAt: [],
    failed: 0,
    reasons: [],
  });
  const results = { a: merged(), b: merged() };
  const add = (into: LoadResult, result: LoadResult) => {
    into.latencies.push(...result.latencies);
    into.endedAt.push(...result.endedAt);
    into.failed += result.failed;
    for (const reason of result.reasons)
      if (!into.reasons.includes(reason)) into.reasons.push(reason);
  };
  let aMs = 0;
  let rounds = 0;
  while (rounds < options.minRounds || aMs < options.minDurationMs) {
    const started = performance.now();
    add(results.a, await load({ ...a, total: options.chunk }));
    aMs += performance.now() - started;
    add(results.b, await load({ ...b, total: options.chunk }));
    rounds++;
  }
  return { ...results, aMs, rounds };
}
