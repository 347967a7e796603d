import fs from 'node:fs';
import { prometheusBinary } from '../prometheus';

/**
 * Whether tests that run a real Prometheus can run: with CI set its absence is an error,
 * otherwise the tests are skipped with a printed reason.
 */
export function prometheusAvailable(): boolean {
  const binary = prometheusBinary();
  if (fs.existsSync(binary)) return true;
  if (process.env.CI) {
    throw new Error(
      `${binary} is missing; the Prometheus integration tests must run in CI`,
    );
  }
  process.stderr.write(
    `skipping Prometheus integration tests: ${binary} not found (install Debian's prometheus or set PROMETHEUS_BIN)\n`,
  );
  return false;
}

/** The result of an instant query: one `{ labels, value }` per series. */
export async function queryPrometheus(
  url: string,
  query: string,
): Promise<Array<{ labels: Record<string, string>; value: number }>> {
  const response = await fetch(
    `${url}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  const body = await response.json();
  if (body.status !== 'success') {
    throw new Error(`query ${query} failed: ${JSON.stringify(body)}`);
  }
  return body.data.result.map(
    (r: { metric: Record<string, string>; value: [number, string] }) => ({
      labels: r.metric,
      value: Number(r.value[1]),
    }),
  );
}
