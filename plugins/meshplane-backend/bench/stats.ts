/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[rank];
}

/** p50 and p99 in milliseconds, rounded to 0.1 ms. */
export function latencySummary(values: number[]): {
  p50: number;
  p99: number;
  n: number;
} {
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    n: values.length,
  };
}

/**
 * Runs `workers` closed-loop clients until `total` calls are done and, with `minDurationMs`,
 * that long has passed; returns each call's latency (ms).
 */
export async function runConcurrent(
  workers: number,
  total: number,
  call: () => Promise<void>,
  minDurationMs = 0,
): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const startedAt = performance.now();
  const worker = async () => {
    while (started < total || performance.now() - startedAt < minDurationMs) {
      started++;
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return latencies;
}
