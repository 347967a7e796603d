import { K } from '../../model/kinds';
import { Message, ObjectRef } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { CODES } from '../messages';

const NAME = 'meshnetworks.MeshNetworksAnalyzer';
const BUILTIN_REGISTRIES = ['Kubernetes', 'Mock', 'External'];

/**
 * IST0126: meshNetworks `fromRegistry` names a registry that is neither a built-in provider nor a
 * known cluster (fleet cluster names, remote-secret keys).
 * istio/istio `pkg/config/analysis/analyzers/multicluster/meshnetworks.go`.
 */
export const meshNetworksAnalyzer: Analyzer = {
  name: NAME,
  scope: 'fleet',
  subjects: [],
  run({ index }) {
    const out: Message[] = [];
    const networks = index.meshNetworks?.networks;
    if (!networks) return out;
    const known = new Set<string>([
      ...BUILTIN_REGISTRIES,
      ...index.clusterNames(),
    ]);
    for (const secret of index.listFleet(K.Secret)) {
      if (secret.obj.metadata.labels?.['istio/multiCluster'] !== 'true')
        continue;
      for (const key of Object.keys(secret.obj.data ?? {})) known.add(key);
    }
    const first = index.clusterNames()[0] ?? 'default';
    const ref: ObjectRef = {
      cluster: first,
      apiVersion: 'v1alpha1',
      kind: 'MeshNetworks',
      namespace: index.meshConfig.rootNamespace,
      name: 'meshnetworks',
    };
    for (const [netName, net] of Object.entries(networks)) {
      (net?.endpoints ?? []).forEach((e, j) => {
        if (e?.fromRegistry !== undefined && !known.has(e.fromRegistry)) {
          out.push({
            code: 'IST0126',
            level: CODES.IST0126.level,
            analyzer: NAME,
            message: `Unknown service registry ${e.fromRegistry} in network ${netName}`,
            resource: ref,
            path: `networks.${netName}.endpoints[${j}].fromRegistry`,
          });
        }
      });
    }
    return out;
  },
};
