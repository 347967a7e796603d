import { ISTIO_BUCKETS, MetricFamily } from './istioMetrics';

function format(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Metric families in Prometheus' text exposition format (version 0.0.4) at `elapsedSeconds`
 * since the traffic started: every counter, bucket, sum and count is its rate × the elapsed
 * seconds. Families without series are left out, as Envoy does.
 */
export function renderExposition(
  families: MetricFamily[],
  elapsedSeconds: number,
): string {
  const lines: string[] = [];
  const value = (rate: number) => format(rate * elapsedSeconds);
  for (const family of families) {
    if (family.series.size === 0) {
      continue;
    }
    const { name } = family;
    lines.push(
      `# HELP ${name} ${family.help}`,
      `# TYPE ${name} ${family.type}`,
    );
    for (const [labels, rates] of family.series) {
      if (family.type === 'counter') {
        lines.push(`${name}{${labels}} ${value(rates[0])}`);
        continue;
      }
      ISTIO_BUCKETS.forEach((le, i) =>
        lines.push(`${name}_bucket{${labels},le="${le}"} ${value(rates[i])}`),
      );
      const count = value(rates[ISTIO_BUCKETS.length + 1]);
      lines.push(
        `${name}_bucket{${labels},le="+Inf"} ${count}`,
        `${name}_sum{${labels}} ${value(rates[ISTIO_BUCKETS.length])}`,
        `${name}_count{${labels}} ${count}`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
