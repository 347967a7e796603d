import { K } from '../../model/kinds';
import { hasLabels, selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { selectorString } from '../gateway/gatewayPods';
import { workloadsMatching } from '../registry';
import { workloadInMesh } from '../inMesh';
import type { Workload } from '../../snapshot/workloads';

const NAME = 'auth.AuthorizationPoliciesAnalyzer';

/** The namespace names of a cluster, as listed and lowercased (built once per change of a Namespace). */
interface NamespaceNames {
  all: string[];
  lower: Set<string>;
}

/** Whether a namespace of the cluster matches `exp` (`*`, `*suffix`, `prefix*`, or a name, case-insensitive). */
function namespaceMatches(names: NamespaceNames, exp: string): boolean {
  if (exp === '*') return names.all.length > 0;
  if (exp.startsWith('*'))
    return names.all.some(ns => ns.endsWith(exp.slice(1)));
  if (exp.endsWith('*'))
    return names.all.some(ns => ns.startsWith(exp.slice(0, -1)));
  return names.lower.has(exp.toLowerCase());
}

/**
 * IST0127 (selector / namespace without matching workloads), IST0101 (rule names a namespace that
 * does not exist). istio/istio `pkg/config/analysis/analyzers/authz/authorizationpolicies.go`.
 */
export const authorizationPoliciesAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.AuthorizationPolicy],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const root = index.meshConfig.rootNamespace;
    const namespaces = index.derived(
      cluster,
      K.Namespace,
      'namespaceNames',
      (): NamespaceNames => {
        const all = [...index.list(cluster, K.Namespace, '')].map(
          n => n.obj.metadata.name as string,
        );
        return { all, lower: new Set(all.map(n => n.toLowerCase())) };
      },
    );
    /** The namespace's in-mesh workloads (not VMs), read once for its policies. */
    let workloads: Workload[] | undefined;
    for (const ap of index.list(cluster, K.AuthorizationPolicy, namespace)) {
      const sel = ap.obj.spec?.selector?.matchLabels;
      if (namespace === root) {
        if (
          ap.obj.spec?.selector &&
          !workloadsMatching(index, cluster, sel ?? {}).some(w =>
            workloadInMesh(index, w),
          )
        ) {
          out.push(
            message(
              'IST0127',
              NAME,
              ap,
              `No matching workloads for this resource with the following labels: ${selectorString(
                sel,
              )}`,
              'spec.selector',
            ),
          );
        }
      } else {
        workloads ??= index
          .workloads(cluster, namespace)
          .filter(w => !w.vm && workloadInMesh(index, w));
        if (!ap.obj.spec?.selector) {
          if (!workloads.length)
            out.push(
              message(
                'IST0127',
                NAME,
                ap,
                `No matching workloads for this resource with the following labels: `,
                'metadata.namespace',
              ),
            );
        } else if (
          !workloads.some(w =>
            selectorMatches(hasLabels(sel) ? sel : {}, w.labels),
          )
        ) {
          out.push(
            message(
              'IST0127',
              NAME,
              ap,
              `No matching workloads for this resource with the following labels: ${selectorString(
                sel,
              )}`,
              'spec.selector',
            ),
          );
        }
      }
      (ap.obj.spec?.rules ?? []).forEach((rule: any, i: number) => {
        (rule?.from ?? []).forEach((from: any, j: number) => {
          for (const field of ['namespaces', 'notNamespaces']) {
            (from?.source?.[field] ?? []).forEach((ns: any, k: number) => {
              if (!namespaceMatches(namespaces, String(ns))) {
                out.push(
                  message(
                    'IST0101',
                    NAME,
                    ap,
                    `Referenced namespace not found: "${ns}"`,
                    `spec.rules[${i}].from[${j}].source.${field}[${k}]`,
                  ),
                );
              }
            });
          }
        });
      });
    }
    return out;
  },
};
