/**
 * How to reach one cluster's API server, as the catalog module writes it on
 * the cluster's `kubernetes-cluster` Resource (`kubernetes.io/api-server`,
 * `kubernetes.io/api-server-certificate-authority`). Public connection facts
 * only: never a token, a client key or a password.
 *
 * @public
 */
export interface ClusterEndpoint {
  /** Cluster name as configured. */
  name: string;
  /** API server URL as configured, without user info, query or fragment. */
  url: string;
  /** Base64 PEM of the CA that signs the API server's certificate, when configured (inline or as a file). */
  caData?: string;
}

/**
 * The answer of `GET /api/meshplane/catalog/clusters`: every configured
 * cluster's endpoint, sorted by name.
 *
 * @public
 */
export interface ClusterEndpointListResponse {
  items: ClusterEndpoint[];
}
