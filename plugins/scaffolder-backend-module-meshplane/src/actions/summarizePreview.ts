import type { RequestPreview } from '@meshplane/plugin-meshplane-common';

/** One line per cluster: what the request changes there, for the task log. */
export function summarizePreview(preview: RequestPreview): string[] {
  return preview.clusters.map(cluster => {
    const count = (change: string) =>
      cluster.objects.filter(o => o.change === change).length;
    const { impact } = cluster;
    const parts = [
      `${count('create')} to create, ${count('update')} to update, ${count(
        'unchanged',
      )} unchanged`,
    ];
    if (impact.startFailing.length)
      parts.push(`${impact.startFailing.length} edge(s) would start failing`);
    if (impact.startDenied.length)
      parts.push(
        `${impact.startDenied.length} edge(s) would be denied by an AuthorizationPolicy`,
      );
    if (impact.stopMtls.length)
      parts.push(`${impact.stopMtls.length} edge(s) would stop being mTLS`);
    if (impact.improved.length)
      parts.push(`${impact.improved.length} edge(s) improve`);
    if (impact.findingsAdded.length)
      parts.push(`${impact.findingsAdded.length} new finding(s)`);
    if (impact.findingsRemoved.length)
      parts.push(`${impact.findingsRemoved.length} finding(s) resolved`);
    for (const ns of impact.namespaces)
      parts.push(`namespace ${ns.namespace}: ${ns.before} → ${ns.after}`);
    if (cluster.problem) parts.push(`live data ${cluster.problem.status}`);
    return `${cluster.cluster}: ${parts.join('; ')}`;
  });
}
