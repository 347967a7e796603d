import { K } from '../model/kinds';
import { Labels, labelSelectorMatches } from '../model/labels';
import { Message } from '../model/types';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';
import { identityDomain } from './mtlsStatus';

/**
 * Kiali's Gateway API validations (KIA1401, KIA1402, KIA1501–KIA1504, KIA1601 and the `GWAPI` status
 * code), from kiali/kiali `business/checkers/k8shttproutes/*.go`, `k8sgrpcroutes/*.go`, `k8sgateways/*.go`,
 * `k8sreferencegrants/*.go`, wired by `business/checkers/k8s*_checker.go` and `business/istio_validations.go`
 * (codes, severities and messages in `models/istio_validation.go`). No checks for TCPRoute/TLSRoute (as in Kiali).
 *
 * Kiali's inputs, as Meshplane reads them (all per cluster, as `istio_validations.go` passes them):
 * - every Gateway, Service and ReferenceGrant of the cluster; a namespace exists when a Namespace object or any
 *   object in it does (Kiali: its namespace list). Namespaces carry the API server's implicit
 *   `kubernetes.io/metadata.name` label.
 * - objects as the API server returns them: the CRD defaults are applied (parentRef group
 *   `gateway.networking.k8s.io` and kind `Gateway`, backendRef kind `Service`, address type `IPAddress`).
 * - the gateway classes of KIA1504 (`cache.GatewayAPIClasses`): Meshplane has no Kiali configuration, so they are
 *   the cluster's GatewayClasses whose `controllerName` starts with `istio.io` (Kiali's discovery with cluster-wide
 *   access and no label selector), else Kiali's defaults `istio`, `istio-remote`, `istio-east-west` (more than one
 *   cluster) and `istio-waypoint` (a ztunnel DaemonSet, labelled `app: ztunnel`, in any cluster).
 *
 * Kiali paths are written with dots; value segments Kiali appends for its editor (`/name/<gateway>`,
 * `/reason/<reason>`) are left out. Namespace-less objects are skipped.
 */
const NAME = 'kiali.gatewayApi';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

const TEXT = {
  KIA1401: 'Route is pointing to a non-existent or inaccessible K8s gateway',
  KIA1402: "Reference doesn't have a valid service (Service name not found)",
  KIA1501: 'More than one K8s Gateway for the same host port combination',
  KIA1502:
    'More than one K8s Gateway for the same address and type combination',
  KIA1503:
    'Each listener must have a unique combination of Hostname, Port, and Protocol',
  KIA1504: 'Gateway API Class not found in Kiali configuration',
  KIA1601: 'Namespace is not found or is not accessible',
  GWAPI: 'GWAPI errors should be changed in the spec.',
} as const;

/** The entries of a list field, non-objects (which the API server would reject) as `undefined`. */
const list = (v: unknown): any[] =>
  Array.isArray(v)
    ? v.map(e => (e !== null && typeof e === 'object' ? e : undefined))
    : [];
const str = (v: unknown): string =>
  v === undefined || v === null ? '' : String(v);
const nameOf = (o: StoredObject) => o.obj.metadata.name;
const fullName = (o: StoredObject) => `${o.namespace}/${o.obj.metadata.name}`;

// ---------------------------------------------------------------- Kiali host parsing (kubernetes/host.go, filters.go)

interface KialiHost {
  service: string;
  namespace: string;
  cluster: string;
  complete: boolean;
}

/** `kubernetes.ParseHost`: `svc` (in `namespace`), `svc.ns.<identity domain>`, else an incomplete host. */
function parseHost(
  hostName: string,
  namespace: string,
  domain: string,
): KialiHost {
  const parts = hostName.split('.');
  const host: KialiHost = {
    service: parts[0],
    namespace: '',
    cluster: '',
    complete: false,
  };
  if (parts.length > 1) {
    if (parts.length > 2 && parts.slice(2).join('.') === domain) {
      host.cluster = domain;
      host.complete = true;
    }
    if (host.complete) host.namespace = parts[1];
    else host.service = hostName;
  } else {
    host.namespace = namespace;
    host.cluster = domain;
    host.complete = true;
  }
  return host;
}

/** `Host.String`. */
function hostString(h: KialiHost): string {
  if (!h.complete) return h.service;
  return h.cluster
    ? `${h.service}.${h.namespace}.${h.cluster}`
    : `${h.service}.${h.namespace}`;
}

