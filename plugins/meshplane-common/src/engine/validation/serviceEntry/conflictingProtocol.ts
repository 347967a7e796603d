import { K } from '../../model/kinds';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'serviceentry.ConflictingServiceEntryProtocolAnalyzer';

function visibility(se: StoredObject): Set<string> | '*' {
  const exportTo: string[] = Array.isArray(se.obj.spec?.exportTo)
    ? se.obj.spec.exportTo.map(String)
    : [];
  if (exportTo.length === 0 || exportTo.includes('*')) return '*';
  return new Set(exportTo.map(e => (e === '.' ? se.namespace : e)));
}

function overlaps(a: Set<string> | '*', b: Set<string> | '*'): boolean {
  if (a === '*' || b === '*') return true;
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * IST0177: ServiceEntries define the same host and port with different protocols in overlapping
 * exportTo scopes. istio/istio `pkg/config/analysis/analyzers/serviceentry/conflictingprotocol.go`.
 */
export const conflictingServiceEntryProtocolAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.ServiceEntry],
  run({ index, cluster }) {
    const out: Message[] = [];
    const entries: Array<{
      se: StoredObject;
      host: string;
      port: number;
      proto: string;
      vis: Set<string> | '*';
    }> = [];
    for (const se of index.listAll(cluster, K.ServiceEntry)) {
      const vis = visibility(se);
      for (const h of se.obj.spec?.hosts ?? []) {
        for (const p of se.obj.spec?.ports ?? []) {
          entries.push({
            se,
            host: String(h),
            port: Number(p?.number),
            proto: String(p?.protocol ?? '').toUpperCase(),
            vis,
          });
        }
      }
    }
    const reported = new Set<StoredObject>();
    for (const e of entries) {
      if (reported.has(e.se)) continue;
      const other = entries.find(
        o =>
          o.se !== e.se &&
          o.host === e.host &&
          o.port === e.port &&
          o.proto !== e.proto &&
          overlaps(o.vis, e.vis),
      );
      if (!other) continue;
      reported.add(e.se);
      out.push(
        message(
          'IST0177',
          NAME,
          e.se,
          `ServiceEntry ${e.se.namespace}/${
            e.se.obj.metadata.name
          } defines host ${e.host} port ${e.port} with protocol ${
            e.proto || 'unset'
          }, which conflicts with ${other.se.namespace}/${
            other.se.obj.metadata.name
          } (${other.proto || 'unset'}).`,
          'spec.ports',
        ),
      );
    }
    return out;
  },
};
