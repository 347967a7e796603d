import { K } from '../model/kinds';
import { hasLabels, selectorMatches } from '../model/labels';
import { Message } from '../model/types';
import { hasHttpRules, hasTargetRefs } from '../posture/authorization';
import {
  DATAPLANE_MODE,
  resolveWaypoint,
  USE_WAYPOINT,
} from '../snapshot/dataplane';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';

const NAME = 'meshplane.AmbientAnalyzer';
const MODES = new Set(['ambient', 'none']);

/** Application workloads that ztunnel captures (waypoints apply no selector policy). */
function ambientApps(index: MeshIndex, cluster: string, namespace: string) {
  return index
    .workloads(cluster, namespace)
    .filter(w => w.proxy === 'ambient' && !w.role);
}

/** The ambient workloads a selector (or namespace-wide) policy of `namespace` applies to. */
function selected(
  index: MeshIndex,
  policy: StoredObject,
  cluster: string,
): Workload[] {
  const root = index.meshConfig.rootNamespace;
  const sel = policy.obj.spec?.selector?.matchLabels;
  const namespaces =
    policy.namespace === root
      ? [...index.workloadNamespaces(cluster)]
      : [policy.namespace];
  return namespaces.flatMap(ns =>
    ambientApps(index, cluster, ns).filter(
      w => !hasLabels(sel) || selectorMatches(sel, w.labels),
    ),
  );
}

function names(ws: Workload[]): string {
  const shown = ws.slice(0, 3).map(w => w.name);
  return ws.length > 3
    ? `${shown.join(', ')} and ${ws.length - 3} more`
    : shown.join(', ');
}

/** MPL0102 on the object whose `istio.io/use-waypoint` label binds no waypoint, if it does not. */
function unboundWaypoint(
  index: MeshIndex,
  cluster: string,
  on: StoredObject,
  namespace: string,
  labels: Record<string, string>,
  target: 'service' | 'workload',
  consequence: string,
  path: string,
): Message[] {
  const { problem } = resolveWaypoint(
    index,
    cluster,
    namespace,
    labels,
    target,
  );
  return problem
    ? [message('MPL0102', NAME, on, `${problem}: ${consequence}`, path)]
    : [];
}

/**
 * Meshplane's ambient findings (istio-semantics.md §g): an ambient namespace where no ztunnel runs
 * (MPL0100), an `istio.io/dataplane-mode` value Istio does not know (MPL0101), an
 * `istio.io/use-waypoint` that binds no waypoint (MPL0102, istiod's `WaypointBound` reasons), a
 * selector AuthorizationPolicy with HTTP rules that ztunnel narrows (MPL0103), a CUSTOM or AUDIT
 * policy ztunnel does not enforce (MPL0104), a RequestAuthentication no waypoint applies (MPL0105).
 */
