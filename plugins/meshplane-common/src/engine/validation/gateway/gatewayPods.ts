import type { Message } from '../../model/types';
import type { MeshIndex, StoredObject } from '../../snapshot/MeshIndex';
import type { Workload } from '../../snapshot/workloads';
import { message } from '../messages';
import { workloadsMatching } from '../registry';

/** `labels.SelectorFromSet(gw.Selector).String()`: sorted `k=v` pairs. */
export function selectorString(
  selector: Record<string, string> | undefined,
): string {
  return Object.keys(selector ?? {})
    .sort()
    .map(k => `${k}=${selector![k]}`)
    .join(',');
}

/** `ns/name`, or the name alone for a namespace-less Gateway (istioctl's `FullName`). */
export function gatewayFullName(gw: StoredObject): string {
  return gw.namespace
    ? `${gw.namespace}/${gw.obj.metadata.name}`
    : gw.obj.metadata.name;
}

/** `selectorSubset`: every key of x is in y with the same value. */
export function selectorSubset(
  x: Record<string, string>,
  y: Record<string, string>,
): boolean {
  return Object.entries(x).every(([k, v]) => y[k] === v);
}

/** Workloads (pods, templates) a Gateway selects, in every namespace (PILOT_SCOPE_GATEWAY_TO_NAMESPACE=false). */
export function gatewayWorkloads(
  index: MeshIndex,
  gw: StoredObject,
): Workload[] {
  return workloadsMatching(index, gw.cluster, gw.obj.spec?.selector ?? {});
}

/** The gateway's workloads; when there are none, reports IST0101 (selector not found) for `analyzer`. */
export function gatewayWorkloadsOrReport(
  index: MeshIndex,
  gw: StoredObject,
  analyzer: string,
  out: Message[],
): Workload[] {
  const pods = gatewayWorkloads(index, gw);
  if (!pods.length) {
    out.push(
      message(
        'IST0101',
        analyzer,
        gw,
        `Referenced selector not found: "${selectorString(
          gw.obj.spec?.selector,
        )}"`,
        'spec.selector',
      ),
    );
  }
  return pods;
}
