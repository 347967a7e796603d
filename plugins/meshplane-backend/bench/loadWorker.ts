/*
 * Load clients of the benchmark, on their own thread so that their CPU does
 * not queue behind the backend's: `workers` closed-loop clients send `total`
 * requests and post back each request's latency in milliseconds.
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
    },
  );
  parentPort!.postMessage({ latencies, failed, reasons });
}

main();
