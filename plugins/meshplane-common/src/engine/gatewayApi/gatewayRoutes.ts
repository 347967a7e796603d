import type {
  GatewayApiCondition,
  GatewayApiGateway,
  GatewayApiListener,
  GatewayApiRoute,
  GatewayApiRouteBackend,
  GatewayApiRouteParent,
  GatewayApiRouteRelation,
} from '../../schema/openapi';
import { serviceFqdn } from '../model/hosts';
import { GATEWAY_API_ROUTE_KINDS, K } from '../model/kinds';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import {
  BackendResult,
  GATEWAY_API_GROUP,
  gatewayController,
  isIstioGateway,
  ParentResult,
  routeAttachment,
  RouteAttachment,
} from './attachment';

/**
 * What the catalog and the entity tabs show of Gateway API Gateways and routes: the Gateways a
 * Service serves, and the routes attached to them or reaching a service, attached and resolved
 * by {@link routeAttachment} (istio-semantics.md §h).
 */

/**
 * The label istiod puts on the Deployment and Service it generates for a Gateway
 * (`pilot/pkg/config/kube/gateway/deploymentcontroller.go`, `files/kube-gateway.yaml`).
 */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** The controller of Istio's waypoint class (`istio-waypoint`): waypoints are not gateways. */
const MESH_CONTROLLER = 'istio.io/mesh-controller';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function list(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

const objectKey = (namespace: string, name: string) => `${namespace}/${name}`;

/** A Gateway that Istio deploys (or reaches) as a gateway: one of its classes, not a waypoint's. */
function isServedGateway(
  index: MeshIndex,
  cluster: string,
  gateway: StoredObject,
): boolean {
  return (
    isIstioGateway(index, cluster, gateway) &&
    gatewayController(index, cluster, gateway) !== MESH_CONTROLLER
  );
}

/**
 * The Gateway API Gateways a Service serves, by name: the Gateway its
 * `gateway.networking.k8s.io/gateway-name` label names in its namespace (the Service istiod
 * generates, `<gateway>-<class>`), and every Gateway of its cluster whose `spec.addresses` name
 * the Service's host with type `Hostname` (Istio's manual deployment). Only Gateways of Istio's
 * classes other than the waypoints'.
 */
export function servedGateways(
  index: MeshIndex,
  service: StoredObject,
): StoredObject[] {
  const { cluster, namespace } = service;
  const out = new Map<string, StoredObject>();
  const add = (gateway: StoredObject | undefined) => {
    if (gateway && isServedGateway(index, cluster, gateway))
      out.set(objectKey(gateway.namespace, gateway.obj.metadata.name), gateway);
  };
  const named = str(service.obj.metadata.labels?.[GATEWAY_NAME_LABEL]);
  if (named) add(index.get(cluster, K.GatewayApiGateway, namespace, named));
  const host = serviceFqdn(service.obj.metadata.name, namespace, DNS_DOMAIN);
  for (const gateway of index.listAll(cluster, K.GatewayApiGateway)) {
    if (
      list(gateway.obj.spec?.addresses).some(
        a => a?.type === 'Hostname' && a?.value === host,
      )
    )
      add(gateway);
  }
  return [...out.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, gateway]) => gateway);
}

function conditions(raw: unknown): GatewayApiCondition[] {
  return list(raw)
    .filter(c => str(c?.type))
    .map(c => {
      const status: GatewayApiCondition['status'] =
        c.status === 'True' || c.status === 'False' ? c.status : 'Unknown';
      return {
        type: String(c.type),
        status,
        ...(str(c.reason) ? { reason: String(c.reason) } : {}),
        ...(str(c.message) ? { message: String(c.message) } : {}),
      };
    });
}

/**
 * The conditions istiod wrote on a Gateway listener that say it is not serving as asked:
 * `Accepted`, `Programmed` or `ResolvedRefs` False, or `Conflicted` True (istio-semantics.md §h,
 * "Status Istio writes"). The one rule the portal's listener status and the engine share.
 *
 * @public
 */
export function negativeListenerConditions(
  written: readonly GatewayApiCondition[],
): GatewayApiCondition[] {
  return written.filter(c =>
    c.type === 'Conflicted'
      ? c.status === 'True'
      : ['Accepted', 'Programmed', 'ResolvedRefs'].includes(c.type) &&
        c.status === 'False',
  );
}

/** A Gateway's listeners, hostnames, addresses and status as its catalog entity and tab show them. */
export function gatewayView(gateway: StoredObject): GatewayApiGateway {
  const spec = gateway.obj.spec ?? {};
  const status = gateway.obj.status ?? {};
  const listenerStatus = new Map<string, any>(
    list(status.listeners).map(l => [String(l?.name ?? ''), l]),
  );
  const listeners: GatewayApiListener[] = list(spec.listeners).map(l => {
    const name = String(l?.name ?? '');
    const observed = listenerStatus.get(name);
    return {
      name,
      port: Number(l?.port),
      protocol: String(l?.protocol ?? ''),
      ...(str(l?.hostname) ? { hostname: String(l.hostname) } : {}),
      ...(typeof observed?.attachedRoutes === 'number'
        ? { attachedRoutes: observed.attachedRoutes }
        : {}),
      conditions: conditions(observed?.conditions),
    };
  });
  return {
    cluster: gateway.cluster,
    namespace: gateway.namespace,
    name: gateway.obj.metadata.name,
    className: String(spec.gatewayClassName ?? ''),
    listeners,
    hostnames: [
      ...new Set(listeners.flatMap(l => (l.hostname ? [l.hostname] : []))),
    ],
    addresses: list(status.addresses)
      .map(a => str(a?.value))
      .filter((a): a is string => a !== undefined),
    conditions: conditions(status.conditions),
  };
}

