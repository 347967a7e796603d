import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { isIstioControlPlane, isSystemNamespace } from '../systemNamespaces';
import { convertProtocol } from './protocol';
import { GATEWAY_MANAGED, MANAGED_BY } from '../../snapshot/dataplane';

const NAME = 'service.PortNameAnalyzer';
const GENERATED = new Set<string | undefined>(Object.values(MANAGED_BY));

/**
 * IST0118 (port name/appProtocol gives no protocol), IST0150 (ExternalName service port without a
 * usable protocol). istio/istio `pkg/config/analysis/analyzers/service/portname.go`.
 */
export const portNameAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Service],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    if (isSystemNamespace(namespace)) return out;
    for (const svc of index.list(cluster, K.Service, namespace)) {
      // Services istiod generates for its gateways, waypoints and east-west gateways are skipped;
      // other `gateway.istio.io/managed` values are not (portname.go).
      if (
        isIstioControlPlane(svc) ||
        GENERATED.has(svc.obj.metadata.labels?.[GATEWAY_MANAGED])
      )
        continue;
      const external = svc.obj.spec?.type === 'ExternalName';
      (svc.obj.spec?.ports ?? []).forEach((p: any, i: number) => {
        const proto = convertProtocol(
          Number(p?.port),
          p?.name,
          p?.protocol,
          p?.appProtocol,
        );
        if (external) {
          if (proto === 'unsupported' || p?.name === 'tcp') {
            out.push(
              message(
                'IST0150',
                NAME,
                svc,
                `Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly`,
                `spec.ports[${i}].name`,
              ),
            );
          }
          return;
        }
        if (proto === 'unsupported') {
          out.push(
            message(
              'IST0118',
              NAME,
              svc,
              `Port name ${p?.name ?? ''} (port: ${p?.port}, targetPort: ${
                p?.targetPort ?? p?.port
              }) doesn't follow the naming convention of Istio port.`,
              `spec.ports[${i}].name`,
            ),
          );
        }
      });
    }
    return out;
  },
};
