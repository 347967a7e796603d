import {
  AnalysisReport,
  ObservedTraffic,
} from '@meshplane/plugin-meshplane-common';

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

const round = (n: number) => String(Math.round(n * 100) / 100);
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * What was observed on an edge, for people: requests (errors, p99) or, without request
 * series, `L4 only` with connections and bytes; the TLS shares; the reporter.
 */
function observedText(o: ObservedTraffic | undefined): string {
  if (!o) return '-';
  const parts: string[] = [];
  if (o.requestsPerSecond !== undefined) {
    parts.push(`${round(o.requestsPerSecond)} req/s`);
    if (o.errorRate !== undefined) parts.push(`${percent(o.errorRate)} errors`);
    if (o.latencyMs) parts.push(`p99 ${round(o.latencyMs.p99)} ms`);
  } else {
    parts.push('L4 only');
    if (o.connectionsPerSecond !== undefined)
      parts.push(`${round(o.connectionsPerSecond)} conn/s`);
    if (o.tcpBytesPerSecond !== undefined)
      parts.push(`${round(o.tcpBytesPerSecond)} B/s`);
  }
  const tls = [
    o.tls.mutualTls > 0 ? `mTLS ${percent(o.tls.mutualTls)}` : '',
    o.tls.plaintext > 0 ? `plaintext ${percent(o.tls.plaintext)}` : '',
    o.tls.unknown > 0 ? `TLS unknown ${percent(o.tls.unknown)}` : '',
  ].filter(Boolean);
  return `${[...parts, ...tls].join(', ')} (${o.reporter})`;
}

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
  const traffic = report.traffic;
  if (report.mtls.edges) {
    out.push('');
    out.push(`Edges (${report.mtls.edges.length}):`);
    out.push(
      table(
        [
          'FROM',
          'TO',
          'PORT',
          'CLIENT TLS',
          'OUTCOME',
          'VIA',
          ...(traffic ? [`OBSERVED (${traffic.window})`] : []),
          'REASON',
        ],
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
          ...(traffic ? [observedText(e.observed)] : []),
          e.reason,
        ]),
      ),
    );
  }
  if (traffic) {
    out.push('');
    out.push(
      `Traffic: window ${traffic.window} ending ${traffic.observedAt}; observed only (no configured edge): ${traffic.observedOnly.length}`,
    );
    if (traffic.observedOnly.length)
      out.push(
        table(
          ['FROM', 'TO', 'OBSERVED'],
          traffic.observedOnly.map(o => [
            `${o.from.cluster}/${o.from.namespace}/${o.from.workload}`,
            `${o.to.cluster}/${o.to.namespace}/${o.to.service}`,
            observedText(o.observed),
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
