import {
  BackendResult,
  GATEWAY_API_GROUP,
  isIstioGateway,
  ParentResult,
  referenceGranted,
  routeAttachment,
  RouteAttachment,
} from '../gatewayApi/attachment';
import { hostsOverlap, serviceFqdn } from '../model/hosts';
import { GATEWAY_API_ROUTE_KINDS, K } from '../model/kinds';
import { hasLabels, selectorMatches } from '../model/labels';
import { resolveWaypoint } from '../snapshot/dataplane';
import { Message } from '../model/types';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';
import { appliesToMesh } from '../validation/virtualService/routes';
import { virtualServicesByHost } from '../topology/topology';

const NAME = 'meshplane.GatewayApiAnalyzer';
const CONFLICTS = 'meshplane.GatewayApiConflictAnalyzer';

function name(o: StoredObject): string {
  return `${o.namespace}/${o.obj.metadata.name}`;
}

function describeParent(p: ParentResult): string {
  const section = p.ref.sectionName ? ` section ${p.ref.sectionName}` : '';
  const port = p.ref.port !== undefined ? ` port ${p.ref.port}` : '';
  return `${p.ref.kind} ${p.ref.namespace}/${p.ref.name}${section}${port} (${p.reason}: ${p.message})`;
}

function backendFinding(
  route: StoredObject,
  kind: string,
  b: BackendResult,
): Message | undefined {
  const target = `${b.kind} ${b.namespace}/${b.name}${
    b.port !== undefined ? `:${b.port}` : ''
  }`;
  switch (b.reason) {
    case 'RefNotPermitted':
      return message(
        'MPL0502',
        NAME,
        route,
        `The ${kind} sends traffic to ${target} in another namespace, and no ReferenceGrant in namespace ${b.namespace} allows ${kind}s of namespace ${route.namespace} to refer to it: Istio refuses the backend (ResolvedRefs=False, RefNotPermitted) and requests routed to it get HTTP 500.`,
        b.path,
      );
    case 'BackendNotFound':
      return message(
        'MPL0501',
        NAME,
        route,
        `The backend ${target} does not exist (${b.message}): Istio accepts the route but marks it ResolvedRefs=False (BackendNotFound), and requests routed to it get HTTP 500.`,
        b.path,
      );
    case 'InvalidDestination':
    case 'InvalidKind':
      return message(
        'MPL0501',
        NAME,
        route,
        `The backend ${target} is invalid (${b.reason}: ${b.message}): Istio drops it, and requests routed to it get HTTP 500.`,
        b.path,
      );
    default:
      if (b.portMissing)
        return message(
          'MPL0501',
          NAME,
          route,
          `Service ${b.namespace}/${b.name} has no port ${b.port}: Istio accepts the route (it does not check the port), but the traffic it routes there reaches no endpoint (HTTP 503, no healthy upstream).`,
          `${b.path}.port`,
        );
      return undefined;
  }
}

function created(o: StoredObject): string {
  return String(o.obj.metadata.creationTimestamp ?? '');
}

/**
 * MPL0504: a mesh route (Service parent) and a mesh VirtualService for the same Service host.
 * istiod turns the route into a VirtualService of the same host and never merges the two: a
 * client's proxy takes the first one for the host (istio/istio `pilot/pkg/model/virtualservice.go`
 * `SelectVirtualServices`: with PILOT_UNIFIED_SIDECAR_SCOPE, Gateway API routes of the client's
 * own namespace first — the "consumer override" — then every VirtualService in creation order,
 * `virtualservice_controller.go` `sortMergedVirtualServicesByCreationTime`).
 */
function meshRouteVsConflicts(
  index: MeshIndex,
  cluster: string,
  att: RouteAttachment,
): Message[] {
  const out: Message[] = [];
  for (const p of att.parents) {
    if (!p.accepted || p.type !== 'mesh' || p.ref.kind !== 'Service') continue;
    const host = serviceFqdn(p.ref.name, p.ref.namespace, DNS_DOMAIN);
    for (const vs of virtualServicesByHost(index, cluster).get(host) ?? []) {
      if (!appliesToMesh(vs.obj.spec)) continue;
      if (!index.resolvedVsHosts(vs).hosts.includes(host)) continue;
      const routeFirst =
        created(att.route) && created(vs)
          ? created(att.route) < created(vs)
          : false;
      out.push(
        message(
          'MPL0504',
          NAME,
          att.route,
          `VirtualService ${name(
            vs,
          )} also routes mesh traffic for ${host}. Istio does not merge them: each client proxy applies one - this ${
            att.kind
          } for clients in namespace ${
            att.route.namespace
          } (a route of the client's own namespace comes first), and for the others ${
            routeFirst
              ? `this ${att.kind}, the older of the two`
              : `VirtualService ${name(vs)}${
                  created(vs) ? ', the older of the two' : ''
                }`
          }; the other one's rules are ignored for them.`,
          `spec.parentRefs[${p.index}]`,
        ),
      );
    }
  }
  return out;
}

