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
  const failures: string[] = [];
  const latencies = await runConcurrent(request.workers, request.total, async () => {
    const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
    await res.arrayBuffer();
    if (!res.ok && failures.length < 5) failures.push(`HTTP ${res.status}`);
  });
  parentPort!.postMessage({ latencies, failures });
}

main();
