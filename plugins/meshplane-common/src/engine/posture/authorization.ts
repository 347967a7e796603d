import { K } from '../model/kinds';
import { hasLabels, Labels, selectorMatches } from '../model/labels';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { convertProtocol } from '../validation/service/protocol';
import type { ServicePort } from './servicePorts';

/**
 * AuthorizationPolicy at the proxy that enforces it, for one caller → one endpoint connection:
 * whether every request of that caller is rejected. A connection knows the caller's identity (when
 * it carries one) and the port, not the requests' HTTP attributes nor source addresses, so a rule
 * is decided `yes`, `no` or `maybe`: a DENY rejects the edge only on `yes`, an ALLOW admits it on
 * `yes` or `maybe`. Sources: istio/istio `pilot/pkg/security/authz/builder/builder.go` and
 * `model/` (Envoy RBAC: CUSTOM, DENY, then ALLOW; HTTP-only fields on TCP ports),
 * `pilot/pkg/serviceregistry/ambient/authorization.go` (`convertAuthorizationPolicy`, `handleRule`:
 * what ztunnel receives), ztunnel `src/rbac.rs` and `src/state.rs` `assert_rbac`;
 * istio-semantics.md §g.8.
 */

/** The proxy that enforces a policy. */
export type Enforcer = 'sidecar' | 'ztunnel' | 'waypoint';

/** What the enforcing proxy knows of the caller: its identity when the connection carries one. */
export interface Caller {
  /** `<trust domain>/ns/<namespace>/sa/<service account>`; absent for plaintext. */
  principal?: string;
  namespace?: string;
}

export interface Rejection {
  policy: StoredObject;
  reason: string;
}

type Tri = 'yes' | 'no' | 'maybe';

/** Rank of a three-valued match, for `and` (minimum) and `or` (maximum). */
const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 };
const BY_RANK: Tri[] = ['no', 'maybe', 'yes'];
const and = (a: Tri, b: Tri): Tri => BY_RANK[Math.min(RANK[a], RANK[b])];
const or = (a: Tri, b: Tri): Tri => BY_RANK[Math.max(RANK[a], RANK[b])];
const not = (a: Tri): Tri => BY_RANK[2 - RANK[a]];

/** Istio's string match: exact, `*`, prefix `x*`, suffix `*x` (`pilot/pkg/security/authz/matcher/string.go`). */
function stringMatch(value: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return value === pattern;
}

/** `values` match (`yes`/`no`); absent value (no identity): nothing matches. */
function anyMatch(value: string | undefined, patterns: unknown): Tri {
  if (!Array.isArray(patterns)) return 'yes';
  if (value === undefined) return 'no';
  return patterns.some(p => stringMatch(value, String(p))) ? 'yes' : 'no';
}

/** Fields of `from.source`, `to.operation` and `when` keys ztunnel understands (L4); the rest is HTTP. */
const L4_SOURCE = new Set([
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'ipBlocks',
  'notIpBlocks',
]);
const L4_OPERATION = new Set(['ports', 'notPorts']);
const L4_WHEN = new Set([
  'source.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
]);

interface Context {
  caller: Caller;
  port: number;
  /** HTTP attributes are dropped (ztunnel, or an Envoy on a non-HTTP port): see {@link evaluateRule}. */
  l4: boolean;
}

function sourceMatch(source: any, ctx: Context): Tri {
  const { principal, namespace } = ctx.caller;
  let r: Tri = 'yes';
  for (const [key, values] of Object.entries(source ?? {})) {
    if (!Array.isArray(values)) continue;
    let m: Tri;
    switch (key) {
      case 'principals':
        m = anyMatch(principal, values);
        break;
      case 'notPrincipals':
        m = principal === undefined ? 'yes' : not(anyMatch(principal, values));
        break;
      case 'namespaces':
        m = anyMatch(namespace, values);
        break;
      case 'notNamespaces':
        m = namespace === undefined ? 'yes' : not(anyMatch(namespace, values));
        break;
      case 'serviceAccounts': {
        const sa = principal ? serviceAccountOf(principal) : undefined;
        m = anyMatch(sa, values);
        break;
      }
      case 'notServiceAccounts': {
        const sa = principal ? serviceAccountOf(principal) : undefined;
        m = sa === undefined ? 'yes' : not(anyMatch(sa, values));
        break;
      }
      default:
        // ipBlocks, remoteIpBlocks, requestPrincipals…: not known for a connection.
        m = 'maybe';
    }
    r = and(r, m);
  }
  return r;
}

