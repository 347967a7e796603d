import { K } from '../../model/kinds';
import { hasLabels, selectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import { Analyzer } from '../Analyzer';
import { workloadInMesh } from '../inMesh';
import { message } from '../messages';
import { isIstioControlPlane, isSystemNamespace } from '../systemNamespaces';

const NAME = 'deployment.MultiServiceAnalyzer';

/**
 * IST0116 (services selecting one deployment use a port with different protocols), IST0137
 * (two service ports map to the same target port). istio/istio
 * `pkg/config/analysis/analyzers/deployment/services.go`.
 */
export const multiServiceAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Deployment],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    if (isSystemNamespace(namespace)) return out;
    const services = [...index.list(cluster, K.Service, namespace)];
    const workloads = new Map(
      index
        .workloads(cluster, namespace)
        .filter(w => w.kind === 'Deployment')
        .map(w => [w.name, w]),
    );
    for (const d of index.list(cluster, K.Deployment, namespace)) {
      const w = workloads.get(d.obj.metadata.name);
      if (isIstioControlPlane(d) || (w && !workloadInMesh(index, w))) continue;
      const podLabels = d.obj.spec?.template?.metadata?.labels ?? {};
      const matching = services.filter(
        s =>
          hasLabels(s.obj.spec?.selector) &&
          selectorMatches(s.obj.spec.selector, podLabels),
      );
      const byPort = new Map<number, Map<string, string[]>>();
      const byTarget = new Map<string, Map<number, string>>();
      for (const s of matching) {
        const name = `${s.namespace}/${s.obj.metadata.name}`;
        for (const p of s.obj.spec?.ports ?? []) {
          const proto = p?.protocol || 'TCP';
          const m = byPort.get(p.port) ?? new Map<string, string[]>();
          m.set(proto, [...(m.get(proto) ?? []), name]);
          byPort.set(p.port, m);
          const tp =
            p.targetPort === undefined ||
            p.targetPort === 0 ||
            p.targetPort === ''
              ? String(p.port)
              : String(p.targetPort);
          const t = byTarget.get(tp) ?? new Map<number, string>();
          t.set(p.port, name);
          byTarget.set(tp, t);
        }
      }
      for (const [port, protos] of byPort) {
        if (protos.size < 2) continue;
        const names = [...protos.values()].flat().sort();
        out.push(
          message(
            'IST0116',
            NAME,
            d,
            `This deployment ${
              d.obj.metadata.name
            } is associated with multiple services using port ${port} but different protocols: ${names.join(
              ',',
            )}`,
          ),
        );
      }
      for (const [tp, ports] of byTarget) {
        if (ports.size < 2) continue;
        out.push(
          message(
            'IST0137',
            NAME,
            d,
            `This deployment ${
              d.obj.metadata.name
            } is associated with multiple services ${[
              ...new Set(ports.values()),
            ]
              .sort()
              .join(',')} using targetPort "${tp}" but different ports: ${[
              ...ports.keys(),
            ].join(',')}.`,
          ),
        );
      }
    }
    return out;
  },
};
