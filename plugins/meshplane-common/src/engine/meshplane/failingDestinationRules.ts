import { K } from '../model/kinds';
import { hostMatches } from '../model/hosts';
import { Labels, selectorMatches } from '../model/labels';
import { Message } from '../model/types';
import {
  destinationRuleEntries,
  destinationRuleHost,
  destinationRuleTls,
  EffectiveDestinationRule,
  selectForClient,
  selectorOf,
} from '../posture/clientTls';
import { LogicalService, serviceEntryServices } from '../posture/edges';
import {
  modeForPort,
  PeerAuthenticationResult,
} from '../posture/peerAuthentication';
import { serverPosture } from '../posture/serverPosture';
import {
  serviceEndpoints,
  servicePorts,
  targetPortOf,
} from '../posture/servicePorts';
import { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';

const NAME = 'meshplane.FailingDestinationRuleAnalyzer';
/** A client namespace no exportTo names and no DestinationRule lives in: stands for all such namespaces. */
const ANY_OTHER_NAMESPACE = '\u0000other';

/** Services a DR host covers: the Kubernetes service or ServiceEntry host, or all a wildcard matches. */
function coveredServices(index: MeshIndex, host: string): LogicalService[] {
  const kube = (h: string): LogicalService | undefined => {
    const instances = index.servicesByHost(h);
    if (!instances.length) return undefined;
    return {
      host: h,
      namespace: instances[0].service.namespace,
      name: instances[0].service.obj.metadata.name,
      instances,
    };
  };
  if (!host.startsWith('*')) {
    const k = kube(host);
    return k ? [k] : serviceEntryServices(index).filter(s => s.host === host);
  }
  const entries = serviceEntryServices(index);
  const out: LogicalService[] = [];
  for (const h of index.serviceHostNames()) {
    if (hostMatches(host, h)) out.push(kube(h)!);
  }
  return [...out, ...entries.filter(s => hostMatches(host, s.host))];
}

/** Label sets of the proxied workloads (sidecars, gateways) in a namespace of the clusters configured by `config`. */
function clientLabels(
  index: MeshIndex,
  clusters: string[],
  namespace: string,
): Labels[] {
  const out: Labels[] = [];
  for (const c of clusters) {
    for (const w of index.workloads(c, namespace))
      if (w.proxy !== 'none') out.push(w.labels);
  }
  return out;
}

function otherNamespaceHasClients(
  index: MeshIndex,
  cluster: string,
  candidates: Set<string>,
): boolean {
  for (const ns of index.proxiedNamespaces(cluster))
    if (!candidates.has(ns)) return true;
  return false;
}

/**
 * The DestinationRule views (merged as each client sees them) through which some real client uses
 * `dr` for `svc`: the lookup (`push_context.go` `destinationRule`, `sidecar.go`) is run for the
 * client namespaces whose answer can differ — the DR's own, the service's, the root namespace, those
 * an exportTo names, those with their own DR for the host — and once for every other namespace.
 */
function clientViews(
  index: MeshIndex,
  config: string,
  dr: StoredObject,
  svc: LogicalService,
): EffectiveDestinationRule[] {
  const root = index.meshConfig.rootNamespace;
  const clusters = index
    .clusterNames()
    .filter(c => index.configCluster(c) === config);
  const candidates = new Set([dr.namespace, root, svc.namespace]);
  for (const ns of [svc.namespace, root]) {
    for (const other of index.list(config, K.DestinationRule, ns))
      for (const e of other.obj.spec?.exportTo ?? []) candidates.add(String(e));
  }
  for (const other of [
    ...index.destinationRulesByFqdn(config, svc.host),
    ...index.wildcardDestinationRules(config),
  ])
    candidates.add(other.namespace);
  const views = new Set<EffectiveDestinationRule>();
  const consider = (ns: string, labelSets: () => Labels[]) => {
    const entries = destinationRuleEntries(
      index,
      config,
      ns,
      svc.host,
      svc.namespace,
    );
    if (!entries.some(e => e.rules.includes(dr))) return;
    // Without a workloadSelector DR of this namespace every client gets the catch-all entry.
    if (
      !entries.some(
        e =>
          e.rules[0].namespace === ns && selectorOf(e.rules[0]) !== undefined,
      )
    ) {
      const view = selectForClient(entries, ns, undefined);
      if (view?.rules.includes(dr) && labelSets().length) views.add(view);
      return;
    }
    for (const labels of labelSets()) {
      const view = selectForClient(entries, ns, labels);
      if (view?.rules.includes(dr)) views.add(view);
    }
  };
  for (const ns of candidates) {
    if (ns === '*' || ns === '.' || ns === '~') continue;
    consider(ns, () => clientLabels(index, clusters, ns));
  }
  // Every other namespace gets the same answer; it counts when one of them has a client.
  consider(ANY_OTHER_NAMESPACE, () =>
    clusters.some(c => otherNamespaceHasClients(index, c, candidates))
      ? [{}]
      : [],
  );
  return [...views];
}

/**
 * MPL0001: a DestinationRule's TLS setting makes the connections of the sidecar clients that
 * actually use it fail: ISTIO_MUTUAL/MUTUAL towards endpoints without a proxy or with a DISABLE
 * port, or DISABLE towards STRICT ports (istio-semantics.md §c, compatibility matrix). A DR that no
 * client's lookup returns (shadowed by a closer DR, not exported, selector matching nobody) is not
 * reported; only TLS that comes from this DR counts, and the finding points at that field.
 */
export const failingDestinationRuleAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.DestinationRule],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const endpointsOf = new Map<StoredObject, Workload[]>();
    const postures = new Map<string, PeerAuthenticationResult>();
    const postureOf = (e: Workload) => {
      let r = postures.get(e.id);
      if (!r) postures.set(e.id, (r = serverPosture(index, e)));
      return r;
    };
    for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
      const problems = new Map<string, string[]>();
      for (const svc of coveredServices(index, destinationRuleHost(dr))) {
        for (const view of clientViews(index, cluster, dr, svc)) {
          for (const inst of svc.instances) {
            // A ServiceEntry's endpoints depend on the host (DNS entries resolve to it); a Service's do not.
            let endpoints =
              inst.service.kk === K.ServiceEntry
                ? undefined
                : endpointsOf.get(inst.service);
            if (!endpoints) {
              endpoints = serviceEndpoints(index, inst.service, svc.host);
              if (inst.service.kk !== K.ServiceEntry)
                endpointsOf.set(inst.service, endpoints);
            }
            const svcName =
              inst.service.kk === K.ServiceEntry
                ? svc.host
                : `${svc.name}.${svc.namespace}`;
            for (const port of servicePorts(inst.service)) {
              for (const subset of [
                undefined,
                ...view.subsets.map(s => s.name),
              ]) {
                const tls = destinationRuleTls(view, port.port, subset);
                if (!tls || tls.rule !== dr) continue;
                const labels = subset
                  ? view.subsets.find(s => s.name === subset)!.labels
                  : undefined;
                for (const e of endpoints) {
                  if (labels && !selectorMatches(labels, e.labels)) continue;
                  const mode =
                    e.proxy === 'none'
                      ? undefined
                      : modeForPort(postureOf(e), targetPortOf(port, e));
                  let problem: string | undefined;
                  if (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'MUTUAL') {
                    if (!mode)
                      problem = `${tls.mode} to a workload without sidecar`;
                    else if (mode === 'DISABLE')
                      problem = `${tls.mode} to a DISABLE port`;
                  } else if (tls.mode === 'DISABLE' && mode === 'STRICT') {
                    problem = 'plaintext to a STRICT port';
                  }
                  if (!problem) continue;
                  problem = `${svcName}:${port.port}${
                    subset ? ` (subset ${subset})` : ''
                  } → ${e.name}${
                    inst.cluster !== cluster ? ` in ${inst.cluster}` : ''
                  }: ${problem}`;
                  const list = problems.get(tls.path) ?? [];
                  if (!list.includes(problem)) list.push(problem);
                  problems.set(tls.path, list);
                }
              }
            }
          }
        }
      }
      for (const [path, list] of problems) {
        const shown = list.slice(0, 5).join('; ');
        out.push(
          message(
            'MPL0001',
            NAME,
            dr,
            `Connections from sidecar clients using this DestinationRule will fail: ${shown}${
              list.length > 5 ? ` (+${list.length - 5} more)` : ''
            }`,
            path,
          ),
        );
      }
    }
    return out;
  },
};
