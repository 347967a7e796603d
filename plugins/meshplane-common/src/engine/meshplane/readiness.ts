import { resolveShortname } from '../model/hosts';
import { K } from '../model/kinds';
import { hasLabels, selectorMatches } from '../model/labels';
import type {
  NamespaceReadiness,
  ReadinessBlocker,
} from '../../schema/openapi';
import { hasHttpRules, hasTargetRefs } from '../posture/authorization';
import { peerModeOf } from '../posture/peerAuthentication';
import { DNS_DOMAIN, MeshIndex, StoredObject } from '../snapshot/MeshIndex';
import { USE_WAYPOINT } from '../snapshot/dataplane';
import { appliesToMesh } from '../validation/virtualService/routes';
import { l7TrafficPolicyPath } from './ambient';

/**
 * What would break or change if a namespace moved from sidecars to ambient: the table of
 * istio-semantics.md §g.11, each rule with where it comes from in Istio. The same engine answers
 * the CLI (`meshplane analyze --readiness`), the API and the Mesh tab.
 */

const AUTHZ = 'pilot/pkg/serviceregistry/ambient/authorization.go';

/** A selector policy (or a namespace-wide one) applies to workloads with these labels. */
function selects(obj: StoredObject, labels: Record<string, string>): boolean {
  const sel = obj.obj.spec?.selector?.matchLabels;
  return !hasLabels(sel) || selectorMatches(sel, labels);
}

