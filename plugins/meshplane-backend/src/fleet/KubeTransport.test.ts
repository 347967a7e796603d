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
