export { clusterRequest } from './clusterRequest';
export type { ClusterResponse } from './clusterRequest';
export { KUBECTL, kubectlAvailable, kubectlFor } from './kubectl';
export type { KubectlResult } from './kubectl';
export { testFleet } from './testFleet';
export { waitFor } from './waitFor';
