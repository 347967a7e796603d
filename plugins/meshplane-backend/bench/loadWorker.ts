/*
 * Load clients of the benchmark, on their own thread so that their CPU does
 * not queue behind the backend's: `workers` closed-loop clients send `total`
 * requests (and go on until `minDurationMs` has passed) and post back each
 * request's latency in milliseconds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runConcurrent } from './stats';

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  workers: number;
  total: number;
  /** Also keep going until this long has passed (a figure that must span a cache's lifetime). */
  minDurationMs?: number;
}

async function main() {
  const request = workerData as LoadRequest;
  // A failed request is counted and its first reasons kept; it never stops the run.
  let failed = 0;
  const reasons: string[] = [];
  const fail = (reason: string) => {
    failed++;
    if (reasons.length < 5 && !reasons.includes(reason)) reasons.push(reason);
  };
  // When each request ended (ms since the epoch), in the order of `latencies`.
  const endedAt: number[] = [];
  const latencies = await runConcurrent(
    request.workers,
    request.total,
    async () => {
      try {
        const res = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        await res.arrayBuffer();
        if (!res.ok) fail(`HTTP ${res.status}`);
      } catch (error) {
        fail(String((error as Error).cause ?? error));
      }
      endedAt.push(performance.timeOrigin + performance.now());
    },
    request.minDurationMs,
  );
  parentPort!.postMessage({ latencies, endedAt, failed, reasons });
}

main();
