import { K } from '../../model/kinds';
import { selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { gatewayWorkloadsOrReport, selectorString } from './gatewayPods';

const NAME = 'gateway.IngressGatewayPortAnalyzer';

/**
 * IST0101 (no pod matches the selector), IST0162 (server port not exposed by a Service of the
 * gateway pods). istio/istio `pkg/config/analysis/analyzers/gateway/gateway.go`.
 */
export const ingressGatewayPortAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Gateway],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const gw of index.list(cluster, K.Gateway, namespace)) {
      const pods = gatewayWorkloadsOrReport(index, gw, NAME, out);
      if (!pods.length) continue;
      const sel = selectorString(gw.obj.spec?.selector);
      const ports = new Set<number>();
      for (const pod of pods) {
        for (const svc of index.list(cluster, K.Service, pod.namespace)) {
          const svcSel = svc.obj.spec?.selector;
          if (!selectorMatches(svcSel ?? {}, pod.labels)) continue;
          for (const p of svc.obj.spec?.ports ?? []) {
            if (p?.protocol !== undefined && p.protocol !== 'TCP') continue;
            // The proxy listens on the target port; istiod also translates a server port equal to the
            // Service port to its target port (gateway port translation), so both are accepted.
            ports.add(Number(p.port));
            if (/^\d+$/.test(String(p.targetPort ?? '')))
              ports.add(Number(p.targetPort));
          }
        }
      }
      (gw.obj.spec?.servers ?? []).forEach((server: any, i: number) => {
        const num = server?.port?.number;
        if (num === undefined) return;
        if (!ports.has(Number(num))) {
          out.push(
            message(
              'IST0162',
              NAME,
              gw,
              `The gateway refers to a port that is not exposed on the workload (pod selector ${sel}; port ${num})`,
              `spec.servers[${i}].port.number`,
            ),
          );
        }
      });
    }
    return out;
  },
};
