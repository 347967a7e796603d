import { ConfigReader } from '@backstage/config';
import {
  IN_CLUSTER_TOKEN_FILE,
  readMeshplaneConfig,
} from './readMeshplaneConfig';

const read = (data: object) => readMeshplaneConfig(new ConfigReader(data));

describe('readMeshplaneConfig', () => {
  it('reads every auth provider and the cluster metadata', () => {
    const config = read({
      meshplane: {
        clusters: [
          {
            name: 'east-1',
            url: 'https://east-1.example.com:6443',
            caData: 'Q0E=',
            auth: { provider: 'serviceAccount', serviceAccountToken: 't0k' },
            network: 'net-east',
            region: 'us-east',
            environment: 'production',
            meshRole: 'primary',
          },
          {
            name: 'west-1',
            url: 'https://west-1.example.com',
            caFile: '/etc/ca.pem',
            auth: { provider: 'tokenFile', tokenFile: '/var/token' },
          },
          {
            name: 'lab-1',
            url: 'https://lab-1.example.com',
            skipTLSVerify: true,
            auth: {
              provider: 'clientCertificate',
              clientCertData: 'cert',
              clientKeyData: 'key',
            },
          },
          {
            name: 'kind',
            auth: {
              provider: 'kubeconfig',
              kubeconfig: {
                file: '/home/me/.kube/config',
                context: 'kind-kind',
              },
            },
          },
        ],
      },
    });
    expect(config.clusters).toEqual([
      expect.objectContaining({
        name: 'east-1',
        url: 'https://east-1.example.com:6443',
        caData: 'Q0E=',
        auth: { provider: 'serviceAccount', serviceAccountToken: 't0k' },
        network: 'net-east',
        region: 'us-east',
        environment: 'production',
        meshRole: 'primary',
      }),
      expect.objectContaining({
        name: 'west-1',
        caFile: '/etc/ca.pem',
        auth: { provider: 'tokenFile', tokenFile: '/var/token' },
      }),
      expect.objectContaining({
        name: 'lab-1',
        skipTLSVerify: true,
        auth: {
          provider: 'clientCertificate',
          clientCertData: 'cert',
          clientKeyData: 'key',
        },
      }),
      expect.objectContaining({
        name: 'kind',
        url: undefined,
        auth: {
          provider: 'kubeconfig',
          kubeconfig: { file: '/home/me/.kube/config', context: 'kind-kind' },
        },
      }),
    ]);
  });

  it('takes serviceAccount clusters of kubernetes.clusterLocatorMethods and reports the others', () => {
    const config = read({
      meshplane: {
        clusters: [
          {
            name: 'east-1',
            url: 'https://own.example.com',
            auth: { provider: 'serviceAccount', serviceAccountToken: 'own' },
          },
        ],
      },
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'east-1',
                url: 'https://k8s.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'k8s',
              },
              {
                name: 'east-2',
                url: 'https://east-2.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'tok2',
                caData: 'Q0E=',
              },
              {
                name: 'in-cluster',
                url: 'https://kubernetes.default.svc',
                authProvider: 'serviceAccount',
              },
              {
                name: 'gke',
                url: 'https://gke.example.com',
                authProvider: 'google',
              },
            ],
          },
        ],
      },
    });
    expect(config.clusters.map(c => [c.name, c.url, c.auth])).toEqual([
      [
        'east-1',
        'https://own.example.com',
        { provider: 'serviceAccount', serviceAccountToken: 'own' },
      ],
      [
        'east-2',
        'https://east-2.example.com',
        { provider: 'serviceAccount', serviceAccountToken: 'tok2' },
      ],
      [
        'in-cluster',
        'https://kubernetes.default.svc',
        { provider: 'tokenFile', tokenFile: IN_CLUSTER_TOKEN_FILE },
      ],
    ]);
    expect(config.skipped).toEqual([
      { name: 'gke', reason: expect.stringContaining('"google"') },
    ]);
  });

  it('ignores the Kubernetes plugin clusters when meshplane.kubernetesClusters is false', () => {
    const config = read({
      meshplane: { kubernetesClusters: false },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'east-2',
                url: 'https://east-2.example.com',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'x',
              },
            ],
          },
        ],
      },
    });
    expect(config.clusters).toEqual([]);
  });

  it('reads connection settings in any duration form, with defaults', () => {
    expect(read({}).connection).toEqual({
      requestTimeoutMs: 10000,
      watchTimeoutSeconds: 300,
      initialBackoffMs: 500,
      maxBackoffMs: 30000,
      pageSize: 500,
      discoveryIntervalMs: 60000,
    });
    const config = read({
      meshplane: {
        connection: {
          requestTimeout: { seconds: 2 },
          watchTimeout: 'PT1M',
          initialBackoff: 100,
          maxBackoff: '5s',
          pageSize: 250,
          discoveryInterval: { minutes: 2 },
        },
        entity: { maxServices: 20 },
      },
    });
    expect(config.connection).toEqual({
      requestTimeoutMs: 2000,
      watchTimeoutSeconds: 60,
      initialBackoffMs: 100,
      maxBackoffMs: 5000,
      pageSize: 250,
      discoveryIntervalMs: 120000,
    });
    expect(config.entityMaxServices).toBe(20);
  });

  it.each([
    [
      {
        clusters: [{ name: 'a', url: 'https://a', auth: { provider: 'oidc' } }],
      },
      /meshplane\.clusters\[0\]\.auth\.provider "oidc"/,
    ],
    [
      {
        clusters: [
          {
            name: 'a',
            auth: { provider: 'serviceAccount', serviceAccountToken: 'x' },
          },
        ],
      },
      /Missing meshplane\.clusters\[0\]\.url/,
    ],
    [
      {
        clusters: [
          {
            name: 'a',
            url: 'ftp://a',
            auth: { provider: 'tokenFile', tokenFile: '/t' },
          },
        ],
      },
      /meshplane\.clusters\[0\]\.url: must be http\(s\)/,
    ],
    [
      {
        clusters: [
          {
            name: 'a',
            url: 'https://user:pw@a',
            auth: { provider: 'tokenFile', tokenFile: '/t' },
          },
        ],
      },
      /credentials in the URL are not allowed/,
    ],
    [
      {
        clusters: [
          {
            name: 'a',
            url: 'https://a',
            auth: { provider: 'tokenFile', tokenFile: '/t' },
          },
          {
            name: 'a',
            url: 'https://b',
            auth: { provider: 'tokenFile', tokenFile: '/t' },
          },
        ],
      },
      /Duplicate cluster name "a" at meshplane\.clusters\[1\]/,
    ],
    [
      {
        clusters: [
          { name: 'a', url: 'https://a', auth: { provider: 'serviceAccount' } },
        ],
      },
      /serviceAccountToken/,
    ],
    [{ connection: { pageSize: 0 } }, /meshplane\.connection\.pageSize/],
    [{ entity: { maxServices: -1 } }, /meshplane\.entity\.maxServices/],
  ])('rejects invalid config %#, naming the key', (meshplane, message) => {
    expect(() => read({ meshplane })).toThrow(message);
  });
});
