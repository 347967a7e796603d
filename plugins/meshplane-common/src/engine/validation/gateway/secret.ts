import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { shortOrFullName } from '../registry';
import { gatewayWorkloadsOrReport } from './gatewayPods';
import { certificateProblem } from './certificates';

const NAME = 'gateway.SecretAnalyzer';

/**
 * IST0101 (credentialName secret not found in the gateway workload's namespace),
 * IST0161 (secret without usable certificate / key, or expired).
 * istio/istio `pkg/config/analysis/analyzers/gateway/secret.go`.
 */
export const secretAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Gateway],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const gw of index.list(cluster, K.Gateway, namespace)) {
      const pods = gatewayWorkloadsOrReport(index, gw, NAME, out);
      if (!pods.length) continue;
      const gwNs = pods[0].namespace;
      (gw.obj.spec?.servers ?? []).forEach((server: any, i: number) => {
        const cn = server?.tls?.credentialName;
        if (!cn) return;
        const ref = shortOrFullName(gwNs, String(cn));
        const secret = index.get(cluster, K.Secret, ref.namespace, ref.name);
        if (!secret) {
          out.push(
            message(
              'IST0101',
              NAME,
              gw,
              `Referenced credentialName not found: "${cn}"`,
              `spec.servers[${i}].tls.credentialName`,
            ),
          );
          return;
        }
        const problem = certificateProblem(secret.obj);
        if (problem) {
          out.push(
            message(
              'IST0161',
              NAME,
              gw,
              `The credential provided by ${ref.namespace}/${ref.name} for gateway ${gw.namespace}/${gw.obj.metadata.name} is invalid: ${problem}`,
              `spec.servers[${i}].tls.credentialName`,
            ),
          );
        }
      });
    }
    return out;
  },
};
