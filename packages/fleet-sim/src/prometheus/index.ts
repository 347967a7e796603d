export { PrometheusUnavailableError } from './PrometheusUnavailableError';
export { prometheusBinary, startPrometheus } from './startPrometheus';
export type {
  PrometheusServer,
  PrometheusTarget,
  StartPrometheusOptions,
} from './startPrometheus';
