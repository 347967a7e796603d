/**
 * Measures a request preview on the benchmark's medium fleet (FLEET_PRESETS:
 * 20 clusters, 2,250 services, ~40k objects): a security group for one
 * namespace present in most clusters, previewed against a warm live
 * analyzer, as the backend does it.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs src/requests/__testUtils__/measurePreview.ts
 */
import {
  FLEET_PRESETS,
  fleetObjectCount,
  fleetSnapshot,
  generateFleet,
} from '@meshplane/fleet-sim';
import {
  MeshAnalyzer,
  type RenderedObject,
  type RequestPreview,
} from '@meshplane/plugin-meshplane-common';
import { previewRequest } from '../preview';

const NAMESPACE = 'team-003';

const fleet = generateFleet(FLEET_PRESETS.medium);
const live = MeshAnalyzer.fromSnapshot(fleetSnapshot(fleet));
const count = fleetObjectCount(fleet);
live.refresh();

const targets = fleet.clusters
  .filter(c =>
    c.objects.some(
      o => o.kind === 'Namespace' && o.metadata.name === NAMESPACE,
    ),
  )
  .map(c => ({ cluster: c.metadata.name, namespace: NAMESPACE }));
const objects: RenderedObject[] = targets.flatMap(({ cluster }) => [
  {
    cluster,
    object: {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'strict', namespace: NAMESPACE },
      spec: { mtls: { mode: 'PERMISSIVE' } },
    },
  },
  {
    cluster,
    object: {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'workspace', namespace: NAMESPACE },
      spec: {
        action: 'ALLOW',
        rules: [{ from: [{ source: { namespaces: [NAMESPACE] } }] }],
      },
    },
  },
]);

async function main() {
  const timings: number[] = [];
  let preview: RequestPreview | undefined;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    preview = await previewRequest({
      live,
      objects,
      targets,
      problems: [],
      now: new Date(),
    });
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const changed = preview!.clusters.reduce(
    (n, c) =>
      n +
      c.impact.improved.length +
      c.impact.startFailing.length +
      c.impact.startDenied.length +
      c.impact.stopMtls.length,
    0,
  );
  // eslint-disable-next-line no-console
  console.log(
    `medium fleet: ${count} objects, ${
      fleet.clusters.length
    } clusters; preview of ${objects.length} objects in ${
      targets.length
    } clusters (${changed} edge changes): ${timings
      .map(t => `${t.toFixed(0)} ms`)
      .join(', ')}`,
  );
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exitCode = 1;
});
