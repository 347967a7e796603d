import { K } from '../model/kinds';
import { mostSpecificMatch, resolveShortname } from '../model/hosts';
import { Labels, selectorMatches } from '../model/labels';
import { ClientTlsMode } from '../model/types';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { compareByCreationTime } from './peerAuthentication';

/**
 * Client-side TLS: which DestinationRule applies to (client namespace, labels, host) and
 * which TLS settings it gives a port and subset. istio/istio `pilot/pkg/model/push_context.go`
 * (`destinationRule`, `setDestinationRules`, `getExportedDestinationRuleFromNamespace`),
 * `pilot/pkg/model/destination_rule.go` (`mergeDestinationRule`), `pilot/pkg/model/sidecar.go`
 * (`SidecarScope.DestinationRule`), `pilot/pkg/model/config.go` (`MostSpecificHostMatch`),
 * `pilot/pkg/networking/util/util.go` (`GetPortLevelTrafficPolicy`, `MergeSubsetTrafficPolicy`).
 */

/** A DestinationRule subset after merging. */
export interface MergedSubset {
  name: string;
  labels: Labels;
  trafficPolicy?: any;
  rule: StoredObject;
  /** Position in its rule's `spec.subsets`. */
  index: number;
}

/** The (merged) DestinationRule a client uses for a host. */
export interface EffectiveDestinationRule {
  host: string;
  rules: StoredObject[];
  trafficPolicy?: any;
  trafficPolicyRule?: StoredObject;
  subsets: MergedSubset[];
}

/** One DestinationRule on its own, as a client would see it if it were the only match. */
export function singleDestinationRule(
  dr: StoredObject,
): EffectiveDestinationRule {
  return {
    host: destinationRuleHost(dr),
    rules: [dr],
    trafficPolicy: dr.obj.spec?.trafficPolicy,
    trafficPolicyRule: dr,
    subsets: (Array.isArray(dr.obj.spec?.subsets) ? dr.obj.spec.subsets : [])
      .map((s: any, index: number) => ({
        name: String(s?.name ?? ''),
        labels: s?.labels ?? {},
        trafficPolicy: s?.trafficPolicy,
        rule: dr,
        index,
      }))
      .filter((s: MergedSubset) => s.name),
  };
}

/** The DR's `exportTo` as Istio stores it: the list as given; a DR with a workloadSelector is private (`.`). */
function exportToSet(dr: StoredObject): Set<string> {
  if (dr.obj.spec?.workloadSelector) return new Set(['.']);
  const list = dr.obj.spec?.exportTo;
  return new Set(Array.isArray(list) ? list.map(String) : []);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every(x => b.has(x));
}

/** A DestinationRule's workloadSelector labels (`{}` for an empty selector), undefined without one. */
export function selectorOf(dr: StoredObject): Labels | undefined {
  const sel = dr.obj.spec?.workloadSelector;
  return sel ? sel.matchLabels ?? {} : undefined;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => b[k] === a[k]);
}

/** The resolved host of a DR (short names against the DR's namespace). */
export function destinationRuleHost(dr: StoredObject): string {
  return resolveShortname(
    String(dr.obj.spec?.host ?? ''),
    dr.namespace,
    DNS_DOMAIN,
  );
}

/** One entry of a host's list (`ConsolidatedDestRule`): a DR with the DRs merged into it. */
interface ConsolidatedRule extends EffectiveDestinationRule {
  exportTo: Set<string>;
  selector?: Labels;
}

/** DRs of one namespace by host, as `consolidatedDestRules` keeps them (exact hosts and wildcards apart). */
class HostRules {
  readonly byHost = new Map<string, ConsolidatedRule[]>();
  private readonly wildcards: string[] = [];

  get(host: string): ConsolidatedRule[] | undefined {
    return this.byHost.get(host);
  }

  set(host: string, list: ConsolidatedRule[]): void {
    if (host.startsWith('*') && !this.byHost.has(host))
      this.wildcards.push(host);
    this.byHost.set(host, list);
  }

  /** `MostSpecificHostMatch`: the exact host, else the most specific matching wildcard. */
  match(host: string): ConsolidatedRule[] | undefined {
    if (!host.startsWith('*')) {
      const exact = this.byHost.get(host);
      if (exact) return exact;
    }
    const best = mostSpecificMatch(host, this.wildcards);
    return best === undefined ? undefined : this.byHost.get(best);
  }
}

