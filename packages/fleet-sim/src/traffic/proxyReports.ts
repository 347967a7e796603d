import type { MeshWorkload, ResolvedFlow } from './resolveTraffic';
import type { DataPlaneMode, TrafficFlow } from './types';

/** Istio's `reporter` label. */
export type Reporter = 'source' | 'destination' | 'waypoint';

/** What one proxy reports about one flow (about one leg of it, through a waypoint). */
export interface ProxyReport {
  /** The cluster whose metrics endpoint serves the report: the reporting proxy's. */
  cluster: string;
  reporter: Reporter;
  /** Envoy (sidecar, gateway, waypoint) reports L7 metrics for HTTP and gRPC; ztunnel only TCP. */
  proxy: 'envoy' | 'ztunnel';
  /** The client side as the proxy sees it; absent: `unknown` (out of the mesh). */
  source?: MeshWorkload;
  /** The server side as the proxy sees it (the waypoint, on a client's leg to it). */
  destination: MeshWorkload;
  service: ResolvedFlow['service'];
  /** Whether the leg the proxy sees is Istio mTLS (HBONE for ztunnel and waypoints). */
  mtls: boolean;
  flow: TrafficFlow;
  /** The share of the flow's rate this report carries (its backend's share). */
  share: number;
}

const ENVOY_CLIENTS: DataPlaneMode[] = ['sidecar', 'gateway', 'waypoint'];

/**
 * Which proxies report each flow, as `istio-semantics.md` §i says (istio.io's standard metrics
 * reference; ztunnel `src/proxy/outbound.rs`, `inbound.rs`, `inbound_passthrough.rs`;
 * `tests/integration/ambient/baseline_test.go`):
 *
 * - the client's Envoy (sidecar, gateway) reports `source`; an ambient client's ztunnel reports
 *   `source` with TCP metrics only; an out-of-mesh client reports nothing;
 * - the server's sidecar reports `destination`; an ambient server's ztunnel reports
 *   `destination` with TCP metrics only; gateways and out-of-mesh servers report nothing
 *   inbound;
 * - through a waypoint, the waypoint reports `waypoint` with the real client and backend, the
 *   client's proxy reports its leg to the waypoint, and the server's proxy its leg from it
 *   (always HBONE);
 * - a client out of the mesh (or `unknown`) is `unknown` to every reporter.
 */
export function proxyReports(flows: ResolvedFlow[]): ProxyReport[] {
  const reports: ProxyReport[] = [];
  for (const resolved of flows) {
    const { flow, service, waypoint } = resolved;
    const client =
      resolved.source && resolved.source.dataPlane !== 'none'
        ? resolved.source
        : undefined;
    const mtls = resolved.tls === 'mutual_tls';
    for (const { workload: backend, share } of resolved.backends) {
      const report = (fields: {
        cluster: string;
        reporter: Reporter;
        proxy: 'envoy' | 'ztunnel';
        source: MeshWorkload | undefined;
        destination: MeshWorkload;
        mtls: boolean;
      }) => reports.push({ ...fields, service, flow, share });
      const firstHop = waypoint ?? backend;
      if (client && ENVOY_CLIENTS.includes(client.dataPlane)) {
        report({
          cluster: client.cluster,
          reporter: 'source',
          proxy: 'envoy',
          source: client,
          destination: firstHop,
          mtls,
        });
      } else if (client?.dataPlane === 'ambient') {
        report({
          cluster: client.cluster,
          reporter: 'source',
          proxy: 'ztunnel',
          source: client,
          destination: firstHop,
          mtls,
        });
      }
      let peer = client;
      let peerMtls = mtls;
      if (waypoint) {
        report({
          cluster: waypoint.cluster,
          reporter: 'waypoint',
          proxy: 'envoy',
          source: client,
          destination: backend,
          mtls,
        });
        peer = waypoint;
        peerMtls = true;
      }
      if (backend.dataPlane === 'sidecar' || backend.dataPlane === 'ambient') {
        report({
          cluster: backend.cluster,
          reporter: 'destination',
          proxy: backend.dataPlane === 'sidecar' ? 'envoy' : 'ztunnel',
          source: peer,
          destination: backend,
          mtls: peerMtls,
        });
      }
    }
  }
  return reports;
}
