import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'deprecation.DeprecationAnalyzer';

/**
 * IST0002 for deprecated fields: VirtualService `fault.delay.percent`, `mirrorPercent`;
 * Sidecar `outboundTrafficPolicy.egressProxy`.
 * istio/istio `pkg/config/analysis/analyzers/deprecation/deprecation.go`.
 */
export const deprecationAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.VirtualService, K.Sidecar],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const vs of index.list(cluster, K.VirtualService, namespace)) {
      (vs.obj.spec?.http ?? []).forEach((route: any, i: number) => {
        if (route?.fault?.delay?.percent !== undefined) {
          out.push(
            message(
              'IST0002',
              NAME,
              vs,
              'Deprecated: HTTPFaultInjection.Delay.percent is deprecated, use percentage',
              `spec.http[${i}].fault.delay.percent`,
            ),
          );
        }
        if (route?.mirrorPercent !== undefined) {
          out.push(
            message(
              'IST0002',
              NAME,
              vs,
              'Deprecated: HTTPRoute.mirror_percent is deprecated, use mirror_percentage',
              `spec.http[${i}].mirrorPercent`,
            ),
          );
        }
      });
    }
    for (const sc of index.list(cluster, K.Sidecar, namespace)) {
      if (sc.obj.spec?.outboundTrafficPolicy?.egressProxy !== undefined) {
        out.push(
          message(
            'IST0002',
            NAME,
            sc,
            'Deprecated: Sidecar.OutboundTrafficPolicy.EgressProxy is deprecated, use a ServiceEntry/egress gateway',
            'spec.outboundTrafficPolicy.egressProxy',
          ),
        );
      }
    }
    return out;
  },
};
