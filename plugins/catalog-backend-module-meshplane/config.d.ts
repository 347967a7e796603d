import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** One Meshplane entity provider. */
interface MeshplaneProviderConfig {
  /**
   * Schedule of the full mutation (every entity of the provider, replacing what it emitted before).
   * @defaultValue { frequency: { minutes: 5 }, timeout: { minutes: 3 } }
   */
  schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  /**
   * Schedule of the conditional polls of the meshplane backend (`If-None-Match`) that apply a
   * delta mutation when the fleet changed.
   * @defaultValue { frequency: { seconds: 20 }, timeout: { minutes: 1 } }
   */
  deltaSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  /**
   * `spec.lifecycle` of the service Components.
   * @defaultValue production
   */
  lifecycle?: string;
  /** Cluster Resources (`kubernetes-cluster`). */
  clusters?: {
    /**
     * Owner of the cluster Resources (entity ref, kind defaults to Group).
     * @defaultValue the fallback owner
     */
    owner?: string;
    /** System of the cluster Resources (entity ref, kind defaults to System). */
    system?: string;
    /**
     * `kubernetes.io/auth-provider` written on cluster Resources, for the Kubernetes plugin's
     * catalog cluster locator (which skips `serviceAccount` clusters: their token stays in Meshplane).
     * @defaultValue serviceAccount
     */
    authProvider?: string;
    /** `kubernetes.io/oidc-token-provider`, with `authProvider: oidc`. */
    oidcTokenProvider?: string;
  };
  /** How the `meshplane.io/owner` and `meshplane.io/system` labels of namespaces become owners and systems. */
  ownership?: {
    /**
     * Owner of services whose namespace has no owner label in any cluster (entity ref, kind
     * defaults to Group).
     * @defaultValue group:default/unknown
     */
    fallbackOwner?: string;
    /** Owner label value → entity ref; values not listed are Group names. */
    owners?: { [labelValue: string]: string };
    /** System label value → entity ref; values not listed are System names. */
    systems?: { [labelValue: string]: string };
    /** Owner and system per namespace name, ahead of the namespace's labels. */
    namespaces?: { [namespace: string]: { owner?: string; system?: string } };
  };
  /** Which namespaces' services become entities (anchored regular expressions). */
  namespaces?: {
    /** Only these namespaces, when set. */
    include?: string[];
    /**
     * Never these namespaces.
     * @defaultValue ['kube-system', 'kube-public', 'kube-node-lease']
     */
    exclude?: string[];
  };
}

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Meshplane entity providers: one provider block (id `default`), or a map of provider id →
       * block. Each reads the fleet from the meshplane backend.
       */
      meshplane?:
        | MeshplaneProviderConfig
        | { [providerId: string]: MeshplaneProviderConfig };
    };
  };
}
