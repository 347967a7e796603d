import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ClusterInput,
  formatLoadError,
  KubeObject,
  LoadError,
  MeshConfig,
  MeshNetworks,
  ObjectSource,
  parseKubeYaml,
  parseTrafficObservations,
  TrafficObservations,
  TrafficObservationsError,
} from '@meshplane/plugin-meshplane-common';
import { UsageError } from './parseArgs';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const CLUSTER_META = 'cluster.yaml';
/**
 * Files at the top of a fleet-simulator cluster folder that hold metadata, not objects: the
 * cluster's `cluster.yaml` and its own `tokens.yaml` (`packages/fleet-sim/src/fleet/loadFleet.ts`).
 */
const CLUSTER_METADATA_FILES = new Set([CLUSTER_META, 'tokens.yaml']);

/** A cluster with the file position of each object (for duplicate findings). */
export type LoadedCluster = ClusterInput & { sources: ObjectSource[] };

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${file}: cannot read: ${
        (e as NodeJS.ErrnoException).code ?? (e as Error).message
      }`,
    );
  }
}

/** Files under a path: the file itself, or the YAML/JSON files of a folder tree in name order. */
export function inputFiles(p: string, skipClusterMeta = false): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new UsageError(
      `${p}: cannot read: ${
        (e as NodeJS.ErrnoException).code ?? (e as Error).message
      }`,
    );
  }
  if (!stat.isDirectory()) return [p];
  const out: string[] = [];
  const walk = (dir: string, top: boolean) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new UsageError(
        `${dir}: cannot read: ${
          (e as NodeJS.ErrnoException).code ?? (e as Error).message
        }`,
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, false);
      else if (
        EXTENSIONS.has(path.extname(e.name).toLowerCase()) &&
        !(skipClusterMeta && top && CLUSTER_METADATA_FILES.has(e.name))
      )
        out.push(full);
    }
  };
  walk(p, true);
  return out;
}

function loadObjects(
  files: string[],
  objects: KubeObject[],
  sources: ObjectSource[],
  warnings: string[],
): void {
  for (const file of files) {
    const result = parseKubeYaml(readText(file), file);
    // Documents with apiVersion and kind but no name are skipped with a warning (the conformance
    // corpus, Kiali's test fixtures and kubectl's `generateName` objects contain them) — a deviation
    // from DESIGN §4.1, which calls them input errors; everything else malformed is an input error.
    const nameless = (e: LoadError) =>
      e.missing?.length === 1 && e.missing[0] === 'metadata.name';
    const fatal = result.errors.filter(e => !nameless(e));
    if (fatal.length)
      throw new UsageError(fatal.map(formatLoadError).join('\n'));
    for (const e of result.errors)
      warnings.push(`${formatLoadError(e)} (skipped)`);
    for (const o of result.objects) {
      objects.push(o.object);
      sources.push(o.source);
    }
  }
}

/** Cluster metadata from a fleet-simulator `cluster.yaml` (network, region, Istio primary of a remote). */
function clusterMeta(dir: string): {
  network?: string;
  region?: string;
  configCluster?: string;
} {
  const file = path.join(dir, CLUSTER_META);
  if (!fs.existsSync(file)) return {};
  let doc: any;
  try {
    doc = parseYaml(readText(file));
  } catch (e) {
    throw new UsageError(
      `${file}: invalid YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const meta =
    doc?.spec && typeof doc.spec === 'object'
      ? { ...doc, ...doc.spec }
      : doc ?? {};
  const istio =
    typeof meta.istio === 'object' && meta.istio !== null ? meta.istio : {};
  const primary =
    meta.configCluster ??
    (istio.role === 'remote' ? istio.primaryCluster : undefined);
  return {
    network: typeof meta.network === 'string' ? meta.network : undefined,
    region: typeof meta.region === 'string' ? meta.region : undefined,
    configCluster: typeof primary === 'string' ? primary : undefined,
  };
}

