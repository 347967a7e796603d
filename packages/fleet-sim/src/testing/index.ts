export { clusterRequest } from './clusterRequest';
export type { ClusterResponse } from './clusterRequest';
export { KUBECTL, kubectlAvailable, kubectlFor } from './kubectl';
export type { KubectlResult } from './kubectl';
export { parseExposition } from './parseExposition';
export type { ExposedSample } from './parseExposition';
export { prometheusAvailable, queryPrometheus } from './prometheus';
export { testFleet } from './testFleet';
export { waitFor } from './waitFor';
