import type { EdgeChange, RequestPreview } from './requests';

/** How many edges of a kind the verdict names before it counts the rest. */
const NAMED_EDGES = 3;

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The caller → service edges of a list, once each: a preview lists an edge
 * per destination cluster and subset, and the same caller reaching the same
 * service port in two clusters is one thing that breaks for its owner.
 */
function distinctEdges(changes: EdgeChange[]): string[] {
  return [
    ...new Set(
      changes.map(
        ({ after: { from, to } }) =>
          `${from.namespace}/${from.workload} → ${to.service}.${to.namespace}:${to.port}`,
      ),
    ),
  ].sort();
}

function named(edges: string[]): string {
  const shown = edges.slice(0, NAMED_EDGES).join(', ');
  const rest = edges.length - NAMED_EDGES;
  return rest > 0 ? `${shown} and ${rest} more` : shown;
}

/**
 * One line that says what a request's preview means before anyone reads the
 * diff: whether it breaks traffic (and which caller → service edges would
 * start failing, be denied or stop being mTLS, and with observed traffic which of them carried
 * traffic in the window), and per cluster how many objects it
 * creates and updates, with clusters whose live data is stale or missing
 * marked. The request page, the scaffolder's Review step and the scaffolder
 * actions' logs all show this line.
 *
 * @public
 */
export function previewVerdict(preview: RequestPreview): string {
  const all = (pick: (c: RequestPreview['clusters'][number]) => EdgeChange[]) =>
    distinctEdges(preview.clusters.flatMap(pick));
  const failing = all(c => c.impact.startFailing);
  const denied = all(c => c.impact.startDenied);
  const plaintext = all(c => c.impact.stopMtls);
  const improved = all(c => c.impact.improved);

  let head: string;
  if (failing.length > 0 || denied.length > 0 || plaintext.length > 0) {
    const parts = [];
    if (failing.length > 0) {
      parts.push(
        `${plural(
          failing.length,
          'caller → service edge',
          'caller → service edges',
        )} would start failing (${named(failing)})`,
      );
    }
    if (denied.length > 0) {
      parts.push(
        `${plural(
          denied.length,
          'caller → service edge',
          'caller → service edges',
        )} would be denied by an AuthorizationPolicy (${named(denied)})`,
      );
    }
    if (plaintext.length > 0) {
      parts.push(
        `${plural(
          plaintext.length,
          'edge',
          'edges',
        )} would stop being mTLS (${named(plaintext)})`,
      );
    }
    head = `Breaking: ${parts.join('; ')}`;
  } else {
    head =
      'Not breaking: no caller → service edge would start failing, be denied or stop being mTLS';
    if (improved.length > 0) {
      head += `; ${plural(improved.length, 'edge gets', 'edges get')} better`;
    }
  }

  // What the observed traffic says (with a metrics source): which of the breaking edges
  // carried traffic in the window.
  if (preview.traffic?.joined) {
    const observed = all(c => c.impact.observedAffected ?? []);
    const window = preview.traffic.window;
    head +=
      observed.length > 0
        ? `; observed traffic affected: ${plural(
            observed.length,
            'edge',
            'edges',
          )} carried traffic in the last ${window} (${named(observed)})`
        : `; no edge it breaks carried traffic in the last ${window}`;
  }

  const clusters = preview.clusters.map(cluster => {
    const count = (change: 'create' | 'update' | 'unchanged') =>
      cluster.objects.filter(o => o.change === change).length;
    const changes = [
      count('create') > 0 ? `${count('create')} to create` : '',
      count('update') > 0 ? `${count('update')} to update` : '',
      count('unchanged') > 0 ? `${count('unchanged')} unchanged` : '',
    ].filter(Boolean);
    const problem = cluster.problem
      ? ` (live data ${cluster.problem.stale ? 'stale' : 'missing'})`
      : '';
    return `${cluster.cluster}: ${
      changes.length > 0 ? changes.join(', ') : 'no object'
    }${problem}`;
  });
  if (clusters.length === 0) return `${head}. No cluster is affected.`;
  return `${head}. ${clusters.join('; ')}.`;
}