/** `kubernetes.ParseGatewayAsHost`: `name`, `name.ns[.cluster…]` or `ns/name`. */
function parseGatewayAsHost(
  gateway: string,
  currentNamespace: string,
  domain: string,
): KialiHost {
  const host: KialiHost = {
    service: gateway,
    namespace: currentNamespace,
    cluster: domain,
    complete: true,
  };
  if (gateway.includes('.')) {
    const parts = gateway.split('.');
    host.service = parts[0];
    if (parts.length > 1) {
      host.namespace = parts[1];
      if (parts.length > 2) host.cluster = parts.slice(2).join('.');
    }
  } else if (gateway.includes('/')) {
    const parts = gateway.split('/');
    host.namespace = parts[0];
    host.service = parts[1];
  }
  return host;
}

/** `kubernetes.FilterByHost`: `host` (in `hostNamespace`) names `serviceName` of `svcNamespace`. */
function filterByHost(
  host: string,
  hostNamespace: string,
  serviceName: string,
  svcNamespace: string,
  domain: string,
): boolean {
  return (
    (host === serviceName && hostNamespace === svcNamespace) ||
    host === `${serviceName}.${svcNamespace}` ||
    host === `${serviceName}.${svcNamespace}.svc` ||
    host === `${serviceName}.${svcNamespace}.${domain}`
  );
}

/**
 * `kubernetes.K8sGatewayNames`: the cluster's Gateways by `ParseHost(name, namespace).String()`, in list order
 * (a later Gateway with the same key replaces an earlier one, as in Kiali's map).
 */
function gatewayNames(
  index: MeshIndex,
  cluster: string,
  domain: string,
): Map<string, StoredObject> {
  return index.derived(
    cluster,
    K.GatewayApiGateway,
    `kiali.gatewayNames|${domain}`,
    () => {
      const names = new Map<string, StoredObject>();
      const gateways = [...index.listAll(cluster, K.GatewayApiGateway)]
        .filter(gw => gw.namespace !== '')
        .sort((a, b) => a.seq - b.seq);
      for (const gw of gateways)
        names.set(hostString(parseHost(nameOf(gw), gw.namespace, domain)), gw);
      return names;
    },
  );
}

// ---------------------------------------------------------------- routes (k8shttproutes/*.go, k8sgrpcroutes/*.go)

/** Namespace labels as the API server returns them (with the implicit `kubernetes.io/metadata.name`). */
function namespaceLabels(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): Labels {
  return {
    ...(index.namespaceLabels(cluster, namespace) ?? {}),
    [METADATA_NAME_LABEL]: namespace,
  };
}

/**
 * `IsGatewaySharedWithNS` (k8shttproutes/no_k8sgateway_checker.go): some listener's `allowedRoutes.namespaces`
 * is `from: All`, or `from: Selector` with a selector matching the route namespace's labels.
 */
function isGatewaySharedWithNs(gw: StoredObject, nsLabels: Labels): boolean {
  for (const l of list(gw.obj.spec?.listeners)) {
    const ns = l?.allowedRoutes?.namespaces;
    const from = ns?.from;
    if (from === undefined || from === null) continue;
    if (from === 'All') return true;
    if (from === 'Selector' && ns.selector && typeof ns.selector === 'object')
      if (labelSelectorMatches(ns.selector, nsLabels)) return true;
  }
  return false;
}

/**
 * `CheckGateway` (k8shttproutes/no_k8sgateway_checker.go): some Gateway whose name key `FilterByHost` matches the
 * parentRef's `ParseGatewayAsHost`, and whose namespace is the route's or which is shared with it. The keys it can
 * match are the parentRef's host minus 0, 1, 2 or 1 + (labels of the identity domain) trailing labels.
 */
function checkGateway(
  gwName: string,
  gwNs: string,
  route: StoredObject,
  names: Map<string, StoredObject>,
  domain: string,
  nsLabels: () => Labels,
): { ok: boolean; found?: StoredObject } {
  const hostname = parseGatewayAsHost(gwName, gwNs, domain);
  const host = hostString(hostname);
  const labels = host.split('.');
  let found: StoredObject | undefined;
  for (const n of new Set([0, 1, 2, 1 + domain.split('.').length])) {
    if (n >= labels.length) continue;
    const key = labels.slice(0, labels.length - n).join('.');
    const gw = names.get(key);
    if (!gw) continue;
    const gwHostname = parseHost(key, gwNs, domain);
    if (
      !filterByHost(host, hostname.namespace, key, gwHostname.namespace, domain)
    )
      continue;
    found = gw;
    if (gwHostname.namespace === route.namespace) return { ok: true, found };
    if (isGatewaySharedWithNs(gw, nsLabels())) return { ok: true, found };
  }
  return { ok: false, found };
}

