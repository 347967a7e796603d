import { K } from '../../model/kinds';
import { hostsOverlap } from '../../model/hosts';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { convertHostToFqdn } from '../registry';
import { appliesToMesh } from './routes';

const NAME = 'virtualservice.ConflictingMeshGatewayHostsAnalyzer';

/** Namespaces a VirtualService's hosts are exported to (`*` for all). */
function scopes(vs: StoredObject): string[] {
  const exportTo: string[] = Array.isArray(vs.obj.spec?.exportTo)
    ? vs.obj.spec.exportTo.map(String)
    : [];
  if (exportTo.length === 0 || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map(e => (e === '.' ? vs.namespace : e)))];
}

/**
 * IST0109: mesh-bound VirtualServices (no gateways, or `mesh`) define the same host in the same
 * export scope; VirtualServices exported everywhere also conflict with scoped ones whose host they
 * match. istio/istio `pkg/config/analysis/analyzers/virtualservice/conflictingmeshgatewayhosts.go`.
 */
export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.VirtualService],
  run({ index, cluster }) {
    const byKey = new Map<
      string,
      { scope: string; host: string; list: StoredObject[] }
    >();
    for (const vs of index.listAll(cluster, K.VirtualService)) {
      if (!appliesToMesh(vs.obj.spec)) continue;
      for (const scope of scopes(vs)) {
        for (const h of vs.obj.spec?.hosts ?? []) {
          const host = convertHostToFqdn(vs.namespace, String(h));
          const key = `${scope}/${host}`;
          let entry = byKey.get(key);
          if (!entry) byKey.set(key, (entry = { scope, host, list: [] }));
          entry.list.push(vs);
        }
      }
    }
    const out: Message[] = [];
    const reported = new Set<StoredObject>();
    for (const entry of byKey.values()) {
      let list = entry.list;
      if (entry.scope !== '*') {
        const everywhere = [...byKey.values()]
          .filter(e => e.scope === '*' && hostsOverlap(entry.host, e.host))
          .flatMap(e => e.list);
        list = [...list, ...everywhere];
      }
      if (list.length < 2) continue;
      const names = list
        .map(v =>
          v.namespace
            ? `${v.namespace}/${v.obj.metadata.name}`
            : v.obj.metadata.name,
        )
        .join(',');
      for (const vs of list) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        out.push(
          message(
            'IST0109',
            NAME,
            vs,
            `The VirtualServices ${names} associated with mesh gateway define the same host ${entry.scope}/${entry.host} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`,
            'spec.hosts',
          ),
        );
      }
    }
    return out;
  },
};
