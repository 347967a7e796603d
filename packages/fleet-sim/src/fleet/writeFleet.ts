import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubeObject } from '../objects';
import { FleetDefinition } from './types';

/**
 * Writes a fleet definition as a fleet folder `loadFleet` reads back: per
 * cluster `cluster.yaml` and one multi-document YAML file per namespace
 * (`_cluster.yaml` for cluster-scoped objects), plus `tokens.yaml` and
 * `traffic.yaml`.
 *
 * @public
 */
export function writeFleet(fleet: FleetDefinition, folder: string): void {
  fs.mkdirSync(folder, { recursive: true });
  if (fleet.tokens.length > 0) {
    fs.writeFileSync(
      path.join(folder, 'tokens.yaml'),
      stringify({ tokens: fleet.tokens }),
    );
  }
  if (fleet.traffic) {
    fs.writeFileSync(
      path.join(folder, 'traffic.yaml'),
      stringify(fleet.traffic, { lineWidth: 0 }),
    );
  }
  for (const cluster of fleet.clusters) {
    const dir = path.join(folder, cluster.metadata.name);
    fs.mkdirSync(dir, { recursive: true });
    const { name, network, region, environment, istio } = cluster.metadata;
    fs.writeFileSync(
      path.join(dir, 'cluster.yaml'),
      stringify({ name, network, region, environment, istio: istio ?? false }),
    );
    if (cluster.tokens.length > 0) {
      fs.writeFileSync(
        path.join(dir, 'tokens.yaml'),
        stringify({ tokens: cluster.tokens }),
      );
    }
    const byNamespace = new Map<string, KubeObject[]>();
    for (const object of cluster.objects) {
      const key =
        object.metadata.namespace ??
        (object.kind === 'Namespace' ? object.metadata.name : '_cluster');
      byNamespace.set(key, [...(byNamespace.get(key) ?? []), object]);
    }
    for (const [namespace, objects] of byNamespace) {
      const text = objects
        .map(o => `---\n${stringify(o, { lineWidth: 0 })}`)
        .join('');
      fs.writeFileSync(path.join(dir, `${namespace}.yaml`), text);
    }
  }
}