/**
 * MPL0506: a mesh route whose parent Service has ambient endpoints and no bound waypoint. ztunnel
 * does no L7 routing: in ambient only the Service's waypoint applies the route
 * (istio-semantics.md §g.9; istiod says so in the route's `ResolvedWaypoints` message,
 * `pilot/pkg/config/kube/gateway/conditions.go`); sidecar clients still apply it themselves.
 */
function meshRouteWithoutWaypoint(
  index: MeshIndex,
  cluster: string,
  att: RouteAttachment,
): Message[] {
  const out: Message[] = [];
  for (const p of att.parents) {
    if (!p.accepted || p.type !== 'mesh' || p.parent?.kk !== K.Service)
      continue;
    const svc = p.parent;
    const selector = svc.obj.spec?.selector;
    if (!hasLabels(selector)) continue;
    const ambient = index
      .workloads(cluster, svc.namespace)
      .filter(
        w =>
          w.proxy === 'ambient' &&
          !w.role &&
          selectorMatches(selector, w.labels),
      );
    if (!ambient.length) continue;
    const { waypoint } = resolveWaypoint(
      index,
      cluster,
      svc.namespace,
      svc.obj.metadata.labels ?? {},
      'service',
    );
    if (waypoint) continue;
    out.push(
      message(
        'MPL0506',
        NAME,
        att.route,
        `Service ${name(svc)} has ambient endpoints (${ambient
          .slice(0, 3)
          .map(w => w.name)
          .join(', ')}${
          ambient.length > 3 ? ', …' : ''
        }) and no waypoint bound: ambient clients reach it through ztunnel, which does no L7 routing, so this ${
          att.kind
        } applies to sidecar clients only.`,
        `spec.parentRefs[${p.index}]`,
      ),
    );
  }
  return out;
}

/** MPL0500, MPL0505, MPL0501 and MPL0502 of one route. */
function routeFindings(att: RouteAttachment): Message[] {
  const out: Message[] = [];
  const { route, kind } = att;
  const handled = att.parents.filter(p => p.type !== 'ignored');
  if (!att.parents.length)
    out.push(
      message(
        'MPL0500',
        NAME,
        route,
        `The ${kind} has no parentRefs: it attaches to no Gateway and no Service, so no proxy applies it.`,
        'spec.parentRefs',
      ),
    );
  else if (!att.parents.some(p => p.accepted)) {
    // Refs of kinds or classes Istio does not handle may belong to another controller.
    if (handled.length === att.parents.length)
      out.push(
        message(
          'MPL0500',
          NAME,
          route,
          `The ${kind} attaches nowhere: ${att.parents
            .map(describeParent)
            .join('; ')}. No proxy applies it.`,
          `spec.parentRefs[${att.parents[0].index}]`,
        ),
      );
  } else {
    for (const p of handled.filter(x => !x.accepted))
      out.push(
        message(
          'MPL0505',
          NAME,
          route,
          `The ${kind} does not attach to ${describeParent(
            p,
          )}; it attaches to its other parents only.`,
          `spec.parentRefs[${p.index}]`,
        ),
      );
  }
  for (const b of att.backends) {
    const m = backendFinding(route, kind, b);
    if (m) out.push(m);
  }
  return out;
}

