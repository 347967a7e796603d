/*
 * Builds and packs every publishable package (a workspace package that is not private) the way it
 * is published, and checks that each tarball holds what an adopter's app needs and nothing it
 * should not. Run by scripts/test (runner "packages"); on its own:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/checkPackages.ts [package dir...]
 *
 * Steps: `yarn tsc` (the builds roll up the declarations it writes to dist-types/), then per package
 * `backstage-cli package build` and `yarn pack` into a temporary folder (the package's
 * prepack/postpack rewrite package.json to its published form and back; it is restored here too if
 * a pack fails half-way). The CLI's packed bin is then run with plain node, its workspace
 * dependencies installed from their own tarballs and third-party ones linked from node_modules/.
 * Prints what it checked per package and closes with "N passed, N failed" (one per package).
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');

/** A workspace package as checked out. */
interface WorkspacePackage {
  dir: string;
  json: PackageJson;
}

interface PackageJson {
  name: string;
  private?: boolean;
  license?: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
  files?: string[];
  configSchema?: string;
  publishConfig?: { access?: string };
  backstage?: {
    role?: string;
    pluginId?: string;
    pluginPackage?: string;
    pluginPackages?: string[];
    features?: Record<string, string>;
  };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** A package's packed form: its published package.json and the files of the tarball. */
interface Packed {
  tarball: string;
  dir: string;
  json: PackageJson;
  files: Set<string>;
}

/** Roles whose package carries a Backstage feature as a default export. */
const FEATURE_ROLES: Record<string, string> = {
  'backend-plugin': '@backstage/BackendFeature',
  'backend-plugin-module': '@backstage/BackendFeature',
  'frontend-plugin': '@backstage/FrontendPlugin',
};

/** Paths that belong to the repository, never to a published package. */
const FORBIDDEN = [
  { pattern: /(^|\/)src\//, what: 'sources (src/)' },
  { pattern: /\.test\.[cm]?[jt]sx?(\.map)?$/, what: 'a test' },
  { pattern: /(^|\/)__(fixtures|testUtils|snapshots)__\//, what: 'test data' },
  { pattern: /(^|\/)e2e-tests\//, what: 'browser tests' },
  { pattern: /(^|\/)bench\//, what: 'benchmarks' },
  { pattern: /(^|\/)\.tools\//, what: 'the bootstrapped toolchain' },
  { pattern: /(^|\/)node_modules\//, what: 'node_modules' },
  {
    pattern: /report(-[^.]+)?\.api\.md$|cli-report\.md$/,
    what: 'an API report',
  },
  { pattern: /package\.json-prepack$/, what: "prepack's backup" },
  { pattern: /(?<!\.d)\.tsx?$/, what: 'TypeScript source' },
];

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return {
    ok: result.status === 0,
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

function publishablePackages(only: string[]): WorkspacePackage[] {
  return ['packages', 'plugins']
    .flatMap(parent =>
      readdirSync(join(root, parent)).map(name => join(root, parent, name)),
    )
    .filter(dir => existsSync(join(dir, 'package.json')))
    .map(dir => ({
      dir,
      json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
    }))
    .filter(pkg => !pkg.json.private)
    .filter(
      pkg =>
        only.length === 0 ||
        only.some(o => resolve(root, o) === pkg.dir || o === pkg.json.name),
    )
    .sort((a, b) => a.json.name.localeCompare(b.json.name));
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(path, base)
      : [relative(base, path)];
  });
}

/** Builds and packs one package; package.json is back as it was afterwards, whatever happened. */
function buildAndPack(pkg: WorkspacePackage, out: string): Packed {
  const build = run('yarn', ['backstage-cli', 'package', 'build'], pkg.dir);
  if (!build.ok)
    throw new Error(`backstage-cli package build failed\n${build.output}`);
  const manifest = join(pkg.dir, 'package.json');
  const original = readFileSync(manifest, 'utf8');
  const tarball = join(
    out,
    `${pkg.json.name.replace(/^@/, '').replace('/', '-')}.tgz`,
  );
  let pack;
  try {
    pack = run('yarn', ['pack', '--out', tarball], pkg.dir);
  } finally {
    if (readFileSync(manifest, 'utf8') !== original) {
      writeFileSync(manifest, original);
      rmSync(join(pkg.dir, 'package.json-prepack'), { force: true });
      rmSync(join(pkg.dir, 'config.schema.json'), { force: true });
    }
  }
  if (!pack.ok) throw new Error(`yarn pack failed\n${pack.output}`);
  const dir = join(out, relative(root, pkg.dir));
  mkdirSync(dir, { recursive: true });
  const untar = run(
    'tar',
    ['xzf', tarball, '-C', dir, '--strip-components=1'],
    root,
  );
  if (!untar.ok) throw new Error(`cannot unpack ${tarball}\n${untar.output}`);
  return {
    tarball,
    dir,
    json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
    files: new Set(listFiles(dir)),
  };
}

/** Every file path an entry point field of the packed package.json names. */
function entryPoints(
  json: PackageJson,
): Array<{ field: string; path: string }> {
  const found: Array<{ field: string; path: string }> = [];
  const add = (field: string, value: unknown) => {
    if (typeof value === 'string') found.push({ field, path: value });
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        // The `backstage` condition names the entry point's feature type, not a file.
        if (key !== 'backstage') add(`${field}["${key}"]`, inner);
      }
  };
  add('main', json.main);
  add('module', json.module);
  add('types', json.types);
  add('bin', json.bin);
  add('exports', json.exports);
  add('typesVersions', json.typesVersions);
  return found.map(entry => ({
    ...entry,
    path: entry.path.replace(/^\.\//, ''),
  }));
}

/** What an adopter needs from the package, as a list of problems (empty when all is there). */
function inspect(
  pkg: WorkspacePackage,
  packed: Packed,
  privateNames: Set<string>,
  checked: string[],
): string[] {
  const problems: string[] = [];
  const { json, files } = packed;
  const role = json.backstage?.role;

  if (json.private) problems.push('package.json says "private": true');
  if (json.publishConfig?.access !== 'public')
    problems.push('publishConfig.access is not "public"');
  if (!json.license) problems.push('package.json has no license');
  if (!role) problems.push('backstage.role is missing');
  if (role !== 'cli' && !json.backstage?.pluginId)
    problems.push('backstage.pluginId is missing');
  if (role?.endsWith('-module') && !json.backstage?.pluginPackage)
    problems.push('backstage.pluginPackage is missing (a module)');
  if (role && FEATURE_ROLES[role]) {
    const features = Object.values(json.backstage?.features ?? {});
    if (!features.includes(FEATURE_ROLES[role]))
      problems.push(`backstage.features names no ${FEATURE_ROLES[role]}`);
    else checked.push(`features ${JSON.stringify(json.backstage?.features)}`);
  }

  for (const kind of ['dependencies', 'peerDependencies'] as const) {
    for (const [name, range] of Object.entries(json[kind] ?? {})) {
      if (range.startsWith('workspace:'))
        problems.push(`${kind}.${name} is still "${range}"`);
      if (privateNames.has(name))
        problems.push(`${kind}.${name} is a private package`);
    }
  }

  const entries = entryPoints(json);
  for (const { field, path } of entries) {
    if (!files.has(path))
      problems.push(`${field}: ${path} is not in the tarball`);
  }
  checked.push(
    `entry points ${[...new Set(entries.map(e => e.path))].join(', ')}`,
  );

  if (role !== 'cli') {
    if (!json.types || !json.types.endsWith('.d.ts'))
      problems.push(`types is "${json.types}", not a declaration file`);
    for (const [mount, target] of Object.entries(json.exports ?? {})) {
      if (
        target &&
        typeof target === 'object' &&
        !('types' in (target as object))
      )
        problems.push(`exports["${mount}"] has no types`);
    }
  }

  if (pkg.json.configSchema) {
    const schemaPath = json.configSchema;
    if (schemaPath !== 'config.schema.json' || !files.has(schemaPath)) {
      problems.push(
        `the config schema (${pkg.json.configSchema}) is not packed as config.schema.json`,
      );
    } else {
      const schema = JSON.parse(
        readFileSync(join(packed.dir, schemaPath), 'utf8'),
      );
      if (Object.keys(schema.properties ?? {}).length === 0)
        problems.push('config.schema.json declares no configuration');
      else
        checked.push(
          `config.schema.json (${Object.keys(schema.properties).join(', ')})`,
        );
    }
  }

  // The registry shows it: what the package is, how to install and configure it.
  if (!files.has('README.md')) problems.push('README.md is not in the tarball');
  else checked.push('README.md');

  const migrations = join(pkg.dir, 'migrations');
  if (existsSync(migrations)) {
    const expected = listFiles(migrations).map(f => `migrations/${f}`);
    for (const file of expected)
      if (!files.has(file)) problems.push(`${file} is not in the tarball`);
    checked.push(`${expected.length} migration(s)`);
  }

  for (const file of files) {
    const forbidden = FORBIDDEN.find(f => f.pattern.test(file));
    if (forbidden) problems.push(`${file} is ${forbidden.what}`);
  }
  checked.push(`${files.size} files`);
  return problems;
}

/** How a packed bin is run: arguments (paths relative to the repository), exit code, expected output. */
const BIN_RUNS: Record<
  string,
  { args: string[]; status: number; output: string }
> = {
  // A finding at level error: exit code 1 and its code in the table.
  '@meshplane/cli': {
    args: ['analyze', 'packages/cli/src/__fixtures__/broken-route.yaml'],
    status: 1,
    output: 'IST0101',
  },
};

/**
 * Runs each packed bin with plain node (no transform), as `npx` would: the package and its workspace
 * dependencies come from their tarballs, third-party dependencies are linked from node_modules/.
 */
function runBins(
  pkg: WorkspacePackage,
  packedByName: Map<string, Packed>,
  out: string,
  checked: string[],
): string[] {
  const packed = packedByName.get(pkg.json.name)!;
  if (!packed.json.bin) return [];
  const install = join(out, 'install', relative(root, pkg.dir));
  const modules = join(install, 'node_modules');
  mkdirSync(join(modules, '@meshplane'), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== '@meshplane')
      symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  const needed = [pkg.json.name];
  for (let i = 0; i < needed.length; i++) {
    const current = packedByName.get(needed[i]);
    if (!current) return [`${needed[i]} was not packed`];
    cpSync(current.dir, join(modules, needed[i]), { recursive: true });
    for (const dep of Object.keys(current.json.dependencies ?? {}))
      if (packedByName.has(dep) && !needed.includes(dep)) needed.push(dep);
  }
  const bins =
    typeof packed.json.bin === 'string'
      ? { [pkg.json.name]: packed.json.bin }
      : packed.json.bin;
  const problems: string[] = [];
  for (const [name, path] of Object.entries(bins)) {
    const bin = join(modules, pkg.json.name, path);
    const help = run('node', [bin, '--help'], install);
    if (!help.ok)
      problems.push(
        `bin ${name}: \`node ${path} --help\` failed\n${help.output}`,
      );
    const expected = BIN_RUNS[pkg.json.name];
    if (!expected) {
      if (help.ok) checked.push(`bin ${name} runs with plain node (--help)`);
      continue;
    }
    const args = expected.args.map(a => (a.includes('/') ? join(root, a) : a));
    const result = run('node', [bin, ...args], install);
    if (
      result.status !== expected.status ||
      !result.output.includes(expected.output)
    )
      problems.push(
        `bin ${name}: \`node ${path} ${expected.args.join(' ')}\` exited ${
          result.status
        }, expected ${expected.status} and "${expected.output}"\n${
          result.output
        }`,
      );
    else
      checked.push(
        `bin ${name} runs with plain node (${expected.args[0]}: ${expected.output})`,
      );
  }
  return problems;
}

function main(): number {
  const packages = publishablePackages(process.argv.slice(2));
  const privateNames = new Set(
    ['packages', 'plugins']
      .flatMap(p =>
        readdirSync(join(root, p)).map(n => join(root, p, n, 'package.json')),
      )
      .filter(existsSync)
      .map(f => JSON.parse(readFileSync(f, 'utf8')))
      .filter(json => json.private)
      .map(json => json.name as string),
  );
  console.log(
    `packages: ${packages.map(p => p.json.name).join(', ') || 'none found'}`,
  );
  // tsc writes the declarations even when it reports type errors, which the tsc runner reports.
  if (!run('yarn', ['tsc'], root).ok)
    console.log('packages: yarn tsc reported errors (see the tsc runner)');

  const out = mkdtempSync(join(tmpdir(), 'meshplane-packages-'));
  const results = new Map<string, { problems: string[]; checked: string[] }>();
  const packedByName = new Map<string, Packed>();
  try {
    for (const pkg of packages) {
      const started = Date.now();
      const checked: string[] = [];
      let problems: string[];
      try {
        const packed = buildAndPack(pkg, out);
        packedByName.set(pkg.json.name, packed);
        problems = inspect(pkg, packed, privateNames, checked);
      } catch (error) {
        problems = [(error as Error).message];
      }
      results.set(pkg.json.name, { problems, checked });
      console.log(
        `packages: packed ${pkg.json.name} (${Math.round(
          (Date.now() - started) / 1000,
        )} s)`,
      );
    }
    for (const pkg of packages) {
      const result = results.get(pkg.json.name)!;
      if (result.problems.length === 0 && packedByName.has(pkg.json.name))
        result.problems.push(
          ...runBins(pkg, packedByName, out, result.checked),
        );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  let failed = 0;
  for (const pkg of packages) {
    const { problems, checked } = results.get(pkg.json.name)!;
    const where = relative(root, pkg.dir);
    if (problems.length === 0) {
      console.log(`ok   ${pkg.json.name} (${where}): ${checked.join('; ')}`);
    } else {
      failed++;
      for (const problem of problems)
        console.log(`FAIL ${pkg.json.name} (${where}): ${problem}`);
    }
  }
  console.log(`${packages.length - failed} passed, ${failed} failed`);
  return failed > 0 || packages.length === 0 ? 1 : 0;
}

process.exitCode = main();