/** `ns/sa` of a principal `<td>/ns/<ns>/sa/<sa>` (the `serviceAccounts` field's form). */
function serviceAccountOf(principal: string): string | undefined {
  const m = /\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(principal);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

function portMatch(ports: unknown, port: number): Tri {
  if (!Array.isArray(ports)) return 'yes';
  return ports.some(p => String(p) === String(port)) ? 'yes' : 'no';
}

function operationMatch(op: any, ctx: Context): Tri {
  let r: Tri = 'yes';
  for (const [key, values] of Object.entries(op ?? {})) {
    if (!Array.isArray(values)) continue;
    if (key === 'ports') r = and(r, portMatch(values, ctx.port));
    else if (key === 'notPorts') r = and(r, not(portMatch(values, ctx.port)));
    else r = and(r, 'maybe');
  }
  return r;
}

function conditionMatch(cond: any, ctx: Context): Tri {
  const key = String(cond?.key ?? '');
  const { principal, namespace } = ctx.caller;
  let m: Tri;
  if (key === 'source.principal') m = anyMatch(principal, cond.values ?? ['*']);
  else if (key === 'source.namespace')
    m = anyMatch(namespace, cond.values ?? ['*']);
  else if (key === 'destination.port')
    m = portMatch(cond.values ?? [String(ctx.port)], ctx.port);
  else return 'maybe';
  if (Array.isArray(cond.notValues)) {
    const values: Record<string, string | undefined> = {
      'destination.port': String(ctx.port),
      'source.principal': principal,
      'source.namespace': namespace,
    };
    const excluded = anyMatch(values[key], cond.notValues);
    m = and(Array.isArray(cond.values) ? m : 'yes', not(excluded));
  }
  return m;
}

/** {@link l4Part} by the fields it keeps and the entry (stored objects are never mutated). */
const l4Parts = new Map<Set<string>, WeakMap<object, object | null>>();

/** Keeps only the L4 fields of an entry; `undefined` when it had only HTTP fields. */
function l4Part(entry: any, allowed: Set<string>): any | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  let cache = l4Parts.get(allowed);
  if (!cache) l4Parts.set(allowed, (cache = new WeakMap()));
  let kept = cache.get(entry);
  if (kept === undefined) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entry))
      if (allowed.has(k)) fields[k] = v;
    kept = Object.keys(fields).length ? fields : null;
    cache.set(entry, kept);
  }
  return kept ?? undefined;
}

/** Whether a rule uses HTTP attributes (anything ztunnel does not understand, §g.8). */
export function hasHttpRules(rule: any): boolean {
  const extra = (entry: any, allowed: Set<string>) =>
    Object.keys(entry ?? {}).some(k => !allowed.has(k));
  return (
    (rule?.from ?? []).some((f: any) => extra(f?.source, L4_SOURCE)) ||
    (rule?.to ?? []).some((t: any) => extra(t?.operation, L4_OPERATION)) ||
    (rule?.when ?? []).some((w: any) => !L4_WHEN.has(String(w?.key)))
  );
}

/**
 * One rule: every present clause (`from`, `to`, `when`) must match; within `from` and `to` any
 * entry. With `l4`, HTTP fields are removed as istiod does for ztunnel (`handleRule`): an entry
 * left without L4 fields never matches (an ALLOW rule with HTTP fields is dropped before this).
 */
function evaluateRule(rule: any, ctx: Context): Tri {
  let r: Tri = 'yes';
  const from: any[] = Array.isArray(rule?.from) ? rule.from : [];
  if (from.length) {
    let any: Tri = 'no';
    for (const f of from) {
      const source = ctx.l4 ? l4Part(f?.source, L4_SOURCE) : f?.source;
      if (source) any = or(any, sourceMatch(source, ctx));
    }
    r = and(r, any);
  }
  const to: any[] = Array.isArray(rule?.to) ? rule.to : [];
  if (to.length) {
    let any: Tri = 'no';
    for (const t of to) {
      const op = ctx.l4 ? l4Part(t?.operation, L4_OPERATION) : t?.operation;
      if (op) any = or(any, operationMatch(op, ctx));
    }
    r = and(r, any);
  }
  for (const c of Array.isArray(rule?.when) ? rule.when : []) {
    if (ctx.l4 && !L4_WHEN.has(String(c?.key))) return 'no';
    r = and(r, conditionMatch(c, ctx));
  }
  return r;
}

/** How a policy's rules match: `yes` if one surely matches, `maybe`, `no`; and whether ztunnel dropped rules. */
function policyMatch(
  ap: StoredObject,
  ctx: Context,
  action: string,
): { match: Tri; dropped: number; rules: number } {
  const rules: any[] = Array.isArray(ap.obj.spec?.rules)
    ? ap.obj.spec.rules
    : [];
  let match: Tri = 'no';
  let dropped = 0;
  for (const rule of rules) {
    if (ctx.l4 && action === 'ALLOW' && hasHttpRules(rule)) {
      dropped++;
      continue;
    }
    match = or(match, evaluateRule(rule, ctx));
  }
  return { match, dropped, rules: rules.length };
}