export const ambientAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [
    K.Namespace,
    K.Service,
    K.Pod,
    K.Deployment,
    K.StatefulSet,
    K.DaemonSet,
    K.AuthorizationPolicy,
    K.RequestAuthentication,
  ],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    if (namespace === '') {
      const agents = index.nodeAgents(cluster);
      for (const ns of index.list(cluster, K.Namespace, '')) {
        const labels = ns.obj.metadata.labels ?? {};
        const name = ns.obj.metadata.name;
        const mode = labels[DATAPLANE_MODE];
        if (mode !== undefined && !MODES.has(mode))
          out.push(
            message(
              'MPL0101',
              NAME,
              ns,
              `Namespace ${name} has ${DATAPLANE_MODE}=${mode}, which Istio does not know (ambient or none): its pods are not captured by ztunnel.`,
              `metadata.labels.${DATAPLANE_MODE}`,
            ),
          );
        if (mode === 'ambient' && agents.controlPlane && !agents.ztunnel)
          out.push(
            message(
              'MPL0100',
              NAME,
              ns,
              `Namespace ${name} is labelled ${DATAPLANE_MODE}=ambient, but cluster ${cluster} runs no ztunnel: its pods are out of the mesh (no mTLS, no policy).`,
              `metadata.labels.${DATAPLANE_MODE}`,
            ),
          );
        if (labels[USE_WAYPOINT] !== undefined)
          out.push(
            ...unboundWaypoint(
              index,
              cluster,
              ns,
              name,
              {},
              'service',
              `traffic of namespace ${name} goes through no waypoint.`,
              `metadata.labels.${USE_WAYPOINT}`,
            ),
          );
      }
      return out;
    }
    for (const svc of index.list(cluster, K.Service, namespace)) {
      const labels = svc.obj.metadata.labels ?? {};
      if (labels[USE_WAYPOINT] === undefined) continue;
      out.push(
        ...unboundWaypoint(
          index,
          cluster,
          svc,
          namespace,
          labels,
          'service',
          `traffic to Service ${namespace}/${svc.obj.metadata.name} goes through no waypoint, so its waypoint policies and routes do not apply.`,
          `metadata.labels.${USE_WAYPOINT}`,
        ),
      );
    }
    for (const w of index.workloads(cluster, namespace)) {
      const source = w.objects[0];
      if (!source || w.vm) continue;
      const mode = w.labels[DATAPLANE_MODE];
      const path =
        source.obj.kind === 'Pod'
          ? 'metadata.labels'
          : 'spec.template.metadata.labels';
      if (mode !== undefined && !MODES.has(mode))
        out.push(
          message(
            'MPL0101',
            NAME,
            source,
            `${w.kind} ${namespace}/${w.name} has ${DATAPLANE_MODE}=${mode}, which Istio does not know (ambient or none).`,
            `${path}.${DATAPLANE_MODE}`,
          ),
        );
      if (
        w.labels[USE_WAYPOINT] !== undefined &&
        w.proxy === 'ambient' &&
        !w.role
      )
        out.push(
          ...unboundWaypoint(
            index,
            cluster,
            source,
            namespace,
            w.labels,
            'workload',
            `traffic to ${w.kind} ${namespace}/${w.name} goes through no waypoint.`,
            `${path}.${USE_WAYPOINT}`,
          ),
        );
    }
    for (const ap of index.list(cluster, K.AuthorizationPolicy, namespace)) {
      if (hasTargetRefs(ap)) continue;
      const action = String(ap.obj.spec?.action ?? 'ALLOW');
      const rules: any[] = Array.isArray(ap.obj.spec?.rules)
        ? ap.obj.spec.rules
        : [];
      const http = rules.filter(hasHttpRules).length;
      const unsupported = action === 'CUSTOM' || action === 'AUDIT';
      if (!http && !unsupported) continue;
      const ws = selected(index, ap, cluster);
      if (!ws.length) continue;
      if (unsupported) {
        out.push(
          message(
            'MPL0104',
            NAME,
            ap,
            `ztunnel does not enforce ${action} policies: ${action} ${namespace}/${
              ap.obj.metadata.name
            } has no effect on the ambient workloads it selects (${names(
              ws,
            )}). Attach it to their waypoint with targetRefs.`,
            'spec.action',
          ),
        );
        continue;
      }
      let effect =
        'its HTTP conditions are removed, so it denies more (a rule left without L4 fields never fires)';
      if (action === 'ALLOW')
        effect =
          http === rules.length
            ? 'all its rules are dropped, so it allows nothing: every caller is denied'
            : `${http} of its ${rules.length} rules are dropped, so fewer callers are allowed`;
      out.push(
        message(
          'MPL0103',
          NAME,
          ap,
          `ztunnel enforces only L4 attributes of ${action} ${namespace}/${
            ap.obj.metadata.name
          } on the ambient workloads it selects (${names(
            ws,
          )}): ${effect}. Use targetRefs to a waypoint for HTTP rules.`,
          'spec.rules',
        ),
      );
    }
    for (const ra of index.list(cluster, K.RequestAuthentication, namespace)) {
      if (hasTargetRefs(ra)) continue;
      const ws = selected(index, ra, cluster);
      if (!ws.length) continue;
      out.push(
        message(
          'MPL0105',
          NAME,
          ra,
          `RequestAuthentication ${namespace}/${
            ra.obj.metadata.name
          } selects ambient workloads (${names(
            ws,
          )}), where ztunnel ignores it: their JWTs are not validated. Attach it to a waypoint with targetRefs.`,
          ra.obj.spec?.selector ? 'spec.selector' : 'spec',
        ),
      );
    }
    return out;
  },
};
