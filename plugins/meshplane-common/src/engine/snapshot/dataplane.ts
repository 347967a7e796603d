import { K } from '../model/kinds';
import { labelSelectorMatches, Labels } from '../model/labels';
import type { KubeObject } from '../model/types';
import type { MeshIndex, StoredObject } from './MeshIndex';

/**
 * The ambient data plane's rules for one workload (istio-semantics.md §g.1–g.3): whether
 * ztunnel captures it, whether it is Istio's own infrastructure, whether it takes HBONE, and
 * which waypoint serves it.
 */

/** Infrastructure a workload is, absent for application workloads (DESIGN §4.1 `workloads[].role`). */
export type WorkloadRole = 'control-plane' | 'ztunnel' | 'waypoint' | 'gateway';

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
/** Set by the CNI agent on a captured pod (`cni/pkg/util/podutil.go`). */
export const REDIRECTION = 'ambient.istio.io/redirection';
/** `networking.istio.io/tunnel=http`: the endpoint takes HBONE (`ambient/workloads.go` `setTunnelProtocol`). */
export const TUNNEL_LABEL = 'networking.istio.io/tunnel';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const WAYPOINT_FOR = 'istio.io/waypoint-for';
export const INGRESS_USE_WAYPOINT = 'istio.io/ingress-use-waypoint';
/** The label istiod puts on every object it generates for a Gateway (`deploymentcontroller.go`). */
export const GATEWAY_MANAGED = 'gateway.istio.io/managed';
/** Its values: the controllers of Istio's gateways, waypoints and east-west gateways (`constants.go`). */
export const MANAGED_BY = {
  gateway: 'istio.io-gateway-controller',
  waypoint: 'istio.io-mesh-controller',
  eastWest: 'istio.io-eastwest-controller',
} as const;
const SELF_MANAGED = new Set<string>([
  MANAGED_BY.waypoint,
  MANAGED_BY.eastWest,
]);
const GATEWAY_CLASS_LABEL = 'gateway.networking.k8s.io/gateway-class-name';

/**
 * The role of Istio's own workloads, from their pod labels and containers:
 * ztunnel by `app: ztunnel` (`cni/pkg/util/podutil.go` `IsZtunnelPod`, Kiali `models/workload.go`
 * `IsZtunnel`); waypoints by the labels of the deployment istiod generates
 * (`manifests/charts/istio-control/istio-discovery/files/waypoint.yaml`; Kiali `config.WaypointLabel`)
 * or a proxy started as `proxy waypoint`; istiod and the CNI node agent as the control plane.
 * Envoy gateways are recognised by the caller (`gateway`).
 */
export function infrastructureRole(
  labels: Labels,
  spec: any,
): WorkloadRole | undefined {
  if (labels.app === 'ztunnel') return 'ztunnel';
  if (
    labels[GATEWAY_MANAGED] === MANAGED_BY.waypoint ||
    labels[GATEWAY_CLASS_LABEL] === 'istio-waypoint' ||
    proxyArgs(spec).includes('waypoint')
  )
    return 'waypoint';
  if (
    labels.app === 'istiod' ||
    labels.istio === 'pilot' ||
    labels['k8s-app'] === 'istio-cni-node'
  )
    return 'control-plane';
  if (labels[GATEWAY_MANAGED] === MANAGED_BY.eastWest) return 'gateway';
  return undefined;
}

function proxyArgs(spec: any): string[] {
  const proxy = (spec?.containers ?? []).find(
    (c: any) => c?.name === 'istio-proxy',
  );
  return Array.isArray(proxy?.args) ? proxy.args.map(String) : [];
}

/** What the control-plane namespace of a cluster shows about its node agents. */
export interface NodeAgents {
  /** The input holds control-plane workloads (any Deployment, DaemonSet or Pod of the system namespace). */
  controlPlane: boolean;
  /** A ztunnel runs (a workload labelled `app: ztunnel` in the system namespace). */
  ztunnel: boolean;
  /** istiod's `AMBIENT_ENABLE_MULTI_NETWORK` (default false, `pilot/pkg/features/ambient.go`). */
  multiNetwork: boolean;
}

