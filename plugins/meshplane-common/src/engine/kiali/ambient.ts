import { K, POD_WORKLOAD_KINDS } from '../model/kinds';
import { hasLabels, Labels, selectorMatches } from '../model/labels';
import { Message } from '../model/types';
import { hasTargetRefs, targetRefsOf } from '../posture/authorization';
import { l7Telemetry } from '../meshplane/ambient';
import {
  DATAPLANE_MODE,
  GATEWAY_MANAGED,
  MANAGED_BY,
  REDIRECTION,
  USE_WAYPOINT,
  USE_WAYPOINT_NAMESPACE,
  WAYPOINT_FOR,
} from '../snapshot/dataplane';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';
import { identityDomain } from './mtlsStatus';

/**
 * Kiali's ambient validations (KIA0109, KIA0110, KIA0210–KIA0212, KIA1109–KIA1117, KIA1311–KIA1317),
 * from kiali/kiali `business/checkers/ambient_policy_checker.go`, `business/checkers/ambient/l7_classification.go`
 * and `business/checkers/ambient/ambient_workload_checker.go` (codes, severities and messages in
 * `models/istio_validation.go`). Kiali paths are written with dots; the policy checks carry no path (as in
 * Kiali), the workload checks the path `workload`.
 *
 * Kiali's inputs, as Meshplane reads them:
 * - A namespace is ambient when its label `istio.io/dataplane-mode` is `ambient`. Kiali
 *   (`IsDataplaneAmbientNamespace`; KIA1316 reads `Namespace.IsAmbient` directly) falls back to its
 *   `Namespace.IsAmbient` when the label is absent: the same label for application namespaces and, for the
 *   control-plane namespace, istiod's `PILOT_ENABLE_AMBIENT` (which the policy checks ignore). Meshplane has
 *   no Kiali config: absent means false.
 * - A pod is ambient-enabled when annotated `ambient.istio.io/redirection=enabled` (`Pod.AmbientEnabled`) and
 *   has a sidecar when its `sidecar.istio.io/status` annotation lists containers or an `istio-proxy` init
 *   container (`Pod.HasIstioSidecar`). Kiali only sees live pods; a pod manifest without `status` is
 *   predicted from Meshplane's proxy decision and its `istio-proxy` containers.
 * - Waypoints and gateways are Kiali's label rules (`config.IsWaypoint`, `config.IsGateway`) or Meshplane's
 *   infrastructure role. VMs (WorkloadEntry) are not Kiali workloads; namespace-less objects are skipped.
 */
const NAME = 'kiali.ambient';

const INJECTION_LABEL = 'istio-injection';
const REVISION_LABEL = 'istio.io/rev';
const INJECT = 'sidecar.istio.io/inject';
const SIDECAR_STATUS = 'sidecar.istio.io/status';

const TEXT = {
  KIA0109:
    'L7 AuthorizationPolicy in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  KIA0110:
    'L7 AuthorizationPolicy in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  KIA0210:
    'L7 DestinationRule features in Ambient namespace require waypoint enrollment (istio.io/use-waypoint)',
  KIA0211:
    'L7 DestinationRule targets a service not enrolled to use a waypoint (istio.io/use-waypoint)',
  KIA0212:
    'L7 DestinationRule should be in the same namespace as the Ambient destination service to take effect',
  KIA1109:
    'L7 VirtualService for mesh traffic in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  KIA1113:
    'L7 VirtualService targets a service not enrolled to use a waypoint (istio.io/use-waypoint)',
  KIA1114:
    'L7 VirtualService should be in the same namespace as the Ambient destination service to take effect',
  KIA1110:
    'RequestAuthentication in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  KIA1115:
    'RequestAuthentication in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  KIA1111:
    'WasmPlugin in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  KIA1116:
    'WasmPlugin in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  KIA1112:
    'L7 Telemetry in Ambient namespace requires waypoint enrollment (istio.io/use-waypoint)',
  KIA1117:
    'L7 Telemetry in Ambient requires targetRefs to a Service or Gateway; selector policies are ignored by waypoints',
  KIA1311: 'This workload has both sidecar and Ambient label',
  KIA1312: 'This workload has waypoint labels but is not in Ambient',
  KIA1313:
    'This workload has annotated waypoint but it does not exist or is misconfigured',
  KIA1314: 'This workload has a sidecar label and ambient redirection',
  KIA1315:
    'This workload has a pod with both a sidecar container and ambient labels',
  KIA1316: 'This workload has a sidecar but is in an Ambient-enabled namespace',
  KIA1317: 'This workload has L7 Authorization Policies but no Waypoint',
} as const;
type Code = keyof typeof TEXT;

