import { K, POD_WORKLOAD_KINDS } from '../model/kinds';
import { selectorMatches } from '../model/labels';
import { Message } from '../model/types';
import {
  destinationRuleTls,
  singleDestinationRule,
} from '../posture/clientTls';
import {
  serviceEndpoints,
  servicePorts,
  targetPortOf,
} from '../posture/servicePorts';
import {
  effectivePeerAuthentication,
  modeForPort,
} from '../posture/peerAuthentication';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import type { Workload } from '../snapshot/workloads';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';

const NAME = 'meshplane.StrictBlockedAnalyzer';
const HOST =
  /(?:^|[\s/@=,;"'(])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}))?/g;

/** Strings in a pod spec that may name a service: env values, args, commands. */
function specStrings(spec: any): string[] {
  const out: string[] = [];
  for (const c of [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
  ]) {
    for (const e of c?.env ?? [])
      if (typeof e?.value === 'string') out.push(e.value);
    for (const a of [...(c?.args ?? []), ...(c?.command ?? [])])
      if (typeof a === 'string') out.push(a);
  }
  return out;
}

/** Services of the caller's cluster that a string names (`svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`). */
function mentionedServices(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  text: string,
): StoredObject[] {
  const out: StoredObject[] = [];
  for (const m of text.matchAll(HOST)) {
    const parts = m[1].split('.');
    let name = parts[0];
    let ns = namespace;
    if (parts.length >= 2) {
      const rest = parts.slice(2).join('.');
      if (rest !== '' && rest !== 'svc' && rest !== 'svc.cluster.local')
        continue;
      [name, ns] = parts;
    }
    const svc = index.get(cluster, K.Service, ns, name);
    if (svc) out.push(svc);
  }
  return out;
}

function serverObject(w: Workload): StoredObject | undefined {
  return (
    w.objects.find(
      o => o.obj.kind === w.kind && o.obj.metadata.name === w.name,
    ) ?? w.objects[0]
  );
}

/**
 * MPL0002: a workload that is not STRICT has plaintext callers that a move to STRICT would break —
 * sidecar-less workloads whose manifests name its service (env, args), or DestinationRules that
 * force `tls.mode: DISABLE` towards it (istio-semantics.md §c: plaintext fails against STRICT).
 */
export const strictBlockedAnalyzer: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [...POD_WORKLOAD_KINDS, K.DestinationRule],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    const reported = new Set<string>();
    const report = (
      server: Workload,
      port: number,
      mode: string,
      caller: string,
    ) => {
      const on = serverObject(server);
      const key = `${server.id}|${caller}`;
      if (!on || reported.has(key)) return;
      reported.add(key);
      out.push(
        message(
          'MPL0002',
          NAME,
          on,
          `${server.name} (port ${port} is ${mode}) cannot move to STRICT: ${caller} sends it plaintext`,
        ),
      );
    };
    const nonStrictPorts = (svc: StoredObject, server: Workload) => {
      if (server.proxy !== 'sidecar') return [];
      const pa = effectivePeerAuthentication(
        index,
        server.cluster,
        server.namespace,
        server.labels,
      );
      return servicePorts(svc)
        .map(p => ({ port: targetPortOf(p, server), service: p }))
        .map(p => ({ ...p, mode: modeForPort(pa, p.port) }))
        .filter(p => p.mode !== 'STRICT');
    };

    for (const caller of index.workloads(cluster, namespace)) {
      if (caller.proxy !== 'none' || caller.vm) continue;
      const seen = new Set<StoredObject>();
      for (const text of specStrings(caller.podSpec)) {
        for (const svc of mentionedServices(index, cluster, namespace, text)) {
          if (seen.has(svc)) continue;
          seen.add(svc);
          for (const server of serviceEndpoints(index, svc)) {
            const open = nonStrictPorts(svc, server)[0];
            if (open)
              report(
                server,
                open.port,
                open.mode,
                `${caller.kind} ${namespace}/${caller.name} (no sidecar, names ${svc.obj.metadata.name} in its spec)`,
              );
          }
        }
      }
    }

    for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
      const view = singleDestinationRule(dr);
      if (view.host.startsWith('*')) continue;
      for (const { service } of index
        .servicesByHost(view.host)
        .filter(s => s.cluster === cluster)) {
        for (const server of serviceEndpoints(index, service)) {
          for (const p of nonStrictPorts(service, server)) {
            const subsets = [
              undefined,
              ...view.subsets
                .filter(s => selectorMatches(s.labels, server.labels))
                .map(s => s.name),
            ];
            if (
              subsets.some(
                subset =>
                  destinationRuleTls(view, p.service.port, subset)?.mode ===
                  'DISABLE',
              )
            ) {
              report(
                server,
                p.port,
                p.mode,
                `DestinationRule ${namespace}/${dr.obj.metadata.name} (tls.mode DISABLE)`,
              );
            }
          }
        }
      }
    }
    return out;
  },
};