function templateLabels(obj: KubeObject): Labels {
  return obj.kind === 'Pod'
    ? obj.metadata.labels ?? {}
    : obj.spec?.template?.metadata?.labels ?? {};
}

function envValue(spec: any, name: string): string | undefined {
  for (const c of spec?.containers ?? [])
    for (const e of c?.env ?? []) if (e?.name === name) return String(e.value);
  return undefined;
}

/**
 * Reads a cluster's node agents from the raw objects of its system namespace. Input without any
 * control-plane workload says nothing about them: callers then assume the ambient profile's
 * ztunnel (istio-semantics.md §g.1, "Prerequisites").
 */
export function readNodeAgents(objects: Iterable<StoredObject>): NodeAgents {
  let controlPlane = false;
  let ztunnel = false;
  let multiNetwork = false;
  for (const o of objects) {
    controlPlane = true;
    const labels = templateLabels(o.obj);
    if (labels.app === 'ztunnel') ztunnel = true;
    if (labels.app === 'istiod' || labels.istio === 'pilot') {
      const spec =
        o.obj.kind === 'Pod' ? o.obj.spec : o.obj.spec?.template?.spec;
      if (envValue(spec, 'AMBIENT_ENABLE_MULTI_NETWORK') === 'true')
        multiNetwork = true;
    }
  }
  return { controlPlane, ztunnel, multiNetwork };
}

export interface AmbientDecision {
  captured: boolean;
  reason: string;
}

/**
 * Whether ztunnel captures a pod that has no sidecar (`cni/pkg/util/enablement_selector.go`, the CNI
 * chart's default `ambient.enablementSelectors`): pod label `istio.io/dataplane-mode=ambient`, or the
 * namespace label and no pod label `none`; never `hostNetwork` pods. On a live pod the CNI's
 * `ambient.istio.io/redirection` annotation is the truth; a template (or a pod manifest without
 * status) is predicted, and only where a ztunnel runs.
 */
export function decideAmbient(input: {
  namespaceLabels?: Labels;
  podLabels: Labels;
  podAnnotations: Labels;
  hostNetwork: boolean;
  livePod: boolean;
  agents: NodeAgents;
}): AmbientDecision {
  const redirection = input.podAnnotations[REDIRECTION];
  if (redirection === 'enabled')
    return {
      captured: true,
      reason: `pod annotated ${REDIRECTION}=enabled: captured by ztunnel`,
    };
  const podMode = input.podLabels[DATAPLANE_MODE];
  const nsMode = input.namespaceLabels?.[DATAPLANE_MODE];
  const enrolled =
    podMode === 'ambient' || (nsMode === 'ambient' && podMode !== 'none');
  if (!enrolled) {
    if (nsMode === 'ambient')
      return {
        captured: false,
        reason: `pod label ${DATAPLANE_MODE}=${podMode} opts out of ambient`,
      };
    return { captured: false, reason: '' };
  }
  const by =
    podMode === 'ambient'
      ? `pod label ${DATAPLANE_MODE}=ambient`
      : `namespace label ${DATAPLANE_MODE}=ambient`;
  if (input.hostNetwork)
    return {
      captured: false,
      reason: `${by}, but hostNetwork pods are never captured`,
    };
  if (input.livePod)
    return {
      captured: false,
      reason:
        redirection === 'pending'
          ? `${by}; ${REDIRECTION}=pending: the CNI has not finished (traffic is held until ztunnel takes it)`
          : `${by}, but the pod has no ${REDIRECTION} annotation: not captured`,
    };
  if (input.agents.controlPlane && !input.agents.ztunnel)
    return {
      captured: false,
      reason: `${by}, but the cluster runs no ztunnel: out of the mesh`,
    };
  return { captured: true, reason: `${by}: captured by ztunnel` };
}

/** A waypoint that serves a Service or workload (istio-semantics.md §g.3). */
export interface WaypointBinding {
  waypoint?: { namespace: string; name: string };
  /** Why the binding failed, as istiod's `istio.io/WaypointBound` condition says it. */
  problem?: string;
  /** The label (and object) that asked for it. */
  source?: string;
}

