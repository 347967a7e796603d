import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import type { MeshIndex } from '../../snapshot/MeshIndex';
import { convertHostToFqdn, destinationHost } from '../registry';
import { mirrorDestinations, routeDestinations, vsGateways } from './routes';

const NAME = 'virtualservice.DestinationHostAnalyzer';

/**
 * VirtualServices that route one of their own hosts to a subset, by destination FQDN. istioctl
 * compares the raw host strings across namespaces; here both sides are resolved in their own
 * namespace, so equal short names in different namespaces do not collide.
 */
function subsetRoutesByHost(
  index: MeshIndex,
  cluster: string,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const vs of index.listAll(cluster, K.VirtualService)) {
    const hosts = new Set(
      (vs.obj.spec?.hosts ?? []).map((h: unknown) =>
        convertHostToFqdn(vs.namespace, String(h)),
      ),
    );
    for (const rule of vs.obj.spec?.http ?? []) {
      for (const r of rule?.route ?? []) {
        const d = r?.destination;
        if (!d?.subset) continue;
        const host = convertHostToFqdn(vs.namespace, String(d.host));
        if (!hosts.has(host)) continue;
        const list = out.get(host) ?? [];
        list.push(
          vs.namespace
            ? `${vs.namespace}/${vs.obj.metadata.name}`
            : vs.obj.metadata.name,
        );
        out.set(host, list);
      }
    }
  }
  return out;
}

/**
 * IST0101 (destination host / host:port not found), IST0112 (port required for a multi-port
 * service), IST0140 (gateway route without subset while mesh routes use subsets).
 * istio/istio `pkg/config/analysis/analyzers/virtualservice/destinationhosts.go`.
 */
export const destinationHostAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.VirtualService],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const vss = [...index.list(cluster, K.VirtualService, namespace)];
    for (const vs of vss) {
      const spec = vs.obj.spec ?? {};
      const exportTo = Array.isArray(spec.exportTo)
        ? spec.exportTo.map(String)
        : undefined;
      for (const d of [
        ...routeDestinations(spec),
        ...mirrorDestinations(spec),
      ]) {
        const host = String(d.destination.host ?? '');
        const s = destinationHost(index, cluster, namespace, exportTo, host);
        if (!s) {
          out.push(
            message(
              'IST0101',
              NAME,
              vs,
              `Referenced host not found: "${host}"`,
              `${d.path}.host`,
            ),
          );
          continue;
        }
        const port = d.destination.port?.number;
        if (port === undefined || port === null) {
          if (s.ports.length > 1) {
            out.push(
              message(
                'IST0112',
                NAME,
                vs,
                `This VirtualService routes to a service "${host}" that exposes multiple ports ${s.ports
                  .map(p => p.number)
                  .join(
                    ', ',
                  )}. Specifying a port in the destination is required to disambiguate.`,
                d.path,
              ),
            );
          }
          continue;
        }
        if (!s.ports.some(p => p.number === Number(port))) {
          out.push(
            message(
              'IST0101',
              NAME,
              vs,
              `Referenced host:port not found: "${host}:${port}"`,
              `${d.path}.port.number`,
            ),
          );
        }
      }
      if (vsGateways(spec).length === 0) continue;
      const routes = index.derived(
        cluster,
        K.VirtualService,
        'subsetRoutesByHost',
        () => subsetRoutesByHost(index, cluster),
      );
      (spec.http ?? []).forEach((rule: any, i: number) => {
        (rule?.route ?? []).forEach((r: any, j: number) => {
          if (r?.destination?.subset) return;
          const host = convertHostToFqdn(
            namespace,
            String(r?.destination?.host ?? ''),
          );
          for (const d of routes.get(host) ?? []) {
            out.push(
              message(
                'IST0140',
                NAME,
                vs,
                `Subset in virtual service ${d} has no effect on ingress gateway ${
                  namespace ? `${namespace}/` : ''
                }${vs.obj.metadata.name} requests`,
                `spec.http[${i}].route[${j}].destination`,
              ),
            );
          }
        });
      });
    }
    return out;
  },
};
