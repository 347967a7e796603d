import { stringify } from 'yaml';
import { FleetServer } from './startFleet';

/**
 * A Backstage app-config fragment pointing the portal at a running fleet:
 * `meshplane.clusters` (name, url, caData, service-account token auth, network,
 * region, environment, meshRole, a remote's primaryCluster) and the same clusters as
 * `kubernetes.clusterLocatorMethods` `type: config` entries.
 * `caData` is base64 of the CA PEM, as the Kubernetes plugin expects it.
 *
 * @public
 */
export function renderAppConfig(server: Pick<FleetServer, 'clusters'>): string {
  const caData = (pem: string) =>
    pem ? Buffer.from(pem).toString('base64') : undefined;
  return stringify({
    meshplane: {
      clusters: server.clusters.map(c => ({
        name: c.name,
        url: c.url,
        ...(c.caData ? { caData: caData(c.caData) } : {}),
        auth: { provider: 'serviceAccount', serviceAccountToken: c.token },
        ...(c.metadata.network ? { network: c.metadata.network } : {}),
        ...(c.metadata.region ? { region: c.metadata.region } : {}),
        ...(c.metadata.environment
          ? { environment: c.metadata.environment }
          : {}),
        ...(c.metadata.istio ? { meshRole: c.metadata.istio.role } : {}),
        ...(c.metadata.istio?.primaryCluster
          ? { primaryCluster: c.metadata.istio.primaryCluster }
          : {}),
      })),
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: server.clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: c.token,
            ...(c.caData
              ? { caData: caData(c.caData) }
              : { skipTLSVerify: true }),
          })),
        },
      ],
    },
  });
}
