import { routeAttachment } from '../gatewayApi/attachment';
import { gatewayView } from '../gatewayApi/gatewayRoutes';
import { GATEWAY_API_ROUTE_KINDS, K } from '../model/kinds';
import {
  resolveShortname,
  serviceFqdn,
  sidecarEgressHost,
} from '../model/hosts';
import { selectorMatches } from '../model/labels';
import { Edge, EdgeOutcome, TopologyGateway } from '../model/types';
import { destinationRuleFor } from '../posture/clientTls';
import { worstOutcome } from '../posture/outcomes';
import { EdgeCalculator, LogicalService } from '../posture/edges';
import { serviceEndpoints } from '../posture/servicePorts';
import { dataplaneOf } from '../posture/workloadPosture';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { syntheticWorkload, Workload } from '../snapshot/workloads';

/** The label Istio puts on the pods of the deployment it generates for a Gateway API Gateway. */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * The `namespace/name` of every Service a Gateway API route names, as a parent or a backend
 * (namespaces defaulting to the route's): the routes that can touch a set of services.
 */
function routeNames(route: StoredObject): string[] {
  const spec = route.obj.spec ?? {};
  const key = (ref: any) =>
    `${
      typeof ref?.namespace === 'string' && ref.namespace
        ? ref.namespace
        : route.namespace
    }/${ref?.name}`;
  const out: string[] = [];
  for (const p of Array.isArray(spec.parentRefs) ? spec.parentRefs : []) {
    if (p?.kind === 'Service') out.push(key(p));
    else if ((p?.kind ?? 'Gateway') === 'Gateway')
      out.push(`gateway:${key(p)}`);
  }
  for (const r of Array.isArray(spec.rules) ? spec.rules : [])
    for (const b of Array.isArray(r?.backendRefs) ? r.backendRefs : [])
      out.push(key(b));
  return out;
}

/** A topology node. @public */
export interface TopologyNode {
  id: string;
  type:
    | 'workload'
    | 'vm'
    | 'service'
    | 'gateway'
    | 'waypoint'
    | 'external'
    | 'route';
  /** The kind of a route node (`HTTPRoute`, `GRPCRoute`, `TCPRoute`, `TLSRoute`). */
  kind?: string;
  namespace?: string;
  name: string;
  clusters: string[];
  sidecar?: boolean;
  /** The data plane of a workload, VM or waypoint node (istio-semantics.md §g.1). */
  dataplane?: 'sidecar' | 'ambient' | 'none';
  /** What a gateway node's object declares, and the deployment that runs it. */
  gateway?: TopologyGateway;
}

/** An Istio Gateway's servers as listeners (`spec.servers[].port`, `hosts`). */
function istioGatewayDetail(
  gateway: StoredObject,
  workload: Workload | undefined,
): TopologyGateway {
  const servers: any[] = Array.isArray(gateway.obj.spec?.servers)
    ? gateway.obj.spec.servers
    : [];
  return {
    kind: 'Gateway',
    listeners: servers.map((server, i) => ({
      name: String(server?.port?.name ?? `server-${i}`),
      port: Number(server?.port?.number),
      protocol: String(server?.port?.protocol ?? ''),
    })),
    hostnames: [
      ...new Set(
        servers.flatMap(server =>
          Array.isArray(server?.hosts) ? server.hosts.map(String) : [],
        ),
      ),
    ],
    ...(workload ? { workload: workloadRef(workload) } : {}),
  };
}

/** A Gateway API Gateway's listeners and class (`gatewayView`). */
function gatewayApiDetail(
  gateway: StoredObject,
  workload: Workload | undefined,
): TopologyGateway {
  const view = gatewayView(gateway);
  return {
    kind: 'Gateway.gateway.networking.k8s.io',
    className: view.className,
    listeners: view.listeners.map(l => ({
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      ...(l.hostname ? { hostname: l.hostname } : {}),
    })),
    hostnames: view.hostnames,
    ...(workload ? { workload: workloadRef(workload) } : {}),
  };
}

function workloadRef(w: Workload): NonNullable<TopologyGateway['workload']> {
  return { cluster: w.cluster, namespace: w.namespace, name: w.name };
}

/** A topology edge (from configuration), with the mTLS outcome a sidecar client would get. @public */
export interface TopologyEdge {
  from: string;
  to: string;
  /**
   * What makes the edge: a route, a DestinationRule subset, service endpoints, Sidecar egress, an
   * AuthorizationPolicy, a waypoint bound to the service (service → waypoint → its endpoints), a
   * Gateway API route attached to its parent (`attach`: gateway or service → route) or a route's
   * backend (`backend`: route → service).
   */
  source:
    | 'route'
    | 'subset'
    | 'endpoint'
    | 'egress'
    | 'authorization'
    | 'waypoint'
    | 'attach'
    | 'backend';
  /** Why Istio cannot use a route's backend (`ResolvedRefs` reason: BackendNotFound, RefNotPermitted…). */
  unresolved?: string;
  object?: { kind: string; namespace: string; name: string };
  weight?: number;
  subset?: string;
  outcome?: EdgeOutcome;
}

/** Nodes and edges derived from configuration. @public */
export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** Id of a logical service's node in a {@link Topology}. @public */
export function serviceNodeId(service: {
  namespace: string;
  name: string;
}): string {
  return `service:${service.namespace}/${service.name}`;
}

/** Id of a workload's (or VM's) node in a {@link Topology}. @public */
export function workloadNodeId(workload: {
  cluster: string;
  namespace: string;
  name: string;
  vm: boolean;
}): string {
  return `${workload.vm ? 'vm' : 'workload'}:${workload.cluster}/${
    workload.namespace
  }/${workload.name}`;
}

/**
 * A cluster's VirtualServices by each host and route destination ({@link MeshIndex.resolvedVsHosts}),
 * kept until one of the cluster's VirtualServices changes: the topology around a few services
 * reads the VirtualServices under their FQDNs instead of testing every VirtualService of the fleet.
 */
export function virtualServicesByHost(
  index: MeshIndex,
  cluster: string,
): Map<string, StoredObject[]> {
  return index.derived(cluster, K.VirtualService, 'byHost', () => {
    const byHost = new Map<string, StoredObject[]>();
    for (const vs of index.listAll(cluster, K.VirtualService)) {
      const { hosts, destinations } = index.resolvedVsHosts(vs);
      for (const host of new Set([...hosts, ...destinations])) {
        const list = byHost.get(host);
        if (list) list.push(vs);
        else byHost.set(host, [vs]);
      }
    }
    return byHost;
  });
}

/** The VirtualServices of a cluster whose hosts or destinations name one of the services. */
function virtualServicesNaming(
  index: MeshIndex,
  cluster: string,
  services: Array<{ namespace: string; name: string }>,
): Set<StoredObject> {
  const byHost = virtualServicesByHost(index, cluster);
  return new Set(
    services.flatMap(
      s => byHost.get(serviceFqdn(s.name, s.namespace, DNS_DOMAIN)) ?? [],
    ),
  );
}

/** Workloads an AuthorizationPolicy source names, by namespace or by principal (`<td>/ns/<ns>/sa/<sa>`). */
function authorizedCallers(
  index: MeshIndex,
  cluster: string,
  source: any,
): Workload[] {
  const out: Workload[] = [];
  for (const ns of (source?.namespaces ?? []) as string[]) {
    if (!ns.includes('*')) out.push(...index.workloads(cluster, ns));
  }
  for (const p of (source?.principals ?? []) as string[]) {
    const m = /\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
    if (m)
      out.push(
        ...index
          .workloads(cluster, m[1])
          .filter(w => (w.serviceAccount ?? 'default') === m[2]),
      );
  }
  return out;
}

/**
 * Topology from config: services (logical), workloads, VMs, gateways and external hosts; edges from
 * VirtualService routes, DestinationRule subsets (service → endpoints), Sidecar egress and
 * AuthorizationPolicy sources (root-namespace policies mesh-wide), each with its mTLS outcome:
 * what the caller (a gateway, the Sidecar's or policy's workload, else a sidecar client in the
 * route's namespace) gets on that connection. With `around`, only those services (and their workloads) and one hop out.
 * With `onlyCluster`, only that cluster: its services' instances, workloads and config.
 */
export function buildTopology(
  index: MeshIndex,
  around?: Array<{ namespace: string; name: string }>,
  onlyCluster?: string,
): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges: TopologyEdge[] = [];
  const calc = new EdgeCalculator(index);
  // One object per host: the calculator keeps what it derives from a service per object.
  const logicalByHost = new Map<string, LogicalService | undefined>();
  const logical = (host: string): LogicalService | undefined => {
    if (logicalByHost.has(host)) return logicalByHost.get(host);
    const inst = index.servicesByHost(host);
    const svc = inst.length
      ? {
          host,
          namespace: inst[0].service.namespace,
          name: inst[0].service.obj.metadata.name,
          instances: inst,
        }
      : undefined;
    logicalByHost.set(host, svc);
    return svc;
  };
  const addService = (s: LogicalService) => {
    const id = serviceNodeId(s);
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        type: 'service',
        namespace: s.namespace,
        name: s.name,
        clusters: s.instances.map(i => i.cluster),
      });
    return id;
  };
  const nodeIds = new WeakMap<Workload, string>();
  const nodeId = (w: Workload) => {
    let id = nodeIds.get(w);
    if (id === undefined) nodeIds.set(w, (id = workloadNodeId(w)));
    return id;
  };
  const addWorkload = (w: Workload, id = nodeId(w)) => {
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        type: w.vm ? 'vm' : 'workload',
        namespace: w.namespace,
        name: w.name,
        clusters: [w.cluster],
        sidecar: w.proxy === 'sidecar',
        dataplane: dataplaneOf(w),
      });
    return id;
  };
  const focus = around ? new Set(around.map(serviceNodeId)) : undefined;
  const aroundKeys = around
    ? new Set(around.map(r => `${r.namespace}/${r.name}`))
    : undefined;
  const focusNamespaces = around
    ? new Set(around.map(r => r.namespace))
    : undefined;
  const gatewayWorkloads = new Map<string, Workload | null>();
  const touches = (a: string, b: string) =>
    !focus || focus.has(a) || focus.has(b);
  const syntheticClient = (
    cluster: string,
    namespace: string,
    proxy: 'sidecar' | 'ambient' = 'sidecar',
  ): Workload =>
    syntheticWorkload({
      id: `${cluster}|${namespace}|${proxy}-client`,
      cluster,
      namespace,
      name: `${namespace}-client`,
      proxy,
      proxyReason: `a ${proxy} client`,
      anyCaller: true,
    });

  /** What `client` gets reaching `server` through the services that select it. */
  const servicesOf = new Map<string, LogicalService[]>();
  const servicesSelecting = (server: Workload): LogicalService[] => {
    let services = servicesOf.get(server.id);
    if (!services) {
      services = [];
      for (const svc of index.list(
        server.cluster,
        K.Service,
        server.namespace,
      )) {
        const sel = svc.obj.spec?.selector;
        if (
          !sel ||
          !Object.keys(sel).length ||
          !selectorMatches(sel, server.labels)
        )
          continue;
        const s = logical(
          serviceFqdn(svc.obj.metadata.name, svc.namespace, DNS_DOMAIN),
        );
        if (s) services.push(s);
      }
      servicesOf.set(server.id, services);
    }
    return services;
  };
  /**
   * Outcomes by client group, then by server — and by service account first where the
   * AuthorizationPolicies at the server read principals (the identity authorization reads):
   * such clients get the same outcome.
   */
  const outcomesByGroup = new Map<
    string,
    Map<string, Map<string, EdgeOutcome | undefined>>
  >();
  const groupOutcomes = (client: Workload, account: string) => {
    const group = calc.clientGroup(client);
    let byAccount = outcomesByGroup.get(group);
    if (!byAccount) outcomesByGroup.set(group, (byAccount = new Map()));
    let outcomes = byAccount.get(account);
    if (!outcomes) byAccount.set(account, (outcomes = new Map()));
    return outcomes;
  };
  const accountMatters = new Map<string, boolean>();
  const readsAccount = (server: Workload): boolean => {
    let reads = accountMatters.get(server.id);
    if (reads === undefined) {
      reads = servicesSelecting(server).some(s => calc.readsServiceAccount(s));
      accountMatters.set(server.id, reads);
    }
    return reads;
  };
  /**
   * What `client` gets on the default (subset-less) connections through `svc` to one endpoint,
   * kept per edge template: the clients of a group share the template, and the outcome with it.
   */
  const endpointOutcomes = new WeakMap<
    readonly Edge[],
    EdgeOutcome | undefined
  >();
  const endpointOutcome = (
    client: Workload,
    svc: LogicalService,
    endpoint: Workload,
  ): EdgeOutcome | undefined => {
    const template = calc.edgeTemplate(client, svc, endpoint);
    if (endpointOutcomes.has(template)) return endpointOutcomes.get(template);
    const outcome = worstOutcome(
      template
        .filter(e => !e.to.subset && e.to.cluster === endpoint.cluster)
        .map(e => e.outcome),
    );
    endpointOutcomes.set(template, outcome);
    return outcome;
  };
  const workloadOutcome = (
    client: Workload,
    outcomes: Map<string, EdgeOutcome | undefined>,
    server: Workload,
  ): EdgeOutcome | undefined => {
    if (outcomes.has(server.id)) return outcomes.get(server.id);
    const outcome = worstOutcome(
      servicesSelecting(server).map(s => endpointOutcome(client, s, server)),
    );
    outcomes.set(server.id, outcome);
    return outcome;
  };

  /**
   * A service bound to a waypoint (`istio.io/use-waypoint`, istio-semantics.md §g.3): ambient
   * clients (and gateways that opt in) reach its endpoints through the waypoint, drawn as
   * service → waypoint → endpoint with what an ambient client in the service's namespace gets.
   * Sidecar clients bypass service waypoints, so the service's own endpoint edges stay.
   */
  const addWaypointPath = (
    inst: { cluster: string; service: StoredObject },
    svc: LogicalService,
    sid: string,
    endpoints: Workload[],
    outcomeFor: (c: Workload, w: Workload) => EdgeOutcome | undefined,
  ) => {
    const { waypoint } = calc.serviceWaypoint(inst.service);
    if (!waypoint || !endpoints.length) return;
    const id = `waypoint:${inst.cluster}/${waypoint.namespace}/${waypoint.name}`;
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        type: 'waypoint',
        namespace: waypoint.namespace,
        name: waypoint.name,
        clusters: [inst.cluster],
        sidecar: false,
        dataplane: 'ambient',
      });
    const object = { kind: 'Gateway', ...waypoint };
    const client = syntheticClient(inst.cluster, svc.namespace, 'ambient');
    const outcomes = endpoints.map(w => outcomeFor(client, w));
    edges.push({
      from: sid,
      to: id,
      source: 'waypoint',
      object,
      outcome: worstOutcome(outcomes),
    });
    endpoints.forEach((w, i) =>
      edges.push({
        from: id,
        to: nodeId(w),
        source: 'waypoint',
        object,
        outcome: outcomes[i],
      }),
    );
  };

  const hosts = around
    ? around.map(r => serviceFqdn(r.name, r.namespace, DNS_DOMAIN))
    : [...index.serviceHostNames()];
  // A cluster's view holds its instances; what they reach and what reaches them is computed
  // with every instance, as a caller there reaches them all.
  const inView = (inst: { cluster: string }) =>
    onlyCluster === undefined || inst.cluster === onlyCluster;
  for (const host of hosts) {
    const svc = logical(host);
    if (!svc?.instances.some(inView)) continue;
    const sid = addService(svc);
    for (const inst of svc.instances.filter(inView)) {
      const sel = inst.service.obj.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const client = syntheticClient(inst.cluster, svc.namespace);
      // The default (subset-less) cluster reaches every endpoint.
      const outcomeFor = (c: Workload, w: Workload) =>
        endpointOutcome(c, svc, w);
      const endpoints = serviceEndpoints(index, inst.service);
      for (const w of endpoints) {
        const wid = addWorkload(w);
        // The focus services' workloads are in focus too: their Sidecar egress is one hop out.
        focus?.add(wid);
        edges.push({
          from: sid,
          to: wid,
          source: 'endpoint',
          outcome: outcomeFor(client, w),
        });
      }
      addWaypointPath(inst, svc, sid, endpoints, outcomeFor);
    }
  }

  /** The nodes and edges one cluster's routes, Sidecars and AuthorizationPolicies make. */
  const clusterConfig = (cluster: string) => {
    const touching = around && virtualServicesNaming(index, cluster, around);
    for (const vs of index.listAll(cluster, K.VirtualService)) {
      if (touching && !touching.has(vs)) continue;
      const gateways: string[] = Array.isArray(vs.obj.spec?.gateways)
        ? vs.obj.spec.gateways
        : [];
      const fromIds: Array<{ id: string; client: Workload }> = [];
      for (const g of gateways) {
        if (g === 'mesh') continue;
        const [gns, gname] = g.includes('/')
          ? g.split('/', 2)
          : [vs.namespace, g];
        const gw = index.get(cluster, K.Gateway, gns, gname);
        const id = `gateway:${gns}/${gname}`;
        let gwWorkload = gatewayWorkloads.get(`${cluster}|${id}`);
        if (gwWorkload === undefined && gw) {
          gwWorkload =
            [...index.workloadNamespaces(cluster)]
              .flatMap(ns => index.workloads(cluster, ns))
              .find(
                w =>
                  selectorMatches(gw.obj.spec?.selector ?? {}, w.labels) &&
                  w.proxy !== 'none',
              ) ?? null;
          gatewayWorkloads.set(`${cluster}|${id}`, gwWorkload);
        }
        if (!nodes.has(id))
          nodes.set(id, {
            id,
            type: 'gateway',
            namespace: gns,
            name: gname,
            clusters: [cluster],
            ...(gw
              ? { gateway: istioGatewayDetail(gw, gwWorkload ?? undefined) }
              : {}),
          });
        fromIds.push({
          id,
          client: gwWorkload ?? syntheticClient(cluster, gns),
        });
      }
      if (!gateways.length || gateways.includes('mesh')) {
        for (const h of vs.obj.spec?.hosts ?? []) {
          const s = logical(
            resolveShortname(String(h), vs.namespace, DNS_DOMAIN),
          );
          if (s)
            fromIds.push({
              id: addService(s),
              client: syntheticClient(cluster, vs.namespace),
            });
        }
      }
      for (const section of ['http', 'tcp', 'tls']) {
        for (const rule of vs.obj.spec?.[section] ?? []) {
          for (const r of rule?.route ?? []) {
            const host = resolveShortname(
              String(r?.destination?.host ?? ''),
              vs.namespace,
              DNS_DOMAIN,
            );
            const s = logical(host);
            let toId: string;
            if (s) toId = addService(s);
            else {
              toId = `external:${host}`;
              if (!nodes.has(toId))
                nodes.set(toId, {
                  id: toId,
                  type: 'external',
                  name: host,
                  clusters: [cluster],
                });
            }
            const subset = r?.destination?.subset;
            if (s && subset) {
              // A subset route reaches the workloads the DestinationRule subset selects, with the
              // outcome a sidecar client in the VirtualService's namespace gets on that subset.
              const client = syntheticClient(cluster, vs.namespace);
              const dr = destinationRuleFor(
                index,
                cluster,
                vs.namespace,
                s.host,
                s.namespace,
                client.labels,
              );
              const labels = dr?.subsets.find(x => x.name === subset)?.labels;
              for (const inst of labels
                ? s.instances.filter(i => i.cluster === cluster)
                : []) {
                for (const w of serviceEndpoints(index, inst.service)) {
                  if (
                    !selectorMatches(labels!, w.labels) ||
                    !touches(toId, nodeId(w))
                  )
                    continue;
                  const outcome = worstOutcome(
                    calc
                      .edgeTemplate(client, s, w)
                      .filter(
                        e => e.to.subset === subset && e.to.cluster === cluster,
                      )
                      .map(e => e.outcome),
                  );
                  edges.push({
                    from: toId,
                    to: addWorkload(w),
                    source: 'subset',
                    object: {
                      kind: 'VirtualService',
                      namespace: vs.namespace,
                      name: vs.obj.metadata.name,
                    },
                    ...(typeof r?.weight === 'number'
                      ? { weight: r.weight }
                      : {}),
                    subset,
                    outcome,
                  });
                }
              }
            }
            for (const from of fromIds) {
              if (from.id === toId || !touches(from.id, toId)) continue;
              const port = r?.destination?.port?.number;
              const outcome = s
                ? worstOutcome(
                    calc
                      .edgeTemplate(from.client, s)
                      .filter(
                        e =>
                          (!subset || e.to.subset === subset) &&
                          (!port || e.to.port === port),
                      )
                      .map(e => e.outcome),
                  )
                : undefined;
              edges.push({
                from: from.id,
                to: toId,
                source: subset ? 'subset' : 'route',
                object: {
                  kind: 'VirtualService',
                  namespace: vs.namespace,
                  name: vs.obj.metadata.name,
                },
                ...(typeof r?.weight === 'number' ? { weight: r.weight } : {}),
                ...(subset ? { subset } : {}),
                outcome,
              });
            }
          }
        }
      }
    }
    // Gateway API routes (istio-semantics.md §h): Gateway (or, for a mesh route, its parent
    // Service) → route → each backend, attached and resolved as Istio does (routeAttachment).
    // A focus service that is the Service Istio generates for a Gateway puts the Gateway in focus.
    for (const r of around ?? []) {
      const gw = index.get(cluster, K.Service, r.namespace, r.name)?.obj
        .metadata.labels?.[GATEWAY_NAME_LABEL];
      if (!gw) continue;
      aroundKeys!.add(`gateway:${r.namespace}/${gw}`);
      focus!.add(`gateway:${r.namespace}/${gw}`);
    }
    for (const kk of GATEWAY_API_ROUTE_KINDS) {
      for (const rt of index.listAll(cluster, kk)) {
        if (aroundKeys && !routeNames(rt).some(k => aroundKeys.has(k)))
          continue;
        const att = routeAttachment(index, cluster, rt);
        const parents: Array<{ id: string; client: Workload }> = [];
        for (const p of att.parents) {
          if (!p.accepted || !p.parent) continue;
          if (p.type === 'gateway') {
            const id = `gateway:${p.ref.namespace}/${p.ref.name}`;
            let gw = gatewayWorkloads.get(`${cluster}|${id}`);
            if (gw === undefined) {
              gw =
                index
                  .workloads(cluster, p.ref.namespace)
                  .find(w => w.labels[GATEWAY_NAME_LABEL] === p.ref.name) ??
                null;
              gatewayWorkloads.set(`${cluster}|${id}`, gw);
            }
            if (!nodes.has(id))
              nodes.set(id, {
                id,
                type: 'gateway',
                namespace: p.ref.namespace,
                name: p.ref.name,
                clusters: [cluster],
                gateway: gatewayApiDetail(p.parent, gw ?? undefined),
              });
            parents.push({
              id,
              client: gw ?? syntheticClient(cluster, p.ref.namespace),
            });
          } else if (p.type === 'mesh' && p.parent.kk === K.Service) {
            const s = logical(
              serviceFqdn(p.ref.name, p.ref.namespace, DNS_DOMAIN),
            );
            if (s)
              parents.push({
                id: addService(s),
                client: syntheticClient(cluster, rt.namespace),
              });
          }
        }
        if (!parents.length) continue;
        const backends = att.backends.map(b => {
          const s =
            b.host !== undefined && b.reason !== 'BackendNotFound'
              ? logical(b.host)
              : undefined;
          const name = b.host ?? b.name;
          return { b, s, id: s ? serviceNodeId(s) : `external:${name}`, name };
        });
        const routeId = `route:${att.kind}:${rt.namespace}/${rt.obj.metadata.name}`;
        if (
          focus &&
          !parents.some(p => focus.has(p.id)) &&
          !backends.some(x => focus.has(x.id))
        )
          continue;
        const object = {
          kind: att.kind,
          namespace: rt.namespace,
          name: rt.obj.metadata.name,
        };
        if (!nodes.has(routeId))
          nodes.set(routeId, {
            id: routeId,
            type: 'route',
            kind: att.kind,
            namespace: rt.namespace,
            name: rt.obj.metadata.name,
            clusters: [cluster],
          });
        else nodes.get(routeId)!.clusters.push(cluster);
        for (const p of parents)
          edges.push({ from: p.id, to: routeId, source: 'attach', object });
        for (const { b, s, id, name } of backends) {
          if (s) addService(s);
          else if (!nodes.has(id))
            nodes.set(id, {
              id,
              type: 'external',
              name,
              clusters: [cluster],
            });
          const usable = b.reason === 'ResolvedRefs' && !b.portMissing;
          const outcome =
            s && usable
              ? worstOutcome(
                  parents.flatMap(p =>
                    calc
                      .edgeTemplate(p.client, s)
                      .filter(e => b.port === undefined || e.to.port === b.port)
                      .map(e => e.outcome),
                  ),
                )
              : undefined;
          edges.push({
            from: routeId,
            to: id,
            source: 'backend',
            object,
            weight: b.weight,
            ...(outcome ? { outcome } : {}),
            ...(usable
              ? {}
              : { unresolved: b.portMissing ? 'PortNotFound' : b.reason }),
          });
        }
      }
    }
    for (const se of index.listAll(cluster, K.ServiceEntry)) {
      for (const h of se.obj.spec?.hosts ?? []) {
        const id = `external:${h}`;
        if (!nodes.has(id))
          nodes.set(id, {
            id,
            type: 'external',
            name: String(h),
            clusters: [cluster],
          });
      }
    }
    for (const sc of index.listAll(cluster, K.Sidecar)) {
      const sel = sc.obj.spec?.workloadSelector?.labels;
      const clients = index
        .workloads(cluster, sc.namespace)
        .filter(w => !sel || selectorMatches(sel, w.labels));
      const sidecarObject = {
        kind: 'Sidecar',
        namespace: sc.namespace,
        name: sc.obj.metadata.name,
      };
      for (const eg of sc.obj.spec?.egress ?? []) {
        for (const h of eg?.hosts ?? []) {
          const host = sidecarEgressHost(String(h), sc.namespace, DNS_DOMAIN);
          const s = host === undefined ? undefined : logical(host);
          if (!s) continue;
          const to = addService(s);
          for (const c of clients) {
            const from = nodeId(c);
            if (!touches(from, to)) continue;
            addWorkload(c, from);
            edges.push({
              from,
              to,
              source: 'egress',
              object: sidecarObject,
              outcome: worstOutcome(
                calc.edgeTemplate(c, s).map(e => e.outcome),
              ),
            });
          }
        }
      }
    }
    // AuthorizationPolicies of the root namespace apply to the workloads of every namespace
    // (istio/istio `pilot/pkg/model/authorization.go`, `ListAuthorizationPolicies`).
    const root = index.meshConfig.rootNamespace;
    const policies = focusNamespaces
      ? [...new Set([...focusNamespaces, root])].flatMap(ns => [
          ...index.list(cluster, K.AuthorizationPolicy, ns),
        ])
      : [...index.listAll(cluster, K.AuthorizationPolicy)];
    for (const ap of policies) {
      if ((ap.obj.spec?.action ?? 'ALLOW') !== 'ALLOW') continue;
      const sel = ap.obj.spec?.selector?.matchLabels;
      const scope =
        ap.namespace === root
          ? [...index.workloadNamespaces(cluster)]
          : [ap.namespace];
      const servers = scope
        .flatMap(ns => index.workloads(cluster, ns))
        .filter(
          w =>
            (!sel || selectorMatches(sel, w.labels)) &&
            (!focusNamespaces || focusNamespaces.has(w.namespace)),
        );
      if (!servers.length) continue;
      // Per policy, not per edge: the server ids and the edges' (shared, never mutated) object.
      const serverIds = servers.map(nodeId);
      const serverReadsAccount = servers.map(readsAccount);
      const object = {
        kind: 'AuthorizationPolicy',
        namespace: ap.namespace,
        name: ap.obj.metadata.name,
      };
      let serversAdded = false;
      for (const rule of ap.obj.spec?.rules ?? []) {
        for (const from of rule?.from ?? []) {
          const callers = authorizedCallers(index, cluster, from?.source);
          for (const c of callers) {
            const a = nodeId(c);
            const shared = groupOutcomes(c, '');
            const own = groupOutcomes(c, `sa:${c.serviceAccount ?? 'default'}`);
            // Nodes in the order the pairs meet them: the caller, then each server.
            addWorkload(c, a);
            if (!serversAdded) {
              servers.forEach((w, i) => addWorkload(w, serverIds[i]));
              serversAdded = true;
            }
            for (let i = 0; i < servers.length; i++) {
              edges.push({
                from: a,
                to: serverIds[i],
                source: 'authorization',
                object,
                outcome: workloadOutcome(
                  c,
                  serverReadsAccount[i] ? own : shared,
                  servers[i],
                ),
              });
            }
          }
        }
      }
    }
  };
  for (const name of onlyCluster === undefined
    ? index.clusterNames()
    : [onlyCluster])
    clusterConfig(name);
  return { nodes: [...nodes.values()], edges };
}
