import { parse as parseYaml } from 'yaml';
import { K } from '../../model/kinds';
import { selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import type { MeshIndex } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'injection.ImageAnalyzer';

function injectorValues(
  index: MeshIndex,
  cluster: string,
  revision: string,
): any | undefined {
  const name =
    revision === 'default'
      ? 'istio-sidecar-injector'
      : `istio-sidecar-injector-${revision}`;
  const cm = index.get(
    cluster,
    K.ConfigMap,
    index.meshConfig.rootNamespace,
    name,
  );
  const values = cm?.obj.data?.values;
  if (typeof values !== 'string') return undefined;
  try {
    return JSON.parse(values);
  } catch {
    return undefined;
  }
}

function annotationImageType(
  annotations: Record<string, string>,
): string | undefined {
  const cfg = annotations['proxy.istio.io/config'];
  if (!cfg) return undefined;
  try {
    const t = parseYaml(cfg)?.image?.imageType;
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

/**
 * imageType: pod `proxy.istio.io/config` annotation, then ProxyConfig (workload selector >
 * namespace > root namespace), then the mesh defaultConfig.
 */
function imageType(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  labels: Record<string, string>,
): string | undefined {
  const pick = (ns: string, withSelector: boolean) => {
    for (const pc of index.list(cluster, K.ProxyConfig, ns)) {
      const sel = pc.obj.spec?.selector?.matchLabels;
      if (withSelector ? sel && selectorMatches(sel, labels) : !sel) {
        const t = pc.obj.spec?.image?.imageType;
        if (t) return String(t);
      }
    }
    return undefined;
  };
  return (
    pick(namespace, true) ??
    pick(namespace, false) ??
    pick(index.meshConfig.rootNamespace, false) ??
    (index.meshConfig.defaultConfig as any)?.image?.imageType
  );
}

/**
 * IST0158: running proxies in an injected namespace differ from the image the injector would use.
 * istio/istio `pkg/config/analysis/analyzers/injection/injection-image.go`.
 */
export const imageAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Pod],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const nsObj = index.namespaceObject(cluster, namespace);
    if (!nsObj) return out;
    const labels = nsObj.obj.metadata.labels ?? {};
    if (
      labels['istio-injection'] !== 'enabled' &&
      labels['istio.io/rev'] === undefined
    )
      return out;
    const values = injectorValues(
      index,
      cluster,
      labels['istio.io/rev'] ?? 'default',
    );
    const g = values?.global;
    if (!g?.proxy?.image) return out;
    for (const pod of index.list(cluster, K.Pod, namespace)) {
      const containers = [
        ...(pod.obj.spec?.containers ?? []),
        ...(pod.obj.spec?.initContainers ?? []),
      ];
      const proxy = containers.find((c: any) => c?.name === 'istio-proxy');
      if (!proxy?.image) continue;
      const annotations = pod.obj.metadata.annotations ?? {};
      // A custom proxy image always overrides the injector.
      if (annotations['sidecar.istio.io/proxyImage']) continue;
      const img = String(g.proxy.image);
      // The chart's default hub when the values do not set one.
      let expected = img.includes('/')
        ? img
        : `${g.hub ?? 'docker.io/istio'}/${img}:${g.tag}`;
      const variant =
        annotationImageType(annotations) ??
        imageType(index, cluster, namespace, pod.obj.metadata.labels ?? {}) ??
        g.variant;
      if (variant && variant !== 'default' && !img.includes('/'))
        expected = `${expected}-${variant}`;
      if (proxy.image !== expected) {
        out.push(
          message(
            'IST0158',
            NAME,
            nsObj,
            `The Istio proxy images of the pods running in the namespace ${namespace} are not same as the image used by the injector (${expected}). Restart the pods to pick up the new image.`,
          ),
        );
        break;
      }
    }
    return out;
  },
};