// ---------------------------------------------------------------- classification (l7_classification.go)

const L7_CONDITION_PREFIXES = [
  'request.headers',
  'request.auth.claims',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
];

const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** `IsL7AuthorizationPolicy`: an L7 `when` key, HTTP operation fields, or request principals. */
function isL7AuthorizationPolicy(spec: any): boolean {
  return list(spec?.rules).some(
    rule =>
      list(rule?.when).some(c =>
        L7_CONDITION_PREFIXES.some(p => String(c?.key ?? '').startsWith(p)),
      ) ||
      list(rule?.to).some(to => {
        const op = to?.operation;
        return (
          nonEmpty(op?.methods) ||
          nonEmpty(op?.notMethods) ||
          nonEmpty(op?.paths) ||
          nonEmpty(op?.notPaths) ||
          nonEmpty(op?.hosts) ||
          nonEmpty(op?.notHosts)
        );
      }) ||
      list(rule?.from).some(
        from =>
          nonEmpty(from?.source?.requestPrincipals) ||
          nonEmpty(from?.source?.notRequestPrincipals),
      ),
  );
}

/** `trafficPolicyHasL7`: consistent hash on a header or cookie, an HTTP connection pool, outlier detection. */
function trafficPolicyHasL7(tp: any): boolean {
  if (!tp || typeof tp !== 'object') return false;
  const set = (v: unknown) => v !== undefined && v !== null;
  const hash = tp.loadBalancer?.consistentHash;
  if (hash && (hash.httpHeaderName || set(hash.httpCookie))) return true;
  if (set(tp.connectionPool?.http)) return true;
  return set(tp.outlierDetection);
}

/** `IsL7DestinationRule`: the top-level or a subset's traffic policy (port-level settings are not read). */
function isL7DestinationRule(spec: any): boolean {
  return (
    trafficPolicyHasL7(spec?.trafficPolicy) ||
    list(spec?.subsets).some(s => trafficPolicyHasL7(s?.trafficPolicy))
  );
}

/** `ClassifyVirtualService(...).RequiresWaypoint`: HTTP or TLS routes for mesh traffic (no gateways, or `mesh`). */
function vsRequiresWaypoint(spec: any): boolean {
  const httpOrTls = nonEmpty(spec?.http) || nonEmpty(spec?.tls);
  const gateways = list(spec?.gateways);
  return httpOrTls && (gateways.length === 0 || gateways.includes('mesh'));
}

/** `IsL7Telemetry`: tracing, access logging, or a metrics entry with overrides. */
function isL7Telemetry(spec: any): boolean {
  return l7Telemetry(spec).what.length > 0;
}

/**
 * `IsEnrolledForWaypoint`: the resource's `istio.io/use-waypoint` if present (a `none` or empty value opts
 * it out), else the namespace's.
 */
function isEnrolledForWaypoint(
  resource: Labels | undefined,
  namespace: Labels | undefined,
): boolean {
  for (const labels of [resource, namespace]) {
    if (labels && labels[USE_WAYPOINT] !== undefined) {
      const v = labels[USE_WAYPOINT];
      return v !== '' && v !== 'none';
    }
  }
  return false;
}

