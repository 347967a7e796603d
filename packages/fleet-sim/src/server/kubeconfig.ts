import { stringify } from 'yaml';

/** What a kubeconfig or app-config needs to reach one simulated cluster. */
export interface ClusterEndpoint {
  name: string;
  url: string;
  /** PEM of the CA that signed the server certificate; empty over plain HTTP. */
  caData: string;
  /** The cluster's admin bearer token. */
  token: string;
}

/** A kubeconfig with one context per cluster (named after it), bearer tokens and CA data. */
export function renderKubeconfig(clusters: ClusterEndpoint[]): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: {
        server: c.url,
        ...(c.caData
          ? {
              'certificate-authority-data': Buffer.from(c.caData).toString(
                'base64',
              ),
            }
          : {}),
      },
    })),
    users: clusters.map(c => ({
      name: `${c.name}-admin`,
      user: { token: c.token },
    })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: `${c.name}-admin` },
    })),
    'current-context': clusters[0]?.name ?? '',
  });
}
