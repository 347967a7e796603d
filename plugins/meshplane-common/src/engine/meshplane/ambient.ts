import { K } from '../model/kinds';
import { hasLabels, Labels, selectorMatches } from '../model/labels';
import { Message } from '../model/types';
import { hasHttpRules, hasTargetRefs } from '../posture/authorization';
import {
  DATAPLANE_MODE,
  resolveWaypoint,
  USE_WAYPOINT,
  WaypointBinding,
} from '../snapshot/dataplane';
import {
  destinationRuleFqdn,
  DNS_DOMAIN,
  MeshIndex,
  StoredObject,
} from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';
import { appliesToMesh } from '../validation/virtualService/routes';

const NAME = 'meshplane.AmbientAnalyzer';
const MODES = new Set(['ambient', 'none']);

/** Application workloads that ztunnel captures (waypoints apply no selector policy). */
function ambientApps(index: MeshIndex, cluster: string, namespace: string) {
  return index
    .workloads(cluster, namespace)
    .filter(w => w.proxy === 'ambient' && !w.role);
}

/** A Service whose endpoints include ambient workloads, with the waypoint it binds. */
interface AmbientService {
  svc: StoredObject;
  /** Its ambient endpoints. */
  ambient: Workload[];
  binding: WaypointBinding;
}

/**
 * What one run needs to know about namespaces, each computed once: their ambient workloads, their
 * Services with ambient endpoints (and the waypoint each binds, istio-semantics.md §g.3), and which
 * ambient workloads a waypoint serves. Policies of the root namespace read every namespace through
 * it, so a fleet of many policies scans each namespace once.
 */
class AmbientFacts {
  private readonly apps = new Map<string, Workload[]>();
  private readonly services = new Map<string, AmbientService | null>();
  private readonly served = new Map<string, Set<Workload>>();

  constructor(readonly index: MeshIndex, readonly cluster: string) {}

  ambientApps(namespace: string): Workload[] {
    let list = this.apps.get(namespace);
    if (!list) {
      list = ambientApps(this.index, this.cluster, namespace);
      this.apps.set(namespace, list);
    }
    return list;
  }

  /** The ambient endpoints of a Service's pod selector. */
  private endpoints(svc: StoredObject): Workload[] {
    const selector: Labels | undefined = svc.obj.spec?.selector;
    return hasLabels(selector)
      ? this.ambientApps(svc.namespace).filter(w =>
          selectorMatches(selector, w.labels),
        )
      : [];
  }

  private bindingOf(svc: StoredObject): WaypointBinding {
    return resolveWaypoint(
      this.index,
      this.cluster,
      svc.namespace,
      svc.obj.metadata.labels ?? {},
      'service',
    );
  }

  /**
   * The Service a concrete host names (`<name>.<namespace>.svc.cluster.local`, short names resolved
   * by the caller), when some of its endpoints are ambient. Wildcard and other hosts give none.
   */
  service(host: string): AmbientService | undefined {
    const suffix = `.svc.${DNS_DOMAIN}`;
    if (!host.endsWith(suffix) || host.includes('*')) return undefined;
    const parts = host.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) return undefined;
    let found = this.services.get(host);
    if (found === undefined) {
      const svc = this.index.get(this.cluster, K.Service, parts[1], parts[0]);
      const ambient = svc ? this.endpoints(svc) : [];
      found =
        svc && ambient.length
          ? { svc, ambient, binding: this.bindingOf(svc) }
          : null;
      this.services.set(host, found);
    }
    return found ?? undefined;
  }

  /**
   * Ambient workloads of a namespace whose traffic a waypoint handles: selected by a Service that
   * binds one, or bound to a workload waypoint themselves.
   */
  servedByWaypoint(namespace: string): Set<Workload> {
    let set = this.served.get(namespace);
    if (set) return set;
    set = new Set();
    this.served.set(namespace, set);
    const apps = this.ambientApps(namespace);
    if (!apps.length) return set;
    for (const svc of this.index.list(this.cluster, K.Service, namespace))
      if (this.bindingOf(svc).waypoint)
        for (const w of this.endpoints(svc)) set.add(w);
    for (const w of apps)
      if (
        !set.has(w) &&
        resolveWaypoint(
          this.index,
          this.cluster,
          namespace,
          w.labels,
          'workload',
        ).waypoint
      )
        set.add(w);
    return set;
  }
}

