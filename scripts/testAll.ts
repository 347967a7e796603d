/*
 * Runs every test runner of the repository and sums their results into one closing line,
 * "N passed, N failed". Each runner's output goes to the terminal and to artifacts/test-logs/.
 * Used by scripts/test (the README's test command) and .ci/run.
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const artifacts = join(root, 'artifacts');
const logs = join(artifacts, 'test-logs');

interface Outcome {
  passed: number;
  failed: number;
}

interface Runner {
  name: string;
  run(extraArgs: string[]): Promise<Outcome>;
}

function exec(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  mkdirSync(logs, { recursive: true });
  const log = createWriteStream(join(logs, `${name}.log`));
  return new Promise(done => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const forward = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
      stream.write(chunk);
      log.write(chunk);
    };
    child.stdout.on('data', c => forward(c, process.stdout));
    child.stderr.on('data', c => forward(c, process.stderr));
    child.on('error', error => {
      log.end();
      done({ code: 127, output: String(error) });
    });
    child.on('close', code => {
      log.end();
      done({ code: code ?? 1, output });
    });
  });
}

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise(done => {
    const socket = connect({ port, host });
    socket.setTimeout(2000);
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
    socket.on('timeout', () => {
      socket.destroy();
      done(false);
    });
  });
}

/** A single pass/fail check (lint, type check). */
function checkRunner(name: string, command: string, args: string[]): Runner {
  return {
    name,
    async run() {
      const { code } = await exec(name, command, args);
      return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    },
  };
}

/** The counts of a runner that closes with "N passed, N failed"; one failure when it has none. */
function closingCount(code: number, output: string): Outcome {
  const lines = output.trim().split('\n');
  const match = /^(\d+) passed, (\d+) failed$/.exec(
    lines[lines.length - 1] ?? '',
  );
  if (!match || (code !== 0 && Number(match[2]) === 0))
    return { passed: 0, failed: 1 };
  return { passed: Number(match[1]), failed: Number(match[2]) };
}

const jestRunner: Runner = {
  name: 'jest',
  async run(patterns) {
    const report = join(artifacts, 'jest-results.json');
    rmSync(report, { force: true });
    // `repo test` adds --watch whenever CI is unset (backstage.md P9): --no-watch runs once, with
    // or without CI; CI itself is left as it is, since tests read it to fail or skip when
    // PostgreSQL or kubectl is missing.
    const { code } = await exec('jest', 'yarn', [
      'backstage-cli',
      'repo',
      'test',
      '--no-watch',
      '--ci',
      '--json',
      `--outputFile=${report}`,
      ...patterns,
    ]);
    if (!existsSync(report)) return { passed: 0, failed: 1 };
    const result = JSON.parse(readFileSync(report, 'utf8'));
    // A suite that fails to run (syntax error, failing hook) has no failed tests of its own.
    const brokenSuites = (result.testResults ?? []).filter(
      (s: { status: string; assertionResults: unknown[] }) =>
        s.status === 'failed' && s.assertionResults.length === 0,
    ).length;
    const failed = result.numFailedTests + brokenSuites;
    return {
      passed: result.numPassedTests,
      failed: failed === 0 && code !== 0 ? 1 : failed,
    };
  },
};

const conformanceRunner: Runner = {
  name: 'conformance',
  async run() {
    const shared = resolve(root, '..', 'shared');
    const script = join(shared, 'tools', 'conformance.py');
    if (!existsSync(script)) {
      console.log(`conformance: skipped, ${script} is not present`);
      return { passed: 0, failed: 0 };
    }
    const env = {
      MESHPLANE_CMD: `node ${join(
        root,
        'packages',
        'cli',
        'bin',
        'meshplane',
      )}`,
    };
    const { code, output } = await exec(
      'conformance',
      'python3',
      [script, '--jobs', '2', '--json', join(artifacts, 'conformance.json')],
      env,
    );
    const done = closingCount(code, output);
    // The public cases of capabilities built since (conformance-next/README.md), by capability.
    const next = join(shared, 'fixtures', 'conformance-next');
    if (!existsSync(next)) return done;
    const ambientRun = await exec(
      'conformance-next',
      'python3',
      [
        script,
        '--root',
        next,
        '--case',
        'ambient-*',
        '--jobs',
        '2',
        '--json',
        join(artifacts, 'conformance-next.json'),
      ],
      env,
    );
    const ambient = closingCount(ambientRun.code, ambientRun.output);
    return {
      passed: done.passed + ambient.passed,
      failed: done.failed + ambient.failed,
    };
  },
};

