export { ClusterStatusLabel } from './ClusterStatusLabel';
export { EdgeOutcomeLabel } from './EdgeOutcomeLabel';
export { FindingLevelLabel } from './FindingLevelLabel';
export { MetricsSourceStatusLabel } from './MetricsSourceStatusLabel';
export { MtlsStatusLabel } from './MtlsStatusLabel';
export { WorkloadPolicyLabel } from './WorkloadPolicyLabel';
