import { K } from '../../model/kinds';
import { hasLabels, selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { selectorString } from '../gateway/gatewayPods';
import { workloadsMatching } from '../registry';
import { workloadInMesh } from '../inMesh';

const NAME = 'auth.AuthorizationPoliciesAnalyzer';

function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
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
    const namespaces = [...index.list(cluster, K.Namespace, '')].map(
      n => n.obj.metadata.name,
    );
    index.dep(cluster, K.Namespace, '*');
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
        const workloads = index
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
              if (!namespaces.some(n => namespaceMatch(n, String(ns)))) {
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
