import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { ClusterAuth } from '@meshplane/plugin-meshplane-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  KubernetesAuthStrategies,
  StrategyTokenSources,
} from './KubernetesAuthStrategies';
import { KubeRequestError } from './KubeRequestError';
import { KubeTransport } from './KubeTransport';

/*
 * Cluster errors are shown to everyone who may read the fleet (GET /clusters,
 * the fleet page): they name the cluster and the config key to check, never a
 * path of the backend's file system.
 */
describe('KubeTransport configuration errors', () => {
  it('names the kubeconfig key, not the file, when the kubeconfig cannot be read', () => {
    let caught: unknown;
    try {
      KubeTransport.fromDefinition({
        name: 'lab-9',
        auth: {
          provider: 'kubeconfig',
          kubeconfig: { file: '/nonexistent/secret/place/kubeconfig' },
        },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KubeRequestError);
    const message = (caught as Error).message;
    expect(message).toMatch(
      /^cluster lab-9: cannot read its kubeconfig file \(auth\.kubeconfig\.file.*\): ENOENT$/,
    );
    expect(message).not.toContain('/nonexistent');
  });

  it('names the token file key, not the file, when the token cannot be read', async () => {
    const transport = KubeTransport.fromDefinition({
      name: 'lab-9',
      url: 'https://127.0.0.1:1',
      auth: {
        provider: 'tokenFile',
        tokenFile: '/nonexistent/secret/place/token',
      },
    });
    try {
      const failure = await transport
        .getJson('/version', 'discovery /version', 1000)
        .then(
          () => undefined,
          error => error as Error,
        );
      expect(failure?.message).toMatch(
        /cannot read its token file \(auth\.tokenFile\): ENOENT/,
      );
      expect(failure?.message).not.toContain('/nonexistent');
    } finally {
      transport.close();
    }
  });
});

/*
 * Clusters of the Kubernetes plugin's strategies: the token sources are
 * stubbed (no cloud here); the strategies, the transport and the HTTP
 * requests are real. Meshplane asks for a credential before every request
 * and watch, so a renewed token is what the next request or watch carries.
 */
describe('KubeTransport with the Kubernetes plugin strategies', () => {
  const MINUTE = 60_000;
  let server: http.Server;
  let url: string;
  /** The Authorization header of every request, in order. */
  let seen: Array<string | undefined>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // A watch the server ends at once; any other request gets an empty list.
      res.end(req.url?.includes('watch=1') ? '' : '{"items":[]}');
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    seen = [];
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  function transportFor(
    auth: ClusterAuth,
    tokenSources: StrategyTokenSources,
  ): KubeTransport {
    return KubeTransport.fromDefinition(
      { name: 'cloud-1', url, auth },
      {
        strategies: new KubernetesAuthStrategies({
          config: new ConfigReader({}),
          logger: mockServices.logger.mock(),
          tokenSources,
        }),
      },
    );
  }

  async function requestAndWatch(transport: KubeTransport): Promise<void> {
    await transport.getJson('/api/v1/pods?limit=1', 'list Pod', 2000);
    const watch = await transport.watch(
      '/api/v1/pods?watch=1',
      'watch Pod',
      () => {},
      { connectTimeoutMs: 2000, idleTimeoutMs: 2000 },
    );
    await watch.done;
  }

  afterEach(() => {
    jest.useRealTimers();
  });

  it("sends the Azure identity's token, and a renewed one once the cached token is due to expire", async () => {
    // Only the clock is faked, so the strategy's expiry check can be moved on.
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    let issued = 0;
    const getToken = jest.fn(async () => ({
      token: `azure-token-${++issued}`,
      expiresOnTimestamp: Date.now() + 60 * MINUTE,
    }));
    const transport = transportFor(
      { provider: 'azure' },
      { azure: { getToken } },
    );
    try {
      await requestAndWatch(transport);
      expect(seen).toEqual(['Bearer azure-token-1', 'Bearer azure-token-1']);
      expect(getToken).toHaveBeenCalledTimes(1);
      // AzureIdentityStrategy renews 15 minutes before the token expires.
      jest.setSystemTime(Date.now() + 46 * MINUTE);
      await requestAndWatch(transport);
      expect(seen.slice(2)).toEqual([
        'Bearer azure-token-2',
        'Bearer azure-token-2',
      ]);
      expect(getToken).toHaveBeenCalledTimes(2);
    } finally {
      transport.close();
    }
  });

  it("sends the Google service account's token, and the renewed one after it expired", async () => {
    let current = 'google-token-1';
    const transport = transportFor(
      { provider: 'googleServiceAccount' },
      { google: { getAccessToken: async () => current } },
    );
    try {
      await requestAndWatch(transport);
      current = 'google-token-2';
      await requestAndWatch(transport);
      expect(seen).toEqual([
        'Bearer google-token-1',
        'Bearer google-token-1',
        'Bearer google-token-2',
        'Bearer google-token-2',
      ]);
    } finally {
      transport.close();
    }
  });

  it('sends no credentials through a local kubectl proxy', async () => {
    const transport = transportFor({ provider: 'localKubectlProxy' }, {});
    try {
      await requestAndWatch(transport);
      expect(seen).toEqual([undefined, undefined]);
    } finally {
      transport.close();
    }
  });

  it('fails a request whose strategy gives no token, naming the strategy', async () => {
    const transport = transportFor(
      { provider: 'googleServiceAccount' },
      { google: { getAccessToken: async () => null } },
    );
    try {
      await expect(
        transport.getJson('/api/v1/pods', 'list Pod', 2000),
      ).rejects.toMatchObject({
        reason: 'config',
        message: expect.stringMatching(
          /^credentials from the googleServiceAccount strategy: Google returned no access token/,
        ),
      });
      expect(seen).toEqual([]);
    } finally {
      transport.close();
    }
  });
});