function isReady(gw: StoredObject): boolean {
  const status = gw.obj.status;
  // A manifest (no status yet) is predicted as deployed; a live Gateway needs `status.addresses`.
  if (!status) return true;
  return Array.isArray(status.addresses) && status.addresses.length > 0;
}

/** `istio.io/waypoint-for` of the Gateway, else of its GatewayClass, else `service`. */
function trafficType(index: MeshIndex, gw: StoredObject): string {
  const own = gw.obj.metadata.labels?.[WAYPOINT_FOR];
  if (own) return own;
  const cls = index.get(
    gw.cluster,
    K.GatewayClass,
    '',
    String(gw.obj.spec?.gatewayClassName ?? ''),
  );
  return cls?.obj.metadata.labels?.[WAYPOINT_FOR] ?? 'service';
}

/**
 * Resolves `istio.io/use-waypoint` for a Service (`for: 'service'`) or a workload: the object's
 * own label, else its namespace's (`none` opts out; an own label naming an unusable waypoint gives
 * none, without falling back). `pilot/pkg/serviceregistry/ambient/waypoints.go`
 * (`fetchWaypointForService`, `fetchWaypointForWorkload`, `GetUseWaypoint`, `makeAllowedRoutes`).
 */
export function resolveWaypoint(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  labels: Labels,
  target: 'service' | 'workload',
): WaypointBinding {
  // A waypoint's or an east-west gateway's own Service never has a waypoint (fetchWaypointForService).
  if (target === 'service' && SELF_MANAGED.has(labels[GATEWAY_MANAGED] ?? ''))
    return {};
  const nsLabels = index.namespaceLabels(cluster, namespace) ?? {};
  let source: Labels;
  let where: string;
  if (labels[USE_WAYPOINT] !== undefined) {
    source = labels;
    where = target === 'service' ? 'Service label' : 'workload label';
  } else if (nsLabels[USE_WAYPOINT] !== undefined) {
    source = nsLabels;
    where = 'namespace label';
  } else return {};
  const name = source[USE_WAYPOINT];
  if (!name || name === 'none') return {};
  const gwNamespace = source[USE_WAYPOINT_NAMESPACE] || namespace;
  const what = `${where} ${USE_WAYPOINT}=${name}`;
  const gw = index.get(cluster, K.GatewayApiGateway, gwNamespace, name);
  if (!gw)
    return {
      source: what,
      problem: `${what}: no Gateway ${gwNamespace}/${name} in cluster ${cluster}`,
    };
  if (!isReady(gw))
    return {
      source: what,
      problem: `${what}: waypoint ${gwNamespace}/${name} is not ready (no status.addresses: WaypointIsNotReady)`,
    };
  const type = trafficType(index, gw);
  const accepts =
    type === 'all' ||
    (target === 'service' ? type === 'service' : type === 'workload');
  if (!accepts) {
    // A namespace label pointing at a waypoint of the other traffic type binds nothing, silently.
    if (where === 'namespace label') return {};
    return {
      source: what,
      problem: `${what}: waypoint ${gwNamespace}/${name} is for ${type} traffic (UnsupportedTrafficType)`,
    };
  }
  if (gwNamespace !== namespace && !allowsNamespace(gw, nsLabels))
    return {
      source: what,
      problem: `${what}: waypoint ${gwNamespace}/${name} does not allow routes from namespace ${namespace} (AttachmentDenied)`,
    };
  return { source: what, waypoint: { namespace: gwNamespace, name } };
}

/** The bound listener's `allowedRoutes.namespaces` (the HBONE 15008 listener) admits the namespace. */
function allowsNamespace(gw: StoredObject, nsLabels: Labels): boolean {
  const listeners: any[] = Array.isArray(gw.obj.spec?.listeners)
    ? gw.obj.spec.listeners
    : [];
  const binding =
    gw.obj.metadata.annotations?.['ambient.istio.io/waypoint-inbound-binding'];
  const listener =
    listeners.find(l => binding && l?.name === binding) ??
    listeners.find(l => l?.protocol === 'HBONE' || l?.port === 15008);
  const from = listener?.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Selector')
    return labelSelectorMatches(
      listener.allowedRoutes.namespaces.selector,
      nsLabels,
    );
  return false;
}