/** `kubernetes.HasMatchingReferenceGrant`: a grant in `toNamespace` from (`fromNamespace`, `fromKind`) to `toKind`. */
function hasMatchingReferenceGrant(
  index: MeshIndex,
  cluster: string,
  fromNamespace: string,
  toNamespace: string,
  fromKind: string,
  toKind: string,
): boolean {
  for (const grant of index.list(cluster, K.ReferenceGrant, toNamespace)) {
    const fromMatch = list(grant.obj.spec?.from).some(
      f => str(f?.namespace) === fromNamespace && str(f?.kind) === fromKind,
    );
    if (
      fromMatch &&
      list(grant.obj.spec?.to).some(t => str(t?.kind) === toKind)
    )
      return true;
  }
  return false;
}

function routeChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  kk: string,
  routeKind: 'HTTPRoute' | 'GRPCRoute',
  out: Message[],
): void {
  const domain = identityDomain(index);
  let cachedNames: Map<string, StoredObject> | undefined;
  const names = () => (cachedNames ??= gatewayNames(index, cluster, domain));
  let labels: Labels | undefined;
  const nsLabels = () =>
    (labels ??= namespaceLabels(index, cluster, namespace));
  for (const route of index.list(cluster, kk, namespace)) {
    const parentRefs = list(route.obj.spec?.parentRefs);
    // KIA1401 (k8shttproutes/no_k8sgateway_checker.go `ValidateHTTPRouteGateways`,
    // k8sgrpcroutes/no_k8sgateway_checker.go `ValidateGRPCRouteGateways`): parentRefs of kind Gateway
    // (group gateway.networking.k8s.io; the CRD defaults both) with a name.
    parentRefs.forEach((ref, i) => {
      if (!ref) return;
      const name = str(ref.name);
      const kind = ref.kind ?? 'Gateway';
      const group = ref.group ?? GATEWAY_GROUP;
      if (name === '' || kind !== 'Gateway' || group !== GATEWAY_GROUP) return;
      const gwNs = str(ref.namespace) || namespace;
      const { ok, found } = checkGateway(
        name,
        gwNs,
        route,
        names(),
        domain,
        nsLabels,
      );
      if (ok) return;
      const detail = found
        ? `Gateway ${fullName(
            found,
          )} has no listener that allows routes from namespace ${namespace} (allowedRoutes.namespaces from: All, or a Selector matching it)`
        : `Gateway ${gwNs}/${name} not found`;
      out.push(
        message(
          'KIA1401',
          NAME,
          route,
          `${TEXT.KIA1401}: ${detail}`,
          `spec.parentRefs[${i}].name`,
        ),
      );
    });
    // KIA1402 (k8shttproutes/no_host_checker.go, k8sgrpcroutes/no_host_checker.go `checkReference`): references of
    // kind Service (parentRefs, then backendRefs, whose kind the CRD defaults to Service).
    // Istio checks ReferenceGrants only for backends of routes attached to a Gateway
    // (pilot/pkg/config/kube/gateway: enforceRefGrant = !mesh), never for a Service parentRef.
    const meshOnly = parentRefs.every(
      p => p?.kind === 'Service' || p?.kind === 'ServiceEntry',
    );
    const checkReference = (ref: any, path: string, parent: boolean) => {
      const name = str(ref?.name);
      const target = str(ref?.namespace) || namespace;
      let problem: string | undefined;
      if (name.includes('.'))
        problem = `"${name}" is not a Service name (a name has no dots)`;
      else if (
        target !== namespace &&
        !hasMatchingReferenceGrant(
          index,
          cluster,
          namespace,
          target,
          routeKind,
          'Service',
        )
      )
        problem = `no ReferenceGrant in namespace ${target} allows ${routeKind}s of namespace ${namespace} to reference Services${
          parent || meshOnly
            ? ` (Istio itself needs none here: it checks ReferenceGrants only for the backends of routes attached to a Gateway, and accepts this ${
                parent ? 'parent' : 'mesh route backend'
              })`
            : ''
        }`;
      else if (!index.get(cluster, K.Service, target, name))
        problem = `Service ${target}/${name} not found`;
      if (problem)
        out.push(
          message('KIA1402', NAME, route, `${TEXT.KIA1402}: ${problem}`, path),
        );
    };
    parentRefs.forEach((ref, i) => {
      if (ref?.kind !== 'Service') return;
      checkReference(ref, `spec.parentRefs[${i}].name`, true);
    });
    list(route.obj.spec?.rules).forEach((rule, k) =>
      list(rule?.backendRefs).forEach((ref, i) => {
        if (!ref || (ref.kind ?? 'Service') !== 'Service') return;
        checkReference(ref, `spec.rules[${k}].backendRefs[${i}].name`, false);
      }),
    );
  }
}

