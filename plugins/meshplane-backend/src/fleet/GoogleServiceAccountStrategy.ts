import type { Config } from '@backstage/config';
import type {
  AuthenticationStrategy,
  AuthMetadata,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import type { JWTInput } from 'google-auth-library';

/** Scope of the Kubernetes plugin's Google client (`ClusterManagerClient`). */
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** What gives Google access tokens: google-auth-library's `GoogleAuth`, which caches and renews them. */
export interface GoogleAccessTokenSource {
  getAccessToken(): Promise<string | null | undefined>;
}

/**
 * The Kubernetes plugin's `googleServiceAccount` strategy with one long-lived
 * token source. The plugin's own `GoogleServiceAccountStrategy` builds a new
 * Google client per call, so every request would fetch a new token from
 * Google; Meshplane asks before every list page and watch of every cluster.
 * Same credentials as the plugin: the JSON key of
 * `kubernetes.googleServiceAccountCredentials`, else Application Default
 * Credentials (GKE workload identity, `GOOGLE_APPLICATION_CREDENTIALS`); same
 * scope. `GoogleAuth` renews the token before it expires.
 */
export class GoogleServiceAccountStrategy implements AuthenticationStrategy {
  private readonly config: Config;
  private tokens?: GoogleAccessTokenSource;

  constructor(options: {
    config: Config;
    tokenSource?: GoogleAccessTokenSource;
  }) {
    this.config = options.config;
    this.tokens = options.tokenSource;
  }

  /** @throws Error when `kubernetes.googleServiceAccountCredentials` is not JSON (its text stays out of the message). */
  async getCredential(): Promise<KubernetesCredential> {
    this.tokens ??= this.createTokenSource();
    const token = await this.tokens.getAccessToken();
    if (!token) {
      throw new Error(
        'Google returned no access token; check kubernetes.googleServiceAccountCredentials or the Application Default Credentials',
      );
    }
    return { type: 'bearer token', token };
  }

  validateCluster(): Error[] {
    return [];
  }

  presentAuthMetadata(_authMetadata: AuthMetadata): AuthMetadata {
    return {};
  }

  private createTokenSource(): GoogleAccessTokenSource {
    const text = this.config.getOptionalString(
      'kubernetes.googleServiceAccountCredentials',
    );
    let credentials: JWTInput | undefined;
    try {
      credentials = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Error(
        'kubernetes.googleServiceAccountCredentials is not valid JSON',
      );
    }
    // Required here, not imported: only backends with such clusters load it.
    const {
      GoogleAuth,
    }: typeof import('google-auth-library') = require('google-auth-library');
    return new GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE, credentials });
  }
}
