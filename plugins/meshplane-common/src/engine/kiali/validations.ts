import { K } from '../model/kinds';
import { hasLabels } from '../model/labels';
import { Message } from '../model/types';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { Analyzer } from '../validation/Analyzer';
import { message } from '../validation/messages';
import {
  autoMtls,
  destinationRulesFor,
  drModeForHost,
  ENABLED,
  identityDomain,
  kialiWorkloadStatus,
  meshTlsStatus,
  namespacePeerAuthentications,
  namespaceTlsStatus,
  NOT_ENABLED,
  overallMtlsStatus,
  paModeOf,
} from './mtlsStatus';

/**
 * Kiali's mTLS validations (KIA0105, KIA0204–KIA0208, KIA0401, KIA0501, KIA0505, KIA0506), from
 * kiali/kiali `business/checkers/peerauthentications/*.go`, `business/checkers/destinationrules/*.go`,
 * `business/checkers/authorization/mtls_enabled_checker.go`. Kiali paths are written with dots.
 */
const NAME = 'kiali';

const isMtls = (m: string) => m === 'ISTIO_MUTUAL' || m === 'MUTUAL';

/**
 * DisabledNamespaceWideChecker: scanning DRs in list order, a namespace-wide mTLS DR fails the
 * check at once, a namespace-wide DISABLE DR passes it, otherwise a mesh-wide mTLS DR fails it.
 */
function disabledNamespaceWideFails(
  drs: StoredObject[],
  nsHost: string,
): boolean {
  let meshEnabled = false;
  for (const dr of [...drs].sort((a, b) => a.seq - b.seq)) {
    const nsMode = drModeForHost(dr, nsHost);
    if (isMtls(nsMode)) return true;
    if (nsMode === 'DISABLE') return false;
    if (isMtls(drModeForHost(dr, '*.local'))) meshEnabled = true;
  }
  return meshEnabled;
}

function peerAuthenticationChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  out: Message[],
): void {
  const root = index.meshConfig.rootNamespace;
  const auto = autoMtls(index);
  const nsHost = `*.${namespace}.${identityDomain(index)}`;
  const drs = [
    ...destinationRulesFor(index, cluster, '*.local'),
    ...destinationRulesFor(index, cluster, nsHost),
  ];
  for (const pa of index.list(cluster, K.PeerAuthentication, namespace)) {
    const mode = paModeOf(pa);
    if (!mode) continue;
    if (namespace === root) {
      if (
        mode === 'STRICT' &&
        !auto &&
        !drs.some(dr => drModeForHost(dr, '*.local') === 'ISTIO_MUTUAL')
      ) {
        out.push(
          message(
            'KIA0401',
            NAME,
            pa,
            'Mesh-wide Destination Rule enabling mTLS is missing',
            'spec.mtls',
          ),
        );
      }
      if (
        mode === 'DISABLE' &&
        drs.some(dr => isMtls(drModeForHost(dr, '*.local')))
      ) {
        out.push(
          message(
            'KIA0506',
            NAME,
            pa,
            'Mesh-wide Destination Rule enabling mTLS found',
            'spec.mtls',
          ),
        );
      }
      continue;
    }
    if (
      mode === 'STRICT' &&
      !auto &&
      !drs.some(
        dr =>
          drModeForHost(dr, nsHost) === 'ISTIO_MUTUAL' ||
          drModeForHost(dr, '*.local') === 'ISTIO_MUTUAL',
      )
    ) {
      out.push(
        message(
          'KIA0501',
          NAME,
          pa,
          'Destination Rule enabling namespace-wide mTLS is missing',
          'spec.mtls',
        ),
      );
    }
    if (mode === 'DISABLE' && disabledNamespaceWideFails(drs, nsHost)) {
      out.push(
        message(
          'KIA0505',
          NAME,
          pa,
          'Destination Rule disabling namespace-wide mTLS is missing',
          'spec.mtls',
        ),
      );
    }
  }
}

function destinationRuleChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  out: Message[],
): void {
  const root = index.meshConfig.rootNamespace;
  const auto = autoMtls(index);
  const domain = identityDomain(index);
  const meshPAs = namespacePeerAuthentications(index, cluster, root);
  const nsPAs = namespacePeerAuthentications(index, cluster, namespace);
  for (const dr of index.list(cluster, K.DestinationRule, namespace)) {
    const host = String(dr.obj.spec?.host ?? '');
    const tlsMode = dr.obj.spec?.trafficPolicy?.tls?.mode ?? '';
    const nsWideHost = `*.${namespace}.${domain}`;
    if (host === '*.local') {
      if (
        tlsMode === 'ISTIO_MUTUAL' &&
        !auto &&
        !meshPAs.some(pa => ['STRICT', 'PERMISSIVE'].includes(paModeOf(pa)))
      ) {
        out.push(
          message(
            'KIA0205',
            NAME,
            dr,
            'PeerAuthentication enabling mTLS at mesh level is missing',
            'spec.trafficPolicy.tls.mode',
          ),
        );
      }
      if (
        tlsMode === 'DISABLE' &&
        meshPAs.some(pa => paModeOf(pa) === 'STRICT')
      ) {
        out.push(
          message(
            'KIA0208',
            NAME,
            dr,
            'PeerAuthentication enabling mTLS found, permissive policy is needed',
            'spec.trafficPolicy.tls.mode',
          ),
        );
      }
    } else if (host === nsWideHost) {
      if (
        tlsMode === 'ISTIO_MUTUAL' &&
        !auto &&
        ![...nsPAs, ...meshPAs].some(pa =>
          ['STRICT', 'PERMISSIVE'].includes(paModeOf(pa)),
        )
      ) {
        out.push(
          message(
            'KIA0206',
            NAME,
            dr,
            'PeerAuthentication enabling namespace-wide mTLS is missing',
            'spec.trafficPolicy.tls.mode',
          ),
        );
      }
      if (tlsMode === 'DISABLE') {
        // DisabledNamespaceWideMTLSChecker: namespace policies in list order; STRICT fails, PERMISSIVE
        // passes, DISABLE keeps scanning but excuses the mesh policy.
        let verdict: 'KIA0207' | 'ok' | undefined;
        let disabled = false;
        for (const pa of nsPAs) {
          const m = paModeOf(pa);
          if (m === 'STRICT') verdict = 'KIA0207';
          else if (m === 'PERMISSIVE') verdict = 'ok';
          else if (m === 'DISABLE') disabled = true;
          if (verdict) break;
        }
        if (verdict === 'KIA0207') {
          out.push(
            message(
              'KIA0207',
              NAME,
              dr,
              'PeerAuthentication enabling namespace-wide mTLS found, permissive policy is needed',
              'spec.trafficPolicy.tls.mode',
            ),
          );
        } else if (
          !verdict &&
          !disabled &&
          meshPAs.some(pa => paModeOf(pa) === 'STRICT')
        ) {
          out.push(
            message(
              'KIA0208',
              NAME,
              dr,
              'PeerAuthentication enabling mTLS found, permissive policy is needed',
              'spec.trafficPolicy.tls.mode',
            ),
          );
        }
      }
    }
    // KIA0204 (traffic_policy_checker.go): no TLS settings (or no trafficPolicy at all) while a
    // mesh-wide or namespace-wide ISTIO_MUTUAL DR, or an ISTIO_MUTUAL DR for the same FQDN, covers its host.
    const tp = dr.obj.spec?.trafficPolicy;
    const hasTls =
      tp?.tls !== undefined ||
      (tp?.portLevelSettings ?? []).some((p: any) => p?.tls !== undefined);
    if (!hasTls) {
      const target = kialiHostNamespace(host, dr.namespace);
      const fqdn = host.includes('.')
        ? host
        : `${host}.${dr.namespace}.${domain}`;
      const candidates = [
        ...destinationRulesFor(index, cluster, '*.local'),
        ...destinationRulesFor(index, cluster, `*.${target}.${domain}`),
        ...destinationRulesFor(index, cluster, fqdn),
      ];
      const overridden = [...new Set(candidates)].filter(
        o =>
          o !== dr && o.obj.spec?.trafficPolicy?.tls?.mode === 'ISTIO_MUTUAL',
      );
      if (overridden.length) {
        out.push(
          message(
            'KIA0204',
            NAME,
            dr,
            `Policy with TLS settings should be configured to keep mTLS: it overrides ${overridden
              .map(o => `${o.namespace}/${o.obj.metadata.name}`)
              .join(', ')}`,
            'spec.trafficPolicy',
          ),
        );
      }
    }
  }
}

