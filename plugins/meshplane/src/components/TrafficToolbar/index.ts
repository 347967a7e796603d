export { MetricsStatus } from './MetricsStatus';
export { TrafficToolbar } from './TrafficToolbar';
