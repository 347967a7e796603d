import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AzureIdentityStrategy } from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  GoogleAccessTokenSource,
  GoogleServiceAccountStrategy,
} from './GoogleServiceAccountStrategy';

/**
 * Where the cloud strategies get their tokens, when not from the backend's
 * environment: an Azure `TokenCredential` (default `DefaultAzureCredential`)
 * and a Google token source (default google-auth-library's `GoogleAuth`).
 */
export interface StrategyTokenSources {
  azure?: ConstructorParameters<typeof AzureIdentityStrategy>[1];
  google?: GoogleAccessTokenSource;
}

/**
 * The Kubernetes plugin's authentication strategies that use the backend's
 * own credentials, behind its `DispatchStrategy`: `aws` (`AwsIamStrategy`:
 * an STS GetCallerIdentity URL presigned with the credentials of the `aws`
 * integration config or the AWS environment), `azure`
 * (`AzureIdentityStrategy`: the backend's Azure identity, token cached and
 * renewed 15 minutes before it expires), `googleServiceAccount` (see
 * {@link GoogleServiceAccountStrategy}) and `localKubectlProxy`
 * (`AnonymousStrategy`). `@backstage/plugin-kubernetes-backend` and the
 * cloud SDKs it brings are loaded on first use, so a fleet without such
 * clusters does not pay for them.
 */
export class KubernetesAuthStrategies {
  private readonly config: Config;
  private readonly logger: LoggerService;
  private readonly tokenSources: StrategyTokenSources;
  private dispatch?: AuthenticationStrategy;

  constructor(options: {
    config: Config;
    logger: LoggerService;
    tokenSources?: StrategyTokenSources;
  }) {
    this.config = options.config;
    this.logger = options.logger;
    this.tokenSources = options.tokenSources ?? {};
  }

  /**
   * The credential for one cluster (`authMetadata` names the strategy under
   * `kubernetes.io/auth-provider`). Asked for before every request and
   * watch: the strategies cache tokens and hand out a fresh one when the
   * last expires. The credential is a secret: it goes into the request only.
   */
  async getCredential(cluster: ClusterDetails): Promise<KubernetesCredential> {
    const strategy = (this.dispatch ??= this.load());
    const errors = strategy.validateCluster(cluster.authMetadata);
    if (errors.length > 0) {
      throw new Error(errors.map(error => error.message).join(', '));
    }
    return strategy.getCredential(cluster, {});
  }

  private load(): AuthenticationStrategy {
    // Required on first use rather than imported: the plugin and its cloud
    // SDKs take about 0.5 s and 70 MB to load; a dynamic import() would stay
    // native in Backstage's Node build and tests, where it needs ESM support.
    const kubernetes: typeof import('@backstage/plugin-kubernetes-backend') = require('@backstage/plugin-kubernetes-backend');
    return new kubernetes.DispatchStrategy({
      authStrategyMap: {
        aws: new kubernetes.AwsIamStrategy({ config: this.config }),
        azure: new kubernetes.AzureIdentityStrategy(
          this.logger,
          this.tokenSources.azure,
        ),
        googleServiceAccount: new GoogleServiceAccountStrategy({
          config: this.config,
          tokenSource: this.tokenSources.google,
        }),
        localKubectlProxy: new kubernetes.AnonymousStrategy(),
      },
    });
  }
}
