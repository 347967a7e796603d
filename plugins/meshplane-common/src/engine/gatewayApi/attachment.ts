import { hostsOverlap } from '../model/hosts';
import { K, kindKey } from '../model/kinds';
import { labelSelectorMatches } from '../model/labels';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { destinationHost } from '../validation/registry';

/**
 * How Istio attaches Gateway API routes to their parents and resolves their backends
 * (istio-semantics.md §h). Sources: istio/istio `pilot/pkg/config/kube/gateway/conversion.go`
 * (`extractParentReferenceInfo`, `referenceAllowed`, `buildHostnameMatch`,
 * `namespacesFromSelector`, `buildDestination`), `conditions.go` (`createRouteStatus`: how the
 * results of one parentRef's listeners collapse into one reason),
 * `pilot/pkg/config/kube/gatewaycommon/conversion.go` (`GenerateGatewaySupportedKinds`) and
 * `gatewaycommon/references.go` (`ReferenceGrantsCollection`, `BackendAllowed`).
 */

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The controllers of Istio's GatewayClasses (`gatewaycommon/classinfo.go`). */
const ISTIO_CONTROLLERS = new Set([
  'istio.io/gateway-controller',
  'istio.io/mesh-controller',
  'istio.io/unmanaged-gateway',
]);

/** The classes istiod creates itself, by name, and their controllers. */
const BUILTIN_CLASSES: Record<string, string> = {
  istio: 'istio.io/gateway-controller',
  'istio-waypoint': 'istio.io/mesh-controller',
  'istio-remote': 'istio.io/unmanaged-gateway',
  'istio-east-west': 'istio.io/gateway-controller',
};

/** Route parent reasons, as Istio writes them into `status.parents[].conditions[Accepted]`. */
export type ParentReason =
  | 'Accepted'
  | 'NoMatchingParent'
  | 'NotAllowedByListeners'
  | 'NoMatchingListenerHostname';

/** Backend reasons, as Istio writes them into `ResolvedRefs` (or `Accepted` for none). */
export type BackendReason =
  | 'ResolvedRefs'
  | 'BackendNotFound'
  | 'RefNotPermitted'
  | 'InvalidKind'
  | 'InvalidDestination';

