import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { ISTIO_ANNOTATIONS, isIstioAnnotation } from './istioAnnotations';

const NAME = 'annotations.K8sAnalyzer';

function check(o: StoredObject, kind: string, out: Message[]): void {
  for (const [key, value] of Object.entries(o.obj.metadata.annotations ?? {})) {
    if (!isIstioAnnotation(key)) continue;
    const def = ISTIO_ANNOTATIONS.get(key);
    const path = `metadata.annotations["${key}"]`;
    if (!def) {
      out.push(message('IST0108', NAME, o, `Unknown annotation: ${key}`, path));
      continue;
    }
    // annotations.go reports deprecation wherever the annotation is, and placement separately.
    if (def.deprecated)
      out.push(
        message(
          'IST0135',
          NAME,
          o,
          `Annotation ${key} has been deprecated and may not work in future Istio versions.`,
          path,
        ),
      );
    if (!def.kinds.includes(kind)) {
      out.push(
        message(
          'IST0107',
          NAME,
          o,
          `Misplaced annotation: ${key} can only be applied to ${def.kinds.join(
            ', ',
          )}`,
          path,
        ),
      );
      continue;
    }
    if (def.type === 'int' && !/^-?\d+$/.test(String(value))) {
      out.push(
        message(
          'IST0125',
          NAME,
          o,
          `Invalid annotation ${key}: ${value} is not an integer`,
          path,
        ),
      );
    }
    if (def.type === 'bool' && !/^(true|false)$/i.test(String(value))) {
      out.push(
        message(
          'IST0125',
          NAME,
          o,
          `Invalid annotation ${key}: ${value} is not a boolean`,
          path,
        ),
      );
    }
  }
}

/**
 * IST0108 (unknown Istio annotation), IST0107 (on the wrong kind), IST0125 (invalid value),
 * IST0135 (deprecated) on Namespaces, Services, Pods and Deployments.
 * istio/istio `pkg/config/analysis/analyzers/annotations/annotations.go`.
 */
export const k8sAnnotationsAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Namespace, K.Service, K.Pod, K.Deployment],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const ns of index.list(cluster, K.Namespace, namespace))
      check(ns, 'Namespace', out);
    for (const s of index.list(cluster, K.Service, namespace))
      check(s, 'Service', out);
    for (const p of index.list(cluster, K.Pod, namespace)) check(p, 'Pod', out);
    for (const d of index.list(cluster, K.Deployment, namespace))
      check(d, 'Deployment', out);
    return out;
  },
};
