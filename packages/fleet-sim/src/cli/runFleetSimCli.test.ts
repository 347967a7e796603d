import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadFleet } from '../fleet';
import { clusterRequest, waitFor } from '../testing';
import { HTTP_NOTE, runFleetSimCli } from './runFleetSimCli';

const BIN = path.resolve(__dirname, '../../bin/fleet-sim');
const DEMO = path.resolve(__dirname, '../../fleets/demo');

describe('fleet-sim CLI', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sim-cli-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generate writes a fleet folder and prints its size', async () => {
    const out = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);
    try {
      const code = await runFleetSimCli([
        'generate',
        '--clusters',
        '2',
        '--services',
        '10',
        '--seed',
        '4',
        '--out',
        path.join(dir, 'fleet'),
      ]);
      expect(code).toBe(0);
      const printed = String(out.mock.calls[0][0]);
      const count = Number(/(\d+) objects/.exec(printed)![1]);
      const loaded = await loadFleet(path.join(dir, 'fleet'));
      expect(loaded.clusters.reduce((n, c) => n + c.objects.length, 0)).toBe(
        count,
      );
    } finally {
      out.mockRestore();
    }
  });

  it('rejects bad usage with exit code 2', async () => {
    const err = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(() => true);
    try {
      expect(
        await runFleetSimCli([
          'generate',
          '--clusters',
          'many',
          '--services',
          '1',
          '--out',
          dir,
        ]),
      ).toBe(2);
      expect(await runFleetSimCli(['serve', DEMO])).toBe(2);
      expect(String(err.mock.calls[0][0])).toContain(
        '--clusters must be a non-negative integer',
      );
    } finally {
      err.mockRestore();
    }
  });

  it('serve runs the demo fleet with state file, kubeconfig and app-config until SIGTERM', async () => {
    const state = path.join(dir, 'state.json');
    const kubeconfig = path.join(dir, 'kubeconfig');
    const appConfig = path.join(dir, 'app-config.yaml');
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        DEMO,
        '--http',
        '--kubeconfig',
        kubeconfig,
        '--state-file',
        state,
        '--app-config',
        appConfig,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
    });
    child.stderr.on('data', chunk => {
      output += chunk;
    });
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    try {
      await waitFor(
        'the state file',
        () => fs.existsSync(state) && output.includes('Ctrl-C'),
        60_000,
      );
      const written = JSON.parse(fs.readFileSync(state, 'utf8'));
      // --http: serve says that kubectl sends no bearer token over plain HTTP.
      expect(output).toContain(HTTP_NOTE);
      expect(written.clusters.map((c: any) => c.name).sort()).toEqual([
        'east-1',
        'east-2',
        'lab-1',
        'west-1',
      ]);
      const config = parse(fs.readFileSync(appConfig, 'utf8'));
      const east = config.meshplane.clusters.find(
        (c: any) => c.name === 'east-1',
      );
      expect(east).toMatchObject({
        network: 'net-east',
        region: 'us-east-1',
        environment: 'production',
        meshRole: 'primary',
      });
      expect(config.kubernetes.clusterLocatorMethods[0].clusters).toHaveLength(
        4,
      );
      const response = await clusterRequest(
        { url: east.url, caData: '', token: east.auth.serviceAccountToken },
        { path: '/api/v1/namespaces/bookinfo/services/reviews' },
      );
      expect(response.json.metadata.name).toBe('reviews');
      expect(
        parse(fs.readFileSync(kubeconfig, 'utf8')).contexts.map(
          (c: any) => c.name,
        ),
      ).toContain('west-1');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});
