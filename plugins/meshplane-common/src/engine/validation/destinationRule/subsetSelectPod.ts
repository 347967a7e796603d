import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { convertHostToFqdn, destinationHost } from '../registry';

const NAME = 'destinationrule.SubsetSelectPodAnalyzer';
const NODE_TOPOLOGY_LABELS = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];

/**
 * IST0174 (DR host matches no service visible to the DR) and IST0173 (a subset selects no pod;
 * the node's topology labels and hostname count as pod labels, empty values do not). Wildcard
 * hosts are not checked (they match by suffix). istio/istio `pkg/config/analysis/analyzers/destinationrule/subset.go`.
 */
export const subsetSelectPodAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.DestinationRule],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
      const rawHost = String(dr.obj.spec?.host ?? '');
      if (rawHost.startsWith('*')) continue;
      const fqdn = convertHostToFqdn(namespace, rawHost);
      const exportTo = Array.isArray(dr.obj.spec?.exportTo)
        ? dr.obj.spec.exportTo.map(String)
        : undefined;
      const found = destinationHost(index, cluster, namespace, exportTo, fqdn);
      if (!found) {
        out.push(
          message(
            'IST0174',
            NAME,
            dr,
            `The host ${rawHost} defined in the DestinationRule does not match any services in the mesh.`,
            'spec.host',
          ),
        );
        continue;
      }
      const svc = found.source;
      if (svc.kk !== K.Service) continue;
      const subsets: any[] = dr.obj.spec?.subsets ?? [];
      if (!subsets.length) continue;
      const selector: Record<string, string> = svc.obj.spec?.selector ?? {};
      // Namespace sameness: the service's endpoints in every cluster of the mesh are candidates
      // for a subset (istioctl analyzes a multi-cluster context as one; an istiod load-balances
      // over all clusters' endpoints of the host), so a subset whose pods run in another cluster
      // selects pods.
      const pods = index
        .fleetWorkloads(svc.namespace)
        .flatMap(({ cluster: c, workloads }) =>
          workloads
            .filter(
              w =>
                !w.vm &&
                Object.keys(selector).every(k => w.labels[k] === selector[k]),
            )
            .map(w => ({ w, c })),
        );
      subsets.forEach((subset: any, i: number) => {
        const labels: Record<string, string> = subset?.labels ?? {};
        const ok = pods.some(({ w, c }) => {
          let node: Record<string, string> = {};
          const nodeName = w.pods[0]?.obj.spec?.nodeName;
          if (nodeName)
            node =
              index.get(c, K.Node, '', nodeName)?.obj.metadata.labels ?? {};
          return Object.entries(labels).every(([k, v]) => {
            if (w.labels[k] === String(v)) return true;
            if (k === 'kubernetes.io/hostname') return nodeName === String(v);
            return (
              NODE_TOPOLOGY_LABELS.includes(k) &&
              node[k] !== undefined &&
              node[k] !== '' &&
              node[k] === String(v)
            );
          });
        });
        if (!ok) {
          // istioctl prints the subset's name; a nameless subset (already an IST0106) is named by its position.
          const name =
            typeof subset?.name === 'string' && subset.name
              ? subset.name
              : `at spec.subsets[${i}] (no name)`;
          out.push(
            message(
              'IST0173',
              NAME,
              dr,
              `The Subset ${name} defined in the DestinationRule does not select any pods, which may lead to 503 UH (NoHealthyUpstream).`,
              `spec.subsets[${i}].labels`,
            ),
          );
        }
      });
    }
    return out;
  },
};
