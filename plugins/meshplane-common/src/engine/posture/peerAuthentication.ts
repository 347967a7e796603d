import { compareStrings } from '../model/compare';
import { K } from '../model/kinds';
import { hasLabels, Labels, selectorMatches } from '../model/labels';
import { PolicyDecision, ServerMode } from '../model/types';
import type { MeshIndex, StoredObject } from '../snapshot/MeshIndex';

/**
 * Effective PeerAuthentication (server-side mTLS) per workload and port.
 * istio/istio `pilot/pkg/security/authn/policy_applier.go` (`ComposePeerAuthentication`,
 * `GetMutualTLSModeForPort`), `pilot/pkg/model/authentication.go`, `pilot/pkg/model/config.go`
 * (`sortConfigByCreationTime`).
 */

export type PeerMode = ServerMode | 'UNSET';

/** The mode a PA (or port entry) sets; anything unknown or absent is UNSET (`isMtlsModeUnset`). */
export function peerModeOf(mtls: any): PeerMode {
  const mode = mtls?.mode;
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE'
    ? mode
    : 'UNSET';
}

function creationTime(o: StoredObject): number {
  const t = o.obj.metadata.creationTimestamp;
  if (!t) return -Infinity; // Go's zero time sorts first
  const ms = Date.parse(String(t));
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Oldest first; ties by name, then namespace (`configCompareByCreationTime`). */
export function compareByCreationTime(
  a: StoredObject,
  b: StoredObject,
): number {
  const ta = creationTime(a);
  const tb = creationTime(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.obj.metadata.name !== b.obj.metadata.name)
    return compareStrings(a.obj.metadata.name, b.obj.metadata.name);
  return compareStrings(a.namespace, b.namespace);
}

function oldest(list: StoredObject[]): StoredObject | undefined {
  let best: StoredObject | undefined;
  for (const o of list)
    if (!best || compareByCreationTime(o, best) < 0) best = o;
  return best;
}

/** A PA without selector or with empty matchLabels is mesh/namespace wide. */
export function isSelectorless(pa: StoredObject): boolean {
  return !hasLabels(pa.obj.spec?.selector?.matchLabels);
}

/** The winning mesh-level PA of a cluster (root namespace, no selector). */
export function meshPeerAuthentication(
  index: MeshIndex,
  cluster: string,
): StoredObject | undefined {
  const root = index.meshConfig.rootNamespace;
  return oldest(
    [
      ...index.list(index.configCluster(cluster), K.PeerAuthentication, root),
    ].filter(isSelectorless),
  );
}

/** The winning namespace-level PA (none for the root namespace: that level is the mesh). */
export function namespacePeerAuthentication(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): StoredObject | undefined {
  if (namespace === index.meshConfig.rootNamespace) return undefined;
  return oldest(
    [
      ...index.list(
        index.configCluster(cluster),
        K.PeerAuthentication,
        namespace,
      ),
    ].filter(isSelectorless),
  );
}

/**
 * Namespace-level mode as clients infer it for auto mTLS
 * (`AuthenticationPolicies.GetNamespaceMutualTLSMode`): namespace PA (UNSET → mesh),
 * else mesh, else undefined.
 */
export function namespaceMutualTlsMode(
  index: MeshIndex,
  cluster: string,
  namespace: string,
): ServerMode | undefined {
  const mesh = meshPeerAuthentication(index, cluster);
  const meshMode = mesh ? peerModeOf(mesh.obj.spec?.mtls) : 'UNSET';
  const ns = namespacePeerAuthentication(index, cluster, namespace);
  if (ns) {
    const m = peerModeOf(ns.obj.spec?.mtls);
    if (m !== 'UNSET') return m;
    return meshMode === 'UNSET' ? 'PERMISSIVE' : meshMode;
  }
  if (mesh) return meshMode === 'UNSET' ? 'PERMISSIVE' : meshMode;
  return undefined;
}

/** Effective server mTLS of one workload. */
export interface PeerAuthenticationResult {
  mode: ServerMode;
  /** Port-level modes of the winning workload policy (workload ports). */
  portModes: Map<number, ServerMode>;
  decidedBy: PolicyDecision[];
  /** The winning workload-level policy, if any. */
  workloadPolicy?: StoredObject;
}

function decision(
  pa: StoredObject,
  scope: PolicyDecision['scope'],
): PolicyDecision {
  return {
    kind: 'PeerAuthentication',
    namespace: pa.namespace,
    name: pa.obj.metadata.name,
    scope,
    cluster: pa.cluster,
  };
}

/** Composes mesh → namespace → workload (→ port) for a workload's labels. */
export function effectivePeerAuthentication(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  labels: Labels,
): PeerAuthenticationResult {
  const root = index.meshConfig.rootNamespace;
  let mode: ServerMode = 'PERMISSIVE';
  let decidedBy: PolicyDecision[] = [];
  const mesh = meshPeerAuthentication(index, cluster);
  if (mesh) {
    const m = peerModeOf(mesh.obj.spec?.mtls);
    if (m !== 'UNSET') {
      mode = m;
      decidedBy = [decision(mesh, 'mesh')];
    }
  }
  const ns = namespacePeerAuthentication(index, cluster, namespace);
  if (ns) {
    const m = peerModeOf(ns.obj.spec?.mtls);
    if (m !== 'UNSET') {
      mode = m;
      decidedBy = [decision(ns, 'namespace')];
    }
  }
  let workloadPolicy: StoredObject | undefined;
  if (namespace !== root) {
    // Selector PAs in the root namespace are ignored (policy_applier_test "ignore non-empty selector in root namespace").
    const matching = [
      ...index.list(
        index.configCluster(cluster),
        K.PeerAuthentication,
        namespace,
      ),
    ].filter(
      pa =>
        !isSelectorless(pa) &&
        selectorMatches(pa.obj.spec.selector.matchLabels, labels),
    );
    workloadPolicy = oldest(matching);
  }
  const portModes = new Map<number, ServerMode>();
  if (workloadPolicy) {
    const m = peerModeOf(workloadPolicy.obj.spec?.mtls);
    if (m !== 'UNSET') {
      mode = m;
      decidedBy = [decision(workloadPolicy, 'workload')];
    }
    const plm = workloadPolicy.obj.spec?.portLevelMtls;
    if (plm && typeof plm === 'object') {
      for (const [key, value] of Object.entries(plm)) {
        const port = Number(key);
        if (!Number.isInteger(port)) continue;
        const pm = peerModeOf(value);
        portModes.set(port, pm === 'UNSET' ? mode : pm);
      }
      if (portModes.size)
        decidedBy = [...decidedBy, decision(workloadPolicy, 'port')];
    }
  }
  return { mode, portModes, decidedBy, workloadPolicy };
}

/** Mode for one workload (target) port. */
export function modeForPort(
  result: PeerAuthenticationResult,
  port: number,
): ServerMode {
  return result.portModes.get(port) ?? result.mode;
}

/**
 * Effective PeerAuthentication of a workload captured by ztunnel (istio-semantics.md §g.5):
 * istiod turns it into an L4 deny of connections without a peer principal at the destination
 * ztunnel, so only STRICT means anything and `DISABLE` acts as `PERMISSIVE` (reported so).
 * Inputs: root-namespace PAs whose `selector` is nil (a root `selector: {}` is ignored here), the
 * namespace's selectorless PA, and the oldest matching workload PA; port entries of the workload
 * PA open or close single ports. istio/istio `pilot/pkg/serviceregistry/ambient/authorization.go`
 * (`convertedSelectorPeerAuthentications`, `convertPeerAuthentication`), `policies.go`
 * (`DefaultPolicy`), `workloads.go` (`fetchPeerAuthentications`).
 */
export function ambientPeerAuthentication(
  index: MeshIndex,
  cluster: string,
  namespace: string,
  labels: Labels,
): PeerAuthenticationResult & { note?: string } {
  const root = index.meshConfig.rootNamespace;
  const config = index.configCluster(cluster);
  const state: { mode: PeerMode; decidedBy: PolicyDecision[] } = {
    mode: 'UNSET',
    decidedBy: [],
  };
  const apply = (
    pa: StoredObject | undefined,
    scope: PolicyDecision['scope'],
  ) => {
    const m = pa ? peerModeOf(pa.obj.spec?.mtls) : 'UNSET';
    if (!pa || m === 'UNSET') return;
    state.mode = m;
    state.decidedBy = [decision(pa, scope)];
  };
  apply(
    oldest(
      [...index.list(config, K.PeerAuthentication, root)].filter(
        pa =>
          pa.obj.spec?.selector === undefined || pa.obj.spec?.selector === null,
      ),
    ),
    'mesh',
  );
  const own =
    namespace === root
      ? []
      : [...index.list(config, K.PeerAuthentication, namespace)];
  apply(oldest(own.filter(isSelectorless)), 'namespace');
  const workloadPolicy = oldest(
    own.filter(
      pa =>
        !isSelectorless(pa) &&
        selectorMatches(pa.obj.spec.selector.matchLabels, labels),
    ),
  );
  const inherited = state.mode;
  apply(workloadPolicy, 'workload');
  const { mode } = state;
  let { decidedBy } = state;
  const strict = (m: PeerMode) => m === 'STRICT';
  const base: ServerMode = strict(mode) ? 'STRICT' : 'PERMISSIVE';
  let disabled = mode === 'DISABLE';
  const portModes = new Map<number, ServerMode>();
  const plm = workloadPolicy?.obj.spec?.portLevelMtls;
  if (plm && typeof plm === 'object') {
    const entries = Object.entries(plm)
      .map(([key, value]) => [Number(key), peerModeOf(value)] as const)
      .filter(([port]) => Number.isInteger(port));
    // A workload PA without its own mode under a STRICT parent exempts DISABLE ports only when it
    // also has a PERMISSIVE port (authorization.go `convertedSelectorPeerAuthentications`).
    const unsetUnderStrict =
      peerModeOf(workloadPolicy!.obj.spec?.mtls) === 'UNSET' &&
      strict(inherited);
    const hasPermissive = entries.some(([, m]) => m === 'PERMISSIVE');
    for (const [port, m] of entries) {
      if (m === 'UNSET') continue;
      if (m === 'DISABLE') disabled = true;
      let portMode: ServerMode = strict(m) ? 'STRICT' : 'PERMISSIVE';
      if (m === 'DISABLE' && unsetUnderStrict && !hasPermissive)
        portMode = 'STRICT';
      portModes.set(port, portMode);
    }
    if (portModes.size)
      decidedBy = [...decidedBy, decision(workloadPolicy!, 'port')];
  }
  return {
    mode: base,
    portModes,
    decidedBy,
    workloadPolicy,
    ...(disabled
      ? {
          note: 'ztunnel enforces PeerAuthentication: DISABLE acts as PERMISSIVE (only STRICT rejects plaintext)',
        }
      : {}),
  };
}