/** `config.IsWaypoint` (labels), or a workload Meshplane recognises as a waypoint. */
function isWaypoint(w: Workload): boolean {
  // The role covers istiod's `gateway.istio.io/managed` label and the waypoint class.
  if (w.role === 'waypoint') return true;
  const gw = w.labels['gateway.networking.k8s.io/gateway-name'];
  return gw !== undefined && gw.toLowerCase().includes('waypoint');
}

/** `config.IsGateway` (labels, template annotations), or an Envoy gateway for Meshplane. */
function isGateway(w: Workload): boolean {
  const l = w.labels;
  const component = l['operator.istio.io/component'];
  return (
    w.role === 'gateway' ||
    component === 'IngressGateways' ||
    component === 'EgressGateways' ||
    l.istio === 'ingressgateway' ||
    l.istio === 'egressgateway' ||
    w.annotations['inject.istio.io/templates'] === 'gateway' ||
    l['istio.io/gateway-name'] !== undefined ||
    l[GATEWAY_MANAGED] === MANAGED_BY.gateway
  );
}

/** Kiali Service targetRefs: kind `Service` in the core group. */
function serviceTargetNames(spec: any): string[] {
  return targetRefsOf(spec)
    .filter(
      r =>
        r?.kind === 'Service' &&
        (r.group === undefined || r.group === '' || r.group === 'core'),
    )
    .map(r => String(r.name ?? ''));
}

// ---------------------------------------------------------------- pods (models/pod.go, models/workload.go)

function isLive(pod: StoredObject): boolean {
  return pod.obj.status !== undefined;
}

/** `Pod.AmbientEnabled`; a pod manifest (no status) is predicted from Meshplane's proxy decision. */
function podAmbient(pod: StoredObject, w: Workload): boolean {
  if (pod.obj.metadata.annotations?.[REDIRECTION] === 'enabled') return true;
  return !isLive(pod) && w.proxy === 'ambient' && !w.role;
}

/** `Pod.HasIstioSidecar`: containers listed by the sidecar status annotation, or a native `istio-proxy`. */
function podSidecar(pod: StoredObject): boolean {
  const status = pod.obj.metadata.annotations?.[SIDECAR_STATUS];
  if (status !== undefined) {
    try {
      const parsed = JSON.parse(status);
      return (
        nonEmpty(parsed?.containers) ||
        list(parsed?.initContainers).includes('istio-proxy')
      );
    } catch {
      return false;
    }
  }
  if (isLive(pod)) return false;
  const named = (l: unknown) => list(l).some(c => c?.name === 'istio-proxy');
  return named(pod.obj.spec?.containers) || named(pod.obj.spec?.initContainers);
}

/** Kiali's `Workload.IsAmbient` (`HasIstioAmbient`): the first pod of a Deployment, any pod otherwise. */
function workloadIsAmbient(w: Workload): boolean {
  if (!w.pods.length) return false;
  return w.kind === 'Deployment'
    ? podAmbient(w.pods[0], w)
    : w.pods.some(p => podAmbient(p, w));
}

/** Kiali's `Workload.IstioSidecar` (`HasIstioSidecar`): true without pods; first pod of a Deployment; else all pods. */
function workloadHasSidecar(w: Workload): boolean {
  if (!w.pods.length) return true;
  return w.kind === 'Deployment'
    ? podSidecar(w.pods[0])
    : w.pods.every(podSidecar);
}

// ---------------------------------------------------------------- per-run facts

/** Facts of one namespace, computed once per run. */
class NamespaceFacts {
  readonly labels: Labels;
  readonly ambient: boolean;
  readonly enrolled: boolean;
  private svcBySelector?: Map<string, StoredObject[]>;
  private wlByLabel?: Map<string, Workload[]>;
  private readonly waypoints = new Map<string, boolean>();
  private wls?: Workload[];