function consolidated(
  dr: StoredObject,
  exportTo: Set<string>,
): ConsolidatedRule {
  return { ...singleDestinationRule(dr), exportTo, selector: selectorOf(dr) };
}

function mergeInto(target: ConsolidatedRule, dr: StoredObject): void {
  target.rules.push(dr);
  const seen = new Set(target.subsets.map(s => s.name));
  for (const s of singleDestinationRule(dr).subsets) {
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    target.subsets.push(s);
  }
  if (!target.trafficPolicy && dr.obj.spec?.trafficPolicy) {
    target.trafficPolicy = dr.obj.spec.trafficPolicy;
    target.trafficPolicyRule = dr;
  }
}

/**
 * `PushContext.mergeDestinationRule` (istio/istio `pilot/pkg/model/destination_rule.go`) with
 * ENABLE_ENHANCED_DESTINATIONRULE_MERGE (default on): a DR joins an entry of the same host with an
 * equal exportTo set (or a superset of a non-empty one) unless both have different selectors;
 * subsets are concatenated by name (first wins), the first top-level trafficPolicy stays. A DR
 * that cannot join every entry is also appended as an entry of its own.
 */
function mergeDestinationRule(
  rules: HostRules,
  dr: StoredObject,
  exportTo: Set<string>,
): void {
  const host = destinationRuleHost(dr);
  const list = rules.get(host);
  if (!list) {
    rules.set(host, [consolidated(dr, exportTo)]);
    return;
  }
  const selector = selectorOf(dr);
  let appendSeparately = true;
  for (const entry of list) {
    const bothWithout = !selector && !entry.selector;
    const bothWith = Boolean(selector && entry.selector);
    const selectorsMatch = bothWith && sameLabels(selector!, entry.selector!);
    if (sameSet(exportTo, entry.exportTo)) {
      appendSeparately = !(bothWithout || selectorsMatch);
    } else if (
      entry.exportTo.size > 0 &&
      [...entry.exportTo].every(e => exportTo.has(e))
    ) {
      appendSeparately = true;
    } else {
      appendSeparately = true;
      continue;
    }
    if (bothWith && !selectorsMatch) {
      appendSeparately = true;
      continue;
    }
    if (bothWithout || selectorsMatch) appendSeparately = false;
    mergeInto(entry, dr);
  }
  if (appendSeparately) list.push(consolidated(dr, exportTo));
}

/** The DR indexes of one namespace (`setDestinationRules`): its local pool, its exported pool, and the private root pool. */
interface NamespaceRules {
  local: HostRules;
  exported: HostRules;
  rootLocal: HostRules;
}

function namespaceRules(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): NamespaceRules {
  return index.derivedIn(
    cluster,
    K.DestinationRule,
    namespace,
    'destinationRuleIndex',
    () => {
      const out: NamespaceRules = {
        local: new HostRules(),
        exported: new HostRules(),
        rootLocal: new HostRules(),
      };
      const defaults = index.meshConfig.defaultDestinationRuleExportTo ?? ['*'];
      // sortConfigBySelectorAndCreationTime: selector DRs first, then creation time, name, namespace.
      const sorted = [
        ...index.list(cluster, K.DestinationRule, namespace),
      ].sort((a, b) => {
        const sa = a.obj.spec?.workloadSelector ? 0 : 1;
        const sb = b.obj.spec?.workloadSelector ? 0 : 1;
        return sa !== sb ? sa - sb : compareByCreationTime(a, b);
      });
      for (const dr of sorted) {
        const exportTo = exportToSet(dr);
        if (
          !exportTo.size ||
          exportTo.has('*') ||
          exportTo.has('.') ||
          exportTo.has(namespace)
        ) {
          mergeDestinationRule(out.local, dr, exportTo);
        }
        const privateOnly =
          (!exportTo.size && defaults.includes('.')) ||
          (exportTo.size === 1 &&
            (exportTo.has('.') || exportTo.has(namespace)));
        if (!privateOnly) mergeDestinationRule(out.exported, dr, exportTo);
        else if (namespace === index.meshConfig.rootNamespace)
          mergeDestinationRule(out.rootLocal, dr, exportTo);
      }
      return out;
    },
  );
}

