import { isIstioGroup, K } from '../../model/kinds';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';
import { validateIstioObject } from './validateIstioObject';

const SCHEMA_KINDS = [
  K.VirtualService,
  K.DestinationRule,
  K.Gateway,
  K.ServiceEntry,
  K.Sidecar,
  K.WorkloadEntry,
  K.WorkloadGroup,
  K.EnvoyFilter,
  K.PeerAuthentication,
  K.AuthorizationPolicy,
  K.RequestAuthentication,
];

function validationMessages(
  o: StoredObject,
  analyzer: string,
  schemas: any,
): Message[] {
  return validateIstioObject(o.obj, { schemas }).map(e => {
    if (e.code) return message(e.code, analyzer, o, e.message, e.path);
    const code = e.severity === 'warning' ? 'IST0133' : 'IST0106';
    return message(
      code,
      analyzer,
      o,
      `Schema validation ${e.severity === 'warning' ? 'warning' : 'error'}: ${
        e.path ? `${e.path}: ` : ''
      }${e.message}`,
      e.path || undefined,
    );
  });
}

/**
 * `schema.ValidationAnalyzer.<Kind>`: IST0106 / IST0133 from Istio's CRD schemas and validation
 * rules, IST0130 / IST0131 for shadowed VirtualService rules
 * (istio/istio `pkg/config/analysis/analyzers/schema/validation.go`).
 */
export const schemaAnalyzers: Analyzer[] = SCHEMA_KINDS.map(kk => {
  const name = `schema.ValidationAnalyzer.${kk.split('/')[1]}`;
  return {
    name,
    scope: 'namespace',
    subjects: [kk],
    run({ index, cluster, namespace }) {
      const out: Message[] = [];
      for (const o of index.list(cluster, kk, namespace)) {
        if (!isIstioGroup(o.kk)) continue;
        out.push(...validationMessages(o, name, index.schemas));
      }
      return out;
    },
  } satisfies Analyzer;
});