  constructor(
    private readonly index: MeshIndex,
    private readonly cluster: string,
    readonly namespace: string,
  ) {
    this.labels = index.namespaceLabels(cluster, namespace) ?? {};
    this.ambient = this.labels[DATAPLANE_MODE] === 'ambient';
    this.enrolled = isEnrolledForWaypoint(undefined, this.labels);
  }

  /** Kiali's workloads of the namespace: VMs (WorkloadEntry) are not among them. */
  workloads(): Workload[] {
    this.wls ??= this.index
      .workloads(this.cluster, this.namespace)
      .filter(w => !w.vm && w.objects.length > 0);
    return this.wls;
  }

  service(name: string): StoredObject | undefined {
    return this.index.get(this.cluster, K.Service, this.namespace, name);
  }

  /** Services whose non-empty selector matches the labels (`FilterServicesBySelector`). */
  servicesSelecting(labels: Labels): StoredObject[] {
    if (!this.svcBySelector) {
      this.svcBySelector = new Map();
      for (const svc of this.index.list(
        this.cluster,
        K.Service,
        this.namespace,
      )) {
        const sel = svc.obj.spec?.selector;
        if (!hasLabels(sel)) continue;
        const [k] = Object.keys(sel);
        const key = `${k}=${sel[k]}`;
        const bucket = this.svcBySelector.get(key);
        if (bucket) bucket.push(svc);
        else this.svcBySelector.set(key, [svc]);
      }
    }
    const out = new Set<StoredObject>();
    for (const [k, v] of Object.entries(labels))
      for (const svc of this.svcBySelector.get(`${k}=${v}`) ?? [])
        if (selectorMatches(svc.obj.spec.selector, labels)) out.add(svc);
    return [...out];
  }

  /** Non-waypoint workloads matched by a non-empty selector. */
  selected(selector: Labels): Workload[] {
    if (!this.wlByLabel) {
      this.wlByLabel = new Map();
      for (const w of this.workloads()) {
        if (isWaypoint(w)) continue;
        for (const [k, v] of Object.entries(w.labels)) {
          const key = `${k}=${v}`;
          const bucket = this.wlByLabel.get(key);
          if (bucket) bucket.push(w);
          else this.wlByLabel.set(key, [w]);
        }
      }
    }
    const [k] = Object.keys(selector);
    return (this.wlByLabel.get(`${k}=${selector[k]}`) ?? []).filter(w =>
      selectorMatches(selector, w.labels),
    );
  }

  /**
   * A waypoint workload named `name` in this namespace whose `istio.io/waypoint-for` is not `none`
   * (`getWaypointsForWorkload`). A waypoint Gateway manifest (no status) stands for the Deployment
   * istiod will create for it.
   */
  hasWaypoint(name: string): boolean {
    let found = this.waypoints.get(name);
    if (found === undefined) {
      const w = this.workloads().find(x => x.name === name && isWaypoint(x));
      if (w) found = w.labels[WAYPOINT_FOR] !== 'none';
      else {
        const gw = this.index.get(
          this.cluster,
          K.GatewayApiGateway,
          this.namespace,
          name,
        );
        found =
          gw !== undefined &&
          gw.obj.status === undefined &&
          gw.obj.spec?.gatewayClassName === 'istio-waypoint' &&
          gw.obj.metadata.labels?.[WAYPOINT_FOR] !== 'none';
      }
      this.waypoints.set(name, found);
    }
    return found;
  }
}

class Facts {
  private readonly byNs = new Map<string, NamespaceFacts>();
  constructor(readonly index: MeshIndex, readonly cluster: string) {}
  ns(namespace: string): NamespaceFacts {
    let f = this.byNs.get(namespace);
    if (!f) {
      f = new NamespaceFacts(this.index, this.cluster, namespace);
      this.byNs.set(namespace, f);
    }
    return f;
  }
}

// ---------------------------------------------------------------- policy checks (ambient_policy_checker.go)

