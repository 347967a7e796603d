import https from 'node:https';
import { collectionPath, WATCHED_KINDS } from '../src/fleet/watchedKinds';

/**
 * What reading the data costs at all: the lists the backend makes (same
 * kinds, versions, page size, one HTTPS keep-alive agent per cluster, every
 * cluster and kind at once), fetched and JSON-parsed, nothing else.
 */
export async function listRaw(
  clusters: Array<{ name: string; url: string; caData: string; token: string }>,
  pageSize: number,
  onItems?: (
    cluster: string,
    apiVersion: string,
    kind: string,
    items: unknown[],
  ) => void,
): Promise<{ objects: number; ms: number }> {
  const started = performance.now();
  let objects = 0;
  const getJson = (agent: https.Agent, url: string, token: string) =>
    new Promise<any>((resolve, reject) => {
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
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode !== 200)
                reject(new Error(`${url}: HTTP ${res.statusCode}`));
              else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            });
            res.on('error', reject);
          },
        )
        .on('error', reject);
    });
  await Promise.all(
    clusters.map(async cluster => {
      const agent = new https.Agent({ keepAlive: true, ca: cluster.caData });
      await Promise.all(
        WATCHED_KINDS.map(async kind => {
          const version = kind.versions[0];
          const path = collectionPath(
            kind,
            version,
            kind.controlPlaneOnly ? 'istio-system' : undefined,
          );
          let next: string | undefined = '';
          while (next !== undefined) {
            const query = `?limit=${pageSize}${
              next ? `&continue=${encodeURIComponent(next)}` : ''
            }`;
            const page = await getJson(
              agent,
              `${cluster.url}${path}${query}`,
              cluster.token,
            );
            objects += page.items.length;
            onItems?.(
              cluster.name,
              kind.group ? `${kind.group}/${version}` : version,
              kind.kind,
              page.items,
            );
            next = page.metadata?.continue || undefined;
          }
        }),
      );
      agent.destroy();
    }),
  );
  return { objects, ms: performance.now() - started };
}
