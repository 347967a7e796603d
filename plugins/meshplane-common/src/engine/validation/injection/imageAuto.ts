import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { labelSelectorMatches } from '../../model/labels';
import { decideInjection } from '../../snapshot/injection';
import type { MeshIndex } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'injection.ImageAutoAnalyzer';

function hasAutoImage(spec: any): boolean {
  return (spec?.containers ?? []).some(
    (c: any) => c?.name === 'istio-proxy' && c?.image === 'auto',
  );
}

/** Istio's injector webhooks (`*.istio.io`) from MutatingWebhookConfigurations, if any were given. */
function istioWebhooks(index: MeshIndex, cluster: string): any[] {
  const out: any[] = [];
  for (const mw of index.listAll(cluster, K.MutatingWebhookConfiguration)) {
    for (const wh of (mw.obj as any).webhooks ?? [])
      if (String(wh?.name ?? '').endsWith('istio.io')) out.push(wh);
  }
  return out;
}

/**
 * IST0147 (pod with `image: auto`: it was not injected), IST0146 (Deployment with `image: auto`
 * that the injector will not select). istio/istio `pkg/config/analysis/analyzers/injection/image-auto.go`.
 */
export const imageAutoAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Pod, K.Deployment],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const pod of index.list(cluster, K.Pod, namespace)) {
      if (hasAutoImage(pod.obj.spec)) {
        out.push(
          message(
            'IST0147',
            NAME,
            pod,
            `Pod ${pod.obj.metadata.name} uses "image: auto" but will not be injected: the image cannot be pulled`,
            'spec.containers',
          ),
        );
      }
    }
    const deployments = [
      ...index.list(cluster, K.Deployment, namespace),
    ].filter(d => hasAutoImage(d.obj.spec?.template?.spec));
    if (!deployments.length) return out;
    const webhooks = istioWebhooks(index, cluster);
    const nsLabels =
      index.namespaceLabels(cluster, namespace || 'default') ?? {};
    for (const d of deployments) {
      const podLabels = d.obj.spec?.template?.metadata?.labels ?? {};
      // With webhook objects, their selectors decide (image-auto.go); without, the injection rules do.
      const injected = webhooks.length
        ? webhooks.some(
            w =>
              labelSelectorMatches(w.namespaceSelector, nsLabels) &&
              labelSelectorMatches(w.objectSelector, podLabels),
          )
        : decideInjection({
            namespace,
            namespaceLabels: nsLabels,
            podLabels,
            enableNamespacesByDefault: index.enableNamespacesByDefault(cluster),
          }).inject;
      if (!injected) {
        out.push(
          message(
            'IST0146',
            NAME,
            d,
            `Deployment ${d.obj.metadata.name} uses "image: auto" but will not be injected`,
            'spec.template.spec.containers',
          ),
        );
      }
    }
    return out;
  },
};
