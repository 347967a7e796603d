import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'serviceentry.Analyzer';

/**
 * IST0134: a ServiceEntry with TCP (or unset) protocol ports and no addresses, unless DNS address
 * auto-allocation is on. istio/istio `pkg/config/analysis/analyzers/serviceentry/protocoladdresses.go`.
 */
export const serviceEntryAddressesAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.ServiceEntry],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const autoAllocate =
      index.meshConfig.defaultConfig?.proxyMetadata
        ?.ISTIO_META_DNS_AUTO_ALLOCATE === 'true';
    if (autoAllocate) return out;
    for (const se of index.list(cluster, K.ServiceEntry, namespace)) {
      const addresses = se.obj.spec?.addresses;
      if (Array.isArray(addresses) && addresses.length > 0) continue;
      (se.obj.spec?.ports ?? []).forEach((p: any, i: number) => {
        const proto = String(p?.protocol ?? '').toUpperCase();
        if (proto === '' || proto === 'TCP') {
          out.push(
            message(
              'IST0134',
              NAME,
              se,
              `ServiceEntry addresses are required for this protocol.`,
              `spec.ports[${i}].protocol`,
            ),
          );
        }
      });
    }
    return out;
  },
};
