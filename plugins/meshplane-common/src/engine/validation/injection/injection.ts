import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { isSystemNamespace } from '../systemNamespaces';

const NAME = 'injection.Analyzer';

/** Whether a Namespace object makes its pods injected, and its findings. */
export function namespaceInjection(labels: Record<string, string>): {
  injected: boolean;
  conflict: boolean;
  ambient: boolean;
  unlabelled: boolean;
} {
  const injection = labels['istio-injection'];
  const rev = labels['istio.io/rev'];
  const ambient = labels['istio.io/dataplane-mode'] === 'ambient';
  const conflict =
    [injection === 'enabled', rev !== undefined, ambient].filter(Boolean)
      .length >= 2;
  return {
    injected:
      !ambient &&
      !conflict &&
      (injection === 'enabled' ||
        (injection === undefined && rev !== undefined)),
    conflict,
    ambient,
    unlabelled: injection === undefined && rev === undefined && !ambient,
  };
}

/**
 * IST0102 (namespace not injected), IST0148 (injected by enableNamespacesByDefault), IST0123
 * (conflicting injection labels), IST0103 (pod in an injected namespace without istio-proxy).
 * istio/istio `pkg/config/analysis/analyzers/injection/injection.go`.
 */
export const injectionAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Namespace, K.Pod],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const root = index.meshConfig.rootNamespace;
    if (namespace === '') {
      const byDefault = index.enableNamespacesByDefault(cluster);
      for (const ns of index.list(cluster, K.Namespace, '')) {
        const name = ns.obj.metadata.name;
        if (name === root || isSystemNamespace(name)) continue;
        const s = namespaceInjection(ns.obj.metadata.labels ?? {});
        if (s.conflict) {
          out.push(
            message(
              'IST0123',
              NAME,
              ns,
              `The namespace has more than one type of injection labels "istio-injection", "istio.io/rev" or "istio.io/dataplane-mode", which may lead to unexpected behavior. Remove all but one, e.g. "kubectl label namespace ${name} istio-injection-" or "kubectl label namespace ${name} istio.io/rev-"`,
              'metadata.labels',
            ),
          );
        } else if (s.unlabelled) {
          if (byDefault) {
            out.push(
              message(
                'IST0148',
                NAME,
                ns,
                `The namespace is enabled for injection by default (sidecarInjectorWebhook.enableNamespacesByDefault). Label it with istio-injection=disabled to opt out.`,
                'metadata.labels',
              ),
            );
          } else {
            out.push(
              message(
                'IST0102',
                NAME,
                ns,
                `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`,
                'metadata.labels',
              ),
            );
          }
        }
      }
      return out;
    }
    if (namespace === root || isSystemNamespace(namespace)) return out;
    const nsObj = index.namespaceObject(cluster, namespace);
    if (!nsObj || !namespaceInjection(nsObj.obj.metadata.labels ?? {}).injected)
      return out;
    for (const pod of index.list(cluster, K.Pod, namespace)) {
      const spec = pod.obj.spec ?? {};
      const inj =
        pod.obj.metadata.labels?.['sidecar.istio.io/inject'] ??
        pod.obj.metadata.annotations?.['sidecar.istio.io/inject'];
      if (typeof inj === 'string' && inj.toLowerCase() === 'false') continue;
      if (spec.hostNetwork) continue;
      const containers = [
        ...(spec.containers ?? []),
        ...(spec.initContainers ?? []),
      ];
      if (!containers.some((c: any) => c?.name === 'istio-proxy')) {
        out.push(
          message(
            'IST0103',
            NAME,
            pod,
            `The pod ${namespace}/${pod.obj.metadata.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`,
            'spec.containers',
          ),
        );
      }
    }
    return out;
  },
};