/** The workload selector of a policy: `spec.workloadSelector.labels` for EnvoyFilters. */
function selectorOf(policy: StoredObject): Labels | undefined {
  return policy.kk === K.EnvoyFilter
    ? policy.obj.spec?.workloadSelector?.labels
    : policy.obj.spec?.selector?.matchLabels;
}

/**
 * The ambient workloads a selector (or namespace-wide) policy of `namespace` applies to. A policy
 * of the root namespace applies to every namespace, except with `ownNamespaceOnly`: istiod looks
 * selector Telemetries up in the proxy's own namespace only (`pilot/pkg/model/telemetry.go`
 * `applicableTelemetries`).
 */
function selected(
  facts: AmbientFacts,
  policy: StoredObject,
  ownNamespaceOnly = false,
): Workload[] {
  const { index, cluster } = facts;
  const root = index.meshConfig.rootNamespace;
  const sel = selectorOf(policy);
  const namespaces =
    policy.namespace === root && !ownNamespaceOnly
      ? [...index.workloadNamespaces(cluster)]
      : [policy.namespace];
  return namespaces.flatMap(ns =>
    facts
      .ambientApps(ns)
      .filter(w => !hasLabels(sel) || selectorMatches(sel, w.labels)),
  );
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
    : items.join('');
}

function names(ws: Workload[]): string {
  const shown = ws.slice(0, 3).map(w => w.name);
  return ws.length > 3
    ? `${shown.join(', ')} and ${ws.length - 3} more`
    : shown.join(', ');
}

/**
 * MPL0106: the services of a mesh VirtualService's hosts whose ambient clients do not apply it.
 * ztunnel does no L7 routing; only the waypoint bound to the service applies VirtualServices, and
 * only those whose `hosts` match the service and that live in the service's namespace or the
 * waypoint's own (istio/istio `pilot/pkg/networking/core/listener_waypoint.go`
 * `getVirtualServiceForWaypoint`, used by `buildWaypointInboundHTTPRouteConfig` for http routes and
 * `buildWaypointNetworkFilters` for tls/tcp routes; the waypoint's scope holds the VirtualServices
 * of gateway `mesh`, `pilot/pkg/model/sidecar.go`). Gateway API routes say the same in their
 * status (`pilot/pkg/config/kube/gateway/conditions.go`: "in ambient mode, route will not be
 * respected"). Hosts are matched exactly; wildcard hosts are not followed.
 */
function unroutedServices(
  facts: AmbientFacts,
  vs: StoredObject,
): { index: number; service: AmbientService; why: string }[] {
  const out: { index: number; service: AmbientService; why: string }[] = [];
  const seen = new Set<StoredObject>();
  facts.index.resolvedVsHosts(vs).hosts.forEach((host, i) => {
    const service = facts.service(host);
    if (!service || seen.has(service.svc)) return;
    seen.add(service.svc);
    const { svc, binding } = service;
    const name = `${svc.namespace}/${svc.obj.metadata.name}`;
    if (!binding.waypoint) {
      out.push({
        index: i,
        service,
        why: binding.problem
          ? `Service ${name} binds no waypoint (${binding.problem})`
          : `Service ${name} has no waypoint (no ${USE_WAYPOINT} on it or its namespace)`,
      });
      return;
    }
    // getVirtualServiceForWaypoint: only routes of the service's namespace or the waypoint's own.
    const wp = binding.waypoint;
    if (vs.namespace !== svc.namespace && vs.namespace !== wp.namespace)
      out.push({
        index: i,
        service,
        why: `waypoint ${wp.namespace}/${
          wp.name
        } of Service ${name} reads VirtualServices of ${
          wp.namespace === svc.namespace
            ? `namespace ${svc.namespace}`
            : `namespaces ${svc.namespace} and ${wp.namespace}`
        } only`,
      });
  });
  return out;
}

/** The mesh routing a VirtualService carries (ztunnel applies none of it). */
function hasRoutes(spec: any): boolean {
  return ['http', 'tcp', 'tls'].some(
    section => Array.isArray(spec?.[section]) && spec[section].length > 0,
  );
}

