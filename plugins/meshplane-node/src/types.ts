/**
 * Bearer token of a Kubernetes service account, given inline (a secret in config).
 *
 * @public
 */
export interface ServiceAccountTokenAuth {
  provider: 'serviceAccount';
  /** The token. */
  serviceAccountToken: string;
}

/**
 * Bearer token read from a file before every connection (projected,
 * rotating service-account tokens).
 *
 * @public
 */
export interface TokenFileAuth {
  provider: 'tokenFile';
  /** Path of the token file. */
  tokenFile: string;
}

/**
 * X.509 client certificate.
 *
 * @public
 */
export interface ClientCertificateAuth {
  provider: 'clientCertificate';
  /** Client certificate, PEM or base64 of the PEM. */
  clientCertData: string;
  /** Client private key, PEM or base64 of the PEM. */
  clientKeyData: string;
}

/**
 * A kubeconfig file and one of its contexts: server URL, CA and user
 * credentials (token, certificate, exec plugin…) all come from the file.
 *
 * @public
 */
export interface KubeconfigAuth {
  provider: 'kubeconfig';
  kubeconfig: {
    /** Path of the kubeconfig file; default: `$KUBECONFIG` or `~/.kube/config`. */
    file?: string;
    /** Context name; default: the file's current context. */
    context?: string;
  };
}

/**
 * One of the Kubernetes plugin's authentication strategies
 * (`@backstage/plugin-kubernetes-backend`) that use the backend's own
 * credentials: `aws` (a token signed with the backend's AWS credentials),
 * `azure` (the backend's Azure identity), `googleServiceAccount` (the
 * backend's Google credentials) and `localKubectlProxy` (no credentials, for
 * `kubectl proxy` in development). Tokens are asked for before every request
 * and watch, so expiring tokens are renewed.
 *
 * @public
 */
export interface KubernetesStrategyAuth {
  provider: 'aws' | 'azure' | 'googleServiceAccount' | 'localKubectlProxy';
  /**
   * The strategy's parameters, as the Kubernetes plugin's cluster
   * `authMetadata` takes them (`kubernetes.io/aws-assume-role`,
   * `kubernetes.io/aws-external-id`, `kubernetes.io/x-k8s-aws-id`…).
   */
  authMetadata?: Record<string, string>;
}

/**
 * How Meshplane authenticates to a cluster's API server.
 *
 * @public
 */
export type ClusterAuth =
  | ServiceAccountTokenAuth
  | TokenFileAuth
  | ClientCertificateAuth
  | KubeconfigAuth
  | KubernetesStrategyAuth;

/**
 * One cluster Meshplane connects to: where it is, how to trust and
 * authenticate to it, and how it sits in the mesh. Produced by the
 * configuration (`meshplane.clusters`, `kubernetes.clusterLocatorMethods`)
 * and by cluster sources added through
 * {@link meshplaneClusterSourceExtensionPoint}.
 *
 * @public
 */
export interface ClusterDefinition {
  /** Unique cluster name; the name Istio's multi-cluster setup knows it by. */
  name: string;
  /** API server URL; may be omitted with `kubeconfig` auth (the context's server is used). */
  url?: string;
  /** CA certificate of the API server, PEM or base64 of the PEM. */
  caData?: string;
  /** Path of a file holding the CA certificate (PEM). */
  caFile?: string;
  /** Skip verification of the API server certificate (test clusters only). */
  skipTLSVerify?: boolean;
  /** Credentials. */
  auth: ClusterAuth;
  /** Istio network of the cluster (default: the control-plane namespace's `topology.istio.io/network` label). */
  network?: string;
  /** Region, shown on the fleet page and used for grouping. */
  region?: string;
  /** Environment (`production`, `staging`…). */
  environment?: string;
  /** Role in the mesh: `primary`, `remote`, `config`, or free text. */
  meshRole?: string;
  /**
   * For an Istio remote: the cluster whose control plane configures it (its config cluster).
   * Its mesh-wide and namespace policies (PeerAuthentication, DestinationRules…) then apply to
   * the remote's workloads, as istiod applies them.
   */
  primaryCluster?: string;
  /** Namespace of the Istio control plane; default `istio-system`. */
  controlPlaneNamespace?: string;
}

/**
 * A source of clusters besides the configuration (e.g. a cluster registry or
 * a fleet manager). The backend asks every source for its clusters at start
 * and periodically afterwards, and connects, reconnects or disconnects
 * clusters to match.
 *
 * @public
 */
export interface MeshplaneClusterSource {
  /** Short name of the source, used in logs and errors. */
  readonly name: string;
  /**
   * The clusters this source knows now. A rejected promise keeps the
   * clusters of the previous successful answer.
   */
  getClusters(): Promise<ClusterDefinition[]>;
}
