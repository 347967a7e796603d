import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { gatewayFullName, selectorSubset } from './gatewayPods';

const NAME = 'gateway.CertificateAnalyzer';

function sameCertificate(a: any, b: any): boolean {
  if (a?.credentialName && b?.credentialName)
    return a.credentialName === b.credentialName;
  if (
    !a?.credentialName &&
    !b?.credentialName &&
    a?.serverCertificate &&
    b?.serverCertificate &&
    a.serverCertificate === b.serverCertificate
  ) {
    return (
      Boolean(a.privateKey && b.privateKey) && a.privateKey === b.privateKey
    );
  }
  return false;
}

/**
 * IST0138: two Gateways on the same proxies (the other's selector is a superset) serve the same
 * certificate; one message per pair of TLS servers. istio/istio
 * `pkg/config/analysis/analyzers/gateway/certificate.go`.
 */
export const certificateAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.Gateway],
  run({ index, cluster }) {
    const out: Message[] = [];
    const gws = [...index.listAll(cluster, K.Gateway)];
    for (const gw of gws) {
      const sel: Record<string, string> = gw.obj.spec?.selector ?? {};
      for (const other of gws) {
        if (other === gw) continue;
        if (
          Object.keys(sel).length &&
          !selectorSubset(sel, other.obj.spec?.selector ?? {})
        )
          continue;
        for (const s of gw.obj.spec?.servers ?? []) {
          for (const o of other.obj.spec?.servers ?? []) {
            if (!s?.tls || !o?.tls || !sameCertificate(s.tls, o.tls)) continue;
            out.push(
              message(
                'IST0138',
                NAME,
                gw,
                `Duplicate certificate in gateways [${gatewayFullName(
                  gw,
                )} ${gatewayFullName(
                  other,
                )}] can cause 404s if a client re-uses an HTTP2 connection`,
                'spec.servers',
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
