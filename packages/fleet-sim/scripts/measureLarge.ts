/*
 * Measures the simulator on the generator's large fleet (50 clusters, ~150k objects):
 * RSS while serving it, and the time of a full paginated list (limit=500, following
 * `continue`) of every resource in every cluster over HTTPS.
 *
 *   node --expose-gc --require @backstage/cli/config/nodeTransform.cjs packages/fleet-sim/scripts/measureLarge.ts [preset]
 */
import https from 'node:https';
import {
  FLEET_PRESETS,
  fleetObjectCount,
  generateFleet,
  RESOURCE_TYPES,
  startFleet,
} from '../src';

const MiB = 1024 * 1024;

function getJson(url: string, token: string, agent: https.Agent): Promise<any> {
  return new Promise((resolve, reject) => {
    https
      .get(
        url,
        {
          agent,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) {
              reject(
                new Error(`${url}: ${res.statusCode} ${body.slice(0, 200)}`),
              );
            } else {
              resolve(JSON.parse(body));
            }
          });
        },
      )
      .on('error', reject);
  });
}

function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main() {
  const preset = (process.argv[2] ?? 'large') as keyof typeof FLEET_PRESETS;
  const generated = Date.now();
  let fleet: ReturnType<typeof generateFleet> | undefined = generateFleet(
    FLEET_PRESETS[preset],
  );
  const objects = fleetObjectCount(fleet);
  const clusterCount = fleet.clusters.length;
  const server = await startFleet({ fleet });
  fleet = undefined;
  collectGarbage();
  const startedMs = Date.now() - generated;
  const rssServing = process.memoryUsage().rss;

  const stored = RESOURCE_TYPES.filter(t => t.version === t.storageVersion);
  const listed = Date.now();
  let items = 0;
  let requests = 0;
  for (const cluster of server.clusters) {
    const agent = new https.Agent({ ca: cluster.caData, keepAlive: true });
    for (const type of stored) {
      const base = `${cluster.url}/${
        type.group ? `apis/${type.group}` : 'api'
      }/${type.version}/${type.plural}?limit=500`;
      let next: string | undefined;
      do {
        const page = await getJson(
          next ? `${base}&continue=${encodeURIComponent(next)}` : base,
          cluster.token,
          agent,
        );
        requests++;
        items += page.items.length;
        next = page.metadata.continue;
      } while (next);
    }
    agent.destroy();
  }
  const listMs = Date.now() - listed;
  collectGarbage();
  const rssAfterList = process.memoryUsage().rss;
  await server.stop();
  const report = {
    preset,
    clusters: clusterCount,
    objectsGenerated: objects,
    objectsListed: items,
    listRequests: requests,
    startSeconds: startedMs / 1000,
    rssServingMiB: Math.round(rssServing / MiB),
    fullPaginatedListSeconds: listMs / 1000,
    rssAfterListMiB: Math.round(rssAfterList / MiB),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
