import type { TrafficFlow, TrafficSpec, TrafficSource } from '../traffic';

/** A generated service as placed in one cluster, for {@link generateTraffic}. */
export interface PlacedService {
  namespace: string;
  app: string;
  /** Its Deployments (`<app>-v1`, and `<app>-v2` for a canary). */
  workloads: string[];
  port: number;
  /** In an injected namespace but without a sidecar (the inference would say sidecar). */
  sidecarless: boolean;
  /** Routed by the cluster's classic ingress gateway. */
  ingress: boolean;
}

/**
 * A generated fleet's traffic: every placed service is called by 1–3 callers of its cluster
 * (other services' v1 workloads; the ingress gateway first for services it routes), at
 * 0.5–20 rps with a latency around a 5–30 ms median; one flow in ten fails 1–5 % with 503.
 * Without the size histograms, to keep the endpoints of large fleets small. Deterministic for
 * `next`.
 */
export function generateTraffic(options: {
  clusters: Array<{ name: string; services: PlacedService[] }>;
  ingressGateway: { namespace: string; workload: string };
  next: () => number;
}): TrafficSpec {
  const { next } = options;
  const flows: TrafficFlow[] = [];
  const round = (value: number) => Math.round(value * 10) / 10;
  for (const cluster of options.clusters) {
    const { services } = cluster;
    for (const service of services) {
      const callers: TrafficSource[] = [];
      if (service.ingress) {
        callers.push({ cluster: cluster.name, ...options.ingressGateway });
      }
      const wanted = 1 + Math.floor(next() * 3);
      for (let attempt = 0; callers.length < wanted && attempt < 6; attempt++) {
        const caller = services[Math.floor(next() * services.length)];
        const workload = caller.workloads[0];
        if (
          caller === service ||
          callers.some(
            c => c.namespace === caller.namespace && c.workload === workload,
          )
        ) {
          continue;
        }
        callers.push({
          cluster: cluster.name,
          namespace: caller.namespace,
          workload,
          ...(caller.sidecarless ? { dataPlane: 'none' as const } : {}),
        });
      }
      for (const source of callers) {
        const p50 = 5 + Math.floor(next() * 26);
        const failing = next() < 0.1;
        flows.push({
          source,
          destination: {
            cluster: cluster.name,
            namespace: service.namespace,
            service: service.app,
            port: service.port,
            ...(service.sidecarless ? { dataPlane: 'none' as const } : {}),
          },
          rps: round(0.5 + next() * 19.5),
          protocol: 'http',
          latencyMs: { p50, p95: 3 * p50, p99: 6 * p50 },
          ...(failing
            ? { errors: { share: round(1 + next() * 4) / 100, codes: [503] } }
            : {}),
        });
      }
    }
  }
  return { sizeHistograms: false, flows };
}
