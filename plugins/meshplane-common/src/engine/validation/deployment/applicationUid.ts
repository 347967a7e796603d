import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'applicationUID.Analyzer';
const PROXY_UID = 1337;

/** One finding per object: the pod-level setting, else the first application container. */
function check(
  o: StoredObject,
  spec: any,
  prefix: string,
  out: Message[],
): void {
  let path: string | undefined;
  if (spec?.securityContext?.runAsUser === PROXY_UID)
    path = `${prefix}.securityContext.runAsUser`;
  (spec?.containers ?? []).forEach((c: any, i: number) => {
    if (
      !path &&
      c?.name !== 'istio-proxy' &&
      c?.securityContext?.runAsUser === PROXY_UID
    ) {
      path = `${prefix}.containers[${i}].securityContext.runAsUser`;
    }
  });
  if (path)
    out.push(
      message(
        'IST0144',
        NAME,
        o,
        'User ID (UID) 1337 is reserved for the sidecar proxy.',
        path,
      ),
    );
}

/** IST0144: an application runs as UID 1337. istio/istio `pkg/config/analysis/analyzers/deployment/pod.go`. */
export const applicationUidAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.Pod, K.Deployment],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const p of index.list(cluster, K.Pod, namespace))
      check(p, p.obj.spec, 'spec', out);
    for (const d of index.list(cluster, K.Deployment, namespace))
      check(d, d.obj.spec?.template?.spec, 'spec.template.spec', out);
    return out;
  },
};