/** The namespace Kiali's `ParseHost` gives a DR host: `svc` → the DR's namespace; `svc.ns[.svc…]` → ns. */
function kialiHostNamespace(host: string, drNamespace: string): string {
  const parts = host.split('.');
  return parts.length >= 2 ? parts[1] : drNamespace;
}

function needsMtlsPaths(spec: any): string[] {
  const paths: string[] = [];
  (spec?.rules ?? []).forEach((rule: any, i: number) => {
    (rule?.from ?? []).forEach((from: any, j: number) => {
      for (const field of [
        'principals',
        'notPrincipals',
        'namespaces',
        'notNamespaces',
      ]) {
        const v = from?.source?.[field];
        if (Array.isArray(v) && v.length)
          paths.push(`spec.rules[${i}].from[${j}].source.${field}`);
      }
    });
    (rule?.when ?? []).forEach((c: any, k: number) => {
      if (
        ['source.namespace', 'source.principal', 'connection.sni'].includes(
          c?.key,
        )
      )
        paths.push(`spec.rules[${i}].when[${k}]`);
    });
  });
  return paths;
}

function authorizationPolicyChecks(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  out: Message[],
): void {
  const aps = [...index.list(cluster, K.AuthorizationPolicy, namespace)];
  if (!aps.length) return;
  const nsDrs = destinationRulesFor(
    index,
    cluster,
    `*.${namespace}.${identityDomain(index)}`,
  );
  const meshDrs = destinationRulesFor(index, cluster, '*.local');
  const o = { autoMtls: autoMtls(index), allowPermissive: true };
  const root = index.meshConfig.rootNamespace;
  const nsStatus = namespaceTlsStatus(
    index,
    namespace,
    namespacePeerAuthentications(index, cluster, namespace),
    nsDrs,
    o,
  );
  const meshStatus = meshTlsStatus(
    namespacePeerAuthentications(index, cluster, root),
    meshDrs,
    o,
  );
  let nsLevel = overallMtlsStatus(nsStatus, meshStatus, o);
  if (nsLevel === NOT_ENABLED && o.autoMtls) nsLevel = ENABLED;
  for (const ap of aps) {
    const paths = needsMtlsPaths(ap.obj.spec);
    if (!paths.length) continue;
    const sel = ap.obj.spec?.selector?.matchLabels;
    let receivesMtls = nsLevel === ENABLED;
    if (hasLabels(sel)) {
      const wl = kialiWorkloadStatus(index, cluster, namespace, sel);
      if (wl === ENABLED) receivesMtls = true;
      else if (wl !== NOT_ENABLED) receivesMtls = false;
    }
    if (receivesMtls) continue;
    for (const p of paths)
      out.push(
        message(
          'KIA0105',
          NAME,
          ap,
          'This field requires mTLS to be enabled',
          p,
        ),
      );
  }
}

/** Kiali's mTLS validations for the PeerAuthentications, DestinationRules and AuthorizationPolicies of a namespace. */
export const kialiValidations: Analyzer = {
  name: NAME,
  scope: 'namespace',
  subjects: [K.PeerAuthentication, K.DestinationRule, K.AuthorizationPolicy],
  run({ index, cluster, namespace }) {
    const out: Message[] = [];
    peerAuthenticationChecks(index, cluster, namespace, out);
    destinationRuleChecks(index, cluster, namespace, out);
    authorizationPolicyChecks(index, cluster, namespace, out);
    return out;
  },
};
