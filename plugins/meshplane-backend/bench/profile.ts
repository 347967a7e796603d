import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

/**
 * With `MESHPLANE_BENCH_PROFILE=<folder>`, records a CPU profile of the
 * backend's thread while a phase runs (open it in Chrome DevTools): start-up
 * and initial sync (`sync-<size>`), the entity load at 16 clients (without and
 * with traffic: `entity16-<size>`, `entity16-traffic-<size>`) and the
 * structural changes (`structural-<size>`). Resolves the function that stops
 * the profile and saves it under a name.
 */
export async function startProfile(): Promise<(name: string) => Promise<void>> {
  const folder = process.env.MESHPLANE_BENCH_PROFILE;
  if (!folder) return async () => {};
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async name => {
    const { profile } = await post('Profiler.stop');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  };
}
