/**
 * How a workload takes part in the mesh, which decides what its proxy reports
 * (`istio-semantics.md` §g, §i): an Envoy sidecar, ztunnel (ambient), no proxy
 * (out of the mesh), a gateway's Envoy, or a waypoint's Envoy.
 *
 * @public
 */
export type DataPlaneMode =
  | 'sidecar'
  | 'ambient'
  | 'none'
  | 'gateway'
  | 'waypoint';

/**
 * The `request_protocol` of a flow.
 *
 * @public
 */
export type TrafficProtocol = 'http' | 'grpc' | 'tcp';

/**
 * The TLS a flow's server side observes: Istio mTLS or plaintext.
 *
 * @public
 */
export type ObservedTls = 'mutual_tls' | 'none';

/**
 * The calling workload of a flow.
 *
 * @public
 */
export interface TrafficSource {
  cluster: string;
  namespace: string;
  /** A Deployment, StatefulSet, DaemonSet or WorkloadGroup of that namespace. */
  workload: string;
  /** Overrides the data plane inferred from the fleet's objects. */
  dataPlane?: DataPlaneMode;
}

/**
 * The called service of a flow, and where its backends run.
 *
 * @public
 */
export interface TrafficDestination {
  /** The cluster whose workloads serve the calls (the service's Service must exist there). */
  cluster: string;
  namespace: string;
  service: string;
  /** One backend workload; absent: every workload the Service selects there, in equal shares. */
  workload?: string;
  /** A port of the Service. */
  port: number;
  /** Overrides the data plane inferred from the fleet's objects. */
  dataPlane?: DataPlaneMode;
}

/**
 * The failing share of a flow's requests and the codes they fail with.
 *
 * @public
 */
export interface TrafficErrors {
  /** Share of the requests that fail, 0..1. */
  share: number;
  /**
   * HTTP status codes for `http` (default `[503]`; `0` = no response), gRPC status codes for
   * `grpc` (default `[14]`, UNAVAILABLE; the HTTP code stays 200). The failures split evenly.
   */
  codes?: number[];
}

/**
 * Request duration percentiles in milliseconds.
 *
 * @public
 */
export interface TrafficLatency {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Who calls whom, how often and how it goes: one line of a fleet's traffic spec.
 *
 * @public
 */
export interface TrafficFlow {
  /** The caller, or `unknown`: a caller outside the mesh that no proxy can name. */
  source: TrafficSource | 'unknown';
  destination: TrafficDestination;
  /** Requests per second (`http`, `grpc`); new connections per second (`tcp`). */
  rps: number;
  protocol: TrafficProtocol;
  /** `http` and `grpc` only. */
  errors?: TrafficErrors;
  /** `http` and `grpc` only; default p50 10, p95 50, p99 100. */
  latencyMs?: TrafficLatency;
  /** Default: `mutual_tls` when both sides are in the mesh, `none` otherwise. */
  tls?: ObservedTls;
  /** Bytes per request (`http`, `grpc`); default 512. */
  requestBytes?: number;
  /** Bytes per response (`http`, `grpc`); default 2048. */
  responseBytes?: number;
  /**
   * `tcp` only: bytes per second sent by the server (`sent`, the response direction) and
   * received from the client (`received`), as Istio's TCP metrics count them; default
   * 4096 × rps and 1024 × rps.
   */
  tcpBytesPerSecond?: { sent: number; received: number };
  /**
   * The waypoint the flow goes through, `name` (in the destination's namespace) or
   * `namespace/name` in the destination's cluster: the workload labelled
   * `gateway.networking.k8s.io/gateway-name: <name>`, else the workload of that name; `false`
   * for none. Absent: inferred from the
   * `istio.io/use-waypoint` label of the destination Service or namespace, for ambient callers
   * of ambient destinations.
   */
  waypoint?: string | false;
}

/**
 * A fleet's traffic: the optional `traffic.yaml` of a fleet folder.
 *
 * @public
 */
export interface TrafficSpec {
  /** The mesh's trust domain, used in principals; default `cluster.local`. */
  trustDomain?: string;
  /**
   * Whether to serve `istio_request_bytes` and `istio_response_bytes` (two thirds of the
   * lines of an HTTP flow); default true. Generated fleets turn them off.
   */
  sizeHistograms?: boolean;
  flows: TrafficFlow[];
}
