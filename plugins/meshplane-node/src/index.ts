/**
 * Backend contracts of Meshplane: cluster definitions, the cluster-source
 * extension point, a typed client for the `/api/meshplane` REST API, and the
 * read of the catalog entities that claim mesh services.
 *
 * @packageDocumentation
 */

export type {
  ClientCertificateAuth,
  ClusterAuth,
  ClusterDefinition,
  KubeconfigAuth,
  KubernetesStrategyAuth,
  MeshplaneClusterSource,
  ServiceAccountTokenAuth,
  TokenFileAuth,
} from './types';
export { meshplaneClusterSourceExtensionPoint } from './extensions';
export type { MeshplaneClusterSourceExtensionPoint } from './extensions';
export {
  MeshplaneApiClient,
  meshplaneApiClientServiceRef,
  RequestRefusedError,
} from './client';
export type { MeshplaneApiRequestOptions, VersionedResponse } from './client';
export { readServiceClaimants, toServiceClaimant } from './serviceClaimants';