/** What a set of routes is looked up for: Gateways (StoredObjects) and logical services by namespace/name. */
export interface RouteSubjects {
  gateways: StoredObject[];
  services: Array<{ namespace: string; name: string }>;
}

/** A route related to the subjects, with why and the parents to show. */
export interface RelatedRoute {
  attachment: RouteAttachment;
  relations: GatewayApiRouteRelation[];
  /** The parents naming the subjects' Gateways when that is the only relation, else all. */
  parents: ParentResult[];
}

const isServiceRef = (group: string, kind: string) =>
  (group === '' && kind === 'Service') ||
  (group === 'multicluster.x-k8s.io' && kind === 'ServiceImport');

/**
 * The routes of one cluster that name one of the subjects' Gateways as parent, one of the
 * subjects' services as backend, or one of them as the parent of a mesh route, attached and
 * resolved as Istio does ({@link routeAttachment}). A route is attached only when its
 * references name a subject (whatever the namespace), so the cost is in the routes that do.
 */
export function relatedRoutes(
  index: MeshIndex,
  cluster: string,
  subjects: RouteSubjects,
): RelatedRoute[] {
  const gatewayKeys = new Set(
    subjects.gateways.map(g => objectKey(g.namespace, g.obj.metadata.name)),
  );
  const serviceKeys = new Set(
    subjects.services.map(s => objectKey(s.namespace, s.name)),
  );
  const names = new Set([
    ...subjects.gateways.map(g => g.obj.metadata.name),
    ...subjects.services.map(s => s.name),
  ]);
  if (!names.size) return [];
  const out: RelatedRoute[] = [];
  for (const kk of GATEWAY_API_ROUTE_KINDS) {
    for (const route of index.listAll(cluster, kk)) {
      const spec = route.obj.spec ?? {};
      const mentioned =
        list(spec.parentRefs).some(r => names.has(String(r?.name))) ||
        list(spec.rules).some(rule =>
          list(rule?.backendRefs).some(b => names.has(String(b?.name))),
        );
      if (!mentioned) continue;
      const attachment = routeAttachment(index, cluster, route);
      const onGateway = (p: ParentResult) =>
        p.ref.group === GATEWAY_API_GROUP &&
        p.ref.kind === 'Gateway' &&
        gatewayKeys.has(objectKey(p.ref.namespace, p.ref.name));
      const relations: GatewayApiRouteRelation[] = [];
      if (attachment.parents.some(onGateway)) relations.push('gateway');
      if (
        attachment.backends.some(
          b =>
            isServiceRef(b.group, b.kind) &&
            serviceKeys.has(objectKey(b.namespace, b.name)),
        )
      )
        relations.push('backend');
      if (
        attachment.parents.some(
          p =>
            p.type === 'mesh' &&
            p.ref.group === '' &&
            p.ref.kind === 'Service' &&
            serviceKeys.has(objectKey(p.ref.namespace, p.ref.name)),
        )
      )
        relations.push('parent');
      if (!relations.length) continue;
      out.push({
        attachment,
        relations,
        parents:
          relations.length === 1 && relations[0] === 'gateway'
            ? attachment.parents.filter(onGateway)
            : attachment.parents,
      });
    }
  }
  return out;
}

function parentView(p: ParentResult): GatewayApiRouteParent {
  return {
    kind: p.ref.kind,
    namespace: p.ref.namespace,
    name: p.ref.name,
    ...(p.ref.sectionName !== undefined
      ? { sectionName: p.ref.sectionName }
      : {}),
    ...(p.ref.port !== undefined ? { port: p.ref.port } : {}),
    accepted: p.accepted,
    reason: p.reason,
    message: p.message,
    listeners: p.listeners,
  };
}

function backendView(
  b: BackendResult,
  findingCodes: string[],
): GatewayApiRouteBackend {
  const resolved = b.reason === 'ResolvedRefs' && !b.portMissing;
  let reason: string = b.reason;
  let message = b.message;
  if (b.reason === 'ResolvedRefs' && b.portMissing) {
    reason = 'PortNotFound';
    message = `Service ${b.namespace}/${b.name} has no port ${b.port}`;
  }
  return {
    rule: b.rule,
    kind: b.kind,
    namespace: b.namespace,
    name: b.name,
    ...(b.port !== undefined ? { port: b.port } : {}),
    weight: b.weight,
    ...(b.host !== undefined ? { host: b.host } : {}),
    resolved,
    reason,
    message,
    path: b.path,
    findingCodes,
  };
}

/**
 * A related route as the API answers it, in one cluster. `codesAt(path)` gives the codes of the
 * findings on the route at a field path (the backendRef or one of its fields).
 */
export function routeView(
  related: RelatedRoute,
  codesAt: (path: string) => string[],
): GatewayApiRoute {
  const { attachment } = related;
  return {
    clusters: [attachment.route.cluster],
    kind: attachment.kind,
    namespace: attachment.route.namespace,
    name: attachment.route.obj.metadata.name,
    hostnames: attachment.hostnames,
    relations: related.relations,
    parents: related.parents.map(parentView),
    backends: attachment.backends.map(b => backendView(b, codesAt(b.path))),
  };
}
