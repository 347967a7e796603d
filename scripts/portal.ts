/*
 * Starts the portal for development and for the browser tests: the demo fleet (unless clusters
 * are configured), then `backstage-cli repo start` with the app config plus the generated demo
 * fragment. Writes .tools/portal/state.json with the fleet's control URL so browser tests can
 * inject faults. Run through scripts/start.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';

const root = resolve(__dirname, '..');
const stateDir = join(root, '.tools', 'portal');

function configFiles(): string[] {
  const files = ['app-config.yaml'];
  if (existsSync(join(root, 'app-config.local.yaml'))) {
    files.push('app-config.local.yaml');
  }
  return files;
}

function readConfig(file: string): any {
  return YAML.parse(readFileSync(resolve(root, file), 'utf8')) ?? {};
}

function hasConfiguredClusters(files: string[]): boolean {
  return files.some(file => {
    const clusters = readConfig(file)?.meshplane?.clusters;
    return Array.isArray(clusters) && clusters.length > 0;
  });
}

async function startDemoFleet(): Promise<
  { configFiles: string[]; stop(): Promise<void> } | undefined
> {
  const fleetFolder = join(root, 'packages', 'fleet-sim', 'fleets', 'demo');
  if (process.env.MESHPLANE_DEMO_FLEET === 'off' || !existsSync(fleetFolder)) {
    console.log('portal: starting without the demo fleet');
    return undefined;
  }
  // Loaded lazily so the portal starts even while fleet-sim is being built.
  const fleetSim = require(join(root, 'packages', 'fleet-sim', 'src'));
  const fleet = await fleetSim.loadFleet(fleetFolder);
  mkdirSync(stateDir, { recursive: true });
  const server = await fleetSim.startFleet({
    fleet,
    kubeconfigPath: join(stateDir, 'kubeconfig'),
  });
  const configFile = join(stateDir, 'app-config.demo.yaml');
  writeFileSync(configFile, fleetSim.renderAppConfig(server));
  writeFileSync(
    join(stateDir, 'state.json'),
    JSON.stringify(
      {
        controlUrl: server.controlUrl,
        clusters: server.clusters.map((c: { name: string; url: string }) => ({
          name: c.name,
          url: c.url,
        })),
      },
      null,
      2,
    ),
  );
  console.log(
    `portal: demo fleet with ${server.clusters.length} clusters; control endpoint ${server.controlUrl}`,
  );
  const prometheus = await startDemoPrometheus(fleetSim, server.clusters);
  const configFiles = [configFile];
  if (prometheus) {
    // The backend reads the demo's traffic from it. irate over the last samples: a Prometheus
    // started a minute ago underestimates rate() over five minutes (config.d.ts, traffic.rate).
    const trafficFile = join(stateDir, 'app-config.traffic.yaml');
    writeFileSync(
      trafficFile,
      YAML.stringify({
        meshplane: {
          prometheus: { url: prometheus.url },
          traffic: {
            cacheTtl: 5000,
            rate: { function: 'irate', range: '15s' },
          },
        },
      }),
    );
    configFiles.push(trafficFile);
  }
  return {
    configFiles,
    stop: async () => {
      await prometheus?.stop();
      await server.stop();
    },
  };
}

/**
 * A real Prometheus (Debian's package) scraping the demo fleet's metrics listeners, which play
 * the sidecars' and ztunnels' own endpoints (fleets/demo/traffic.yaml). Without the binary the
 * portal starts anyway: every configuration answer works without metrics.
 */
async function startDemoPrometheus(
  fleetSim: any,
  clusters: Array<{ name: string; metricsUrl?: string }>,
): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  const targets = clusters
    .filter(c => c.metricsUrl)
    .map(c => ({ cluster: c.name, url: c.metricsUrl! }));
  if (!targets.length || process.env.MESHPLANE_DEMO_PROMETHEUS === 'off')
    return undefined;
  try {
    const prometheus = await fleetSim.startPrometheus({
      targets,
      scrapeIntervalSeconds: 5,
    });
    console.log(
      `portal: Prometheus at ${prometheus.url} scrapes the demo fleet's metrics (${targets.length} clusters)`,
    );
    return prometheus;
  } catch (error) {
    console.log(
      `portal: starting without Prometheus: ${
        error instanceof Error ? error.message : error
      }`,
    );
    return undefined;
  }
}

/**
 * Settings of this portal run: the databases in files under .tools/portal/db (fresh on every
 * start, so they match the freshly started demo fleet, and kept across the development backend's
 * restarts on code changes); for the demo, whose only sign-in is the guest user, that user may
 * approve the mesh requests it makes.
 */
function writePortalConfig(demo: boolean, ownDatabase: boolean): string {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'app-config.portal.yaml');
  const config: Record<string, unknown> = {};
  if (!ownDatabase) {
    const dbDir = join(stateDir, 'db');
    rmSync(dbDir, { recursive: true, force: true });
    mkdirSync(dbDir, { recursive: true });
    config.backend = {
      database: { client: 'better-sqlite3', connection: { directory: dbDir } },
    };
  }
  if (demo) {
    config.meshplane = { permissions: { allowSelfApproval: true } };
  }
  writeFileSync(file, YAML.stringify(config));
  return file;
}

async function main() {
  const files = configFiles();
  const demo = hasConfiguredClusters(files)
    ? undefined
    : await startDemoFleet();
  if (demo) files.push(...demo.configFiles);
  const ownDatabase = files.some(
    file => file !== 'app-config.yaml' && readConfig(file)?.backend?.database,
  );
  files.push(writePortalConfig(demo !== undefined, ownDatabase));

  const args = ['backstage-cli', 'repo', 'start'];
  for (const file of files) args.push('--config', resolve(root, file));
  args.push(...process.argv.slice(2));
  const child = spawn('yarn', args, { cwd: root, stdio: 'inherit' });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
    await demo?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
  child.on('exit', code => stop(code ?? 1));
}

main().catch(error => {
  console.error(`portal: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
