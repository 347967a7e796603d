import { AnalysisReport } from '@meshplane/plugin-meshplane-common';

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** `ns/name`, or just the name for namespace-less objects. */
const qualified = (ns: string | null, name: string) =>
  ns ? `${ns}/${name}` : name;

type WorkloadRow = AnalysisReport['mtls']['workloads'][number];

/** `sidecar`, `ambient` or `none`, with the infrastructure role: `none (ztunnel)`, `ambient (waypoint)`. */
function dataplaneText(w: WorkloadRow): string {
  const plane = w.dataplane ?? (w.sidecar ? 'sidecar' : 'none');
  return w.role ? `${plane} (${w.role})` : plane;
}

/** The report for people: findings, mTLS status of mesh, namespaces and workloads, edges. */
export function renderTable(report: AnalysisReport): string {
  const out: string[] = [];
  const multi = report.clusters.length > 1;
  out.push(`Clusters: ${report.clusters.join(', ') || '(none)'}`);
  out.push('');
  if (report.messages.length) {
    out.push(`Findings (${report.messages.length}):`);
    out.push(
      table(
        ['LEVEL', 'CODE', ...(multi ? ['CLUSTER'] : []), 'RESOURCE', 'MESSAGE'],
        report.messages.map(m => [
          m.level,
          m.code,
          ...(multi ? [m.resource.cluster] : []),
          `${m.resource.kind} ${qualified(
            m.resource.namespace,
            m.resource.name,
          )}`,
          `${m.message}${m.path ? ` [${m.path}]` : ''}`,
        ]),
      ),
    );
  } else {
    out.push('Findings: none');
  }
  out.push('');
  out.push(`Mesh mTLS: ${report.mtls.mesh.status}`);
  if (report.mtls.namespaces.length) {
    out.push('');
    out.push(
      table(
        ['CLUSTER', 'NAMESPACE', 'MTLS STATUS'],
        report.mtls.namespaces.map(n => [n.cluster, n.namespace, n.status]),
      ),
    );
  }
  if (report.mtls.workloads.length) {
    out.push('');
    out.push(
      table(
        [
          'CLUSTER',
          'NAMESPACE',
          'WORKLOAD',
          'KIND',
          'DATA PLANE',
          'MODE',
          'PORTS',
          'STATUS',
          'DECIDED BY',
        ],
        report.mtls.workloads.map(w => [
          w.cluster,
          w.namespace || '-',
          w.name,
          w.kind,
          dataplaneText(w),
          w.mode,
          w.ports
            .map(p =>
              p.mode === w.mode ? String(p.port) : `${p.port}:${p.mode}`,
            )
            .join(',') || '-',
          w.status,
          w.decidedBy
            .map(d => `${d.scope}:${d.namespace}/${d.name}`)
            .join(', ') ||
            (w.sidecar || w.mode !== 'DISABLE'
              ? 'default (PERMISSIVE)'
              : 'no sidecar: plaintext only'),
        ]),
      ),
    );
  }
  if (report.mtls.edges) {
    out.push('');
    out.push(`Edges (${report.mtls.edges.length}):`);
    out.push(
      table(
        ['FROM', 'TO', 'PORT', 'CLIENT TLS', 'OUTCOME', 'VIA', 'REASON'],
        report.mtls.edges.map(e => [
          `${multi ? `${e.from.cluster}/` : ''}${qualified(
            e.from.namespace,
            e.from.workload,
          )}`,
          `${multi ? `${e.to.cluster}/` : ''}${qualified(
            e.to.namespace,
            e.to.service,
          )}${e.to.subset ? `[${e.to.subset}]` : ''}`,
          String(e.to.port),
          `${e.clientTls} (${e.clientTlsSource})`,
          e.outcome,
          e.via?.map(v => qualified(v.namespace, v.name)).join(' > ') || '-',
          e.reason,
        ]),
      ),
    );
  }
  const counts = ['Error', 'Warning', 'Info'].map(
    l =>
      `${report.messages.filter(m => m.level === l).length} ${l.toLowerCase()}`,
  );
  out.push('');
  out.push(
    `Summary: ${counts.join(', ')}; ${
      report.mtls.workloads.length
    } workloads in ${report.mtls.namespaces.length} namespaces`,
  );
  return `${out.join('\n')}\n`;
}
