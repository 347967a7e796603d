import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'authn.BlockedCIDRsAnalyzer';

/**
 * IST0175: RequestAuthentications fetch JWKS URIs while istiod runs without
 * BLOCKED_CIDRS_IN_JWKS_URIS. istio/istio `pkg/config/analysis/analyzers/authn/blockedcidrs.go`.
 */
export const blockedCidrsAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.RequestAuthentication],
  run({ index, cluster }) {
    const out: Message[] = [];
    const usesJwks = [...index.listAll(cluster, K.RequestAuthentication)].some(
      ra => (ra.obj.spec?.jwtRules ?? []).some((r: any) => r?.jwksUri),
    );
    if (!usesJwks) return out;
    for (const d of index.list(
      cluster,
      K.Deployment,
      index.meshConfig.rootNamespace,
    )) {
      const labels = d.obj.metadata.labels ?? {};
      const tmplLabels = d.obj.spec?.template?.metadata?.labels ?? {};
      if (labels.app !== 'istiod' && tmplLabels.app !== 'istiod') continue;
      const containers = d.obj.spec?.template?.spec?.containers ?? [];
      const set = containers.some((c: any) =>
        (c?.env ?? []).some(
          (e: any) => e?.name === 'BLOCKED_CIDRS_IN_JWKS_URIS' && e?.value,
        ),
      );
      if (!set) {
        out.push(
          message(
            'IST0175',
            NAME,
            d,
            'RequestAuthentication resources fetch JWKS URIs but istiod does not set BLOCKED_CIDRS_IN_JWKS_URIS: JWKS fetches can reach internal addresses.',
            'spec.template.spec.containers',
          ),
        );
      }
    }
    return out;
  },
};
