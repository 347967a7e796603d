/*
 * Starts the real portal backend (packages/backend/src/index.ts, every plugin of the portal) as a
 * child process, once with the default config (in-memory SQLite, NODE_ENV=production) and once
 * with app-config.production.yaml (PostgreSQL 15, from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING), and checks that it serves Meshplane's
 * health endpoint and that the catalog ingested this repository's System into that database. The
 * production-mode run also sends Meshplane bad requests and checks that no answer carries a stack
 * or a path of the server.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory from 'knex';

const repoRoot = resolve(__dirname, '..', '..', '..');
const pgConnection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

jest.setTimeout(180_000);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('no port')),
      );
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 150_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `backend exited (${child.exitCode}) before ${what}:\n${output().slice(
          -3000,
        )}`,
      );
    }
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}:\n${output().slice(-3000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** A request sent to the running backend and what it answered. */
interface Probe {
  what: string;
  status: number;
  body: string;
}

async function runBackend(options: {
  configs: string[];
  env?: NodeJS.ProcessEnv;
  /** Requests to send once the backend is up (`token` is a static token for service-to-service calls). */
  probe?: (base: string, token: string) => Promise<Probe[]>;
}): Promise<{ healthVersion: string; systemName: string; probes: Probe[] }> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'meshplane-startup-'));
  const overrides = join(dir, 'app-config.test.yaml');
  writeFileSync(
    overrides,
    JSON.stringify({
      app: { baseUrl: `http://127.0.0.1:${port}` },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'startup-test' } },
            {
              type: 'static',
              options: {
                token: `${token}-catalog-only`,
                subject: 'startup-test-catalog-only',
              },
              accessRestrictions: [{ plugin: 'catalog' }],
            },
          ],
        },
      },
    }),
  );
  const args = [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    'src/index.ts',
  ];
  for (const config of [...options.configs, overrides])
    args.push('--config', config);

  const child = spawn(process.execPath, args, {
    cwd: join(repoRoot, 'packages', 'backend'),
    env: { ...process.env, NODE_ENV: 'development', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', c => (output += c));
  child.stderr!.on('data', c => (output += c));
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await waitFor(
      'GET /api/meshplane/health',
      async () => {
        const res = await fetch(`${base}/api/meshplane/health`);
        return res.ok ? await res.json() : undefined;
      },
      child,
      () => output,
    );
    const system = await waitFor(
      'the catalog to ingest System meshplane',
      async () => {
        const res = await fetch(
          `${base}/api/catalog/entities/by-name/system/default/meshplane`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        return res.ok ? await res.json() : undefined;
      },
      child,
      () => output,
    );
    return {
      healthVersion: health.version,
      systemName: system.metadata.name,
      probes: (await options.probe?.(base, token)) ?? [],
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise(r =>
      child.exitCode !== null ? r(null) : child.once('exit', r),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL runs when configured; in CI its absence fails the suite, elsewhere it is skipped. */
function postgresAvailable(): boolean {
  if (pgConnection) return true;
  if (process.env.CI) {
    throw new Error(
      'CI is set but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not: the PostgreSQL startup test cannot run',
    );
  }
  process.stdout.write(
    'Skipping the PostgreSQL startup test: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set\n',
  );
  return false;
}

async function startOnPostgres() {
  const url = new URL(pgConnection!);
  const prefix = `meshplane_startup_${randomBytes(4).toString('hex')}_`;
  const admin = knexFactory({ client: 'pg', connection: pgConnection! });
  const databasesWithPrefix = async () =>
    (
      await admin
        .select('datname')
        .from('pg_database')
        .where('datname', 'like', `${prefix}%`)
    ).map(d => d.datname as string);
  try {
    const result = await runBackend({
      configs: [
        join(repoRoot, 'app-config.yaml'),
        join(repoRoot, 'app-config.production.yaml'),
      ],
      env: {
        POSTGRES_HOST: url.hostname,
        POSTGRES_PORT: url.port || '5432',
        POSTGRES_USER: decodeURIComponent(url.username || 'postgres'),
        POSTGRES_PASSWORD: decodeURIComponent(url.password),
        APP_CONFIG_backend_database_prefix: prefix,
      },
    });
    const catalogDb = knexFactory({
      client: 'pg',
      connection: {
        ...parseConnection(pgConnection!),
        database: `${prefix}catalog`,
      },
    });
    try {
      const rows = await catalogDb('final_entities').count({ n: '*' });
      return {
        ...result,
        databases: await databasesWithPrefix(),
        catalogRows: Number(rows[0].n),
        prefix,
      };
    } finally {
      await catalogDb.destroy();
    }
  } finally {
    for (const datname of await databasesWithPrefix()) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
    await admin.destroy();
  }
}

/** Bad requests to Meshplane's API, each answered with an error. */
async function probeErrors(base: string, token: string): Promise<Probe[]> {
  const probe = async (
    what: string,
    path: string,
    init: { method?: string; body?: string; token?: string } = {},
  ): Promise<Probe> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
    };
    const bearer = init.token ?? token;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const res = await fetch(`${base}/api/meshplane${path}`, {
      method: init.method ?? 'GET',
      body: init.body,
      headers,
    });
    return { what, status: res.status, body: await res.text() };
  };
  return [
    await probe('unknown entity', '/entity/component/default/no-such-service'),
    await probe('malformed query', '/services?limit=lots'),
    await probe('malformed path', '/entity/component/default/%E0%A4%A'),
    await probe('malformed JSON body', '/requests/preview', {
      method: 'POST',
      body: '{"kind": "security",',
    }),
    await probe('unknown route', '/no-such-route'),
    await probe('no credentials', '/clusters', { token: '' }),
    await probe('forbidden: a token restricted to the catalog', '/clusters', {
      token: `${token}-catalog-only`,
    }),
    await probe('forbidden: service credentials on a user route', '/requests'),
  ];
}

describe('portal backend startup', () => {
  describe('on in-memory SQLite with the default config, in production mode', () => {
    let result: Awaited<ReturnType<typeof runBackend>>;

    beforeAll(async () => {
      result = await runBackend({
        configs: [join(repoRoot, 'app-config.yaml')],
        env: { NODE_ENV: 'production' },
        probe: probeErrors,
      });
    });

    it('starts and ingests the catalog', () => {
      expect(result.healthVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(result.systemName).toBe('meshplane');
    });

    it('answers bad requests without stacks or server paths, naming what is wrong', () => {
      const statuses = Object.fromEntries(
        result.probes.map(p => [p.what, p.status]),
      );
      expect(statuses).toEqual({
        'unknown entity': 404,
        'malformed query': 400,
        'malformed path': 400,
        'malformed JSON body': 400,
        'unknown route': 404,
        'no credentials': 401,
        'forbidden: a token restricted to the catalog': 403,
        'forbidden: service credentials on a user route': 403,
      });
      for (const { what, body } of result.probes) {
        expect({ what, body }).toEqual({
          what,
          body: expect.not.stringMatching(/"stack"|\bat \S+ \(|\n\s+at /),
        });
        expect({ what, body }).toEqual({
          what,
          body: expect.not.stringContaining(repoRoot),
        });
      }
      const message = (what: string) =>
        JSON.parse(result.probes.find(p => p.what === what)!.body).error
          .message;
      expect(message('unknown entity')).toContain(
        'component:default/no-such-service',
      );
      // The validated router names the parameter as a JSON pointer into the request.
      expect(message('malformed query')).toMatch(/\bquery\/limit\b/);
      expect(message('malformed path')).toContain(
        '/api/meshplane/entity/component/default/',
      );
      expect(message('malformed JSON body')).toBe(
        'The body of POST /api/meshplane/requests/preview is not valid JSON (at position 20)',
      );
    });
  });

  if (postgresAvailable()) {
    it('starts on PostgreSQL 15 with app-config.production.yaml', async () => {
      const result = await startOnPostgres();
      expect(result.systemName).toBe('meshplane');
      // The catalog's rows live in the plugin's own PostgreSQL database.
      expect(result.databases).toContain(`${result.prefix}catalog`);
      expect(result.catalogRows).toBeGreaterThan(0);
    });
  }
});

function parseConnection(connectionString: string) {
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
  };
}
