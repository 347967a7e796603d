import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { convertHostToFqdn } from '../registry';
import { mirrorDestinations, routeDestinations } from './routes';

const NAME = 'virtualservice.DestinationRuleAnalyzer';

/**
 * IST0101 when a route or mirror names a host+subset that no DestinationRule defines (hosts
 * compared as FQDNs, each resolved in its own object's namespace).
 * istio/istio `pkg/config/analysis/analyzers/virtualservice/destinationrules.go`.
 */
export const destinationRuleAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.VirtualService],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const vss = [...index.list(cluster, K.VirtualService, namespace)];
    const wanted = vss.flatMap(vs =>
      [...routeDestinations(vs.obj.spec), ...mirrorDestinations(vs.obj.spec)]
        .filter(d => d.destination.subset)
        .map(d => ({ vs, d })),
    );
    if (!wanted.length) return out;
    for (const { vs, d } of wanted) {
      const host = convertHostToFqdn(
        namespace,
        String(d.destination.host ?? ''),
      );
      const found = index
        .destinationRulesByFqdn(cluster, host)
        .some(dr =>
          (dr.obj.spec?.subsets ?? []).some(
            (s: any) => s?.name === d.destination.subset,
          ),
        );
      if (!found) {
        const what = d.kind === 'mirror' ? 'mirror+subset' : 'host+subset';
        out.push(
          message(
            'IST0101',
            NAME,
            vs,
            `Referenced ${what} in destinationrule not found: "${d.destination.host}+${d.destination.subset}"`,
            `${d.path}.subset`,
          ),
        );
      }
    }
    return out;
  },
};
