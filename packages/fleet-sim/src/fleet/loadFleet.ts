import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../objects';
import { resourceTypeOf } from '../resources';
import { parseTrafficSpec, resolveTraffic, TrafficSpecError } from '../traffic';
import type { TrafficSpec } from '../traffic';
import { FleetLoadError } from './FleetLoadError';
import {
  AccessRule,
  ClusterDefinition,
  ClusterMetadata,
  FleetDefinition,
  FleetToken,
} from './types';
import { parseYamlDocuments, YamlDocument } from './yamlDocuments';

const CLUSTER_FILE = 'cluster.yaml';
const TOKENS_FILE = 'tokens.yaml';
const TRAFFIC_FILE = 'traffic.yaml';

/**
 * Reads a fleet folder: one sub-folder per cluster holding `cluster.yaml`
 * (metadata) and any number of YAML/JSON files of objects (multi-document YAML
 * and `kind: List` accepted), plus optional `tokens.yaml` files at the fleet
 * root (all clusters) and in cluster folders (that cluster only), and an
 * optional `traffic.yaml` at the root (who calls whom, see the README).
 *
 * @throws FleetLoadError naming the file and line of the first bad document,
 * or the file, flow and field of a bad traffic spec.
 * @public
 */
export async function loadFleet(folder: string): Promise<FleetDefinition> {
  const root = path.resolve(folder);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new FleetLoadError({
      file: root,
      message: 'fleet folder does not exist',
    });
  }
  const entries = fs.readdirSync(root, { withFileTypes: true });
  const clusterFolders = entries
    .filter(e => e.isDirectory() && !e.name.startsWith('.'))
    .map(e => path.join(root, e.name))
    .sort();
  const clusters = clusterFolders.map(loadCluster);
  if (clusters.length === 0) {
    throw new FleetLoadError({
      file: root,
      message: 'fleet folder has no cluster folders',
    });
  }
  const names = new Set<string>();
  for (const cluster of clusters) {
    if (names.has(cluster.metadata.name)) {
      throw new FleetLoadError({
        file: root,
        message: `two clusters are named "${cluster.metadata.name}"`,
      });
    }
    names.add(cluster.metadata.name);
  }
  const fleet: FleetDefinition = {
    clusters,
    tokens: readTokens(path.join(root, TOKENS_FILE)),
  };
  const traffic = readTraffic(path.join(root, TRAFFIC_FILE), fleet);
  return traffic ? { ...fleet, traffic } : fleet;
}

function readTraffic(
  file: string,
  fleet: FleetDefinition,
): TrafficSpec | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const [document] = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
  try {
    const traffic = parseTrafficSpec(document?.value);
    resolveTraffic({ ...fleet, traffic });
    return traffic;
  } catch (error) {
    if (error instanceof TrafficSpecError) {
      throw new FleetLoadError({ file, message: error.message });
    }
    throw error;
  }
}

function loadCluster(folder: string): ClusterDefinition {
  const clusterFile = path.join(folder, CLUSTER_FILE);
  if (!fs.existsSync(clusterFile)) {
    throw new FleetLoadError({
      file: folder,
      message: `cluster folder has no ${CLUSTER_FILE}`,
    });
  }
  const metadata = readClusterMetadata(clusterFile, path.basename(folder));
  const objects: KubeObject[] = [];
  for (const file of objectFiles(folder)) {
    for (const document of parseYamlDocuments(
      fs.readFileSync(file, 'utf8'),
      file,
    )) {
      objects.push(...documentObjects(document, file));
    }
  }
  return {
    metadata,
    objects,
    tokens: readTokens(path.join(folder, TOKENS_FILE)),
  };
}

function objectFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (
        /\.(ya?ml|json)$/.test(entry.name) &&
        !(dir === folder && [CLUSTER_FILE, TOKENS_FILE].includes(entry.name))
      ) {
        files.push(full);
      }
    }
  };
  walk(folder);
  return files;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function documentObjects(document: YamlDocument, file: string): KubeObject[] {
  const { value, line } = document;
  if (!isMapping(value)) {
    throw new FleetLoadError({
      file,
      line,
      message: 'document is not a mapping',
    });
  }
  if (value.kind === 'List' && Array.isArray(value.items)) {
    return value.items.flatMap(item =>
      documentObjects({ value: item, line }, file),
    );
  }
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new FleetLoadError({
      file,
      line,
      message: 'object has no apiVersion or kind',
    });
  }
  if (
    !isMapping(metadata) ||
    typeof metadata.name !== 'string' ||
    !metadata.name
  ) {
    throw new FleetLoadError({
      file,
      line,
      message: `${kind} has no metadata.name`,
    });
  }
  const type = resourceTypeOf(apiVersion, kind);
  if (!type) {
    throw new FleetLoadError({
      file,
      line,
      message: `${kind} ${metadata.name}: kind ${kind} in ${apiVersion} is not served by the fleet simulator`,
    });
  }
  if (type.namespaced && typeof metadata.namespace !== 'string') {
    throw new FleetLoadError({
      file,
      line,
      message: `${kind} ${metadata.name} has no metadata.namespace`,
    });
  }
  if (!type.namespaced && metadata.namespace !== undefined) {
    throw new FleetLoadError({
      file,
      line,
      message: `${kind} ${metadata.name} is cluster-scoped but has metadata.namespace`,
    });
  }
  return [value as KubeObject];
}

