import { sidecarEgressHost } from '../model/hosts';
import { K } from '../model/kinds';
import { hasLabels, selectorMatches } from '../model/labels';
import type {
  Edge,
  EdgeOutcome,
  Message,
  ObjectRef,
  ObservedTraffic,
  TrafficTlsShares,
} from '../model/types';
import {
  hasTargetRefs,
  isDryRun,
  targetRefsOf,
} from '../posture/authorization';
import { compareOutcomes } from '../posture/outcomes';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { isCaller, type Workload } from '../snapshot/workloads';
import { CODES } from '../validation/messages';
import {
  callerKey,
  isTrafficUsed,
  ObservedTrafficIndex,
  serviceKey,
  UNKNOWN_WORKLOAD,
} from './observedTraffic';

const NAME = 'meshplane.TrafficAnalyzer';

/** What the entity answer asks findings about: its services (`namespace/name`) and its workloads ({@link callerKey}). */
export interface TrafficScope {
  services: ReadonlySet<string>;
  workloads: ReadonlySet<string>;
}

function finding(
  code: string,
  resource: ObjectRef,
  text: string,
  path?: string,
): Message {
  return {
    code,
    level: CODES[code].level,
    analyzer: NAME,
    message: text,
    resource,
    ...(path ? { path } : {}),
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const figure = (n: number) => String(Math.round(n * 100) / 100);

/** The observed volume in words: requests, or for L4 only connections and bytes. */
function trafficText(o: ObservedTraffic): string {
  if (o.requestsPerSecond !== undefined)
    return `${figure(o.requestsPerSecond)} req/s${
      o.errorRate !== undefined ? ` (${percent(o.errorRate)} errors)` : ''
    }`;
  const parts = ['L4 only'];
  if (o.connectionsPerSecond !== undefined)
    parts.push(`${figure(o.connectionsPerSecond)} conn/s`);
  if (o.tcpBytesPerSecond !== undefined)
    parts.push(`${figure(o.tcpBytesPerSecond)} B/s`);
  return parts.join(', ');
}

function callerText(from: Edge['from']): string {
  if (from.workload === UNKNOWN_WORKLOAD)
    return `an out-of-mesh caller${
      from.namespace !== UNKNOWN_WORKLOAD
        ? ` in namespace ${from.namespace}`
        : ''
    }`;
  return `${from.namespace}/${from.workload} (${from.cluster})`;
}

/** `caller → namespace/service in cluster`, the subject of an edge finding. */
function edgeText(e: Edge): string {
  return `${callerText(e.from)} → ${e.to.namespace}/${e.to.service} in ${
    e.to.cluster
  }`;
}

/** The policies an edge's reason names (the engine writes `Kind namespace/name`). */
const NAMED = {
  DestinationRule:
    /\bDestinationRule ([a-z0-9][-a-z0-9.]*)\/([a-z0-9][-a-z0-9.]*)/,
  PeerAuthentication:
    /\bPeerAuthentication ([a-z0-9][-a-z0-9.]*)\/([a-z0-9][-a-z0-9.]*)/,
};

type Decider =
  | 'deniedBy'
  | 'destinationRule'
  | 'peerAuthentication'
  | 'client'
  | 'service';

/**
 * The object a finding on an edge names: the first of `order` the edge has — the
 * AuthorizationPolicy that denies it, the DestinationRule or PeerAuthentication its reason
 * names (looked up in the config cluster of the client or server), the client workload — else
 * the destination Service.
 */
function decidingObject(
  index: MeshIndex,
  e: Edge,
  order: readonly Decider[],
): ObjectRef {
  const named = (kind: keyof typeof NAMED, kk: string, cluster: string) => {
    const m = NAMED[kind].exec(e.reason);
    return m
      ? index.get(index.configCluster(cluster), kk, m[1], m[2])
      : undefined;
  };
  for (const decider of order) {
    let found: StoredObject | undefined;
    if (decider === 'deniedBy' && e.deniedBy)
      found = index.get(
        e.deniedBy.cluster ?? e.to.cluster,
        K.AuthorizationPolicy,
        e.deniedBy.namespace,
        e.deniedBy.name,
      );
    else if (
      decider === 'destinationRule' &&
      e.clientTlsSource === 'destinationRule'
    )
      found = named('DestinationRule', K.DestinationRule, e.from.cluster);
    else if (decider === 'peerAuthentication')
      found = named('PeerAuthentication', K.PeerAuthentication, e.to.cluster);
    else if (decider === 'client' && index.clusters.has(e.from.cluster))
      found = index
        .workloads(e.from.cluster, e.from.namespace)
        .find(w => w.name === e.from.workload)?.objects[0];
    else if (decider === 'service')
      found = index.get(e.to.cluster, K.Service, e.to.namespace, e.to.service);
    if (found) return found.ref;
  }
  return {
    cluster: e.to.cluster,
    apiVersion: 'v1',
    kind: 'Service',
    namespace: e.to.namespace,
    name: e.to.service,
  };
}

/**
 * What the TLS observed on an edge says against its configured outcome: `plaintext` seen on
 * an edge the configuration makes mutual TLS, `mutualTls` seen on one it makes plaintext
 * (per edge: MPL0200 and MPL0201 need it of every edge of the caller → service → cluster).
 *
 * @public
 */
export function observedTlsContradiction(
  outcome: EdgeOutcome,
  tls: TrafficTlsShares,
): 'plaintext' | 'mutualTls' | undefined {
  if (outcome === 'mtls' && tls.plaintext > 0) return 'plaintext';
  if (outcome === 'plaintext' && tls.mutualTls > 0) return 'mutualTls';
  return undefined;
}

/**
 * MPL0200–MPL0202 and MPL0204 on joined edges: per caller → service → destination cluster with observed
 * traffic (the edges of its ports and subsets share the figures, so a port that the
 * configuration treats otherwise could carry the traffic: each rule needs every edge of the
 * group that is not `excluded` to agree) —
 * - MPL0202: traffic flows while every edge is `fail` or `denied`;
 * - MPL0200: some of it is plaintext (destination or waypoint reporter) while every edge is `mtls`;
 * - MPL0204: some of it is plaintext while every edge is `plaintext` (the server accepts it: a
 *   move to STRICT would reject it — the posture's STRICT blockers, seen calling);
 * - MPL0201: some of it is mutual TLS while every edge is `plaintext` (with MPL0204 when the
 *   traffic is mixed).
 */
export function edgeTrafficFindings(
  index: MeshIndex,
  edges: readonly Edge[],
  window: string,
): Message[] {
  const groups = new Map<string, Edge[]>();
  for (const e of edges) {
    if (!e.observed) continue;
    const key = `${callerKey(e.from)}\u0001${serviceKey(e.to)}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const out: Message[] = [];
  for (const group of groups.values()) {
    const observed = group[0].observed!;
    const live = group
      .filter(e => e.outcome !== 'excluded')
      .sort((a, b) => compareOutcomes(a.outcome, b.outcome));
    if (!live.length || !isTrafficUsed(observed)) continue;
    const e = live[0];
    const seen = `observed in the last ${window} (${observed.reporter} reporter)`;
    if (live.every(x => x.outcome === 'fail' || x.outcome === 'denied')) {
      out.push(
        finding(
          'MPL0202',
          decidingObject(index, e, [
            'deniedBy',
            'peerAuthentication',
            'destinationRule',
            'service',
          ]),
          `${edgeText(e)}: ${trafficText(
            observed,
          )} ${seen}, but the configuration ${
            e.outcome === 'denied'
              ? 'denies this caller'
              : 'makes its connections fail'
          }: ${e.reason}`,
        ),
      );
      continue;
    }
    const contradicts = (kind: 'plaintext' | 'mutualTls') =>
      live.every(
        x => observedTlsContradiction(x.outcome, observed.tls) === kind,
      );
    if (contradicts('plaintext')) {
      out.push(
        finding(
          'MPL0200',
          decidingObject(index, e, ['destinationRule', 'client', 'service']),
          `${edgeText(e)}: ${percent(
            observed.tls.plaintext,
          )} of the traffic ${seen} is plaintext, but the configuration makes this edge mutual TLS: ${
            e.reason
          }`,
        ),
      );
    }
    // Plaintext accepted today (the STRICT blockers seen calling), and mutual TLS where the
    // configuration expects plaintext: both can hold for one caller's mixed traffic.
    if (
      observed.tls.plaintext > 0 &&
      live.every(x => x.outcome === 'plaintext')
    ) {
      out.push(
        finding(
          'MPL0204',
          decidingObject(index, e, ['peerAuthentication', 'client', 'service']),
          `${edgeText(e)}: ${trafficText(observed)} ${seen}, ${percent(
            observed.tls.plaintext,
          )} of it plaintext, which the server accepts today; a move to STRICT would reject it: ${
            e.reason
          }`,
        ),
      );
    }
    if (contradicts('mutualTls')) {
      out.push(
        finding(
          'MPL0201',
          decidingObject(index, e, [
            'destinationRule',
            'peerAuthentication',
            'client',
            'service',
          ]),
          `${edgeText(e)}: ${percent(
            observed.tls.mutualTls,
          )} of the traffic ${seen} is mutual TLS, but the configuration makes this edge plaintext: ${
            e.reason
          }`,
        ),
      );
    }
  }
  return out;
}

/** Whether one of some callers was observed calling one of some services (by {@link serviceKey}) in the window. */
function calledAny(
  traffic: ObservedTrafficIndex,
  callers: readonly Workload[],
  calls: (o: {
    cluster: string;
    namespace: string;
    service: string;
  }) => boolean,
): boolean {
  return callers.some(c => {
    const callees = traffic.callees({
      cluster: c.cluster,
      namespace: c.namespace,
      workload: c.name,
    });
    if (!callees) return false;
    for (const o of callees.values())
      if (calls(o.to) && isTrafficUsed(o.observed)) return true;
    return false;
  });
}

/** The callers (every cluster) an exact `principals`, `serviceAccounts` or `namespaces` entry names. */
function namedCallers(
  index: MeshIndex,
  field: 'principals' | 'serviceAccounts' | 'namespaces',
  value: string,
): Workload[] {
  let namespace = value;
  let account: string | undefined;
  if (field !== 'namespaces') {
    const m =
      field === 'principals'
        ? /\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(value)
        : /^([^/]+)\/([^/]+)$/.exec(value);
    if (!m) return [];
    [, namespace, account] = m;
  }
  return index
    .fleetWorkloads(namespace)
    .flatMap(({ workloads }) => workloads)
    .filter(
      w =>
        isCaller(w) &&
        (account === undefined || (w.serviceAccount ?? 'default') === account),
    );
}

const nameList = (workloads: readonly Workload[]) => {
  const names = [...new Set(workloads.map(w => `${w.namespace}/${w.name}`))];
  return names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');
};

/**
 * The Services an ALLOW AuthorizationPolicy guards, in the clusters that take its cluster's
 * config: with `targetRefs`, the Services it targets (a waypoint enforces it); else the Services
 * of its namespace that select a workload its selector selects (all, without one).
 */
function guardedServices(
  index: MeshIndex,
  ap: StoredObject,
  served: readonly string[],
): Array<{ cluster: string; namespace: string; service: string }> {
  const out: Array<{ cluster: string; namespace: string; service: string }> =
    [];
  if (hasTargetRefs(ap)) {
    for (const ref of targetRefsOf(ap.obj.spec))
      if (ref?.kind === 'Service' && !ref?.group)
        for (const cluster of served)
          if (index.get(cluster, K.Service, ap.namespace, String(ref.name)))
            out.push({
              cluster,
              namespace: ap.namespace,
              service: String(ref.name),
            });
    return out;
  }
  const sel = ap.obj.spec?.selector?.matchLabels;
  for (const cluster of served) {
    const servers = index
      .workloads(cluster, ap.namespace)
      .filter(w => !hasLabels(sel) || selectorMatches(sel, w.labels));
    if (!servers.length) continue;
    for (const svc of index.list(cluster, K.Service, ap.namespace)) {
      const selector = svc.obj.spec?.selector;
      if (
        hasLabels(selector) &&
        servers.some(w => selectorMatches(selector, w.labels))
      )
        out.push({
          cluster,
          namespace: ap.namespace,
          service: svc.obj.metadata.name,
        });
    }
  }
  return out;
}

/**
 * MPL0203: configured access that names its callers and was not used in the window —
 * - an exact `principals`, `serviceAccounts` or `namespaces` entry of an ALLOW
 *   AuthorizationPolicy (not in the root namespace, not dry-run) whose workloads were not
 *   observed calling any Service the policy guards;
 * - an exact host of a Sidecar's `egress` (not in the root namespace) that none of the
 *   Sidecar's workloads was observed calling.
 * Wildcards name no one and are passed over. Judged only where the document observed something:
 * traffic into the policy's namespace, out of the Sidecar's (a document written for another
 * namespace says nothing about this one). With `scope`, only the policies guarding the scope's
 * services and the Sidecars of its workloads.
 */
export function unusedAccessFindings(
  index: MeshIndex,
  traffic: ObservedTrafficIndex,
  scope?: TrafficScope,
): Message[] {
  const out: Message[] = [];
  const root = index.meshConfig.rootNamespace;
  const window = traffic.window;
  const clusters = index.clusterNames();
  for (const cluster of clusters) {
    if (index.configCluster(cluster) !== cluster) continue;
    // The clusters whose proxies take this cluster's Istio config: itself and its remotes.
    const served = clusters.filter(c => index.configCluster(c) === cluster);
    for (const ap of index.listAll(cluster, K.AuthorizationPolicy)) {
      const spec = ap.obj.spec;
      if (
        ap.namespace === root ||
        isDryRun(ap) ||
        (spec?.action ?? 'ALLOW') !== 'ALLOW' ||
        !Array.isArray(spec?.rules) ||
        !served.some(c => traffic.observedInto(c, ap.namespace))
      )
        continue;
      const services = guardedServices(index, ap, served);
      if (
        !services.length ||
        (scope &&
          !services.some(s =>
            scope.services.has(`${s.namespace}/${s.service}`),
          ))
      )
        continue;
      const guarded = new Set(services.map(serviceKey));
      const serviceNames = [
        ...new Set(services.map(s => `${s.namespace}/${s.service}`)),
      ].join(', ');
      spec.rules.forEach((rule: any, i: number) => {
        (Array.isArray(rule?.from) ? rule.from : []).forEach(
          (from: any, j: number) => {
            for (const field of [
              'principals',
              'serviceAccounts',
              'namespaces',
            ] as const) {
              const values = from?.source?.[field];
              if (!Array.isArray(values)) continue;
              values.forEach((value: unknown, k: number) => {
                if (typeof value !== 'string' || value.includes('*')) return;
                const callers = namedCallers(index, field, value);
                if (
                  !callers.length ||
                  calledAny(traffic, callers, to => guarded.has(serviceKey(to)))
                )
                  return;
                out.push(
                  finding(
                    'MPL0203',
                    ap.ref,
                    `ALLOW rule ${i} admits ${
                      field === 'namespaces' ? `namespace ${value}` : value
                    } (${nameList(
                      callers,
                    )}) to ${serviceNames}, and none of them called it in the last ${window}`,
                    `spec.rules[${i}].from[${j}].source.${field}[${k}]`,
                  ),
                );
              });
            }
          },
        );
      });
    }
    for (const sc of index.listAll(cluster, K.Sidecar)) {
      const egress = sc.obj.spec?.egress;
      if (
        sc.namespace === root ||
        !Array.isArray(egress) ||
        !served.some(c => traffic.observedFrom(c, sc.namespace))
      )
        continue;
      const sel = sc.obj.spec?.workloadSelector?.labels;
      const clients = served.flatMap(c =>
        index
          .workloads(c, sc.namespace)
          .filter(
            w =>
              isCaller(w) &&
              (!hasLabels(sel) || selectorMatches(sel, w.labels)),
          ),
      );
      if (
        !clients.length ||
        (scope &&
          !clients.some(w =>
            scope.workloads.has(
              callerKey({
                cluster: w.cluster,
                namespace: w.namespace,
                workload: w.name,
              }),
            ),
          ))
      )
        continue;
      egress.forEach((entry: any, i: number) => {
        (Array.isArray(entry?.hosts) ? entry.hosts : []).forEach(
          (h: unknown, j: number) => {
            const host = sidecarEgressHost(String(h), sc.namespace, DNS_DOMAIN);
            const svc =
              host === undefined
                ? undefined
                : index.servicesByHost(host)[0]?.service;
            if (!svc) return;
            const name = svc.obj.metadata.name;
            if (
              calledAny(
                traffic,
                clients,
                to => to.namespace === svc.namespace && to.service === name,
              )
            )
              return;
            out.push(
              finding(
                'MPL0203',
                sc.ref,
                `egress host ${String(h)} lets ${nameList(clients)} call ${
                  svc.namespace
                }/${name}, and none of them called it in the last ${window}`,
                `spec.egress[${i}].hosts[${j}]`,
              ),
            );
          },
        );
      });
    }
  }
  return out;
}