// ---------------------------------------------------------------- gateways (k8sgateways/*.go)

interface ListenerKey {
  hostname: string;
  port: string;
  protocol: string;
}

/** A listener's (hostname, port, protocol), or undefined without a hostname (Kiali compares only set hostnames). */
function listenerKey(l: any): ListenerKey | undefined {
  if (l?.hostname === undefined || l?.hostname === null) return undefined;
  return {
    hostname: str(l.hostname),
    port: str(l?.port),
    protocol: str(l?.protocol),
  };
}

const keyString = (k: ListenerKey) => `${k.hostname}|${k.port}|${k.protocol}`;
const describe = (k: ListenerKey) => `${k.hostname}:${k.port}/${k.protocol}`;

/** A spec address's (type, value); the CRD defaults the type to IPAddress. Kiali skips empty values. */
function addressKey(a: any): string | undefined {
  const value = str(a?.value);
  if (value === '') return undefined;
  return `${str(a?.type ?? 'IPAddress')}|${value}`;
}

interface GatewayMaps {
  listeners: Map<string, StoredObject[]>;
  addresses: Map<string, StoredObject[]>;
}

/** The cluster's Gateways by listener (hostname, port, protocol) and by address (type, value). */
function gatewayMaps(index: MeshIndex, cluster: string): GatewayMaps {
  return index.derived(cluster, K.GatewayApiGateway, 'kiali.multiMatch', () => {
    const maps: GatewayMaps = { listeners: new Map(), addresses: new Map() };
    const add = (
      m: Map<string, StoredObject[]>,
      k: string,
      gw: StoredObject,
    ) => {
      const bucket = m.get(k);
      if (!bucket) m.set(k, [gw]);
      else if (!bucket.includes(gw)) bucket.push(gw);
    };
    const gateways = [...index.listAll(cluster, K.GatewayApiGateway)]
      .filter(gw => gw.namespace !== '')
      .sort((a, b) => a.seq - b.seq);
    for (const gw of gateways) {
      for (const l of list(gw.obj.spec?.listeners)) {
        const k = listenerKey(l);
        if (k) add(maps.listeners, keyString(k), gw);
      }
      for (const a of list(gw.obj.spec?.addresses)) {
        const k = addressKey(a);
        if (k) add(maps.addresses, k, gw);
      }
    }
    return maps;
  });
}

/** Kiali's condition maps (k8sgateways/status_checker.go `K8sGatewayConditionStatus`, `K8sGatewayListenersStatus`). */
const GATEWAY_CONDITIONS: Record<string, string> = {
  Accepted: 'False',
  Programmed: 'False',
  Ready: 'False',
  Scheduled: 'False',
};
const LISTENER_CONDITIONS: Record<string, string> = {
  Accepted: 'False',
  Conflicted: 'True',
  Detached: 'True',
  Programmed: 'False',
  Ready: 'False',
  ResolvedRefs: 'False',
};

/** A condition status as the API stores it (YAML may parse an unquoted `False` as a boolean). */
function conditionStatus(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  return str(v);
}