function readClusterMetadata(
  file: string,
  folderName: string,
): ClusterMetadata {
  const [document] = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
  const value = document?.value;
  if (!isMapping(value)) {
    throw new FleetLoadError({
      file,
      line: document?.line,
      message: 'cluster.yaml is not a mapping',
    });
  }
  const text = (field: string): string | undefined => {
    const v = value[field];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'string') {
      throw new FleetLoadError({ file, message: `${field} must be a string` });
    }
    return v;
  };
  const metadata: ClusterMetadata = {
    name: text('name') ?? folderName,
    network: text('network'),
    region: text('region'),
    environment: text('environment'),
  };
  const istio = value.istio;
  if (isMapping(istio) && istio.enabled !== false) {
    const role = istio.role ?? 'primary';
    if (role !== 'primary' && role !== 'remote') {
      throw new FleetLoadError({
        file,
        message: `istio.role must be primary or remote, not ${String(role)}`,
      });
    }
    if (role === 'remote' && typeof istio.primaryCluster !== 'string') {
      throw new FleetLoadError({
        file,
        message: 'a remote cluster needs istio.primaryCluster',
      });
    }
    metadata.istio = {
      revision: String(istio.revision ?? 'default'),
      version: String(istio.version ?? '1.28.1'),
      meshId: String(istio.meshId ?? 'mesh1'),
      role,
      primaryCluster:
        typeof istio.primaryCluster === 'string'
          ? istio.primaryCluster
          : undefined,
    };
  } else if (istio !== undefined && istio !== false && !isMapping(istio)) {
    throw new FleetLoadError({
      file,
      message: 'istio must be a mapping or false',
    });
  }
  return metadata;
}

function readTokens(file: string): FleetToken[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  const [document] = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
  const tokens = isMapping(document?.value) ? document.value.tokens : undefined;
  if (!Array.isArray(tokens)) {
    throw new FleetLoadError({
      file,
      line: document?.line,
      message: 'tokens.yaml needs a list "tokens"',
    });
  }
  return tokens.map((entry, index) => {
    if (
      !isMapping(entry) ||
      typeof entry.name !== 'string' ||
      !Array.isArray(entry.rules) ||
      (entry.token === undefined && entry.aws === undefined)
    ) {
      throw new FleetLoadError({
        file,
        message: `tokens[${index}] needs name, rules and a token or an aws access key`,
      });
    }
    if (entry.token !== undefined && typeof entry.token !== 'string') {
      throw new FleetLoadError({
        file,
        message: `tokens[${index}].token must be a string`,
      });
    }
    const aws = entry.aws;
    if (
      aws !== undefined &&
      !(
        isMapping(aws) &&
        typeof aws.accessKeyId === 'string' &&
        typeof aws.secretAccessKey === 'string'
      )
    ) {
      throw new FleetLoadError({
        file,
        message: `tokens[${index}].aws needs accessKeyId and secretAccessKey`,
      });
    }
    const rules = entry.rules.map((rule, ruleIndex): AccessRule => {
      const list = (field: string): string[] | undefined => {
        const v = isMapping(rule) ? rule[field] : undefined;
        if (v === undefined) {
          return undefined;
        }
        if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) {
          throw new FleetLoadError({
            file,
            message: `tokens[${index}].rules[${ruleIndex}].${field} must be a list of strings`,
          });
        }
        return v as string[];
      };
      const verbs = list('verbs');
      const resources = list('resources');
      if (!verbs || !resources) {
        throw new FleetLoadError({
          file,
          message: `tokens[${index}].rules[${ruleIndex}] needs verbs and resources`,
        });
      }
      return {
        verbs,
        resources,
        apiGroups: list('apiGroups'),
        namespaces: list('namespaces'),
      };
    });
    return {
      name: entry.name,
      ...(entry.token !== undefined ? { token: entry.token } : {}),
      ...(isMapping(aws)
        ? {
            aws: {
              accessKeyId: String(aws.accessKeyId),
              secretAccessKey: String(aws.secretAccessKey),
            },
          }
        : {}),
      rules,
    };
  });
}