/** A normalised `parentRefs[]` entry. */
export interface ParentRef {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** What Istio makes of one `parentRefs[]` entry of a route. */
export interface ParentResult {
  /** Index in `spec.parentRefs`. */
  index: number;
  ref: ParentRef;
  /**
   * `gateway`: a Gateway of one of Istio's classes; `mesh`: a Service or ServiceEntry (GAMMA);
   * `ignored`: a kind or a GatewayClass Istio does not handle (another controller may).
   */
  type: 'gateway' | 'mesh' | 'ignored';
  /** The parent object, when it exists. */
  parent?: StoredObject;
  accepted: boolean;
  reason: ParentReason;
  message: string;
  /** Names of the listeners that accept the route (gateway parents). */
  listeners: string[];
}

/** What Istio makes of one `rules[].backendRefs[]` entry. */
export interface BackendResult {
  rule: number;
  ref: number;
  /** `spec.rules[0].backendRefs[1]`. */
  path: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  /** Gateway API default 1. */
  weight: number;
  /** The FQDN Istio routes to (Service and ServiceImport backends, or the Hostname). */
  host?: string;
  /** The Service backend, when it exists. */
  service?: StoredObject;
  reason: BackendReason;
  message: string;
  /**
   * Meshplane's check beyond Istio's: the Service exists but has no port `port` (Istio accepts
   * the route; the traffic finds no endpoint).
   */
  portMissing?: boolean;
}

/** A route with its parents and backends resolved as Istio does. */
export interface RouteAttachment {
  route: StoredObject;
  /** `HTTPRoute`, `GRPCRoute`, `TCPRoute` or `TLSRoute`. */
  kind: string;
  /** `spec.hostnames` (none for TCPRoute). */
  hostnames: string[];
  parents: ParentResult[];
  backends: BackendResult[];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The controller of a Gateway's class, or undefined when no class of that name is known. */
export function gatewayController(
  index: MeshIndex,
  cluster: string,
  gateway: StoredObject,
): string | undefined {
  const className = String(gateway.obj.spec?.gatewayClassName ?? '');
  const cls = index.get(cluster, K.GatewayClass, '', className);
  if (cls) return str(cls.obj.spec?.controllerName);
  return BUILTIN_CLASSES[className];
}

/** True when one of Istio's controllers manages the Gateway (its routes are Istio's to attach). */
export function isIstioGateway(
  index: MeshIndex,
  cluster: string,
  gateway: StoredObject,
): boolean {
  const controller = gatewayController(index, cluster, gateway);
  return controller !== undefined && ISTIO_CONTROLLERS.has(controller);
}

/** The route kinds a listener supports (`GenerateGatewaySupportedKinds`). */
export function listenerKinds(listener: any): string[] {
  const protocol = String(listener?.protocol ?? '');
  let supported: string[] = [];
  if (protocol === 'HTTP' || protocol === 'HTTPS')
    supported = ['HTTPRoute', 'GRPCRoute'];
  else if (protocol === 'TCP') supported = ['TCPRoute'];
  else if (protocol === 'TLS') {
    supported = ['TLSRoute'];
    if (listener?.tls?.mode === 'Terminate') supported.push('TCPRoute');
  }
  const allowed = listener?.allowedRoutes?.kinds;
  if (Array.isArray(allowed) && allowed.length) {
    return supported.filter(s =>
      allowed.some(
        (k: any) =>
          String(k?.kind) === s &&
          (k?.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP,
      ),
    );
  }
  return supported;
}

/**
 * Whether a listener's `allowedRoutes.namespaces` admits routes of `namespace`
 * (`namespacesFromSelector`: `Same` by default, `All`, or a label selector over the
 * namespaces, each with its implicit `kubernetes.io/metadata.name` label).
 */
export function listenerAdmitsNamespace(
  index: MeshIndex,
  cluster: string,
  gatewayNs: string,
  listener: any,
  namespace: string,
): boolean {
  const from = listener?.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Same') return namespace === gatewayNs;
  if (from === 'All') return true;
  const selector = listener?.allowedRoutes?.namespaces?.selector;
  if (!selector) return true; // "Should never happen, invalid config": Istio allows all.
  const ns = index.namespaceObject(cluster, namespace);
  if (!ns) return false;
  return labelSelectorMatches(selector, {
    ...(ns.obj.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': namespace,
  });
}

/** A route's `parentRefs[i]` with the Gateway API's defaults. */
function parentRef(route: StoredObject, ref: any): ParentRef {
  return {
    group: ref?.group ?? GATEWAY_API_GROUP,
    kind: ref?.kind ?? 'Gateway',
    namespace: str(ref?.namespace) ?? route.namespace,
    name: String(ref?.name ?? ''),
    ...(str(ref?.sectionName) ? { sectionName: ref.sectionName } : {}),
    ...(typeof ref?.port === 'number' ? { port: ref.port } : {}),
  };
}

const RANK: Record<ParentReason, number> = {
  Accepted: 0,
  NotAllowedByListeners: 1,
  NoMatchingListenerHostname: 2,
  NoMatchingParent: 4,
};

/** `referenceAllowed` for one listener of a Gateway parent. */
function listenerVerdict(
  index: MeshIndex,
  cluster: string,
  gateway: StoredObject,
  listener: any,
  ref: ParentRef,
  routeKind: string,
  hostnames: string[],
  routeNs: string,
): { reason: ParentReason; message: string } {
  if (ref.port !== undefined && ref.port !== Number(listener?.port))
    return {
      reason: 'NoMatchingParent',
      message: `port ${ref.port} not found`,
    };
  if (ref.sectionName !== undefined && ref.sectionName !== listener?.name)
    return {
      reason: 'NoMatchingParent',
      message: `sectionName "${ref.sectionName}" not found`,
    };
  const parentHost = str(listener?.hostname) ?? '*';
  const routeHosts = hostnames.length ? hostnames : ['*'];
  if (routeHosts.some(h => hostsOverlap(parentHost, h))) {
    if (
      !listenerAdmitsNamespace(
        index,
        cluster,
        gateway.namespace,
        listener,
        routeNs,
      )
    )
      return {
        reason: 'NotAllowedByListeners',
        message: `hostnames matched parent hostname "${
          listener?.hostname ?? ''
        }", but namespace "${routeNs}" is not allowed by the parent`,
      };
  } else {
    return {
      reason: 'NoMatchingListenerHostname',
      message: `no hostnames matched parent hostname "${
        listener?.hostname ?? ''
      }"`,
    };
  }
  if (!listenerKinds(listener).includes(routeKind))
    return {
      reason: 'NotAllowedByListeners',
      message: `kind ${GATEWAY_API_GROUP}/${routeKind} is not allowed`,
    };
  return { reason: 'Accepted', message: 'Route was valid' };
}

/** What Istio makes of one parentRef (`extractParentReferenceInfo` + `createRouteStatus`). */
function resolveParent(
  index: MeshIndex,
  cluster: string,
  route: StoredObject,
  routeKind: string,
  hostnames: string[],
  i: number,
  raw: any,
): ParentResult {
  const ref = parentRef(route, raw);
  const base = { index: i, ref, listeners: [] as string[] };
  if (ref.group === GATEWAY_API_GROUP && ref.kind === 'Gateway') {
    const gw = index.get(cluster, K.GatewayApiGateway, ref.namespace, ref.name);
    if (!gw)
      return {
        ...base,
        type: 'gateway',
        accepted: false,
        reason: 'NoMatchingParent',
        message: `parent Gateway ${ref.namespace}/${ref.name} not found`,
      };
    const controller = gatewayController(index, cluster, gw);
    if (controller === undefined || !ISTIO_CONTROLLERS.has(controller))
      return {
        ...base,
        type: 'ignored',
        parent: gw,
        accepted: false,
        reason: 'NoMatchingParent',
        message:
          controller === undefined
            ? `GatewayClass "${
                gw.obj.spec?.gatewayClassName ?? ''
              }" of Gateway ${ref.namespace}/${ref.name} not found`
            : `Gateway ${ref.namespace}/${ref.name} belongs to controller ${controller}, not Istio`,
      };
    const listeners: any[] = Array.isArray(gw.obj.spec?.listeners)
      ? gw.obj.spec.listeners
      : [];
    if (!listeners.length)
      return {
        ...base,
        type: 'gateway',
        parent: gw,
        accepted: false,
        reason: 'NoMatchingParent',
        message: `Gateway ${ref.namespace}/${ref.name} has no listeners`,
      };
    let best: { reason: ParentReason; message: string } | undefined;
    const accepted: string[] = [];
    for (const l of listeners) {
      const v = listenerVerdict(
        index,
        cluster,
        gw,
        l,
        ref,
        routeKind,
        hostnames,
        route.namespace,
      );
      if (v.reason === 'Accepted') accepted.push(String(l?.name ?? ''));
      if (!best || RANK[v.reason] < RANK[best.reason]) best = { ...v };
      else if (RANK[v.reason] === RANK[best.reason] && v.reason !== 'Accepted')
        best.message += `; ${v.message}`;
    }
    return {
      ...base,
      type: 'gateway',
      parent: gw,
      accepted: accepted.length > 0,
      reason: best!.reason,
      message: best!.message,
      listeners: accepted,
    };
  }
  const isService = ref.group === '' && ref.kind === 'Service';
  const isEntry =
    ref.group === 'networking.istio.io' && ref.kind === 'ServiceEntry';
  if (isService || isEntry) {
    const parent = index.get(
      cluster,
      isService ? K.Service : K.ServiceEntry,
      ref.namespace,
      ref.name,
    );
    if (!parent)
      return {
        ...base,
        type: 'mesh',
        accepted: false,
        reason: 'NoMatchingParent',
        message: `parent ${isService ? 'service' : 'service entry'}: "${
          ref.name
        }" not found`,
      };
    return {
      ...base,
      type: 'mesh',
      parent,
      accepted: true,
      reason: 'Accepted',
      message: 'Route was valid',
    };
  }
  return {
    ...base,
    type: 'ignored',
    accepted: false,
    reason: 'NoMatchingParent',
    message: `Istio does not handle parents of kind ${
      ref.group ? `${ref.group}/` : ''
    }${ref.kind}`,
  };
}

/** Whether a ReferenceGrant in `toNamespace` lets a `fromKind` of `fromNamespace` refer to `toKind` `name` (`BackendAllowed`, `SecretAllowed`). */
export function referenceGranted(
  index: MeshIndex,
  cluster: string,
  from: { group: string; kind: string; namespace: string },
  to: { group: string; kind: string; namespace: string; name: string },
): boolean {
  for (const grant of index.list(cluster, K.ReferenceGrant, to.namespace)) {
    const froms: any[] = Array.isArray(grant.obj.spec?.from)
      ? grant.obj.spec.from
      : [];
    const tos: any[] = Array.isArray(grant.obj.spec?.to)
      ? grant.obj.spec.to
      : [];
    const fromOk = froms.some(
      f =>
        String(f?.group ?? '') === from.group &&
        String(f?.kind ?? '') === from.kind &&
        String(f?.namespace ?? '') === from.namespace,
    );
    if (!fromOk) continue;
    if (
      tos.some(
        t =>
          String(t?.group ?? '') === to.group &&
          String(t?.kind ?? '') === to.kind &&
          (t?.name === undefined || t?.name === null || t.name === to.name),
      )
    )
      return true;
  }
  return false;
}

/** `buildDestination` for one backendRef. */
function resolveBackend(
  index: MeshIndex,
  cluster: string,
  route: StoredObject,
  routeKind: string,
  enforceRefGrant: boolean,
  rule: number,
  j: number,
  raw: any,
): BackendResult {
  const group = String(raw?.group ?? '');
  const kind = String(raw?.kind ?? 'Service');
  const name = String(raw?.name ?? '');
  const explicitNs = str(raw?.namespace);
  const namespace = explicitNs ?? route.namespace;
  const port = typeof raw?.port === 'number' ? raw.port : undefined;
  const base = {
    rule,
    ref: j,
    path: `spec.rules[${rule}].backendRefs[${j}]`,
    group,
    kind,
    namespace,
    name,
    ...(port !== undefined ? { port } : {}),
    weight: typeof raw?.weight === 'number' ? raw.weight : 1,
  };
  if (
    enforceRefGrant &&
    explicitNs !== undefined &&
    explicitNs !== route.namespace &&
    !referenceGranted(
      index,
      cluster,
      { group: GATEWAY_API_GROUP, kind: routeKind, namespace: route.namespace },
      { group, kind, namespace: explicitNs, name },
    )
  )
    return {
      ...base,
      reason: 'RefNotPermitted',
      message: `backendRef ${name}/${explicitNs} not accessible to a ${routeKind} in namespace "${route.namespace}" (missing a ReferenceGrant?)`,
    };
  let host: string;
  let service: StoredObject | undefined;
  let found: boolean;
  if (
    (group === '' && kind === 'Service') ||
    (group === 'multicluster.x-k8s.io' && kind === 'ServiceImport')
  ) {
    if (kind === 'Service' && name.includes('.'))
      return {
        ...base,
        reason: 'InvalidDestination',
        message:
          'service name invalid; the name of the Service must be used, not the hostname.',
      };
    host = `${name}.${namespace}.svc.${DNS_DOMAIN}`;
    service = index.get(cluster, K.Service, namespace, name);
    found = service !== undefined;
  } else if (group === 'networking.istio.io' && kind === 'Hostname') {
    if (explicitNs !== undefined)
      return {
        ...base,
        reason: 'InvalidDestination',
        message: 'namespace may not be set with Hostname type',
      };
    host = name;
    found =
      destinationHost(index, cluster, route.namespace, undefined, name) !==
      undefined;
  } else {
    return {
      ...base,
      reason: 'InvalidKind',
      message: `referencing unsupported backendRef: group "${group}" kind "${kind}"`,
    };
  }
  if (port === undefined)
    return {
      ...base,
      host,
      reason: 'InvalidDestination',
      message: 'port is required in backendRef',
    };
  if (!found)
    return {
      ...base,
      host,
      reason: 'BackendNotFound',
      message: `backend(${host}) not found`,
    };
  const ports: any[] = Array.isArray(service?.obj.spec?.ports)
    ? service!.obj.spec.ports
    : [];
  const portMissing =
    service !== undefined && !ports.some(p => Number(p?.port) === port);
  return {
    ...base,
    host,
    ...(service ? { service } : {}),
    reason: 'ResolvedRefs',
    message: 'All references resolved',
    ...(portMissing ? { portMissing } : {}),
  };
}

/** Attaches one route (HTTPRoute, GRPCRoute, TCPRoute or TLSRoute) as Istio does. */
export function routeAttachment(
  index: MeshIndex,
  cluster: string,
  route: StoredObject,
): RouteAttachment {
  const kind = kindKey(route.obj).split('/')[1];
  const spec = route.obj.spec ?? {};
  const hostnames: string[] =
    kind !== 'TCPRoute' && Array.isArray(spec.hostnames)
      ? spec.hostnames.map(String)
      : [];
  const refs: any[] = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
  const parents = refs.map((r, i) =>
    resolveParent(index, cluster, route, kind, hostnames, i, r),
  );
  // A mesh parent converts the route without ReferenceGrant checks (`enforceRefGrant = !mesh`);
  // the same backend behind a Gateway parent needs one.
  const enforceRefGrant = parents.some(p => p.type === 'gateway');
  const backends: BackendResult[] = [];
  const rules: any[] = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, r) => {
    const list: any[] = Array.isArray(rule?.backendRefs)
      ? rule.backendRefs
      : [];
    list.forEach((b, j) =>
      backends.push(
        resolveBackend(index, cluster, route, kind, enforceRefGrant, r, j, b),
      ),
    );
  });
  return { route, kind, hostnames, parents, backends };
}
