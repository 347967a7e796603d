/**
 * How namespace labels become owners and systems.
 *
 * @public
 */
export interface OwnershipOptions {
  /** Owner of services whose namespace names no owner in any cluster (entity ref). */
  fallbackOwner: string;
  /** Entity refs for `meshplane.io/owner` label values; values not listed are Group names. */
  owners: Record<string, string>;
  /** Entity refs for `meshplane.io/system` label values; values not listed are System names. */
  systems: Record<string, string>;
  /** Owner and system per namespace name, ahead of the namespace's labels. */
  namespaces: Record<string, { owner?: string; system?: string }>;
}

/**
 * Everything the entity builder needs besides the fleet, read from
 * `catalog.providers.meshplane` (see `readProviderConfigs`).
 *
 * @public
 */
export interface FleetEntityOptions {
  /** Value of `backstage.io/managed-by-location` (and origin) on every entity, e.g. `meshplane-provider:default`. */
  location: string;
  /** `spec.lifecycle` of service Components. */
  lifecycle: string;
  /** Cluster Resources. */
  clusters: {
    /** Owner of cluster Resources (entity ref). */
    owner: string;
    /** System of cluster Resources (entity ref). */
    system?: string;
    /** `kubernetes.io/auth-provider` for the Kubernetes plugin's catalog cluster locator. */
    authProvider: string;
    /** `kubernetes.io/oidc-token-provider`, when `authProvider` is `oidc`. */
    oidcTokenProvider?: string;
  };
  ownership: OwnershipOptions;
  /** Namespaces whose services become entities: included (when set) and not excluded. */
  namespaces: { include?: RegExp[]; exclude: RegExp[] };
}