/** A policy Istio only logs, never enforces (`istio.io/dry-run: "true"`). */
export function isDryRun(ap: StoredObject): boolean {
  return ap.obj.metadata.annotations?.['istio.io/dry-run'] === 'true';
}

/** A policy attached with `targetRef(s)` (to a Service, Gateway or GatewayClass) rather than a selector. */
export function hasTargetRefs(ap: StoredObject): boolean {
  return targetRefsOf(ap.obj.spec).length > 0;
}

/** A policy spec's `targetRef` and `targetRefs`, in that order. */
export function targetRefsOf(spec: any): any[] {
  return [
    ...(spec?.targetRef ? [spec.targetRef] : []),
    ...(Array.isArray(spec?.targetRefs) ? spec.targetRefs : []),
  ];
}

/**
 * The policies a sidecar or ztunnel applies to a workload: the root namespace's (selectorless, or
 * whose selector matches), and its namespace's (selectorless or matching); `targetRefs` policies
 * are for gateways and waypoints (`pilot/pkg/model/authorization.go` `ListAuthorizationPolicies`).
 */
export function selectorPolicies(
  index: MeshIndex,
  w: Workload,
): StoredObject[] {
  const config = index.configCluster(w.cluster);
  const root = index.meshConfig.rootNamespace;
  const out: StoredObject[] = [];
  const namespaces = w.namespace === root ? [root] : [root, w.namespace];
  for (const ns of namespaces) {
    for (const ap of index.list(config, K.AuthorizationPolicy, ns)) {
      if (hasTargetRefs(ap) || isDryRun(ap)) continue;
      const sel: Labels | undefined = ap.obj.spec?.selector?.matchLabels;
      if (hasLabels(sel) && !selectorMatches(sel, w.labels)) continue;
      out.push(ap);
    }
  }
  return out;
}

/**
 * The policies a waypoint applies to a service's traffic: `targetRefs` to the Service (its
 * namespace), to the waypoint's Gateway (its namespace), or to the `istio-waypoint` GatewayClass
 * (root namespace).
 */
export function waypointPolicies(
  index: MeshIndex,
  service: StoredObject,
  waypoint: { namespace: string; name: string },
): StoredObject[] {
  const config = index.configCluster(service.cluster);
  const root = index.meshConfig.rootNamespace;
  const out: StoredObject[] = [];
  const seen = new Set<StoredObject>();
  const namespaces = [
    ...new Set([service.namespace, waypoint.namespace, root]),
  ];
  for (const ns of namespaces) {
    for (const ap of index.list(config, K.AuthorizationPolicy, ns)) {
      if (seen.has(ap) || isDryRun(ap)) continue;
      const hit = targetRefsOf(ap.obj.spec).some(ref => {
        const kind = String(ref?.kind ?? '');
        const name = String(ref?.name ?? '');
        if (kind === 'Service' || kind === 'ServiceEntry')
          return ns === service.namespace && name === service.obj.metadata.name;
        if (kind === 'Gateway')
          return ns === waypoint.namespace && name === waypoint.name;
        if (kind === 'GatewayClass')
          return ns === root && name === 'istio-waypoint';
        return false;
      });
      if (hit) {
        seen.add(ap);
        out.push(ap);
      }
    }
  }
  return out;
}

/** Whether a service port carries HTTP (Envoy's HTTP filters and HTTP-only policy fields apply). */
export function isHttpPort(port: ServicePort): boolean {
  const p = convertProtocol(
    port.port,
    port.name,
    port.protocol,
    port.appProtocol,
  );
  return p === 'http' || p === 'http2' || p === 'grpc' || p === 'grpc-web';
}

const ENFORCER_TEXT: Record<Enforcer, string> = {
  sidecar: 'the sidecar',
  ztunnel: 'ztunnel',
  waypoint: 'the waypoint',
};

/**
 * Whether the enforcing proxy rejects every request of the caller on this connection; the
 * rejecting policy and why. `sidecar`/`ztunnel`: the endpoint's selector policies; `waypoint`: the
 * service's `targetRefs` policies (pass `service` and `waypoint`).
 */