/** Loads the clusters of an invocation: plain paths form "default", `--cluster` paths their own. */
export function loadClusters(
  paths: string[],
  clusterArgs: Array<{ name: string; path: string }>,
  warnings: string[],
): LoadedCluster[] {
  const byName = new Map<string, LoadedCluster>();
  const get = (name: string) => {
    let c = byName.get(name);
    if (!c) byName.set(name, (c = { name, objects: [], sources: [] }));
    return c;
  };
  for (const { name, path: p } of clusterArgs) {
    const c = get(name);
    const isDir = fs.existsSync(p) && fs.statSync(p).isDirectory();
    if (isDir)
      Object.assign(
        c,
        Object.fromEntries(
          Object.entries(clusterMeta(p)).filter(([, v]) => v !== undefined),
        ),
      );
    loadObjects(inputFiles(p, isDir), c.objects, c.sources, warnings);
  }
  if (paths.length) {
    const c = get('default');
    for (const p of paths)
      loadObjects(inputFiles(p), c.objects, c.sources, warnings);
  }
  return [...byName.values()];
}

function readYamlFile(file: string, what: string): any {
  const text = readText(file);
  try {
    return parseYaml(text) ?? {};
  } catch (e) {
    const err = e as any;
    const line = err?.linePos?.[0]?.line ?? 1;
    throw new UsageError(
      `${file}:${line}: invalid ${what} YAML: ${
        String(err?.message ?? e).split('\n')[0]
      }`,
    );
  }
}

/** A MeshConfig file: plain MeshConfig YAML, or the `istio` ConfigMap with `data.mesh`. */
export function loadMeshConfig(file: string): Partial<MeshConfig> {
  const doc = readYamlFile(file, 'mesh config');
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new UsageError(`${file}:1: mesh config is not a mapping`);
  if (doc.kind === 'ConfigMap' && typeof doc.data?.mesh === 'string') {
    try {
      return parseYaml(doc.data.mesh) ?? {};
    } catch (e) {
      throw new UsageError(
        `${file}: data.mesh is not valid YAML: ${
          (e as Error).message.split('\n')[0]
        }`,
      );
    }
  }
  return doc;
}

/** A MeshNetworks file (`networks:`), or the `istio` ConfigMap with `data.meshNetworks`. */
export function loadMeshNetworks(file: string): MeshNetworks {
  const doc = readYamlFile(file, 'mesh networks');
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new UsageError(`${file}:1: mesh networks is not a mapping`);
  if (doc.kind === 'ConfigMap' && typeof doc.data?.meshNetworks === 'string')
    return parseYaml(doc.data.meshNetworks) ?? {};
  return doc;
}

/** Largest traffic file read: room for the engine's 100000 observations, not for a runaway export. */
const MAX_TRAFFIC_BYTES = 64 * 1024 * 1024;

/**
 * A `--traffic` file: one TrafficObservations JSON document (packages/cli/README.md), validated by
 * the engine. Every problem names the file and the field.
 */
export function loadTraffic(file: string): TrafficObservations {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UsageError(
      `${file}: cannot read: ${
        (e as NodeJS.ErrnoException).code ?? (e as Error).message
      }`,
    );
  }
  if (stat.isDirectory())
    throw new UsageError(
      `${file}: is a folder, not a TrafficObservations JSON file`,
    );
  if (stat.size > MAX_TRAFFIC_BYTES)
    throw new UsageError(
      `${file}: ${stat.size} bytes: a traffic file holds at most ${
        MAX_TRAFFIC_BYTES / 1024 / 1024
      } MiB (write one per namespace or entity)`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  try {
    return parseTrafficObservations(doc);
  } catch (e) {
    if (!(e instanceof TrafficObservationsError)) throw e;
    throw new UsageError(
      e.message
        .split('\n')
        .map(line => `${file}: ${line}`)
        .join('\n'),
    );
  }
}
