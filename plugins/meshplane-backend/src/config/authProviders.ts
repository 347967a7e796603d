/**
 * The Kubernetes plugin's strategies that authenticate with the backend's own
 * credentials, so one connection can fill the cache every user reads (the
 * providers of `KubernetesStrategyAuth`).
 */
export const STRATEGY_PROVIDERS = [
  'aws',
  'azure',
  'googleServiceAccount',
  'localKubectlProxy',
] as const;

export function isStrategyProvider(
  provider: string | undefined,
): provider is (typeof STRATEGY_PROVIDERS)[number] {
  return STRATEGY_PROVIDERS.some(p => p === provider);
}

/**
 * The Kubernetes plugin's strategies that send each signed-in user's own
 * token, and what gives the backend an identity of its own instead.
 */
const USER_TOKEN_PROVIDERS: Record<string, { token: string; instead: string }> =
  {
    oidc: {
      token: 'OIDC token',
      instead: 'aws, azure or googleServiceAccount',
    },
    google: {
      token: 'Google token',
      instead: "googleServiceAccount (the backend's Google credentials)",
    },
    aks: {
      token: 'Azure token',
      instead: "azure (the backend's Azure identity)",
    },
  };

/**
 * The start-up message for a cluster whose authentication Meshplane does not
 * take. `key` is the config key that names the provider; `accepted` the
 * providers that key takes.
 */
export function refusedProviderReason(options: {
  provider: string | undefined;
  key: string;
  accepted: readonly string[];
}): string {
  const { provider, key, accepted } = options;
  const userToken = provider ? USER_TOKEN_PROVIDERS[provider] : undefined;
  if (userToken) {
    return `${key} "${provider}" signs in with each user's own ${userToken.token}, which cannot fill the cache Meshplane's backend shares between all users; give the backend an identity of its own for this cluster: a service account token (serviceAccount) or ${userToken.instead}`;
  }
  return `${key} ${
    provider === undefined ? 'is not set' : `"${provider}" is not known`
  }; Meshplane takes ${accepted.join(', ')}`;
}