export function rejection(
  index: MeshIndex,
  enforcer: Enforcer,
  endpoint: Workload,
  targetPort: number,
  servicePort: ServicePort,
  caller: Caller,
  at?: { service: StoredObject; waypoint: { namespace: string; name: string } },
): Rejection | undefined {
  const policies =
    enforcer === 'waypoint' && at
      ? waypointPolicies(index, at.service, at.waypoint)
      : selectorPolicies(index, endpoint);
  if (!policies.length) return undefined;
  const ctx: Context = {
    caller,
    port: targetPort,
    l4: enforcer === 'ztunnel' || !isHttpPort(servicePort),
  };
  const who = `${ENFORCER_TEXT[enforcer]}${
    enforcer === 'waypoint' && at
      ? ` ${at.waypoint.namespace}/${at.waypoint.name}`
      : ` of ${endpoint.name}`
  }`;
  const allows: StoredObject[] = [];
  let allowed = false;
  let narrowed: StoredObject | undefined;
  for (const ap of policies) {
    const action = String(ap.obj.spec?.action ?? 'ALLOW');
    // ztunnel takes ALLOW and DENY only: CUSTOM and AUDIT are not sent to it (status ZtunnelAccepted=False).
    if (action === 'CUSTOM' || action === 'AUDIT') continue;
    const { match, dropped, rules } = policyMatch(ap, ctx, action);
    if (action === 'DENY') {
      if (match === 'yes')
        return {
          policy: ap,
          reason: `${who} denies: DENY AuthorizationPolicy ${ap.namespace}/${ap.obj.metadata.name} matches the caller`,
        };
      continue;
    }
    if (action !== 'ALLOW') continue;
    allows.push(ap);
    if (match !== 'no') allowed = true;
    else if (dropped && dropped === rules) narrowed ??= ap;
  }
  if (!allows.length || allowed) return undefined;
  const policy = narrowed ?? allows[0];
  const name = `${policy.namespace}/${policy.obj.metadata.name}`;
  // The caller is the edge's `from`; the text is shared by callers the policies cannot tell apart.
  const identity = caller.principal ? '' : ' (plaintext: no identity)';
  return {
    policy,
    reason: narrowed
      ? `${who} denies: ALLOW AuthorizationPolicy ${name} has only HTTP rules, which ztunnel drops, so it allows nothing`
      : `${who} denies: no ALLOW AuthorizationPolicy matches the caller${identity} on port ${targetPort} (${allows
          .map(a => `${a.namespace}/${a.obj.metadata.name}`)
          .join(', ')})`,
  };
}

/**
 * What authorization can tell apart about callers, for the given policies: how each rule's
 * identity fields (`from` entries, full and L4-only, and `source.*` conditions) match the caller.
 * Callers with the same signature get the same decision from every one of these policies at
 * every port, so their edges can be computed once.
 */
export function callerSignature(
  policies: StoredObject[],
  caller: Caller,
): string {
  const ctx: Context = { caller, port: 0, l4: false };
  const code = (t: Tri) => RANK[t];
  let out = '';
  for (const ap of policies) {
    for (const rule of Array.isArray(ap.obj.spec?.rules)
      ? ap.obj.spec.rules
      : []) {
      for (const f of Array.isArray(rule?.from) ? rule.from : []) {
        out += code(sourceMatch(f?.source, ctx));
        const l4 = l4Part(f?.source, L4_SOURCE);
        out += l4 ? code(sourceMatch(l4, ctx)) : '-';
      }
      for (const c of Array.isArray(rule?.when) ? rule.when : [])
        if (String(c?.key).startsWith('source.'))
          out += code(conditionMatch(c, ctx));
      out += '/';
    }
    out += ';';
  }
  return out;
}

const PRINCIPAL_SOURCE_FIELDS = new Set([
  'principals',
  'notPrincipals',
  'serviceAccounts',
  'notServiceAccounts',
]);

/**
 * Whether policies read the caller's principal (its service account), not only its namespace:
 * when they do not, every caller of a namespace gets the same {@link callerSignature}.
 */
export function readsPrincipal(policies: StoredObject[]): boolean {
  return policies.some(ap =>
    (Array.isArray(ap.obj.spec?.rules) ? ap.obj.spec.rules : []).some(
      (rule: any) =>
        (Array.isArray(rule?.from) ? rule.from : []).some((f: any) =>
          Object.keys(f?.source ?? {}).some(k =>
            PRINCIPAL_SOURCE_FIELDS.has(k),
          ),
        ) ||
        (Array.isArray(rule?.when) ? rule.when : []).some(
          (c: any) => String(c?.key) === 'source.principal',
        ),
    ),
  );
}

/** The caller identity a workload presents over mTLS/HBONE (`<trust domain>/ns/<ns>/sa/<sa>`). */
export function principalOf(index: MeshIndex, w: Workload): string {
  return `${index.meshConfig.trustDomain || 'cluster.local'}/ns/${
    w.namespace
  }/sa/${w.serviceAccount ?? 'default'}`;
}
