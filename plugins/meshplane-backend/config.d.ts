import { HumanDuration } from '@backstage/types';

/** A server with Prometheus' HTTP query API holding Istio's standard metrics. */
interface MeshplanePrometheusSource {
  /**
   * Base URL of the query API, `/api/v1/query` is appended: e.g.
   * `http://prometheus.istio-system:9090`, or Mimir's `.../prometheus`. No
   * credentials and no query string in it (use `headers`).
   */
  url: string;
  /**
   * Headers sent with every query: `Authorization`, a tenant header such as
   * `X-Scope-OrgID`. Secret: never logged, never reported.
   * @deepVisibility secret
   */
  headers?: { [name: string]: string };
  /**
   * How long one query may take; a source that does not answer in time is `down`.
   * @defaultValue 5 seconds
   */
  timeout?: HumanDuration | string | number;
  /**
   * An answer slower than this marks the source `slow` (its figures are still used).
   * Shorter than `timeout`.
   * @defaultValue half the timeout
   */
  slowThreshold?: HumanDuration | string | number;
}

export interface Config {
  /** Meshplane: the clusters of the mesh fleet and how the backend talks to them. */
  meshplane?: {
    /**
     * Clusters to connect to. Each gets one list+watch connection per watched
     * kind; everything the portal shows comes from the resulting cache.
     */
    clusters?: Array<{
      /** Unique cluster name (the name Istio's multi-cluster setup uses). */
      name: string;
      /** API server URL. Required unless auth.provider is `kubeconfig`. */
      url?: string;
      /**
       * CA certificate of the API server: PEM, or base64 of the PEM (as the Kubernetes plugin takes it).
       * @visibility secret
       */
      caData?: string;
      /** Path of a PEM file with the API server's CA certificate. */
      caFile?: string;
      /** Skip verification of the API server certificate. Test clusters only. */
      skipTLSVerify?: boolean;
      /** How to authenticate. */
      auth:
        | {
            provider: 'serviceAccount';
            /**
             * Bearer token of a service account with the read-only RBAC of the README.
             * @visibility secret
             */
            serviceAccountToken: string;
          }
        | {
            provider: 'tokenFile';
            /** File holding the bearer token, read again on every (re)connection. */
            tokenFile: string;
          }
        | {
            provider: 'clientCertificate';
            /**
             * Client certificate, PEM or base64 of the PEM.
             * @visibility secret
             */
            clientCertData: string;
            /**
             * Client private key, PEM or base64 of the PEM.
             * @visibility secret
             */
            clientKeyData: string;
          }
        | {
            provider: 'kubeconfig';
            kubeconfig: {
              /** kubeconfig file; default `$KUBECONFIG` or `~/.kube/config`. */
              file?: string;
              /** Context; default the file's current context. */
              context?: string;
            };
          }
        | {
            /**
             * One of the Kubernetes plugin's strategies that use the backend's own
             * credentials: `aws` (a token presigned with the AWS credentials of the
             * `aws` integration config or the environment, as for EKS), `azure` (the
             * backend's Azure identity, as for AKS with Entra ID), `googleServiceAccount`
             * (`kubernetes.googleServiceAccountCredentials` or the Application Default
             * Credentials, as for GKE), `localKubectlProxy` (no credentials: a
             * `kubectl proxy` URL, for development). The strategies that need each
             * signed-in user's own token (`oidc`, `google`, `aks`) cannot fill
             * Meshplane's shared cache: such clusters are left out with a log line.
             */
            provider:
              | 'aws'
              | 'azure'
              | 'googleServiceAccount'
              | 'localKubectlProxy';
            /**
             * The strategy's parameters, as the Kubernetes plugin's cluster
             * `authMetadata` takes them: `kubernetes.io/aws-assume-role`,
             * `kubernetes.io/aws-external-id`, `kubernetes.io/aws-account-id`,
             * `kubernetes.io/x-k8s-aws-id` (the EKS cluster name; default the
             * cluster's name).
             */
            authMetadata?: { [key: string]: string };
          };
      /** Istio network; default the control-plane namespace's `topology.istio.io/network` label. */
      network?: string;
      /** Region of the cluster. */
      region?: string;
      /** Environment (production, staging…). */
      environment?: string;
      /** Role in the mesh: primary, remote, config, or free text. */
      meshRole?: string;
      /**
       * For an Istio remote: the cluster whose control plane configures it; that
       * cluster's mesh-wide and namespace policies apply to the remote's workloads.
       */
      primaryCluster?: string;
      /**
       * Namespace of the Istio control plane.
       * @defaultValue istio-system
       */
      controlPlaneNamespace?: string;
      /**
       * Where this cluster's Istio metrics are read from, instead of
       * `meshplane.prometheus` (a Prometheus per cluster). Same fields as
       * `meshplane.prometheus`; nothing is inherited from it.
       */
      prometheus?: MeshplanePrometheusSource;
    }>;
    /**
     * Where the live traffic overlay reads Istio's standard metrics
     * (`istio_requests_total`, `istio_request_duration_milliseconds`,
     * `istio_tcp_*`): one server with Prometheus' HTTP query API for the whole
     * fleet (Prometheus, Thanos, Mimir, VictoriaMetrics; every cluster's series
     * with their `source_cluster`/`destination_cluster` labels). A cluster with
     * its own `prometheus` uses that instead. Without any, traffic is
     * `not-configured` and every configuration answer works as before.
     */
    prometheus?: MeshplanePrometheusSource;
    /** Live traffic settings. */
    traffic?: {
      /**
       * How long an entity's traffic answer is shared between viewers before
       * the metrics sources are asked again.
       * @defaultValue 15 seconds
       */
      cacheTtl?: HumanDuration | string | number;
      /**
       * Read request and byte rates with this PromQL function over this range instead of
       * `rate()` over the selected window. Only for a Prometheus that has just started (a demo,
       * a test): `rate()` over 5 minutes of which only one was scraped underestimates the rate,
       * `{ function: irate, range: 15s }` reads the last two samples. Leave unset in production.
       */
      rate?: {
        function?: 'rate' | 'irate';
        /** A PromQL duration: `15s`, `1m`. */
        range: string;
      };
    };
    /**
     * Also connect to the Kubernetes plugin's `kubernetes.clusterLocatorMethods`
     * clusters of `type: config` whose `authProvider` uses the backend's own
     * credentials: `serviceAccount`, `aws`, `azure`, `googleServiceAccount`,
     * `localKubectlProxy` (with their `authMetadata`). Clusters of `oidc`,
     * `google` or `aks`, which need each user's own token, are left out with a
     * log line saying what to configure instead. A `meshplane.clusters` entry of
     * the same name takes precedence.
     * @defaultValue true
     */
    kubernetesClusters?: boolean;
    /** Connection tuning. */
    connection?: {
      /**
       * Timeout of discovery and list requests and of a watch's first answer.
       * @defaultValue 10 seconds
       */
      requestTimeout?: HumanDuration | string | number;
      /**
       * Server-side timeout of a watch, after which it is renewed.
       * @defaultValue 5 minutes
       */
      watchTimeout?: HumanDuration | string | number;
      /**
       * First retry delay after a failure (doubled per failure, with jitter).
       * @defaultValue 500 milliseconds
       */
      initialBackoff?: HumanDuration | string | number;
      /**
       * Longest retry delay.
       * @defaultValue 30 seconds
       */
      maxBackoff?: HumanDuration | string | number;
      /**
       * How often discovery runs again per cluster, to notice Istio CRDs installed or removed.
       * @defaultValue 1 minute
       */
      discoveryInterval?: HumanDuration | string | number;
      /**
       * Page size (`limit`) of list requests.
       * @defaultValue 500
       */
      pageSize?: number;
    };
    /**
     * Settings of every workspace (a catalog System with `meshplane.io/claims`)
     * that `meshplane.workspaces` does not set.
     */
    workspaceDefaults?: {
      /**
       * What a BRIDGED gateway group renders to: `istio` (Istio's Gateway,
       * selecting the shared gateway workload, and a VirtualService) or
       * `gateway-api` (a Gateway API `Gateway` of class `istio`, for which
       * istiod deploys a gateway of its own in the group's namespace, an
       * `HTTPRoute`, and a `ReferenceGrant` in each other namespace a route
       * sends traffic to). The clusters must serve the Gateway API CRDs
       * (`gateway.networking.k8s.io`) for `gateway-api`.
       * @defaultValue istio
       */
      gatewayApi?: 'istio' | 'gateway-api';
    };
    /**
     * Per-workspace settings, over `meshplane.workspaceDefaults`. A group
     * request renders with the settings its workspace has when it is
     * previewed; objects already rolled out stay until the group is
     * requested again (the rollout then deletes what it no longer renders).
     */
    workspaces?: Array<{
      /** Entity ref of the workspace's System: `system:default/bookinfo`, or `bookinfo`. */
      ref: string;
      /**
       * What the workspace's BRIDGED gateway groups render to (see
       * `meshplane.workspaceDefaults.gatewayApi`).
       */
      gatewayApi?: 'istio' | 'gateway-api';
    }>;
    /** Entity view limits. */
    entity?: {
      /**
       * Most services one entity view expands (a cluster Resource or a System with
       * wide claims); the view says `truncated: true` beyond.
       * @defaultValue 200
       */
      maxServices?: number;
    };
  };
}
