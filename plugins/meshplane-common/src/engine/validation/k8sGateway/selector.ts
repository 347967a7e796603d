import { K } from '../../model/kinds';
import { hasLabels, selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'k8sgateway.SelectorAnalyzer';
const GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';

/**
 * IST0166: a policy's `selector` picks the pods of a Kubernetes Gateway, where selectors have no
 * effect (use `targetRefs`). istio/istio `pkg/config/analysis/analyzers/k8sgateway/selector.go`.
 */
export const k8sGatewaySelectorAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [
    K.RequestAuthentication,
    K.AuthorizationPolicy,
    K.WasmPlugin,
    K.Telemetry,
  ],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const gatewayPods = index
      .workloads(cluster, namespace)
      .filter(w => w.labels[GATEWAY_NAME] !== undefined);
    if (!gatewayPods.length) return out;
    for (const kk of [
      K.RequestAuthentication,
      K.AuthorizationPolicy,
      K.WasmPlugin,
      K.Telemetry,
    ]) {
      for (const policy of index.list(cluster, kk, namespace)) {
        const sel = policy.obj.spec?.selector?.matchLabels;
        if (!policy.obj.spec?.selector) continue;
        for (const pod of gatewayPods) {
          if (!selectorMatches(hasLabels(sel) ? sel : {}, pod.labels)) continue;
          out.push(
            message(
              'IST0166',
              NAME,
              policy,
              `Ineffective selector on Kubernetes Gateway ${pod.labels[GATEWAY_NAME]}. Use the targetRef field instead.`,
              'spec.selector',
            ),
          );
        }
      }
    }
    return out;
  },
};