/** Most DestinationRule lookups kept per cluster between DestinationRule changes. */
const MAX_MEMOIZED_LOOKUPS = 200_000;

/**
 * `PushContext.destinationRule(proxyNamespace, service)` (istio/istio `pilot/pkg/model/push_context.go`):
 * 1. the client's namespace (all its DRs visible there; a client in the root namespace sees only the
 *    root namespace's private DRs here) — the most specific host's list, whatever it holds;
 * 2. the service's namespace, then 3. the root namespace, each through
 *    `getExportedDestinationRuleFromNamespace`: the most specific host among the namespace's exported
 *    DRs first, then only those of its entries exported to the client; none → next step.
 */
export function destinationRuleEntries(
  index: MeshIndex,
  cluster: string,
  clientNamespace: string,
  host: string,
  serviceNamespace: string,
): EffectiveDestinationRule[] {
  // An analysis unit records what it reads: look up afresh. Queries (edges of a service from
  // every namespace of the fleet) share answers until a DestinationRule of the cluster changes.
  if (index.deps)
    return lookUpDestinationRuleEntries(
      index,
      cluster,
      clientNamespace,
      host,
      serviceNamespace,
    );
  const memo = index.derived(
    cluster,
    K.DestinationRule,
    'destinationRuleEntries',
    () => ({
      size: 0,
      byClient: new Map<
        string,
        Map<string, Map<string, EffectiveDestinationRule[]>>
      >(),
    }),
  );
  let byService = memo.byClient.get(clientNamespace);
  if (!byService) memo.byClient.set(clientNamespace, (byService = new Map()));
  let byHost = byService.get(serviceNamespace);
  if (!byHost) byService.set(serviceNamespace, (byHost = new Map()));
  let entries = byHost.get(host);
  if (!entries) {
    entries = lookUpDestinationRuleEntries(
      index,
      cluster,
      clientNamespace,
      host,
      serviceNamespace,
    );
    if (++memo.size > MAX_MEMOIZED_LOOKUPS) {
      memo.byClient.clear();
      memo.size = 0;
    } else {
      byHost.set(host, entries);
    }
  }
  return entries;
}

function lookUpDestinationRuleEntries(
  index: MeshIndex,
  cluster: string,
  clientNamespace: string,
  host: string,
  serviceNamespace: string,
): EffectiveDestinationRule[] {
  const root = index.meshConfig.rootNamespace;
  const own = namespaceRules(index, cluster, clientNamespace);
  const local = clientNamespace === root ? own.rootLocal : own.local;
  const hit = local.match(host);
  if (hit) return hit;
  const exported = (namespace: string) => {
    const list =
      namespaceRules(index, cluster, namespace).exported.match(host) ?? [];
    return list.filter(
      r =>
        !r.exportTo.size ||
        r.exportTo.has('*') ||
        r.exportTo.has(clientNamespace),
    );
  };
  if (serviceNamespace) {
    const fromService = exported(serviceNamespace);
    if (fromService.length) return fromService;
  }
  return exported(root);
}

/**
 * `SidecarScope.DestinationRule` (istio/istio `pilot/pkg/model/sidecar.go`) for outbound traffic: a
 * DR with a workloadSelector in the client's namespace that selects the client wins at once;
 * otherwise the last entry without a selector; otherwise none.
 */
export function selectForClient(
  list: EffectiveDestinationRule[],
  clientNamespace: string,
  clientLabels: Labels | undefined,
): EffectiveDestinationRule | undefined {
  let catchAll: EffectiveDestinationRule | undefined;
  for (const entry of list) {
    const selector = selectorOf(entry.rules[0]);
    if (!selector) catchAll = entry;
    else if (
      entry.rules[0].namespace === clientNamespace &&
      selectorMatches(selector, clientLabels ?? {})
    )
      return entry;
  }
  return catchAll;
}

