import { K } from '../../model/kinds';
import { hostsOverlap } from '../../model/hosts';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { gatewayFullName, selectorString, selectorSubset } from './gatewayPods';

const NAME = 'gateway.ConflictingGatewayAnalyzer';

function stripNs(h: string): string {
  const i = h.indexOf('/');
  return i >= 0 ? h.slice(i + 1) : h;
}

/**
 * IST0145: Gateways whose selectors pick the same proxies, on the same port, with overlapping
 * hosts. istio/istio `pkg/config/analysis/analyzers/gateway/conflictinggateway.go`.
 */
export const conflictingGatewayAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.Gateway],
  run({ index, cluster }) {
    const out: Message[] = [];
    const gws = [...index.listAll(cluster, K.Gateway)];
    for (const gw of gws) {
      const sel: Record<string, string> = gw.obj.spec?.selector ?? {};
      (gw.obj.spec?.servers ?? []).forEach((server: any, i: number) => {
        const port = server?.port?.number;
        if (port === undefined || port === null) return;
        const hosts: string[] = (server.hosts ?? []).map((h: any) =>
          stripNs(String(h)),
        );
        const conflicts = new Set<string>();
        for (const other of gws) {
          if (other === gw) continue;
          const osel: Record<string, string> = other.obj.spec?.selector ?? {};
          if (!selectorSubset(sel, osel) && !selectorSubset(osel, sel))
            continue;
          for (const os of other.obj.spec?.servers ?? []) {
            if (Number(os?.port?.number) !== Number(port)) continue;
            const ohosts: string[] = (os.hosts ?? []).map((h: any) =>
              stripNs(String(h)),
            );
            if (hosts.some(h => ohosts.some(o => hostsOverlap(h, o))))
              conflicts.add(gatewayFullName(other));
          }
        }
        if (conflicts.size) {
          out.push(
            message(
              'IST0145',
              NAME,
              gw,
              `Conflict with gateways ${[...conflicts]
                .sort()
                .join(',')} (workload selector ${selectorString(
                sel,
              )}, port ${port}, hosts ${hosts.join(',')}).`,
              `spec.servers[${i}]`,
            ),
          );
        }
      });
    }
    return out;
  },
};