/**
 * The L7 telemetry a Telemetry configures, as Kiali counts it (KIA1117): any tracing, any access
 * logging, metrics with overrides. ztunnel reads no Telemetry: it reports its L4 metrics only.
 */
export function l7Telemetry(spec: any): { what: string[]; path: string } {
  const what: string[] = [];
  let path = '';
  const nonEmpty = (v: any) => Array.isArray(v) && v.length > 0;
  if (nonEmpty(spec?.tracing)) {
    what.push('tracing');
    path ||= 'spec.tracing';
  }
  if (nonEmpty(spec?.accessLogging)) {
    what.push('access logging');
    path ||= 'spec.accessLogging';
  }
  if (
    nonEmpty(spec?.metrics) &&
    spec.metrics.some((m: any) => nonEmpty(m?.overrides))
  ) {
    what.push('metric overrides');
    path ||= 'spec.metrics';
  }
  return { what, path };
}

/**
 * An EnvoyFilter whose every patch targets gateways (`match.context: GATEWAY`) is not meant for
 * application workloads; any other context (`ANY`, the default, or `SIDECAR_*`) is.
 */
function patchesWorkloads(ef: StoredObject): boolean {
  const patches: any[] = Array.isArray(ef.obj.spec?.configPatches)
    ? ef.obj.spec.configPatches
    : [];
  return (
    patches.length === 0 ||
    patches.some(p => (p?.match?.context ?? 'ANY') !== 'GATEWAY')
  );
}

/** L7 traffic policy (Kiali's KIA0211 rule, plus `httpQueryParameterName`). */
export function hasL7TrafficPolicy(policy: any): boolean {
  const hash = policy?.loadBalancer?.consistentHash;
  return Boolean(
    policy?.outlierDetection ||
      policy?.connectionPool?.http ||
      hash?.httpHeaderName ||
      hash?.httpCookie ||
      hash?.httpQueryParameterName,
  );
}