/** The DestinationRule (merged) a client in `clientNamespace` with `clientLabels` uses for `host`. */
export function destinationRuleFor(
  index: MeshIndex,
  cluster: string,
  clientNamespace: string,
  host: string,
  serviceNamespace: string,
  clientLabels?: Labels,
): EffectiveDestinationRule | undefined {
  const config = index.configCluster(cluster);
  return selectForClient(
    destinationRuleEntries(
      index,
      config,
      clientNamespace,
      host,
      serviceNamespace,
    ),
    clientNamespace,
    clientLabels,
  );
}

function portEntry(
  policy: any,
  port: number,
): { entry: any; index: number } | undefined {
  const list = policy?.portLevelSettings;
  if (!Array.isArray(list)) return undefined;
  const index = list.findIndex((p: any) => Number(p?.port?.number) === port);
  return index < 0 ? undefined : { entry: list[index], index };
}

/** Where a port/subset's policy came from: a readable origin, the rule and the field path in it. */
export interface PolicySource {
  origin: string;
  rule?: StoredObject;
  path: string;
}

/**
 * Traffic policy for a service port and subset: a port entry replaces the policy
 * wholesale; subset fields override; a subset port entry replaces wholesale
 * (`GetPortLevelTrafficPolicy`, `MergeSubsetTrafficPolicy`). `tls` tells where the policy's `tls`
 * came from.
 */
export function trafficPolicyFor(
  dr: EffectiveDestinationRule,
  port: number,
  subset?: string,
): { policy: any; tls: PolicySource } {
  const top = dr.trafficPolicy;
  const topPort = portEntry(top, port);
  let policy: any =
    topPort?.entry ??
    (top ? { ...top, portLevelSettings: undefined } : undefined);
  let tls: PolicySource = topPort
    ? {
        origin: `portLevelSettings[port ${port}]`,
        rule: dr.trafficPolicyRule,
        path: `spec.trafficPolicy.portLevelSettings[${topPort.index}].tls`,
      }
    : {
        origin: 'trafficPolicy',
        rule: dr.trafficPolicyRule,
        path: 'spec.trafficPolicy.tls',
      };
  const s = subset ? dr.subsets.find(x => x.name === subset) : undefined;
  if (s?.trafficPolicy) {
    const sp = s.trafficPolicy;
    const merged: any = { ...(policy ?? {}) };
    for (const [k, v] of Object.entries(sp))
      if (k !== 'portLevelSettings' && v !== undefined) merged[k] = v;
    policy = merged;
    const base = `spec.subsets[${s.index}].trafficPolicy`;
    if (sp.tls !== undefined)
      tls = {
        origin: `subset ${subset} trafficPolicy`,
        rule: s.rule,
        path: `${base}.tls`,
      };
    const sPort = portEntry(sp, port);
    if (sPort) {
      policy = sPort.entry;
      tls = {
        origin: `subset ${subset} portLevelSettings[port ${port}]`,
        rule: s.rule,
        path: `${base}.portLevelSettings[${sPort.index}].tls`,
      };
    }
  }
  return { policy, tls };
}

/** DR TLS mode for a port/subset; undefined when the policy has no `tls` (auto mTLS decides). */
export function destinationRuleTls(
  dr: EffectiveDestinationRule | undefined,
  port: number,
  subset?: string,
):
  | { mode: ClientTlsMode; origin: string; rule: StoredObject; path: string }
  | undefined {
  if (!dr) return undefined;
  const { policy, tls } = trafficPolicyFor(dr, port, subset);
  if (!policy || policy.tls === undefined || policy.tls === null)
    return undefined;
  const raw = policy.tls.mode;
  // DISABLE is the proto zero value: a tls block without mode disables TLS.
  const mode: ClientTlsMode =
    raw === 'ISTIO_MUTUAL' || raw === 'MUTUAL' || raw === 'SIMPLE'
      ? raw
      : 'DISABLE';
  return {
    mode,
    origin: tls.origin,
    rule: tls.rule ?? dr.rules[0],
    path: tls.path,
  };
}

/** True when the DR load-balances with PASSTHROUGH (an ORIGINAL_DST cluster, like headless). */
export function isPassthrough(
  dr: EffectiveDestinationRule | undefined,
  port: number,
  subset?: string,
): boolean {
  if (!dr) return false;
  const { policy } = trafficPolicyFor(dr, port, subset);
  return policy?.loadBalancer?.simple === 'PASSTHROUGH';
}