/**
 * `enrollmentNeedsWarning`: Service targetRefs that resolve decide (warn if one is not enrolled); otherwise the
 * selector: warn if a matched workload (not a waypoint, not `dataplane-mode=none`) is not enrolled; no match
 * with an opted-out workload only → no warning; empty selector or no match → warn if the namespace is not
 * enrolled.
 */
function enrollmentNeedsWarning(ns: NamespaceFacts, spec: any): boolean {
  let resolved = false;
  for (const name of serviceTargetNames(spec)) {
    const svc = ns.service(name);
    if (!svc) continue;
    resolved = true;
    if (!isEnrolledForWaypoint(svc.obj.metadata.labels, ns.labels)) return true;
  }
  if (resolved) return false;
  const sel = spec?.selector?.matchLabels;
  const nsWarning = ns.ambient && !ns.enrolled;
  if (!hasLabels(sel)) return nsWarning;
  let matched = false;
  let optedOut = false;
  for (const w of ns.selected(sel)) {
    if (w.labels[DATAPLANE_MODE] === 'none') {
      optedOut = true;
      continue;
    }
    matched = true;
    if (!isEnrolledForWaypoint(w.labels, ns.labels)) return true;
  }
  if (matched || optedOut) return false;
  return nsWarning;
}

function policyChecks(facts: Facts, ns: NamespaceFacts, out: Message[]): void {
  const { index, cluster } = facts;
  const namespace = ns.namespace;
  if (!ns.ambient) return;
  // KIA0110, KIA0109 (ambient_policy_checker.go `Check`, l7_classification.go `IsL7AuthorizationPolicy`): only L7 policies.
  for (const ap of index.list(cluster, K.AuthorizationPolicy, namespace)) {
    if (!isL7AuthorizationPolicy(ap.obj.spec)) continue;
    if (!hasTargetRefs(ap))
      out.push(message('KIA0110', NAME, ap, TEXT.KIA0110));
    if (enrollmentNeedsWarning(ns, ap.obj.spec))
      out.push(message('KIA0109', NAME, ap, TEXT.KIA0109));
  }
  // KIA1115, KIA1110 (ambient_policy_checker.go `Check`): every RequestAuthentication.
  for (const ra of index.list(cluster, K.RequestAuthentication, namespace)) {
    if (!hasTargetRefs(ra))
      out.push(message('KIA1115', NAME, ra, TEXT.KIA1115));
    if (enrollmentNeedsWarning(ns, ra.obj.spec))
      out.push(message('KIA1110', NAME, ra, TEXT.KIA1110));
  }
  // KIA1116, KIA1111 (ambient_policy_checker.go `Check`): every WasmPlugin.
  for (const wp of index.list(cluster, K.WasmPlugin, namespace)) {
    if (!hasTargetRefs(wp))
      out.push(message('KIA1116', NAME, wp, TEXT.KIA1116));
    if (enrollmentNeedsWarning(ns, wp.obj.spec))
      out.push(message('KIA1111', NAME, wp, TEXT.KIA1111));
  }
  // KIA1117, KIA1112 (ambient_policy_checker.go `Check`, l7_classification.go `IsL7Telemetry`): an L4-only Telemetry is valid.
  for (const tel of index.list(cluster, K.Telemetry, namespace)) {
    if (!isL7Telemetry(tel.obj.spec)) continue;
    if (!hasTargetRefs(tel))
      out.push(message('KIA1117', NAME, tel, TEXT.KIA1117));
    if (enrollmentNeedsWarning(ns, tel.obj.spec))
      out.push(message('KIA1112', NAME, tel, TEXT.KIA1112));
  }
}

/**
 * `kubernetes.GetHost`: the service and namespace of a host, when Kiali reads it as a Kubernetes service
 * (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.<identity domain>`); other hosts are skipped. Kiali reads `svc.ns`
 * as a service only when `ns` is a namespace of the cluster, which the ambient-namespace check requires anyway.
 */
