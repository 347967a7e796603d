import { K } from '../../model/kinds';
import { hasLabels, selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { selectorString } from '../gateway/gatewayPods';

const NAME = 'sidecar.SelectorAnalyzer';

/** `NamespaceInAmbientMode`: ambient unless sidecar injection is also enabled (label or revision). */
function namespaceInAmbientMode(
  labels: Record<string, string> | undefined,
): boolean {
  if (
    !labels ||
    labels['istio-injection'] === 'enabled' ||
    labels['istio.io/rev']
  )
    return false;
  return labels['istio.io/dataplane-mode'] === 'ambient';
}

/**
 * IST0101 (selector matches no pod), IST0110 (two Sidecars select one pod), IST0111 (several
 * selector-less Sidecars in a namespace), IST0167 (Sidecar in an ambient namespace).
 * istio/istio `pkg/config/analysis/analyzers/sidecar/selector.go`.
 */
export const sidecarSelectorAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Sidecar],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const sidecars = [...index.list(cluster, K.Sidecar, namespace)];
    if (!sidecars.length) return out;
    if (namespaceInAmbientMode(index.namespaceLabels(cluster, namespace))) {
      for (const s of sidecars) {
        out.push(
          message(
            'IST0167',
            NAME,
            s,
            `The policy has no impact: namespace ${namespace} uses the ambient data plane, where Sidecar resources do not apply.`,
          ),
        );
      }
      return out;
    }
    const workloads = index.workloads(cluster, namespace).filter(w => !w.vm);
    const nsWide: StoredObject[] = [];
    const perWorkload = new Map<string, StoredObject[]>();
    for (const s of sidecars) {
      const sel = s.obj.spec?.workloadSelector?.labels;
      if (!hasLabels(sel)) {
        nsWide.push(s);
        continue;
      }
      const matched = workloads.filter(w => selectorMatches(sel, w.labels));
      if (!matched.length) {
        out.push(
          message(
            'IST0101',
            NAME,
            s,
            `Referenced selector not found: "${selectorString(sel)}"`,
            'spec.workloadSelector',
          ),
        );
      }
      for (const w of matched)
        perWorkload.set(w.id, [...(perWorkload.get(w.id) ?? []), s]);
    }
    if (nsWide.length > 1) {
      const names = nsWide
        .map(s => s.obj.metadata.name)
        .sort()
        .join(', ');
      for (const s of nsWide) {
        out.push(
          message(
            'IST0111',
            NAME,
            s,
            `The Sidecars [${names}] in namespace ${namespace} have no workload selector; only one such Sidecar is allowed per namespace.`,
          ),
        );
      }
    }
    for (const [id, list] of perWorkload) {
      if (list.length < 2) continue;
      const names = list
        .map(s => s.obj.metadata.name)
        .sort()
        .join(', ');
      for (const s of list) {
        out.push(
          message(
            'IST0110',
            NAME,
            s,
            `The Sidecars [${names}] in namespace ${namespace} select the same workload ${id
              .split('|')
              .pop()}, which leads to undefined behavior.`,
          ),
        );
      }
    }
    return out;
  },
};