/** The path of a DestinationRule's first L7 traffic policy (top level, port level, subsets). */
export function l7TrafficPolicyPath(spec: any): string | undefined {
  const policyPath = (policy: any, at: string): string | undefined => {
    if (hasL7TrafficPolicy(policy)) return at;
    const ports: any[] = Array.isArray(policy?.portLevelSettings)
      ? policy.portLevelSettings
      : [];
    const i = ports.findIndex(hasL7TrafficPolicy);
    return i >= 0 ? `${at}.portLevelSettings[${i}]` : undefined;
  };
  const top = policyPath(spec?.trafficPolicy, 'spec.trafficPolicy');
  if (top) return top;
  const subsets: any[] = Array.isArray(spec?.subsets) ? spec.subsets : [];
  for (let i = 0; i < subsets.length; i++) {
    const at = policyPath(
      subsets[i]?.trafficPolicy,
      `spec.subsets[${i}].trafficPolicy`,
    );
    if (at) return at;
  }
  return undefined;
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
 * policy ztunnel does not enforce (MPL0104), a RequestAuthentication no waypoint applies (MPL0105);
 * and the other features that need a waypoint and have none (§g.9, §g.11): a mesh VirtualService
 * for an ambient Service that no waypoint applies (MPL0106), a selector or namespace-wide Telemetry
 * with L7 telemetry for ambient workloads (MPL0107), a WasmPlugin or EnvoyFilter without targetRefs
 * that selects ambient workloads (MPL0108), a DestinationRule's L7 traffic policy for an ambient
 * Service without a waypoint (MPL0109). Facts per namespace (ambient workloads, Services and their
 * waypoints) are computed once per run ({@link AmbientFacts}).
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
    K.VirtualService,
    K.DestinationRule,
    K.Telemetry,
    K.WasmPlugin,
    K.EnvoyFilter,
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
    const facts = new AmbientFacts(index, cluster);
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
      const ws = selected(facts, ap);
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
      const ws = selected(facts, ra);
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
    for (const vs of index.list(cluster, K.VirtualService, namespace)) {
      if (!appliesToMesh(vs.obj.spec) || !hasRoutes(vs.obj.spec)) continue;
      const unrouted = unroutedServices(facts, vs);
      if (!unrouted.length) continue;
      const ws = unrouted.flatMap(u => u.service.ambient);
      out.push(
        message(
          'MPL0106',
          NAME,
          vs,
          `VirtualService ${namespace}/${
            vs.obj.metadata.name
          } routes mesh traffic to ambient workloads (${names(
            ws,
          )}), but ${unrouted
            .map(u => u.why)
            .join(
              '; ',
            )}: ztunnel does no L7 routing, so for ambient clients its retries, timeouts, traffic splits, faults and header matches do not happen (sidecar clients still apply it). Bind a waypoint to the Service (istio.io/use-waypoint) and keep the VirtualService in the Service's or the waypoint's namespace; VirtualService on waypoints is Alpha (an HTTPRoute with the Service as parentRef is the supported form).`,
          `spec.hosts[${unrouted[0].index}]`,
        ),
      );
    }
    for (const t of index.list(cluster, K.Telemetry, namespace)) {
      if (hasTargetRefs(t)) continue;
      const { what, path } = l7Telemetry(t.obj.spec);
      if (!what.length) continue;
      const namespaceWide = !hasLabels(selectorOf(t));
      // The root namespace's mesh-wide default reaches every waypoint; it is not reported.
      if (namespaceWide && namespace === index.meshConfig.rootNamespace)
        continue;
      // Waypoints take namespace-wide Telemetry, never selector ones (telemetry.go applicableTelemetries).
      const served = namespaceWide
        ? facts.servedByWaypoint(namespace)
        : new Set<Workload>();
      const ws = selected(facts, t, true).filter(w => !served.has(w));
      if (!ws.length) continue;
      out.push(
        message(
          'MPL0107',
          NAME,
          t,
          `Telemetry ${namespace}/${t.obj.metadata.name} configures ${listed(
            what,
          )}, but the ambient workloads it ${
            namespaceWide ? 'covers' : 'selects'
          } (${names(ws)}) have no Envoy proxy${
            namespaceWide ? ' and no waypoint' : ''
          }: ztunnel reports only its L4 metrics. ${
            namespaceWide
              ? 'Bind a waypoint to their Services (istio.io/use-waypoint)'
              : 'Attach it with targetRefs to their waypoint (or Service) and bind a waypoint'
          }.`,
          path,
        ),
      );
    }
    for (const kk of [K.WasmPlugin, K.EnvoyFilter]) {
      for (const o of index.list(cluster, kk, namespace)) {
        if (hasTargetRefs(o)) continue;
        if (kk === K.EnvoyFilter && !patchesWorkloads(o)) continue;
        const ws = selected(facts, o);
        if (!ws.length) continue;
        const sel = selectorOf(o);
        const selectorPath =
          kk === K.EnvoyFilter ? 'spec.workloadSelector' : 'spec.selector';
        out.push(
          message(
            'MPL0108',
            NAME,
            o,
            `${o.obj.kind} ${namespace}/${
              o.obj.metadata.name
            } applies to no proxy of the ambient workloads it ${
              hasLabels(sel) ? 'selects' : 'covers'
            } (${names(
              ws,
            )}): ztunnel runs no Envoy filters, and waypoints never take ${
              kk === K.EnvoyFilter ? 'an' : 'a'
            } ${
              o.obj.kind
            } without targetRefs. Attach it with targetRefs to their waypoint (kind Gateway) and bind a waypoint.`,
            hasLabels(sel) ? selectorPath : 'spec',
          ),
        );
      }
    }
    for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
      const path = l7TrafficPolicyPath(dr.obj.spec);
      if (!path) continue;
      const service = facts.service(destinationRuleFqdn(dr));
      if (!service || service.binding.waypoint) continue;
      const { svc, binding } = service;
      out.push(
        message(
          'MPL0109',
          NAME,
          dr,
          `DestinationRule ${namespace}/${
            dr.obj.metadata.name
          } sets L7 traffic policy (outlier detection, HTTP connection pool or consistent hashing) for Service ${
            svc.namespace
          }/${svc.obj.metadata.name}, whose endpoints are ambient (${names(
            service.ambient,
          )}) and which ${
            binding.problem
              ? `binds no waypoint (${binding.problem})`
              : 'has no waypoint'
          }: ztunnel ignores DestinationRules, so ambient clients do not apply it (sidecar clients still do). Bind a waypoint to the Service (istio.io/use-waypoint).`,
          path,
        ),
      );
    }
    return out;
  },
};
