import type {
  Edge,
  EdgeChange,
  MeshAnalyzer,
  Message,
  NamespacePosture,
  PostureImpact,
} from '@meshplane/plugin-meshplane-common';

/** The posture facts a preview compares, for one state of the fleet. */
export interface PostureState {
  edges: Map<string, Edge>;
  findings: Map<string, Message>;
  namespaces: Map<string, NamespacePosture>;
}

function edgeKey(edge: Edge): string {
  const { from, to } = edge;
  return `${from.cluster}/${from.namespace}/${from.workload}->${to.cluster}/${
    to.namespace
  }/${to.service}:${to.port}${to.subset ? `/${to.subset}` : ''}`;
}

function findingKey(message: Message): string {
  const r = message.resource;
  return `${message.code}|${r.cluster}|${r.kind}|${r.namespace ?? ''}|${
    r.name
  }|${message.path ?? ''}|${message.message}`;
}

/**
 * Reads what a request can change, for one state of the fleet: every edge
 * (from any client of the fleet) to the affected services — the services of
 * the target namespaces, whose servers a PeerAuthentication or
 * AuthorizationPolicy acts on, and the services the rendered objects name,
 * whose clients a DestinationRule or VirtualService acts on — the findings
 * of the target clusters, and the Kiali status of the target namespaces.
 * Only these: a fleet-wide read (every service's edges) costs seconds on a
 * fleet of thousands of services.
 */
export function readPostureState(
  analyzer: MeshAnalyzer,
  targets: Array<{ cluster: string; namespace: string }>,
  services: Array<{ namespace: string; name: string }>,
): PostureState {
  const edges = new Map<string, Edge>();
  for (const service of services) {
    for (const group of analyzer.serverEdges(service.namespace, service.name)) {
      for (const edge of group.edges) edges.set(edgeKey(edge), edge);
    }
  }
  const findings = new Map<string, Message>();
  for (const cluster of new Set(targets.map(t => t.cluster))) {
    for (const message of analyzer.findings({ cluster }))
      findings.set(findingKey(message), message);
  }
  const postures = new Map<string, NamespacePosture>();
  for (const posture of analyzer.namespacePostures(targets)) {
    postures.set(`${posture.cluster}/${posture.namespace}`, posture);
  }
  return { edges, findings, namespaces: postures };
}

/** The cluster a changed edge is shown under: its server's, unless only its client is a target. */
function edgeCluster(change: EdgeChange, clusters: Set<string>): string {
  return clusters.has(change.after.to.cluster)
    ? change.after.to.cluster
    : change.after.from.cluster;
}

/**
 * Compares two posture states per target cluster: edges that start failing,
 * that stop being mTLS (mtls → plaintext), that get better (fail → anything,
 * plaintext → mtls); findings that appear or go away; namespaces whose Kiali
 * status changes.
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
    else if (previous.outcome === 'mtls' && next.outcome === 'plaintext')
      impact.stopMtls.push(change);
    else if (
      previous.outcome === 'fail' ||
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
