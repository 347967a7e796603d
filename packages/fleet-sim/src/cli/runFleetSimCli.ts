import fs from 'node:fs';
import path from 'node:path';
import {
  FLEET_PRESETS,
  fleetObjectCount,
  generateFleet,
  GenerateFleetOptions,
  loadFleet,
  writeFleet,
} from '../fleet';
import type { FleetDefinition } from '../fleet';
import { renderAppConfig, startFleet } from '../server';

const USAGE = `Usage:
  fleet-sim serve <fleet-folder> --kubeconfig <file> [--http] [--host <ip>] [--control-port <port>]
                  [--state-file <json>] [--app-config <yaml>]
  fleet-sim serve --preset small|medium|large --kubeconfig <file> [...]   serve a generated fleet (no disk)
  fleet-sim generate (--clusters N --services M [--seed S] [--replicas R] | --preset small|medium|large) --out <folder>

serve     starts one API server per cluster (HTTPS, generated CA) on free loopback ports (and, when the
          fleet has a traffic spec, an Istio metrics endpoint per cluster), writes the kubeconfig (one
          context per cluster), optionally a state file (cluster names, URLs, metrics URLs, control URL)
          and a Backstage app-config fragment (meshplane.clusters + kubernetes clusterLocatorMethods),
          and runs until SIGINT/SIGTERM.
generate  writes a deterministic synthetic fleet folder and prints its size in objects.`;

class UsageError extends Error {}

function parseArgs(args: string[]): {
  positional: string[];
  flags: Map<string, string | true>;
} {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const booleans = new Set(['http', 'help']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (booleans.has(name)) {
        flags.set(name, true);
      } else if (inline !== undefined) {
        flags.set(name, inline);
      } else if (i + 1 < args.length) {
        flags.set(name, args[++i]);
      } else {
        throw new UsageError(`--${name} needs a value`);
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function numberFlag(
  flags: Map<string, string | true>,
  name: string,
): number | undefined {
  const value = flags.get(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 0) {
    throw new UsageError(`--${name} must be a non-negative integer`);
  }
  return n;
}

function stringFlag(
  flags: Map<string, string | true>,
  name: string,
): string | undefined {
  const value = flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

function generateOptions(
  flags: Map<string, string | true>,
): GenerateFleetOptions {
  const preset = stringFlag(flags, 'preset');
  if (preset) {
    const options = FLEET_PRESETS[preset as keyof typeof FLEET_PRESETS];
    if (!options)
      throw new UsageError(`unknown preset "${preset}" (small, medium, large)`);
    return { ...options, seed: numberFlag(flags, 'seed') };
  }
  const clusters = numberFlag(flags, 'clusters');
  const services = numberFlag(flags, 'services');
  if (!clusters || services === undefined) {
    throw new UsageError(
      'generate needs --clusters N --services M, or --preset',
    );
  }
  return {
    clusters,
    services,
    seed: numberFlag(flags, 'seed'),
    replicas: numberFlag(flags, 'replicas'),
  };
}

/**
 * client-go (so kubectl) never sends bearer tokens over plain HTTP, and every cluster answers 401
 * without one: plain HTTP suits clients that do send them (curl, `@kubernetes/client-node`).
 */
export const HTTP_NOTE =
  'Note: plain HTTP. kubectl (client-go) sends no bearer token over http://, so it gets 401 here; use HTTPS (no --http) for kubectl.';

async function serve(
  positional: string[],
  flags: Map<string, string | true>,
): Promise<void> {
  const kubeconfigPath = stringFlag(flags, 'kubeconfig');
  if (!kubeconfigPath) throw new UsageError('serve needs --kubeconfig <file>');
  let fleet: FleetDefinition;
  if (positional[0]) {
    fleet = await loadFleet(positional[0]);
  } else if (flags.has('preset')) {
    fleet = generateFleet(generateOptions(flags));
  } else {
    throw new UsageError('serve needs a fleet folder or --preset');
  }
  const objects = fleetObjectCount(fleet);
  const server = await startFleet({
    fleet,
    tls: !flags.has('http'),
    host: stringFlag(flags, 'host'),
    controlPort: numberFlag(flags, 'control-port'),
    kubeconfigPath,
  });
  const stateFile = stringFlag(flags, 'state-file');
  if (stateFile) {
    const state = {
      controlUrl: server.controlUrl,
      kubeconfig: path.resolve(kubeconfigPath),
      clusters: server.clusters.map(c => ({
        name: c.name,
        url: c.url,
        ...(c.metricsUrl ? { metricsUrl: c.metricsUrl } : {}),
      })),
    };
    fs.mkdirSync(path.dirname(path.resolve(stateFile)), { recursive: true });
    fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }
  const appConfig = stringFlag(flags, 'app-config');
  if (appConfig) {
    fs.mkdirSync(path.dirname(path.resolve(appConfig)), { recursive: true });
    fs.writeFileSync(appConfig, renderAppConfig(server), { mode: 0o600 });
  }
  const lines = [
    `fleet-sim: serving ${server.clusters.length} clusters (${objects} objects)`,
    ...server.clusters.map(
      c =>
        `  ${c.name.padEnd(16)} ${c.url}${
          c.metricsUrl ? `   metrics ${c.metricsUrl}` : ''
        }`,
    ),
    `  control endpoint  ${server.controlUrl}/clusters`,
    `  kubeconfig        ${path.resolve(
      kubeconfigPath,
    )}   (export KUBECONFIG=${path.resolve(kubeconfigPath)})`,
    ...(stateFile ? [`  state file        ${path.resolve(stateFile)}`] : []),
    ...(appConfig ? [`  app-config        ${path.resolve(appConfig)}`] : []),
    ...(flags.has('http') ? [HTTP_NOTE] : []),
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.stop();
}

function generate(flags: Map<string, string | true>): void {
  const out = stringFlag(flags, 'out');
  if (!out) throw new UsageError('generate needs --out <folder>');
  const fleet = generateFleet(generateOptions(flags));
  writeFleet(fleet, out);
  process.stdout.write(
    `fleet-sim: wrote ${fleet.clusters.length} clusters, ${fleetObjectCount(
      fleet,
    )} objects to ${path.resolve(out)}\n`,
  );
}

/**
 * Runs the `fleet-sim` command line (`serve`, `generate`); resolves with the
 * process exit code (0 ok, 1 failure, 2 usage error).
 *
 * @public
 */
export async function runFleetSimCli(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    const { positional, flags } = parseArgs(rest);
    if (!command || command === '--help' || flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    if (command === 'serve') {
      await serve(positional, flags);
      return 0;
    }
    if (command === 'generate') {
      generate(flags);
      return 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`fleet-sim: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(
      `fleet-sim: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
