import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'envoyfilter.EnvoyPatchAnalyzer';
const RELATIVE = new Set([
  'INSERT_BEFORE',
  'INSERT_AFTER',
  'REPLACE',
  'REMOVE',
]);

/**
 * IST0151/IST0155 (relative patch without priority, with/without proxyVersion), IST0152 (REPLACE
 * outside HTTP_FILTER/NETWORK_FILTER), IST0153 (ADD on ROUTE_CONFIGURATION/HTTP_ROUTE), IST0154
 * (REMOVE on ROUTE_CONFIGURATION/HTTP_ROUTE). istio/istio `pkg/config/analysis/analyzers/envoyfilter/envoyfilter.go`.
 */
export const envoyPatchAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.EnvoyFilter],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const ef of index.list(cluster, K.EnvoyFilter, namespace)) {
      const priority = Number(ef.obj.spec?.priority ?? 0);
      (ef.obj.spec?.configPatches ?? []).forEach((patch: any, i: number) => {
        const op = patch?.patch?.operation;
        const applyTo = patch?.applyTo;
        const path = `spec.configPatches[${i}]`;
        if (
          op === 'REPLACE' &&
          applyTo !== 'HTTP_FILTER' &&
          applyTo !== 'NETWORK_FILTER'
        ) {
          out.push(
            message(
              'IST0152',
              NAME,
              ef,
              `The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER (found ${applyTo}).`,
              path,
            ),
          );
          return;
        }
        if (
          op === 'ADD' &&
          (applyTo === 'ROUTE_CONFIGURATION' || applyTo === 'HTTP_ROUTE')
        ) {
          out.push(
            message(
              'IST0153',
              NAME,
              ef,
              `The ADD operation will be ignored when applyTo is set to ${applyTo}.`,
              path,
            ),
          );
          return;
        }
        if (
          op === 'REMOVE' &&
          (applyTo === 'ROUTE_CONFIGURATION' || applyTo === 'HTTP_ROUTE')
        ) {
          out.push(
            message(
              'IST0154',
              NAME,
              ef,
              `The REMOVE operation will be ignored when applyTo is set to ${applyTo}.`,
              path,
            ),
          );
          return;
        }
        if (RELATIVE.has(op) && priority === 0) {
          if (patch?.match?.proxy?.proxyVersion) {
            out.push(
              message(
                'IST0155',
                NAME,
                ef,
                `This EnvoyFilter uses the relative operation ${op} together with proxyVersion but sets no priority; it may break after an upgrade or when other filters are added.`,
                path,
              ),
            );
          } else {
            out.push(
              message(
                'IST0151',
                NAME,
                ef,
                `This EnvoyFilter uses the relative operation ${op} and sets no priority; the order of filters may change. Set a priority or use INSERT_FIRST.`,
                path,
              ),
            );
          }
        }
      });
    }
    return out;
  },
};