/** Migration readiness of one namespace of one cluster. */
export function namespaceReadiness(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): NamespaceReadiness {
  const config = index.configCluster(cluster);
  const workloads = index.workloads(cluster, namespace).filter(w => !w.role);
  const dataplanes = { sidecar: 0, ambient: 0, none: 0 };
  for (const w of workloads) {
    if (w.proxy === 'ambient') dataplanes.ambient++;
    else if (w.proxy === 'none') dataplanes.none++;
    else dataplanes.sidecar++;
  }
  const out: ReadinessBlocker[] = [];
  const add = (
    effect: ReadinessBlocker['effect'],
    o: StoredObject,
    reason: string,
    source: string,
    path?: string,
  ) =>
    out.push({
      effect,
      object: o.ref,
      reason,
      source,
      ...(path ? { path } : {}),
    });
  const nsObject = index.namespaceObject(cluster, namespace);
  const waypointBound =
    nsObject?.obj.metadata.labels?.[USE_WAYPOINT] !== undefined &&
    nsObject.obj.metadata.labels[USE_WAYPOINT] !== 'none';

  // The cluster itself.
  const agents = index.nodeAgents(cluster);
  if (nsObject && agents.controlPlane && !agents.ztunnel)
    add(
      'breaks',
      nsObject,
      `cluster ${cluster} runs no ztunnel: labelled ambient, the namespace's pods would be out of the mesh`,
      'istio-semantics.md §g.1; manifests/charts/istio-cni/values.yaml (ambient.enabled)',
    );
  if (nsObject && config !== cluster)
    add(
      'breaks',
      nsObject,
      `cluster ${cluster} is an Istio remote of ${config}: ambient does not support primary-remote`,
      'https://istio.io/latest/docs/ambient/install/multicluster (multi-primary, multi-network only)',
    );

  // Workloads that cannot be captured.
  for (const w of workloads) {
    const source = w.objects[0];
    if (!source) continue;
    if (w.vm)
      add(
        'breaks',
        source,
        `VM ${
          w.name
        } cannot join ambient: it keeps its sidecar proxy, and ambient clients reach it only in plaintext unless it is labelled ${'networking.istio.io/tunnel=http'}`,
        'https://istio.io/latest/docs/ambient/overview/ (limitations); ambient/workloads.go setTunnelProtocol',
      );
    else if (w.podSpec?.hostNetwork === true)
      add(
        'breaks',
        source,
        `${w.kind} ${w.name} uses hostNetwork: ztunnel never captures it`,
        'cni/pkg/util/enablement_selector.go (Matches)',
        'spec.template.spec.hostNetwork',
      );
  }

  // PeerAuthentication DISABLE.
  for (const pa of index.list(config, K.PeerAuthentication, namespace)) {
    const modes = [
      peerModeOf(pa.obj.spec?.mtls),
      ...Object.values(pa.obj.spec?.portLevelMtls ?? {}).map(peerModeOf),
    ];
    if (modes.includes('DISABLE'))
      add(
        'changes',
        pa,
        `DISABLE acts as PERMISSIVE under ztunnel: mesh traffic becomes HBONE mTLS, and plaintext stays accepted`,
        `${AUTHZ} (convertedSelectorPeerAuthentications); istio/api peer_authentication.proto`,
        'spec.mtls.mode',
      );
  }

  // AuthorizationPolicies with a selector: ztunnel enforces them at L4 only.
  for (const ap of index.list(config, K.AuthorizationPolicy, namespace)) {
    if (hasTargetRefs(ap)) continue;
    if (!workloads.some(w => !w.vm && selects(ap, w.labels))) continue;
    const action = String(ap.obj.spec?.action ?? 'ALLOW');
    const rules: any[] = Array.isArray(ap.obj.spec?.rules)
      ? ap.obj.spec.rules
      : [];
    if (action === 'CUSTOM' || action === 'AUDIT') {
      add(
        'breaks',
        ap,
        `ztunnel does not enforce ${action}: the policy would stop applying (attach it to a waypoint with targetRefs)`,
        `${AUTHZ} (convertAuthorizationPolicy)`,
        'spec.action',
      );
      continue;
    }
    if (rules.some(hasHttpRules)) {
      add(
        'breaks',
        ap,
        action === 'ALLOW'
          ? `ztunnel drops the ALLOW rules that use HTTP attributes: callers they allow today would be denied (move the policy to a waypoint with targetRefs)`
          : `ztunnel removes the HTTP attributes of DENY rules: it would deny more, or nothing where a clause keeps no L4 field`,
        `${AUTHZ} (handleRule); ztunnel src/rbac.rs`,
        'spec.rules',
      );
    } else if (
      waypointBound &&
      rules.some((r: any) =>
        (r?.from ?? []).some(
          (f: any) => f?.source?.principals || f?.source?.namespaces,
        ),
      )
    ) {
      add(
        'changes',
        ap,
        `behind the namespace's waypoint, ztunnel sees the waypoint's identity, not the caller's: rules on principals or namespaces stop matching the original callers`,
        'https://istio.io/latest/docs/ambient/usage/l4-policy/',
        'spec.rules',
      );
    }
  }

  // RequestAuthentication, Sidecar, EnvoyFilter, WasmPlugin, Telemetry with a selector.
  for (const ra of index.list(config, K.RequestAuthentication, namespace))
    if (!hasTargetRefs(ra))
      add(
        'breaks',
        ra,
        'ztunnel ignores RequestAuthentication: JWTs would not be validated (attach it to a waypoint with targetRefs)',
        'https://istio.io/latest/docs/ambient/usage/l7-features/',
        'spec.selector',
      );
  for (const sc of index.list(config, K.Sidecar, namespace))
    add(
      'changes',
      sc,
      'the Sidecar resource has no effect on ambient workloads (egress scoping and inbound ports are lost)',
      'pkg/config/analysis/analyzers/sidecar/selector.go (IST0167)',
    );
  for (const kk of [K.EnvoyFilter, K.WasmPlugin, K.Telemetry]) {
    for (const o of index.list(config, kk, namespace)) {
      if (hasTargetRefs(o)) continue;
      add(
        kk === K.Telemetry ? 'changes' : 'breaks',
        o,
        kk === K.Telemetry
          ? 'ztunnel reports L4 metrics only: access logs, tracing and HTTP metric overrides need a waypoint and targetRefs'
          : `${o.obj.kind} with a selector (or namespace-wide) never applies to ztunnel or waypoints: attach it to a waypoint with targetRefs`,
        'https://istio.io/latest/docs/ambient/migrate/migrate-policies/; pilot/pkg/model/policyattachment.go',
      );
    }
  }

  // Routing and L7 traffic policy for the namespace's services: waypoint only.
  const hosts = new Set(
    [...index.list(cluster, K.Service, namespace)].map(s =>
      resolveShortname(s.obj.metadata.name, namespace, DNS_DOMAIN),
    ),
  );
  for (const vs of index.listAll(config, K.VirtualService)) {
    if (!appliesToMesh(vs.obj.spec)) continue;
    const routed = (vs.obj.spec?.hosts ?? []).some((h: unknown) =>
      hosts.has(resolveShortname(String(h), vs.namespace, DNS_DOMAIN)),
    );
    if (!routed || waypointBound) continue;
    add(
      'breaks',
      vs,
      `mesh routes to ${namespace}'s services are applied by a waypoint only: without one, ambient clients ignore this VirtualService (retries, splits, faults, header routing)`,
      'pilot/pkg/config/kube/gateway/conditions.go; https://istio.io/latest/docs/ambient/migrate/migrate-policies/',
      'spec.hosts',
    );
  }
  for (const dr of index.listAll(config, K.DestinationRule)) {
    const host = resolveShortname(
      String(dr.obj.spec?.host ?? ''),
      dr.namespace,
      DNS_DOMAIN,
    );
    if (!hosts.has(host)) continue;
    const tls = dr.obj.spec?.trafficPolicy?.tls?.mode;
    if (tls === 'DISABLE' || tls === 'SIMPLE' || tls === 'MUTUAL')
      add(
        'changes',
        dr,
        `tls.mode ${tls} towards ${host}: sidecar clients send HBONE to ambient pods anyway (the TLS travels inside), ambient clients ignore it unless a waypoint applies it`,
        'pilot/pkg/networking/core/cluster_tls.go (applyHBONETransportSocketMatches)',
        'spec.trafficPolicy.tls.mode',
      );
    const l7Path = waypointBound ? undefined : l7TrafficPolicyPath(dr.obj.spec);
    if (l7Path)
      add(
        'changes',
        dr,
        `outlier detection, HTTP connection pools and consistent hashing towards ${host} are applied by a waypoint only`,
        'https://istio.io/latest/docs/ambient/usage/l7-features/',
        l7Path,
      );
  }

  const rank = (b: ReadinessBlocker) => (b.effect === 'breaks' ? 0 : 1);
  out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.object.kind.localeCompare(b.object.kind) ||
      a.object.name.localeCompare(b.object.name),
  );
  return {
    cluster,
    namespace,
    dataplanes,
    ready: !out.some(b => b.effect === 'breaks'),
    blockers: out,
  };
}

/** Readiness of a namespace in every cluster that has it (cluster order). */
export function fleetNamespaceReadiness(
  index: MeshIndex,
  namespace: string,
): NamespaceReadiness[] {
  return index
    .clusterNames()
    .filter(
      c =>
        index.namespaceExists(c, namespace) ||
        index.workloads(c, namespace).length > 0,
    )
    .map(c => namespaceReadiness(index, c, namespace));
}
