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
