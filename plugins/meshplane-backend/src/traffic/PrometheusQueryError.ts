/**
 * Why a metrics source gave no usable answer.
 *
 * - `unreachable`: connection refused, reset, DNS failure;
 * - `timeout`: no complete answer within the source's timeout;
 * - `http`: an error answer (HTTP status, with Prometheus' `errorType` and `error` when it sent them);
 * - `malformed`: not the JSON of Prometheus' query API;
 * - `not-vector`: an instant query answered with another result type;
 * - `no-istio-metrics`: the server answers but holds none of Istio's standard metrics;
 * - `missing-labels`: Istio's metrics are there without the labels an edge needs
 *   (relabelling dropped them, or another exporter uses the names).
 */
export type MetricsSourceErrorReason =
  | 'unreachable'
  | 'timeout'
  | 'http'
  | 'malformed'
  | 'not-vector'
  | 'no-istio-metrics'
  | 'missing-labels';

/**
 * A failed query to a metrics source, classified, with a message that names
 * the source's host and never carries a header value or the query's text.
 */
export class PrometheusQueryError extends Error {
  readonly reason: MetricsSourceErrorReason;
  readonly statusCode?: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`…), when it sent one. */
  readonly errorType?: string;

  constructor(options: {
    reason: MetricsSourceErrorReason;
    message: string;
    statusCode?: number;
    errorType?: string;
  }) {
    super(options.message);
    this.name = 'PrometheusQueryError';
    this.reason = options.reason;
    this.statusCode = options.statusCode;
    this.errorType = options.errorType;
  }
}
