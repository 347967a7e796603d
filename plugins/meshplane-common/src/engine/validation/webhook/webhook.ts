import { K } from '../../model/kinds';
import { labelSelectorMatches } from '../../model/labels';
import { Message } from '../../model/types';
import type { StoredObject } from '../../snapshot/MeshIndex';
import { Analyzer } from '../Analyzer';
import { message } from '../messages';

const NAME = 'webhook.Analyzer';
const REV = 'istio.io/rev';

function revisions(wh: StoredObject): string[] {
  const out = new Set<string>();
  const rev = wh.obj.metadata.labels?.[REV];
  if (rev) out.add(rev);
  for (const h of (wh.obj as any).webhooks ?? []) {
    for (const sel of [h?.namespaceSelector, h?.objectSelector]) {
      if (sel?.matchLabels?.[REV]) out.add(sel.matchLabels[REV]);
      for (const e of sel?.matchExpressions ?? [])
        if (e?.key === REV) for (const v of e.values ?? []) out.add(v);
    }
  }
  return [...out];
}

function permutations(
  base: Array<Record<string, string>>,
  revs: string[],
): Array<Record<string, string>> {
  return [
    ...base,
    ...revs.flatMap(rev => base.map(b => ({ ...b, [REV]: rev }))),
  ];
}

/**
 * IST0139: Istio injector webhooks that overlap (a namespace/pod label combination selected by more
 * than one, so a pod would be injected twice) or point at a Service that does not exist.
 * istio/istio `pkg/config/analysis/analyzers/webhook/webhook.go`.
 */
export const webhookAnalyzer: Analyzer = {
  name: NAME,
  scope: 'cluster',
  subjects: [K.MutatingWebhookConfiguration],
  run({ index, cluster }) {
    const hooks: Array<{ config: StoredObject; key: string; hook: any }> = [];
    const revs = new Set<string>();
    for (const config of index.listAll(
      cluster,
      K.MutatingWebhookConfiguration,
    )) {
      const webhooks: any[] = (config.obj as any).webhooks ?? [];
      const r = revisions(config);
      if (
        !r.length &&
        !webhooks.some(h => String(h?.name ?? '').endsWith('istio.io'))
      )
        continue;
      r.forEach(x => revs.add(x));
      for (const hook of webhooks)
        hooks.push({
          config,
          key: `${config.obj.metadata.name}/${hook?.name}`,
          hook,
        });
    }
    const found = new Map<string, Message>();
    const add = (config: StoredObject, text: string) => {
      const key = `${config.obj.metadata.name}|${text}`;
      if (!found.has(key))
        found.set(key, message('IST0139', NAME, config, text, 'webhooks'));
    };
    const nsLabels = permutations(
      [{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }],
      [...revs],
    );
    const podLabels = permutations(
      [
        {},
        { 'sidecar.istio.io/inject': 'true' },
        { 'sidecar.istio.io/inject': 'false' },
      ],
      [...revs],
    );
    for (const nl of nsLabels) {
      for (const ol of podLabels) {
        const matches = hooks.filter(
          h =>
            labelSelectorMatches(h.hook?.namespaceSelector, nl) &&
            labelSelectorMatches(h.hook?.objectSelector, ol),
        );
        if (matches.length < 2) continue;
        for (const m of matches) {
          const others = matches
            .filter(o => o !== m)
            .map(o => o.key)
            .sort();
          add(
            m.config,
            `Webhook overlaps with others: [${others.join(
              ' ',
            )}]. This may cause injection to occur twice.`,
          );
        }
      }
    }
    for (const { config, hook } of hooks) {
      const svc = hook?.clientConfig?.service;
      if (!svc) continue;
      if (
        !index.get(
          cluster,
          K.Service,
          String(svc.namespace ?? ''),
          String(svc.name ?? ''),
        )
      ) {
        add(
          config,
          `Injector refers to a control plane service that does not exist: ${svc.namespace}/${svc.name}.`,
        );
      }
    }
    return [...found.values()];
  },
};
