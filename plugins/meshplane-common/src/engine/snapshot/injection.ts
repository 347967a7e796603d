import { Labels } from '../model/labels';

/**
 * Sidecar injection decision for a pod template, as the injector webhook's
 * object selectors and `injectRequired` decide it (istio/istio
 * `manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml`,
 * `pkg/kube/inject/inject.go`). With `injectors` (the cluster's Istio injector
 * MutatingWebhookConfigurations are known), a pod asking for a revision that has
 * no webhook is not injected; without, every referenced revision is assumed installed.
 */
export interface InjectionInput {
  namespace: string;
  namespaceLabels?: Labels;
  podLabels?: Labels;
  podAnnotations?: Labels;
  hostNetwork?: boolean;
  enableNamespacesByDefault?: boolean;
  injectors?: InstalledInjectors;
}

/** The injector webhooks a cluster has (see {@link installedInjectors}). */
export interface InstalledInjectors {
  /** Revisions and tags with a webhook (`istio.io/rev` / `istio.io/tag` labels and selector values). */
  revisions: Set<string>;
  /** A webhook serves the default injection (`istio-injection=enabled`, `sidecar.istio.io/inject=true`). */
  defaultInjection: boolean;
}

const INJECT = 'sidecar.istio.io/inject';
const REV = 'istio.io/rev';
const NS_INJECTION = 'istio-injection';
const INJECTOR_SUFFIX = 'sidecar-injector.istio.io';

function selectorValues(sel: any, key: string): string[] {
  const out: string[] = [];
  if (typeof sel?.matchLabels?.[key] === 'string')
    out.push(sel.matchLabels[key]);
  for (const e of Array.isArray(sel?.matchExpressions)
    ? sel.matchExpressions
    : []) {
    if (e?.key === key && e.operator === 'In' && Array.isArray(e.values))
      out.push(...e.values.map(String));
  }
  return out;
}

/**
 * Istio's injector webhooks among MutatingWebhookConfigurations (webhook names ending in
 * `sidecar-injector.istio.io`, as the chart and `istioctl tag` name them); undefined when there are
 * none, i.e. the webhooks are not known.
 */
export function installedInjectors(
  configs: Iterable<{ metadata?: { labels?: Labels }; webhooks?: unknown }>,
): InstalledInjectors | undefined {
  let found = false;
  const revisions = new Set<string>();
  let defaultInjection = false;
  for (const config of configs) {
    const hooks: any[] = Array.isArray(config.webhooks) ? config.webhooks : [];
    const injectors = hooks.filter(h =>
      String(h?.name ?? '').endsWith(INJECTOR_SUFFIX),
    );
    if (!injectors.length) continue;
    found = true;
    for (const key of [REV, 'istio.io/tag']) {
      const v = config.metadata?.labels?.[key];
      if (v) revisions.add(v);
    }
    for (const h of injectors) {
      for (const sel of [h?.namespaceSelector, h?.objectSelector])
        selectorValues(sel, REV).forEach(v => revisions.add(v));
      if (
        selectorValues(h?.namespaceSelector, NS_INJECTION).includes(
          'enabled',
        ) ||
        selectorValues(h?.objectSelector, INJECT).includes('true')
      ) {
        defaultInjection = true;
      }
    }
  }
  if (!found) return undefined;
  if (revisions.has('default')) defaultInjection = true;
  return { revisions, defaultInjection };
}

/**
 * Whether the injector gives the pod a sidecar. The webhook's selectors ignore
 * `istio.io/dataplane-mode`: a pod it does not inject may still be captured by ztunnel
 * (`dataplane.ts` `decideAmbient`), and an injected one never is.
 */
export interface InjectionDecision {
  inject: boolean;
  reason: string;
}

/** Namespaces the injector never touches (`pkg/kube/inject/initializer.go`, chart exclusions). */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

export function decideInjection(input: InjectionInput): InjectionDecision {
  const ns = input.namespaceLabels ?? {};
  const pod = input.podLabels ?? {};
  const ann = input.podAnnotations ?? {};
  if (IGNORED_NAMESPACES.has(input.namespace)) {
    return {
      inject: false,
      reason: `namespace ${input.namespace} is never injected`,
    };
  }
  const podLabel = pod[INJECT];
  const nsInjection = ns[NS_INJECTION];
  let matched: string | undefined;
  /** The revision (or tag) whose webhook would inject; `default` for the default injection. */
  let revision = 'default';
  if (nsInjection !== undefined) {
    if (nsInjection !== 'enabled') {
      return {
        inject: false,
        reason: `namespace label ${NS_INJECTION}=${nsInjection}`,
      };
    }
    if (podLabel === 'false')
      return {
        inject: false,
        reason: `pod label ${INJECT}=false`,
      };
    matched = `namespace label ${NS_INJECTION}=enabled`;
  } else if (ns[REV] !== undefined) {
    if (podLabel === 'false')
      return {
        inject: false,
        reason: `pod label ${INJECT}=false`,
      };
    matched = `namespace label ${REV}=${ns[REV]}`;
    revision = ns[REV];
  } else if (pod[REV] !== undefined && podLabel !== 'false') {
    matched = `pod label ${REV}=${pod[REV]}`;
    revision = pod[REV];
  } else if (podLabel === 'true') {
    matched = `pod label ${INJECT}=true`;
  } else if (
    input.enableNamespacesByDefault &&
    podLabel === undefined &&
    pod[REV] === undefined
  ) {
    matched = 'enableNamespacesByDefault';
  }
  if (!matched) {
    const hint =
      ann[INJECT] === 'true'
        ? ` (the ${INJECT} annotation does not select the webhook; use the label)`
        : '';
    return {
      inject: false,
      reason: `namespace not labelled for injection${hint}`,
    };
  }
  const injectors = input.injectors;
  if (
    injectors &&
    !(revision === 'default'
      ? injectors.defaultInjection
      : injectors.revisions.has(revision))
  ) {
    const what =
      revision === 'default' ? 'the default injection' : `revision ${revision}`;
    return {
      inject: false,
      reason: `${matched}, but no injector webhook serves ${what} in this cluster`,
    };
  }
  if (input.hostNetwork)
    return {
      inject: false,
      reason: 'hostNetwork pods are never injected',
    };
  // injectRequired: the label overrides the annotation; other values fall back to the policy (enabled).
  const decisive = podLabel ?? ann[INJECT];
  if (decisive === 'false') return { inject: false, reason: `${INJECT}=false` };
  return { inject: true, reason: matched };
}