function kialiHost(
  host: string,
  objNs: string,
  domain: string,
): { service: string; namespace: string } | undefined {
  const parts = host.split('.');
  if (parts.length === 1) return { service: host, namespace: objNs };
  if (parts.length === 2) return { service: parts[0], namespace: parts[1] };
  if (parts.length === 3 && parts[2] === 'svc')
    return { service: parts[0], namespace: parts[1] };
  if (parts.slice(2).join('.') === domain)
    return { service: parts[0], namespace: parts[1] };
  return undefined;
}

/**
 * `checkHostBasedConfig`: for each host that names a Service of an ambient namespace (first host per Service),
 * `notInNs` if the object is in another namespace and `notCaptured` if the Service is not enrolled; when no
 * host does, `fallback` if the object's own namespace is ambient and not enrolled (on the first host).
 */
function hostChecks(
  facts: Facts,
  obj: StoredObject,
  hosts: string[],
  paths: (i: number) => string,
  codes: { notInNs: Code; notCaptured: Code; fallback: Code },
  out: Message[],
): void {
  const domain = identityDomain(facts.index);
  const seen = new Set<string>();
  let resolved = false;
  hosts.forEach((host, i) => {
    if (host === '' || host === '*') return;
    const parsed = kialiHost(host, obj.namespace, domain);
    if (!parsed) return;
    const svcNs = facts.ns(parsed.namespace);
    if (!svcNs.ambient) return;
    const svc = svcNs.service(parsed.service);
    if (!svc) return;
    resolved = true;
    const key = `${parsed.namespace}/${parsed.service}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (obj.namespace !== parsed.namespace)
      out.push(
        message(
          codes.notInNs,
          NAME,
          obj,
          `${TEXT[codes.notInNs]}: ${key}`,
          paths(i),
        ),
      );
    if (!isEnrolledForWaypoint(svc.obj.metadata.labels, svcNs.labels))
      out.push(
        message(
          codes.notCaptured,
          NAME,
          obj,
          `${TEXT[codes.notCaptured]}: ${key}`,
          paths(i),
        ),
      );
  });
  if (resolved) return;
  const own = facts.ns(obj.namespace);
  if (own.ambient && !own.enrolled)
    out.push(
      message(codes.fallback, NAME, obj, TEXT[codes.fallback], paths(0)),
    );
}

function hostBasedChecks(
  facts: Facts,
  namespace: string,
  out: Message[],
): void {
  const { index, cluster } = facts;
  // KIA1114, KIA1113, KIA1109 (ambient_policy_checker.go, l7_classification.go `ClassifyVirtualService`).
  for (const vs of index.list(cluster, K.VirtualService, namespace)) {
    if (!vsRequiresWaypoint(vs.obj.spec)) continue;
    hostChecks(
      facts,
      vs,
      list(vs.obj.spec?.hosts).map(h => String(h ?? '')),
      i => `spec.hosts[${i}]`,
      { notInNs: 'KIA1114', notCaptured: 'KIA1113', fallback: 'KIA1109' },
      out,
    );
  }
  // KIA0212, KIA0211, KIA0210 (ambient_policy_checker.go, l7_classification.go `IsL7DestinationRule`).
  for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
    if (!isL7DestinationRule(dr.obj.spec)) continue;
    hostChecks(
      facts,
      dr,
      [String(dr.obj.spec?.host ?? '')],
      () => 'spec.host',
      { notInNs: 'KIA0212', notCaptured: 'KIA0211', fallback: 'KIA0210' },
      out,
    );
  }
}

// ---------------------------------------------------------------- workload checks (ambient_workload_checker.go)

/** `hasAmbientLabel`: workload `dataplane-mode=ambient`, or the namespace's and the workload not `none`. */
function hasAmbientLabel(w: Workload, ns: NamespaceFacts): boolean {
  const own = w.labels[DATAPLANE_MODE];
  return own === 'ambient' || (ns.ambient && own !== 'none');
}

/**
 * `hasSidecarLabel`: namespace `istio-injection=enabled` or a non-empty `istio.io/rev`, or workload label
 * `sidecar.istio.io/inject=enabled`; unless namespace `istio-injection=disabled` or workload label `none`.
 */
function hasSidecarLabel(w: Workload, ns: NamespaceFacts): boolean {
  const enabled =
    ns.labels[INJECTION_LABEL] === 'enabled' ||
    Boolean(ns.labels[REVISION_LABEL]) ||
    w.labels[INJECT] === 'enabled';
  const disabled =
    ns.labels[INJECTION_LABEL] === 'disabled' || w.labels[INJECT] === 'none';
  return enabled && !disabled;
}

/** `hasWaypointLabel`: own `istio.io/use-waypoint`, else the namespace's (not empty, not `none`); never for `dataplane-mode=none`. */
function hasWaypointLabel(w: Workload, ns: NamespaceFacts): boolean {
  if (w.labels[DATAPLANE_MODE] === 'none') return false;
  return isEnrolledForWaypoint(w.labels, ns.labels);
}

/**
 * Kiali's `WaypointWorkloads` is non-empty (`getWaypointsForWorkload`, `getCapturingWaypoints`): computed only
 * when a pod is ambient-enabled; the waypoint is named by the workload's label, else a pod's, else the label of
 * the one Service selecting it, else the namespace's (`none` at any level: no waypoint), and must exist as a
 * waypoint workload not `istio.io/waypoint-for=none`.
 */
function hasWaypointWorkloads(
  w: Workload,
  facts: Facts,
  ns: NamespaceFacts,
): boolean {
  if (!w.pods.some(p => podAmbient(p, w))) return false;
  if (w.labels[USE_WAYPOINT] === 'none') return false;
  let source: Labels | undefined;
  if (w.labels[USE_WAYPOINT] !== undefined) source = w.labels;
  else
    source = w.pods
      .map(p => p.obj.metadata.labels ?? {})
      .find(l => l[USE_WAYPOINT] !== undefined);
  if (!source && hasLabels(w.labels)) {
    const services = ns.servicesSelecting(w.labels);
    const svcLabels = services[0]?.obj.metadata.labels ?? {};
    if (services.length === 1 && svcLabels[USE_WAYPOINT] !== undefined)
      source = svcLabels;
  }
  if (!source && ns.labels[USE_WAYPOINT] !== undefined) source = ns.labels;
  if (!source) return false;
  const name = source[USE_WAYPOINT];
  if (name === 'none') return false;
  const wpNs = source[USE_WAYPOINT_NAMESPACE] ?? ns.namespace;
  return facts.ns(wpNs).hasWaypoint(name);
}

/** `l7AuthPolicyAppliesToWorkload`: Service targetRefs selecting it; else a selector matching it; else namespace-wide. */
function l7PolicyApplies(
  ap: StoredObject,
  w: Workload,
  ns: NamespaceFacts,
): boolean {
  const spec = ap.obj.spec;
  if (hasTargetRefs(ap))
    return serviceTargetNames(spec).some(name => {
      const sel = name ? ns.service(name)?.obj.spec?.selector : undefined;
      return hasLabels(sel) && selectorMatches(sel, w.labels);
    });
  const sel = spec?.selector?.matchLabels;
  return hasLabels(sel) ? selectorMatches(sel, w.labels) : true;
}

function workloadChecks(
  facts: Facts,
  ns: NamespaceFacts,
  out: Message[],
): void {
  const { index, cluster } = facts;
  let l7Policies: StoredObject[] | undefined;
  for (const w of ns.workloads()) {
    const on = w.objects[0];
    const hasPods = w.pods.length > 0;
    const ambientLabel = hasAmbientLabel(w, ns);
    const sidecarLabel = hasSidecarLabel(w, ns);
    const waypointLabel = hasWaypointLabel(w, ns);
    const isAmbient = workloadIsAmbient(w);
    // Most workloads of a fleet are in no ambient namespace and carry none of these labels: none
    // of the checks below can fire for them.
    const ambientPod = w.pods.some(p => podAmbient(p, w));
    if (!ambientLabel && !waypointLabel && !ambientPod && !ns.ambient) continue;
    const what = `${w.kind} ${ns.namespace}/${w.name}`;
    let waypoints: boolean | undefined;
    const hasWaypoints = () =>
      (waypoints ??= hasWaypointWorkloads(w, facts, ns));
    const push = (code: Code, detail: string) =>
      out.push(message(code, NAME, on, `${TEXT[code]}: ${detail}`, 'workload'));

    // KIA1311 (ambient_workload_checker.go `hasBothSidecarAndAmbientLabels`).
    if (ambientLabel && sidecarLabel)
      push(
        'KIA1311',
        `${what} is labelled for ambient and for sidecar injection`,
      );
    // KIA1312 (ambient_workload_checker.go `isWaypointAndNotAmbient`).
    if (hasPods && waypointLabel && !isAmbient)
      push(
        'KIA1312',
        `${what} has an ${USE_WAYPOINT} label (its own or its namespace's) but its pods are not ambient`,
      );
    // KIA1313 (ambient_workload_checker.go `referencesNonExistentWaypoint`).
    if (hasPods && waypointLabel && !hasWaypoints())
      push('KIA1313', `no waypoint workload serves ${what}`);
    // KIA1314 (ambient_workload_checker.go `hasPodWithSidecarLabelAndAmbientRedirection`).
    if (sidecarLabel && ambientPod)
      push(
        'KIA1314',
        `${what} is labelled for sidecar injection and a pod is annotated ${REDIRECTION}=enabled`,
      );
    // KIA1315 (ambient_workload_checker.go `hasPodWithSidecarInjectAndAmbientLabel`).
    if (ambientLabel && w.pods.some(podSidecar))
      push(
        'KIA1315',
        `${what} is labelled for ambient and a pod has an istio-proxy sidecar`,
      );
    // KIA1316 (ambient_workload_checker.go `hasSidecarInAmbientNamespace`).
    if (ns.ambient && hasPods && workloadHasSidecar(w))
      push(
        'KIA1316',
        `${what} has a sidecar in namespace ${ns.namespace}, labelled ${DATAPLANE_MODE}=ambient`,
      );
    // KIA1317 (ambient_workload_checker.go `hasAuthPolicyAndNoWaypoint`): ambient application workloads without a waypoint, to which an L7 policy of the namespace applies.
    if (
      isWaypoint(w) ||
      isGateway(w) ||
      w.labels[DATAPLANE_MODE] === 'none' ||
      (!isAmbient && !ambientLabel)
    )
      continue;
    l7Policies ??= [
      ...index.list(cluster, K.AuthorizationPolicy, ns.namespace),
    ].filter(ap => isL7AuthorizationPolicy(ap.obj.spec));
    const applied = l7Policies.find(ap => l7PolicyApplies(ap, w, ns));
    if (applied && !hasWaypoints())
      push(
        'KIA1317',
        `L7 AuthorizationPolicy ${ns.namespace}/${applied.obj.metadata.name} applies to ${what}`,
      );
  }
}

/** Kiali's ambient validations of the policies, routes and workloads of a namespace. */
export const kialiAmbientValidations: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [
    K.AuthorizationPolicy,
    K.RequestAuthentication,
    K.WasmPlugin,
    K.Telemetry,
    K.VirtualService,
    K.DestinationRule,
    ...POD_WORKLOAD_KINDS,
  ],
  run({ index, cluster, namespace }) {
    if (namespace === '') return [];
    const out: Message[] = [];
    const facts = new Facts(index, cluster);
    const ns = facts.ns(namespace);
    policyChecks(facts, ns, out);
    hostBasedChecks(facts, namespace, out);
    workloadChecks(facts, ns, out);
    return out;
  },
};