/**
 * Checks every publishable package's tarball (scripts/checkPackages.ts: build, `yarn pack`, entry
 * points, types, config schema, migrations, the CLI's bin): one result per package.
 */
const packagesRunner: Runner = {
  name: 'packages',
  async run() {
    const { code, output } = await exec('packages', 'yarn', ['check:packages']);
    return closingCount(code, output);
  },
};

/**
 * Compares each package's public surface with its committed API report (`report*.api.md`,
 * `cli-report.md`): a changed surface without a regenerated report fails (`yarn build:api-reports`
 * regenerates them). The reports are read from the declarations a full, non-incremental `tsc`
 * writes to dist-types/: an incremental build may print union types in another order.
 */
const apiReportsRunner: Runner = {
  name: 'api-reports',
  async run() {
    await exec('api-reports-tsc', 'yarn', ['tsc:declarations']);
    const { code } = await exec('api-reports', 'yarn', [
      'build:api-reports:only',
      '--ci',
    ]);
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  },
};

const browserRunner: Runner = {
  name: 'browser',
  async run() {
    const chromium =
      process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chromium)) {
      const reason = `chromium not found at ${chromium}`;
      if (process.env.CI) {
        console.log(`browser: FAILED, ${reason}`);
        return { passed: 0, failed: 1 };
      }
      console.log(`browser: skipped, ${reason}`);
      return { passed: 0, failed: 0 };
    }
    const report = join(artifacts, 'playwright', 'results.json');
    rmSync(report, { force: true });
    const { code } = await exec('browser', 'yarn', ['playwright', 'test']);
    if (!existsSync(report)) return { passed: 0, failed: 1 };
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
    const failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
    return {
      passed: stats.expected ?? 0,
      failed: failed === 0 && code !== 0 ? 1 : failed,
    };
  },
};

const runners: Runner[] = [
  checkRunner('prettier', 'yarn', ['prettier:check']),
  checkRunner('lint', 'yarn', ['lint:all']),
  checkRunner('tsc', 'yarn', ['tsc']),
  // The code generated from openapi.yaml is what the committed spec generates.
  checkRunner('openapi', 'yarn', ['generate:openapi', '--check']),
  apiReportsRunner,
  packagesRunner,
  jestRunner,
  conformanceRunner,
  browserRunner,
];

async function main() {
  const args = process.argv.slice(2);
  let only: string[] | undefined;
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only') only = args[++i].split(',');
    else patterns.push(args[i]);
  }

  process.env.BACKSTAGE_TEST_DISABLE_DOCKER = '1';
  if (
    !process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING &&
    (await canConnect(5432))
  ) {
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      'postgresql://postgres@127.0.0.1:5432';
  }

  const totals: Outcome = { passed: 0, failed: 0 };
  const summary: string[] = [];
  for (const runner of runners) {
    if (only && !only.includes(runner.name)) continue;
    const started = Date.now();
    console.log(`\n=== ${runner.name} ===`);
    const outcome = await runner.run(runner === jestRunner ? patterns : []);
    totals.passed += outcome.passed;
    totals.failed += outcome.failed;
    summary.push(
      `${runner.name.padEnd(12)} ${outcome.passed} passed, ${
        outcome.failed
      } failed (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
  console.log(`\n${summary.join('\n')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
