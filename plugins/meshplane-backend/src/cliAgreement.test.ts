import type { EntityMeshView } from '@meshplane/plugin-meshplane-common';
import type { FleetServer } from '@meshplane/fleet-sim';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  DEMO_FLEET,
  startDemoFleet,
  startMeshplaneTestBackend,
  waitForDemoFleetSynced,
} from './__testUtils__/meshplaneTestBackend';

jest.setTimeout(120_000);

/** The real `meshplane` executable of `@meshplane/cli`. */
const CLI = path.join(
  path.dirname(require.resolve('@meshplane/cli/package.json')),
  'bin/meshplane',
);

/** `--cluster NAME=<folder>` for every cluster folder of the demo fleet (those with a cluster.yaml). */
const demoClusterArgs = fs
  .readdirSync(DEMO_FLEET, { withFileTypes: true })
  .filter(
    entry =>
      entry.isDirectory() &&
      fs.existsSync(path.join(DEMO_FLEET, entry.name, 'cluster.yaml')),
  )
  .flatMap(entry => [
    '--cluster',
    `${entry.name}=${path.join(DEMO_FLEET, entry.name)}`,
  ]);

describe('meshplane analyze --entity and GET /entity agree', () => {
  let fleet: FleetServer;
  let backend: Awaited<ReturnType<typeof startMeshplaneTestBackend>>;

  beforeAll(async () => {
    fleet = await startDemoFleet();
    backend = await startMeshplaneTestBackend({
      fleet,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payments-api',
            namespace: 'default',
            annotations: { 'meshplane.io/services': 'payments/payments-api' },
          },
          spec: {
            type: 'service',
            owner: 'group:default/payments-team',
            lifecycle: 'production',
          },
        },
      ],
    });
    await waitForDemoFleetSynced(backend.server);
  });

  afterAll(async () => {
    await backend?.stop();
    await fleet?.stop();
  });

  it('for payments/payments-api on the demo fleet: the same edges, omitted counts, outcomes, STRICT blockers and findings', async () => {
    const res = await request(backend.server).get(
      '/api/meshplane/entity/component/default/payments-api',
    );
    expect(res.status).toBe(200);
    const view = res.body as EntityMeshView;
    // The answer is about something: failing callers and findings (see plugin.test.ts).
    expect(view.posture.outcomes.fail).toBeGreaterThan(0);
    expect(view.findings.length).toBeGreaterThan(0);

    const cli = spawnSync(
      process.execPath,
      [
        CLI,
        'analyze',
        '--entity',
        'payments/payments-api',
        '--fail-on',
        'none',
        ...demoClusterArgs,
      ],
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const answer = JSON.parse(cli.stdout);
    expect(Object.keys(answer).sort()).toEqual(['findings', 'posture']);
    expect(answer.posture).toEqual(view.posture);
    expect(answer.findings).toEqual(view.findings);
  });
});