/** `isBenignPositiveConditionFalse` (k8sgateways/status_checker.go). */
function isBenign(c: any): boolean {
  if (conditionStatus(c?.status) !== 'False') return false;
  if (
    !['Accepted', 'Programmed', 'Ready', 'ResolvedRefs', 'Scheduled'].includes(
      str(c?.type),
    )
  )
    return false;
  const reason = str(c?.reason);
  if (['Pending', 'ListenersNotValid', 'ListenerSetsNotValid'].includes(reason))
    return true;
  if (reason === 'AddressNotAssigned')
    return str(c?.message).toLowerCase().includes('address pending');
  return false;
}

/** `isProblematicCondition` (k8sgateways/status_checker.go). */
function isProblematic(c: any, problematic: Record<string, string>): boolean {
  const type = str(c?.type);
  if (!Object.prototype.hasOwnProperty.call(problematic, type)) return false;
  return conditionStatus(c?.status) === problematic[type] && !isBenign(c);
}

/** A GWAPI message: Kiali's text (`<condition message>. GWAPI errors should be changed in the spec.`) and the condition. */
function gwapiText(c: any, listener?: string): string {
  const what = `${str(c?.type)}=${conditionStatus(c?.status)}${
    c?.reason ? `, reason ${str(c.reason)}` : ''
  }${listener !== undefined ? `, listener ${listener}` : ''}`;
  return `${str(c?.message)}. ${TEXT.GWAPI} (${what})`;
}

/**
 * Kiali's gateway classes (cache/cache.go `GatewayAPIClasses`, without Kiali configuration): discovered
 * GatewayClasses of an `istio.io` controller, else the defaults. The fleet-wide read behind `istio-waypoint` is made
 * only when the class asked about (`needs`) is none of the others.
 */
function gatewayClasses(
  index: MeshIndex,
  cluster: string,
  needs: string,
): string[] {
  const discovered = [...index.list(cluster, K.GatewayClass, '')]
    .sort((a, b) => a.seq - b.seq)
    .filter(gc => str(gc.obj.spec?.controllerName).startsWith('istio.io'))
    .map(nameOf);
  if (discovered.length) return discovered;
  const classes = ['istio', 'istio-remote'];
  if (index.clusterNames().length > 1) classes.push('istio-east-west');
  if (!classes.includes(needs) && ambientInAnyCluster(index))
    classes.push('istio-waypoint');
  return classes;
}

/** `IsAmbientEnabledInAnyCluster`: a DaemonSet labelled `app: ztunnel` (its own or its pods' labels) in any cluster. */
function ambientInAnyCluster(index: MeshIndex): boolean {
  for (const ds of index.listFleet(K.DaemonSet)) {
    if (
      ds.obj.metadata.labels?.app === 'ztunnel' ||
      ds.obj.spec?.template?.metadata?.labels?.app === 'ztunnel'
    )
      return true;
  }
  return false;
}

function gatewayChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  out: Message[],
): void {
  let cachedMaps: GatewayMaps | undefined;
  const gatewayIndex = () => (cachedMaps ??= gatewayMaps(index, cluster));
  for (const gw of index.list(cluster, K.GatewayApiGateway, namespace)) {
    const name = nameOf(gw);
    const spec = gw.obj.spec;
    const listeners = list(spec?.listeners);
    // Other Gateways of the cluster: Kiali tells them apart by name only (`gw.Name == gwName`).
    const others = (bucket: StoredObject[] | undefined) =>
      (bucket ?? []).filter(o => nameOf(o) !== name);
    const addresses = list(spec?.addresses);
    const maps =
      listeners.length || addresses.length ? gatewayIndex() : undefined;

    // KIA1502 (k8sgateways/multi_match_checker.go `findMatchIP`): one check per Gateway (path without index).
    const colliding = new Set<StoredObject>();
    const collidingAddresses: string[] = [];
    for (const a of addresses) {
      const k = addressKey(a);
      const hits = k ? others(maps?.addresses.get(k)) : [];
      if (!hits.length) continue;
      hits.forEach(h => colliding.add(h));
      collidingAddresses.push(`${str(a?.type ?? 'IPAddress')} ${str(a.value)}`);
    }
    if (colliding.size)
      out.push(
        message(
          'KIA1502',
          NAME,
          gw,
          `${TEXT.KIA1502}: ${collidingAddresses.join(', ')} also on ${[
            ...colliding,
          ]
            .map(fullName)
            .join(', ')}`,
          'spec.addresses.value',
        ),
      );

    const unique = new Set<number>();
    listeners.forEach((listener, index0) => {
      const k = listenerKey(listener);
      // KIA1501 (k8sgateways/multi_match_checker.go `findMatch`): a listener of another Gateway with the same
      // hostname (both set), port and protocol.
      const hits = k ? others(maps?.listeners.get(keyString(k))) : [];
      if (k && hits.length)
        out.push(
          message(
            'KIA1501',
            NAME,
            gw,
            `${TEXT.KIA1501}: listener ${str(listener?.name)} (${describe(
              k,
            )}) also on ${hits.map(fullName).join(', ')}`,
            `spec.listeners[${index0}].hostname`,
          ),
        );
      // KIA1503 (k8sgateways/multi_match_checker.go `Check`): another listener of this Gateway (another name) with the
      // same hostname (both set), port and protocol; reported on that listener, once.
      if (!k) return;
      listeners.forEach((l, i) => {
        const lk = listenerKey(l);
        if (
          !lk ||
          str(l?.name) === str(listener?.name) ||
          keyString(lk) !== keyString(k) ||
          unique.has(i)
        )
          return;
        unique.add(i);
        out.push(
          message(
            'KIA1503',
            NAME,
            gw,
            `${TEXT.KIA1503}: listener ${str(l?.name)} repeats ${describe(
              lk,
            )} of listener ${str(listener?.name)}`,
            `spec.listeners[${i}].name`,
          ),
        );
      });
    });

    // GWAPI (k8sgateways/status_checker.go `Check`): Kiali's path is `status/conditions[i]/reason/<reason>` for the
    // Gateway's conditions and `status/conditions[<listener index>]/type/<reason>` for a listener's; Meshplane names
    // the listener condition's own field.
    list(gw.obj.status?.conditions).forEach((c, i) => {
      if (isProblematic(c, GATEWAY_CONDITIONS))
        out.push(
          message(
            'GWAPI',
            NAME,
            gw,
            gwapiText(c),
            `status.conditions[${i}].reason`,
          ),
        );
    });
    list(gw.obj.status?.listeners).forEach((l, i) =>
      list(l?.conditions).forEach((c, j) => {
        if (isProblematic(c, LISTENER_CONDITIONS))
          out.push(
            message(
              'GWAPI',
              NAME,
              gw,
              gwapiText(c, str(l?.name)),
              `status.listeners[${i}].conditions[${j}].type`,
            ),
          );
      }),
    );

    // KIA1504 (k8sgateways/gatewayclass_checker.go): `spec.gatewayClassName` is none of Kiali's classes.
    const className = str(spec?.gatewayClassName);
    const classes = gatewayClasses(index, cluster, className);
    if (!classes.includes(className))
      out.push(
        message(
          'KIA1504',
          NAME,
          gw,
          `${TEXT.KIA1504}: "${className}" is none of ${classes.join(', ')}`,
          'spec.gatewayClassName',
        ),
      );
  }
}

// ---------------------------------------------------------------- reference grants (k8sreferencegrants/*.go)

function referenceGrantChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  out: Message[],
): void {
  for (const grant of index.list(cluster, K.ReferenceGrant, namespace)) {
    // KIA1601 (k8sreferencegrants/namespace_checker.go): `from[i].namespace` is no namespace of the cluster.
    list(grant.obj.spec?.from).forEach((from, i) => {
      const ns = str(from?.namespace);
      if (ns !== '' && index.namespaceExists(cluster, ns)) return;
      out.push(
        message(
          'KIA1601',
          NAME,
          grant,
          `${TEXT.KIA1601}: ${ns === '' ? '(empty)' : ns}`,
          `spec.from[${i}].namespace`,
        ),
      );
    });
  }
}

/** Kiali's Gateway API validations of the HTTPRoutes, GRPCRoutes, Gateways and ReferenceGrants of a namespace. */
export const kialiGatewayApiValidations: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.HTTPRoute, K.GRPCRoute, K.GatewayApiGateway, K.ReferenceGrant],
  run({ index, cluster, namespace }) {
    if (namespace === '') return [];
    const out: Message[] = [];
    gatewayChecks(index, cluster, namespace, out);
    routeChecks(index, cluster, namespace, K.HTTPRoute, 'HTTPRoute', out);
    routeChecks(index, cluster, namespace, K.GRPCRoute, 'GRPCRoute', out);
    referenceGrantChecks(index, cluster, namespace, out);
    return out;
  },
};
