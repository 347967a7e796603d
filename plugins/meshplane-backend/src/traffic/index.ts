export { TrafficMetrics } from './TrafficMetrics';
export type { TrafficMetricsOptions } from './TrafficMetrics';
export type {
  MetricsSourceError,
  MetricsSourceState,
  MetricsSourceStatus,
  TrafficAnswer,
  TrafficRequest,
} from './types';
export type { MetricsSourceErrorReason } from './PrometheusQueryError';
export type { RateOverride, TrafficSubject } from './trafficPromql';
export { noObservations, observeServices } from './observeServices';
export type { ServicesTraffic } from './observeServices';
