import { MeshAnalyzer } from '../analyzer/MeshAnalyzer';
import type { Edge, Message, NamespacePosture } from '../model/types';
import type { EdgeChange, PostureImpact } from '../../schema/openapi';
import { edgeKey } from '../posture/entityPosture';

/** What a change to the fleet can affect: where it applies, and the services whose edges it can change. @public */
export interface PostureScope {
  /** The namespaces (per cluster) the change targets: their findings' clusters and their Kiali status. */
  targets: Array<{ cluster: string; namespace: string }>;
  /** The services whose edges (from every client of the fleet) are compared. */
  services: Array<{ namespace: string; name: string }>;
}

/** The posture facts compared, for one state of the fleet, by {@link edgeKey} and {@link findingKey}. */
export interface PostureState {
  edges: Map<string, Edge>;
  findings: Map<string, Message>;
  namespaces: Map<string, NamespacePosture>;
}

/** A finding's identity across two states: its code, object, field and text. */
function findingKey(message: Message): string {
  const r = message.resource;
  return `${message.code}|${r.cluster}|${r.kind}|${r.namespace ?? ''}|${
    r.name
  }|${message.path ?? ''}|${message.message}`;
}

/** Indexes posture facts by their identity across states. */
export function postureState(facts: {
  edges: Edge[];
  findings: Message[];
  namespaces: NamespacePosture[];
}): PostureState {
  return {
    edges: new Map(facts.edges.map(edge => [edgeKey(edge), edge])),
    findings: new Map(
      facts.findings.map(message => [findingKey(message), message]),
    ),
    namespaces: new Map(
      facts.namespaces.map(posture => [
        `${posture.cluster}/${posture.namespace}`,
        posture,
      ]),
    ),
  };
}

/**
 * Reads what a change can affect, for one state of the fleet: every edge
 * (from any client of the fleet) to the scope's services, the findings of
 * the target clusters, and the Kiali status of the target namespaces. Only
 * these: a fleet-wide read (every service's edges) costs seconds on a fleet
 * of thousands of services.
 */
function readPostureState(
  analyzer: PostureReader,
  scope: PostureScope,
): PostureState {
  return postureState({
    edges: scope.services.flatMap(service =>
      analyzer
        .serverEdges(service.namespace, service.name)
        .flatMap(group => group.edges),
    ),
    findings: [...new Set(scope.targets.map(t => t.cluster))].flatMap(cluster =>
      analyzer.findings({ cluster }),
    ),
    namespaces: analyzer.namespacePostures(scope.targets),
  });
}

/** The cluster a changed edge is shown under: its server's, unless only its client is a target. */
function edgeCluster(change: EdgeChange, clusters: Set<string>): string {
  return clusters.has(change.after.to.cluster)
    ? change.after.to.cluster
    : change.after.from.cluster;
}

/**
 * Compares two posture states per cluster: edges that start failing, that an
 * AuthorizationPolicy starts to deny (anything but fail → denied), that
 * stop being mTLS (mtls → plaintext), that get better (fail or denied →
 * anything else, plaintext → mtls); findings that appear or go away; namespaces whose Kiali
 * status changes. Edges present in one state only, and other outcome
 * changes, are not part of the impact.
 */
export function comparePosture(
  before: PostureState,
  after: PostureState,
  clusters: string[],
): Map<string, PostureImpact> {
  const clusterSet = new Set(clusters);
  const impacts = new Map<string, PostureImpact>(
    clusters.map(cluster => [
      cluster,
      {
        startFailing: [],
        startDenied: [],
        stopMtls: [],
        improved: [],
        findingsAdded: [],
        findingsRemoved: [],
        namespaces: [],
      },
    ]),
  );
  for (const [key, next] of after.edges) {
    const previous = before.edges.get(key);
    if (!previous || previous.outcome === next.outcome) continue;
    const change = { before: previous, after: next };
    const impact = impacts.get(edgeCluster(change, clusterSet));
    if (!impact) continue;
    if (next.outcome === 'fail') impact.startFailing.push(change);
    else if (next.outcome === 'denied') {
      if (previous.outcome !== 'fail') impact.startDenied.push(change);
    } else if (previous.outcome === 'mtls' && next.outcome === 'plaintext')
      impact.stopMtls.push(change);
    else if (
      previous.outcome === 'fail' ||
      previous.outcome === 'denied' ||
      (previous.outcome === 'plaintext' && next.outcome === 'mtls')
    ) {
      impact.improved.push(change);
    }
  }
  for (const [key, message] of after.findings) {
    if (!before.findings.has(key))
      impacts.get(message.resource.cluster)?.findingsAdded.push(message);
  }
  for (const [key, message] of before.findings) {
    if (!after.findings.has(key))
      impacts.get(message.resource.cluster)?.findingsRemoved.push(message);
  }
  for (const [key, next] of after.namespaces) {
    const previous = before.namespaces.get(key);
    if (previous && previous.status !== next.status) {
      impacts.get(next.cluster)?.namespaces.push({
        namespace: next.namespace,
        before: previous.status,
        after: next.status,
      });
    }
  }
  return impacts;
}

/**
 * What {@link postureImpact} reads of a fleet's state: a {@link MeshAnalyzer}, or any narrower
 * view of one.
 *
 * @public
 */
export type PostureReader = Pick<
  MeshAnalyzer,
  'serverEdges' | 'findings' | 'namespacePostures'
>;

/**
 * The impact on posture of a change to the fleet, per target cluster (sorted
 * by name): `before` is the fleet as it is, `after` the fleet with the change
 * applied (typically `before.fork()` with the change's objects upserted).
 * Only the scope's edges, findings and namespaces are read, in both states.
 *
 * @public
 */
export function postureImpact(
  before: PostureReader,
  after: PostureReader,
  scope: PostureScope,
): Map<string, PostureImpact> {
  return comparePosture(
    readPostureState(before, scope),
    readPostureState(after, scope),
    [...new Set(scope.targets.map(t => t.cluster))].sort(),
  );
}