/** MPL0502 on a Gateway listener's cross-namespace certificateRefs without a ReferenceGrant. */
function certificateFindings(
  index: MeshIndex,
  cluster: string,
  gw: StoredObject,
): Message[] {
  const out: Message[] = [];
  const listeners: any[] = Array.isArray(gw.obj.spec?.listeners)
    ? gw.obj.spec.listeners
    : [];
  listeners.forEach((l, i) => {
    const refs: any[] = Array.isArray(l?.tls?.certificateRefs)
      ? l.tls.certificateRefs
      : [];
    refs.forEach((ref, j) => {
      const ns = ref?.namespace;
      if (typeof ns !== 'string' || !ns || ns === gw.namespace) return;
      const group = String(ref?.group ?? '');
      const kind = String(ref?.kind ?? 'Secret');
      const refName = String(ref?.name ?? '');
      if (
        referenceGranted(
          index,
          cluster,
          {
            group: GATEWAY_API_GROUP,
            kind: 'Gateway',
            namespace: gw.namespace,
          },
          { group, kind, namespace: ns, name: refName },
        )
      )
        return;
      out.push(
        message(
          'MPL0502',
          NAME,
          gw,
          `Listener ${
            l?.name ?? i
          } refers to ${kind} ${ns}/${refName} in another namespace, and no ReferenceGrant in namespace ${ns} allows Gateways of namespace ${
            gw.namespace
          } to refer to it: Istio marks the listener ResolvedRefs=False (RefNotPermitted) and does not serve it.`,
          `spec.listeners[${i}].tls.certificateRefs[${j}]`,
        ),
      );
    });
  });
  return out;
}

/**
 * Meshplane's Gateway API findings per route and Gateway (istio-semantics.md §h): a route that
 * attaches nowhere (MPL0500) or not to one of its parents (MPL0505), a backend that does not
 * exist or lacks the port (MPL0501), a cross-namespace reference without a ReferenceGrant
 * (MPL0502) — computed from the configuration as Istio resolves it, not read from its status.
 */
export const gatewayApiAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [...GATEWAY_API_ROUTE_KINDS, K.GatewayApiGateway],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    for (const kk of GATEWAY_API_ROUTE_KINDS)
      for (const route of index.list(cluster, kk, namespace)) {
        const att = routeAttachment(index, cluster, route);
        out.push(
          ...routeFindings(att),
          ...meshRouteVsConflicts(index, cluster, att),
          ...meshRouteWithoutWaypoint(index, cluster, att),
        );
      }
    for (const gw of index.list(cluster, K.GatewayApiGateway, namespace))
      if (isIstioGateway(index, cluster, gw))
        out.push(...certificateFindings(index, cluster, gw));
    return out;
  },
};

/** A canonical key of one HTTPRoute/GRPCRoute match (Gateway API defaults applied). */
export function matchKey(kind: string, match: any): string {
  if (kind === 'GRPCRoute') {
    const m = match?.method ?? {};
    return JSON.stringify([
      'grpc',
      m.type ?? 'Exact',
      m.service ?? '',
      m.method ?? '',
      headersKey(match?.headers),
    ]);
  }
  const path = match?.path ?? {};
  return JSON.stringify([
    'http',
    path.type ?? 'PathPrefix',
    path.value ?? '/',
    match?.method ?? '',
    headersKey(match?.headers),
    headersKey(match?.queryParams),
  ]);
}

function headersKey(list: unknown): string {
  if (!Array.isArray(list)) return '';
  return list
    .map(
      h =>
        `${h?.type ?? 'Exact'}:${String(h?.name ?? '').toLowerCase()}=${
          h?.value ?? ''
        }`,
    )
    .sort()
    .join('&');
}

/** Gateway API precedence across routes: the oldest first, then `{namespace}/{name}` alphabetically. */
function precedence(a: StoredObject, b: StoredObject): number {
  const ta = created(a);
  const tb = created(b);
  if (ta !== tb) {
    if (!ta) return 1;
    if (!tb) return -1;
    return ta < tb ? -1 : 1;
  }
  const na = name(a);
  const nb = name(b);
  if (na === nb) return 0;
  return na < nb ? -1 : 1;
}

interface MatchEntry {
  route: StoredObject;
  kind: string;
  hostnames: string[];
  path: string;
}

/**
 * MPL0503: two routes attached to the same Gateway listener (or the same Service, for mesh
 * routes) with overlapping hostnames and an identical match. The Gateway API's precedence
 * decides (HTTPRoute spec: the oldest route, then `{namespace}/{name}` alphabetically), and Istio
 * follows it: the other route's rule never sees the requests it matches.
 */
