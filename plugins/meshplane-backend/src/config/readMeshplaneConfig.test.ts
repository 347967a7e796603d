import { ConfigReader } from '@backstage/config';
import {
  IN_CLUSTER_TOKEN_FILE,
  readMeshplaneConfig,
} from './readMeshplaneConfig';
import { settingsOf } from '../requests/workspaces';

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

  it("takes the Kubernetes plugin's strategies that use the backend's own credentials, with their authMetadata", () => {
    const config = read({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'eks',
                url: 'https://eks.example.com',
                authProvider: 'aws',
                assumeRole: 'arn:aws:iam::123456789012:role/reader',
                externalId: 'ext',
                authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'prod-eks' },
              },
              {
                name: 'aks',
                url: 'https://aks.example.com',
                authMetadata: { 'kubernetes.io/auth-provider': 'azure' },
              },
              {
                name: 'gke',
                url: 'https://gke.example.com',
                authProvider: 'googleServiceAccount',
                caData: 'Q0E=',
              },
              {
                name: 'local',
                url: 'http://localhost:8001',
                authProvider: 'localKubectlProxy',
              },
            ],
          },
        ],
      },
    });
    expect(config.clusters.map(c => [c.name, c.auth])).toEqual([
      [
        'eks',
        {
          provider: 'aws',
          authMetadata: {
            'kubernetes.io/aws-assume-role':
              'arn:aws:iam::123456789012:role/reader',
            'kubernetes.io/aws-external-id': 'ext',
            'kubernetes.io/x-k8s-aws-id': 'prod-eks',
          },
        },
      ],
      ['aks', { provider: 'azure' }],
      ['gke', { provider: 'googleServiceAccount' }],
      ['local', { provider: 'localKubectlProxy' }],
    ]);
    expect(config.clusters[2].caData).toBe('Q0E=');
    expect(config.skipped).toEqual([]);
  });

  it('leaves out clusters whose strategy needs the signed-in user, or an unknown provider, saying what to configure', () => {
    const config = read({
      meshplane: {
        clusters: [
          {
            name: 'own-ok',
            url: 'https://own.example.com',
            auth: {
              provider: 'aws',
              authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'own' },
            },
          },
          { name: 'own-oidc', url: 'https://a', auth: { provider: 'oidc' } },
          { name: 'own-typo', url: 'https://b', auth: { provider: 'tokn' } },
        ],
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'k-oidc', url: 'https://c', authProvider: 'oidc' },
              { name: 'k-google', url: 'https://d', authProvider: 'google' },
              { name: 'k-aks', url: 'https://e', authProvider: 'aks' },
              {
                name: 'k-pinniped',
                url: 'https://f',
                authProvider: 'pinniped',
              },
              { name: 'k-none', url: 'https://g' },
              { name: 'own-oidc', url: 'https://h', authProvider: 'aws' },
            ],
          },
        ],
      },
    });
    expect(config.clusters.map(c => [c.name, c.auth])).toEqual([
      [
        'own-ok',
        {
          provider: 'aws',
          authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'own' },
        },
      ],
    ]);
    const reasons = Object.fromEntries(
      config.skipped.map(s => [s.name, s.reason]),
    );
    expect(Object.keys(reasons)).toEqual([
      'own-oidc',
      'own-typo',
      'k-oidc',
      'k-google',
      'k-aks',
      'k-pinniped',
      'k-none',
    ]);
    expect(reasons['own-oidc']).toBe(
      `meshplane.clusters[1].auth.provider "oidc" signs in with each user's own OIDC token, which cannot fill the cache Meshplane's backend shares between all users; give the backend an identity of its own for this cluster: a service account token (serviceAccount) or aws, azure or googleServiceAccount`,
    );
    expect(reasons['own-typo']).toBe(
      'meshplane.clusters[2].auth.provider "tokn" is not known; Meshplane takes serviceAccount, tokenFile, clientCertificate, kubeconfig, aws, azure, googleServiceAccount, localKubectlProxy',
    );
    expect(reasons['k-google']).toMatch(
      /^kubernetes\.clusterLocatorMethods\[0\]\.clusters\[1\]\.authProvider "google" signs in with each user's own Google token.*googleServiceAccount \(the backend's Google credentials\)$/,
    );
    expect(reasons['k-aks']).toMatch(
      /"aks" signs in with each user's own Azure token.*azure \(the backend's Azure identity\)$/,
    );
    expect(reasons['k-pinniped']).toBe(
      'kubernetes.clusterLocatorMethods[0].clusters[3].authProvider "pinniped" is not known; Meshplane takes serviceAccount, aws, azure, googleServiceAccount, localKubectlProxy',
    );
    expect(reasons['k-none']).toMatch(
      /clusters\[4\]\.authProvider is not set; Meshplane takes serviceAccount/,
    );
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

  it('reads whether requesters may approve their own requests, false by default', () => {
    expect(read({}).allowSelfApproval).toBe(false);
    expect(
      read({ meshplane: { permissions: { allowSelfApproval: true } } })
        .allowSelfApproval,
    ).toBe(true);
  });

  it('reads what gateway groups render to per workspace, Istio by default', () => {
    const defaults = read({}).workspaces;
    expect(defaults.defaults).toEqual({ gatewayApi: 'istio' });
    expect(settingsOf(defaults, 'system:default/bookinfo')).toEqual({
      gatewayApi: 'istio',
    });

    const table = read({
      meshplane: {
        workspaceDefaults: { gatewayApi: 'gateway-api' },
        workspaces: [
          { ref: 'bookinfo', gatewayApi: 'istio' },
          { ref: 'System:Default/Shop' },
        ],
      },
    }).workspaces;
    expect(settingsOf(table, 'system:default/bookinfo')).toEqual({
      gatewayApi: 'istio',
    });
    // An entry without the setting takes the default; refs are normalised.
    expect(settingsOf(table, 'system:default/shop')).toEqual({
      gatewayApi: 'gateway-api',
    });
    expect(settingsOf(table, 'system:default/payments')).toEqual({
      gatewayApi: 'gateway-api',
    });
  });

  it.each([
    [
      {
        clusters: [
          {
            name: 'a',
            url: 'https://a',
            auth: { provider: 'aws', authMetadata: { x: 1 } },
          },
        ],
      },
      /Invalid meshplane\.clusters\[0\]\.auth\.authMetadata\["x"\]: must be a string/,
    ],
    [
      { clusters: [{ name: 'a', auth: { provider: 'azure' } }] },
      /Missing meshplane\.clusters\[0\]\.url/,
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
    [
      { workspaceDefaults: { gatewayApi: 'gateway' } },
      /^Invalid meshplane\.workspaceDefaults\.gatewayApi: "gateway" is not one of istio, gateway-api$/,
    ],
    [
      {
        workspaces: [
          { ref: 'bookinfo', gatewayApi: 'gateway-api' },
          { ref: 'shop', gatewayApi: 'GatewayAPI' },
        ],
      },
      /^Invalid meshplane\.workspaces\[1\]\.gatewayApi: "GatewayAPI" is not one of istio, gateway-api$/,
    ],
    [
      { workspaces: [{ gatewayApi: 'istio' }] },
      /meshplane\.workspaces\[0\]\.ref/,
    ],
    [
      { workspaces: [{ ref: 'group:default/bookinfo-team' }] },
      /^Invalid meshplane\.workspaces\[0\]\.ref: group:default\/bookinfo-team is not a System/,
    ],
    [
      { workspaces: [{ ref: 'system:default/' }] },
      /^Invalid meshplane\.workspaces\[0\]\.ref: "system:default\/" is not an entity ref/,
    ],
    [
      {
        workspaces: [
          { ref: 'bookinfo', gatewayApi: 'gateway-api' },
          { ref: 'system:default/bookinfo', gatewayApi: 'istio' },
        ],
      },
      /^Duplicate workspace system:default\/bookinfo at meshplane\.workspaces\[1\]\.ref \(also at meshplane\.workspaces\[0\]\.ref\)$/,
    ],
  ])('rejects invalid config %#, naming the key', (meshplane, message) => {
    expect(() => read({ meshplane })).toThrow(message);
  });
});
