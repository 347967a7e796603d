import { compareStrings } from '../../model/compare';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'services.MultiClusterServiceAnalyzer';

/** Stored objects are replaced, never changed: a Service's key is computed once. */
const portsKeys = new WeakMap<StoredObject, string>();

function portsKey(svc: StoredObject): string {
  let key = portsKeys.get(svc);
  if (key === undefined) portsKeys.set(svc, (key = computePortsKey(svc)));
  return key;
}

function computePortsKey(svc: StoredObject): string {
  const ports = [...(svc.obj.spec?.ports ?? [])].map((p: any) => ({
    name: p?.name ?? '',
    port: p?.port,
    protocol: p?.protocol ?? 'TCP',
    targetPort: p?.targetPort ?? p?.port,
  }));
  ports.sort((a, b) => compareStrings(a.name, b.name));
  return JSON.stringify(ports);
}

/**
 * IST0170: the same namespace/name Service differs across clusters (type, ports, headless).
 * istio/istio `pkg/config/analysis/analyzers/multicluster/service.go`.
 */
export const multiClusterServiceAnalyzer: Analyzer = {
  name: NAME,
  scope: 'fleet',
  subjects: [],
  run({ index }) {
    const out: Message[] = [];
    if (index.clusterNames().length < 2) return out;
    // A logical service's Services (same namespace and name), in cluster order.
    for (const [, instances] of index.serviceInstances()) {
      if (instances.length < 2) continue;
      const [first, ...rest] = instances.map(i => i.service);
      const name = `${first.namespace}/${first.obj.metadata.name}`;
      const errors: string[] = [];
      const clusters: string[] = [];
      const firstPorts = portsKey(first);
      for (const other of rest) {
        clusters.push(other.cluster);
        if (
          (first.obj.spec?.type ?? 'ClusterIP') !==
          (other.obj.spec?.type ?? 'ClusterIP')
        )
          errors.push(
            `type ${first.obj.spec?.type ?? 'ClusterIP'} vs ${
              other.obj.spec?.type ?? 'ClusterIP'
            } in ${other.cluster}`,
          );
        if (firstPorts !== portsKey(other))
          errors.push(`ports differ in ${other.cluster}`);
        if (
          (first.obj.spec?.clusterIP === 'None') !==
          (other.obj.spec?.clusterIP === 'None')
        )
          errors.push(`headless differs in ${other.cluster}`);
      }
      if (errors.length) {
        out.push(
          message(
            'IST0170',
            NAME,
            first,
            `The service ${name} is inconsistent across clusters ${[
              first.cluster,
              ...clusters,
            ].join(', ')}: ${errors.join('; ')}`,
          ),
        );
      }
    }
    return out;
  },
};