export const gatewayApiConflictAnalyzer: Analyzer = {
  name: CONFLICTS,
  scope: 'cluster',
  subjects: [K.HTTPRoute, K.GRPCRoute],
  run({ index, cluster }) {
    const byParent = new Map<string, Map<string, MatchEntry[]>>();
    for (const kk of [K.HTTPRoute, K.GRPCRoute]) {
      for (const route of index.listAll(cluster, kk)) {
        const att = routeAttachment(index, cluster, route);
        const keys = new Set<string>();
        for (const p of att.parents) {
          if (!p.accepted) continue;
          if (p.type === 'gateway')
            for (const l of p.listeners)
              keys.add(`gw|${p.ref.namespace}/${p.ref.name}|${l}`);
          else if (p.type === 'mesh')
            keys.add(
              `mesh|${p.ref.kind}|${p.ref.namespace}/${p.ref.name}|${
                p.ref.port ?? ''
              }`,
            );
        }
        if (!keys.size) continue;
        const rules: any[] = Array.isArray(route.obj.spec?.rules)
          ? route.obj.spec.rules
          : [];
        const entries: Array<[string, MatchEntry]> = [];
        rules.forEach((rule, r) => {
          const matches: any[] =
            Array.isArray(rule?.matches) && rule.matches.length
              ? rule.matches
              : [{}];
          matches.forEach((m, j) =>
            entries.push([
              matchKey(att.kind, m),
              {
                route,
                kind: att.kind,
                hostnames: att.hostnames,
                path: Array.isArray(rule?.matches)
                  ? `spec.rules[${r}].matches[${j}]`
                  : `spec.rules[${r}]`,
              },
            ]),
          );
        });
        for (const key of keys) {
          let byMatch = byParent.get(key);
          if (!byMatch) byParent.set(key, (byMatch = new Map()));
          for (const [mk, e] of entries) {
            const list = byMatch.get(mk);
            if (list) list.push(e);
            else byMatch.set(mk, [e]);
          }
        }
      }
    }
    const out: Message[] = [];
    for (const [parent, byMatch] of byParent) {
      const where = parent.startsWith('gw|')
        ? `Gateway ${parent.split('|')[1]} listener ${parent.split('|')[2]}`
        : `Service ${parent.split('|')[2]}`;
      for (const list of byMatch.values()) {
        if (list.length < 2) continue;
        // In precedence order, each entry loses to the first earlier one of another route whose
        // hostnames overlap: concrete hostnames are looked up, wildcards compared (few).
        const ordered = [...list].sort((a, b) => precedence(a.route, b.route));
        const firstByHost = new Map<string, MatchEntry>();
        const wildcards: MatchEntry[] = [];
        const reported = new Set<string>();
        for (const e of ordered) {
          const hosts = e.hostnames.length ? e.hostnames : ['*'];
          let winner: MatchEntry | undefined;
          const earlier = (w: MatchEntry | undefined) => {
            if (
              w &&
              w.route !== e.route &&
              (!winner || precedence(w.route, winner.route) < 0)
            )
              winner = w;
          };
          for (const h of hosts) {
            if (h.includes('*')) {
              for (const w of firstByHost.values())
                if (w.hostnames.some(x => hostsOverlap(h, x))) earlier(w);
            } else earlier(firstByHost.get(h));
          }
          for (const w of wildcards)
            if (hostnamesOverlap(w.hostnames, hosts)) earlier(w);
          for (const h of hosts) {
            if (h.includes('*')) continue;
            if (!firstByHost.has(h)) firstByHost.set(h, e);
          }
          if (hosts.some(h => h.includes('*'))) wildcards.push(e);
          if (!winner) continue;
          const id = `${e.route.ref.kind}|${name(e.route)}|${e.path}`;
          if (reported.has(id)) continue;
          reported.add(id);
          out.push(
            message(
              'MPL0503',
              CONFLICTS,
              e.route,
              `${winner.kind} ${name(
                winner.route,
              )} has the same match for an overlapping hostname on ${where} and takes precedence (older, or first by namespace/name): requests this match selects go to its backends, never to this rule's.`,
              e.path,
            ),
          );
        }
      }
    }
    return out;
  },
};

function hostnamesOverlap(a: string[], b: string[]): boolean {
  const x = a.length ? a : ['*'];
  const y = b.length ? b : ['*'];
  return x.some(h => y.some(k => hostsOverlap(h, k)));
}
