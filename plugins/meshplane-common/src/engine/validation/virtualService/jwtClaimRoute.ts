import { K } from '../../model/kinds';
import { selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { shortOrFullName, workloadsMatching } from '../registry';
import { vsGateways } from './routes';

const NAME = 'virtualservice.JWTClaimRouteAnalyzer';

function claimKey(spec: any): string | undefined {
  for (const rule of spec?.http ?? []) {
    for (const m of rule?.match ?? []) {
      for (const section of [m?.headers, m?.withoutHeaders]) {
        for (const key of Object.keys(section ?? {}))
          if (key.startsWith('@request.auth.claims')) return key;
      }
    }
  }
  return undefined;
}

/**
 * IST0149: a gateway VirtualService routes on JWT claims but no RequestAuthentication applies
 * to the gateway pods. istio/istio `pkg/config/analysis/analyzers/virtualservice/jwtclaimroute.go`.
 */
export const jwtClaimRouteAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.VirtualService],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const root = index.meshConfig.rootNamespace;
    for (const vs of index.list(cluster, K.VirtualService, namespace)) {
      const key = claimKey(vs.obj.spec);
      if (!key) continue;
      for (const gwName of vsGateways(vs.obj.spec)) {
        if (gwName === 'mesh') continue;
        const ref = shortOrFullName(namespace, gwName);
        const gw = index.get(cluster, K.Gateway, ref.namespace, ref.name);
        if (!gw) continue;
        for (const pod of workloadsMatching(
          index,
          cluster,
          gw.obj.spec?.selector ?? {},
        )) {
          const ras = [
            ...index.list(cluster, K.RequestAuthentication, pod.namespace),
            ...(pod.namespace === root
              ? []
              : index.list(cluster, K.RequestAuthentication, root)),
          ];
          const covered = ras.some(ra =>
            selectorMatches(ra.obj.spec?.selector?.matchLabels, pod.labels),
          );
          if (!covered) {
            out.push(
              message(
                'IST0149',
                NAME,
                vs,
                `The virtual service uses the JWT claim based routing (key: ${key}) but found no request authentication for the gateway (${ref.namespace}/${ref.name}) pod (${pod.name}). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.`,
                'spec.http',
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
