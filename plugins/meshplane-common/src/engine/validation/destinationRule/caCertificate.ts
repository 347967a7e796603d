import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'destinationrule.CaCertificateAnalyzer';

function unverified(tls: any, hasSelector: boolean): boolean {
  if (!tls || (tls.mode !== 'SIMPLE' && tls.mode !== 'MUTUAL')) return false;
  if (tls.caCertificates || tls.insecureSkipVerify === true) return false;
  // A credentialName only provides the CA to gateways/workloads a workloadSelector names.
  return !(tls.credentialName && hasSelector);
}

/**
 * IST0128 / IST0129: SIMPLE or MUTUAL TLS without a CA to verify the server, at destination or
 * port level. istio/istio `pkg/config/analysis/analyzers/destinationrule/ca-certificate.go`.
 */
export const caCertificateAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.DestinationRule],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
      const tp = dr.obj.spec?.trafficPolicy;
      const sel = Boolean(dr.obj.spec?.workloadSelector);
      const name = `${namespace ? `${namespace}/` : ''}${dr.obj.metadata.name}`;
      if (unverified(tp?.tls, sel)) {
        out.push(
          message(
            'IST0128',
            NAME,
            dr,
            `DestinationRule ${name} in namespace ${namespace} has TLS mode set to ${tp.tls.mode} but no caCertificates are set to validate server identity for host: ${dr.obj.spec?.host}`,
            'spec.trafficPolicy.tls.caCertificates',
          ),
        );
      }
      (tp?.portLevelSettings ?? []).forEach((p: any, i: number) => {
        if (unverified(p?.tls, sel)) {
          out.push(
            message(
              'IST0129',
              NAME,
              dr,
              `DestinationRule ${name} in namespace ${namespace} has TLS mode set to ${p.tls.mode} but no caCertificates are set to validate server identity for host: ${dr.obj.spec?.host} at port ${p?.port?.number}`,
              `spec.trafficPolicy.portLevelSettings[${i}].tls.caCertificates`,
            ),
          );
        }
      });
    }
    return out;
  },
};
