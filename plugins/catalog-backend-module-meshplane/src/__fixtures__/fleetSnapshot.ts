import type {
  ClusterSummary,
  GatewayApiGateway,
  ServiceClusterInstance,
  ServiceSummary,
} from '@meshplane/plugin-meshplane-common';
import type { FleetEntityOptions, FleetSnapshot } from '../entities';

/** A cluster as `GET /clusters` lists it. */
export function clusterSummary(
  name: string,
  facts: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    name,
    host: `${name}.example.com:6443`,
    istioRevisions: [],
    status: 'synced',
    objectCounts: {},
    istioCrdsPresent: true,
    ...facts,
  };
}

/** The instance of a service in one cluster, with one HTTP port. */
export function instance(
  cluster: string,
  facts: Partial<ServiceClusterInstance> = {},
): ServiceClusterInstance {
  return {
    cluster,
    type: 'ClusterIP',
    ports: [{ name: 'http', port: 9080, protocol: 'TCP' }],
    workloads: 1,
    readyPods: 1,
    totalPods: 1,
    sidecar: 'all',
    vms: [],
    ...facts,
  };
}

/** The demo's Gateway API Gateway istio-ingress/public-gateway as a cluster's Service serves it. */
export function publicGateway(
  cluster: string,
  facts: Partial<GatewayApiGateway> = {},
): GatewayApiGateway {
  return {
    cluster,
    namespace: 'istio-ingress',
    name: 'public-gateway',
    className: 'istio',
    listeners: [
      {
        name: 'http',
        port: 80,
        protocol: 'HTTP',
        hostname: 'bookinfo.example.com',
        conditions: [],
      },
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'bookinfo.example.com',
        conditions: [],
      },
      {
        name: 'grpc',
        port: 80,
        protocol: 'HTTP',
        hostname: 'grpc.example.com',
        conditions: [],
      },
    ],
    hostnames: ['bookinfo.example.com', 'grpc.example.com'],
    addresses: ['203.0.113.10'],
    conditions: [
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ],
    ...facts,
  };
}

/** A logical service as `GET /services` lists it. */
export function serviceSummary(
  namespace: string,
  name: string,
  clusters: ServiceClusterInstance[],
  facts: Partial<ServiceSummary> = {},
): ServiceSummary {
  return {
    namespace,
    name,
    host: `${name}.${namespace}.svc.cluster.local`,
    clusters,
    gateway: false,
    calls: [],
    findings: { Error: 0, Warning: 0, Info: 0 },
    ...facts,
  };
}

/**
 * A small fleet like the demo: two clusters, bookinfo in both, payments with
 * a VM, an ingress gateway in istio-system.
 */
export function demoLikeSnapshot(): FleetSnapshot {
  const bookinfo = { owner: 'bookinfo-team', system: 'bookinfo' };
  const payments = { owner: 'payments-team', system: 'payments' };
  const platform = { owner: 'platform-team', system: 'mesh-platform' };
  return {
    clusters: [
      clusterSummary('west-1', {
        network: 'net-west',
        region: 'us-west-2',
        environment: 'production',
        istioRevision: '1-28',
        istioVersion: '1.28.1',
        meshRole: 'remote',
      }),
      clusterSummary('east-1', {
        network: 'net-east',
        region: 'eu-west-1',
        environment: 'production',
        istioRevision: '1-28',
        istioVersion: '1.28.1',
        meshRole: 'primary',
      }),
    ],
    endpoints: [
      {
        name: 'east-1',
        url: 'https://east-1.example.com:6443',
        caData: 'Q0E=',
      },
      { name: 'west-1', url: 'https://west-1.example.com:6443' },
    ],
    services: [
      serviceSummary(
        'bookinfo',
        'productpage',
        [instance('east-1', bookinfo), instance('west-1', bookinfo)],
        {
          calls: [
            { namespace: 'bookinfo', name: 'reviews' },
            { namespace: 'bookinfo', name: 'details' },
          ],
        },
      ),
      serviceSummary('bookinfo', 'reviews', [
        instance('east-1', bookinfo),
        instance('west-1', bookinfo),
      ]),
      serviceSummary('bookinfo', 'details', [instance('west-1', bookinfo)], {
        kubernetesId: 'details',
      }),
      serviceSummary('payments', 'billing', [
        instance('east-1', {
          ...payments,
          vms: [
            {
              name: 'billing-vm-1',
              address: '10.0.0.11',
              network: 'vm-net',
              sidecar: true,
            },
          ],
        }),
      ]),
      serviceSummary(
        'istio-system',
        'istio-ingressgateway',
        [instance('east-1', platform), instance('west-1', platform)],
        {
          gateway: true,
          calls: [{ namespace: 'bookinfo', name: 'productpage' }],
        },
      ),
      serviceSummary('kube-system', 'kube-dns', [instance('east-1')]),
    ],
  };
}

export const demoOptions: FleetEntityOptions = {
  location: 'meshplane-provider:default',
  lifecycle: 'production',
  clusters: {
    owner: 'group:default/platform-team',
    system: 'system:default/mesh-platform',
    authProvider: 'serviceAccount',
  },
  ownership: {
    fallbackOwner: 'group:default/platform-team',
    owners: {},
    systems: {},
    namespaces: {},
  },
  namespaces: { exclude: [/^kube-system$/] },
};
