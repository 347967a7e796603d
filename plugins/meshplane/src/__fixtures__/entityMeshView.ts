import type {
  NamespaceReadiness,
  ClusterListResponse,
  EntityMeshView,
  FindingsResponse,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';

/** `reviews` running in east-1 and west-1, one failing caller, one plaintext caller, one finding. */
export const reviewsView: EntityMeshView = {
  entityRef: 'component:default/reviews',
  links: [{ source: 'meshplane.io/services', value: 'bookinfo/reviews' }],
  services: [],
  workloads: [
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      kind: 'Deployment',
      name: 'reviews-v1',
      ready: 2,
      total: 2,
      sidecar: true,
      proxy: 'sidecar',
      proxyReason: 'istio-proxy container',
      vm: false,
      network: 'net-east',
      istioRevision: '1-28',
      services: ['reviews'],
    },
    {
      cluster: 'west-1',
      namespace: 'bookinfo',
      kind: 'Deployment',
      name: 'reviews-v2',
      ready: 1,
      total: 3,
      sidecar: true,
      proxy: 'sidecar',
      proxyReason: 'istio-proxy container',
      vm: false,
      network: 'net-west',
      services: ['reviews'],
    },
  ],
  clusters: [
    {
      name: 'east-1',
      status: 'synced',
      network: 'net-east',
      region: 'us-east',
      istioRevision: '1-28',
      istioVersion: '1.28.1',
      services: 1,
      workloads: 1,
      readyPods: 2,
      totalPods: 2,
      lastSync: '2026-01-10T11:59:00Z',
    },
    {
      name: 'west-1',
      status: 'degraded',
      network: 'net-west',
      region: 'us-west',
      services: 1,
      workloads: 1,
      readyPods: 1,
      totalPods: 3,
      lastSync: '2026-01-10T11:58:00Z',
    },
  ],
  topology: {
    nodes: [
      {
        id: 'service:bookinfo/reviews',
        type: 'service',
        name: 'reviews',
        namespace: 'bookinfo',
        clusters: ['east-1', 'west-1'],
        own: true,
      },
      {
        id: 'workload:east-1/bookinfo/Deployment/reviews-v1',
        type: 'workload',
        name: 'reviews-v1',
        namespace: 'bookinfo',
        cluster: 'east-1',
        network: 'net-east',
        sidecar: true,
        own: true,
      },
      {
        id: 'workload:west-1/bookinfo/Deployment/reviews-v2',
        type: 'workload',
        name: 'reviews-v2',
        namespace: 'bookinfo',
        cluster: 'west-1',
        network: 'net-west',
        sidecar: true,
        own: true,
      },
      {
        id: 'workload:east-1/bookinfo/Deployment/productpage-v1',
        type: 'workload',
        name: 'productpage-v1',
        namespace: 'bookinfo',
        cluster: 'east-1',
        network: 'net-east',
        sidecar: true,
        own: false,
      },
      {
        id: 'workload:east-1/legacy/Deployment/batch',
        type: 'workload',
        name: 'batch',
        namespace: 'legacy',
        cluster: 'east-1',
        network: 'net-east',
        sidecar: false,
        own: false,
      },
    ],
    edges: [
      {
        from: 'service:bookinfo/reviews',
        to: 'workload:east-1/bookinfo/Deployment/reviews-v1',
        type: 'selects',
      },
      {
        from: 'service:bookinfo/reviews',
        to: 'workload:west-1/bookinfo/Deployment/reviews-v2',
        type: 'selects',
      },
      {
        from: 'workload:east-1/bookinfo/Deployment/productpage-v1',
        to: 'service:bookinfo/reviews',
        type: 'calls',
        port: 9080,
        outcome: 'fail',
      },
      {
        from: 'workload:east-1/legacy/Deployment/batch',
        to: 'service:bookinfo/reviews',
        type: 'calls',
        port: 9080,
        outcome: 'plaintext',
      },
    ],
  },
  posture: {
    workloads: [
      {
        cluster: 'east-1',
        namespace: 'bookinfo',
        name: 'reviews-v1',
        kind: 'Deployment',
        sidecar: true,
        status: 'MTLS_ENABLED',
        mode: 'STRICT',
        ports: [{ port: 9080, mode: 'STRICT' }],
        decidedBy: [
          {
            kind: 'PeerAuthentication',
            namespace: 'bookinfo',
            name: 'strict',
            scope: 'namespace',
            cluster: 'east-1',
          },
        ],
      },
      {
        cluster: 'west-1',
        namespace: 'bookinfo',
        name: 'reviews-v2',
        kind: 'Deployment',
        sidecar: true,
        status: 'MTLS_NOT_ENABLED',
        mode: 'PERMISSIVE',
        ports: [{ port: 9080, mode: 'PERMISSIVE' }],
        decidedBy: [],
      },
    ],
    namespaces: [
      { cluster: 'east-1', namespace: 'bookinfo', status: 'MTLS_ENABLED' },
      { cluster: 'west-1', namespace: 'bookinfo', status: 'UNSET' },
    ],
    inbound: [
      {
        from: {
          cluster: 'east-1',
          namespace: 'bookinfo',
          workload: 'productpage-v1',
        },
        to: {
          cluster: 'east-1',
          namespace: 'bookinfo',
          service: 'reviews',
          port: 9080,
        },
        clientTls: 'DISABLE',
        clientTlsSource: 'destinationRule',
        outcome: 'fail',
        crossCluster: false,
        crossNetwork: false,
        reason:
          'DestinationRule bookinfo/reviews-plain sets DISABLE but the server requires STRICT mTLS',
      },
      {
        from: { cluster: 'east-1', namespace: 'legacy', workload: 'batch' },
        to: {
          cluster: 'west-1',
          namespace: 'bookinfo',
          service: 'reviews',
          port: 9080,
        },
        clientTls: 'DISABLE',
        clientTlsSource: 'auto',
        outcome: 'plaintext',
        crossCluster: true,
        crossNetwork: true,
        reason: 'client has no sidecar; server is PERMISSIVE',
      },
    ],
    outbound: [],
    outcomes: { mtls: 0, plaintext: 1, fail: 1, denied: 0, excluded: 0 },
    omitted: { inbound: 0, outbound: 0 },
    strictBlockers: [
      {
        caller: { cluster: 'east-1', namespace: 'legacy', workload: 'batch' },
        services: ['bookinfo/reviews:9080'],
      },
    ],
  },
  findings: [
    {
      code: 'IST0101',
      level: 'Error',
      analyzer: 'virtualservice.DestinationHostAnalyzer',
      message: 'Referenced host not found: "ratings-v9"',
      resource: {
        cluster: 'east-1',
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
      },
      path: 'spec.http[0].route[0].destination.host',
    },
  ],
  findingCounts: { Error: 1, Warning: 0, Info: 0 },
  problems: [],
  truncated: false,
  generatedAt: '2026-01-10T12:00:00Z',
};

/** Three clusters, one unreachable. */
export const clusterList: ClusterListResponse = {
  items: [
    {
      name: 'east-1',
      host: '127.0.0.1:6443',
      network: 'net-east',
      region: 'us-east',
      environment: 'production',
      meshRole: 'primary',
      istioRevision: '1-28',
      istioVersion: '1.28.1',
      istioRevisions: [{ revision: '1-28', version: '1.28.1' }],
      status: 'synced',
      lastSync: '2026-01-10T11:59:00Z',
      objectCounts: { Pod: 1200, Service: 40, VirtualService: 3 },
      istioCrdsPresent: true,
      apiServerVersion: 'v1.32.2',
    },
    {
      name: 'lab-1',
      host: '127.0.0.1:6445',
      istioRevisions: [],
      status: 'synced',
      objectCounts: { Pod: 4 },
      istioCrdsPresent: false,
      lastSync: '2026-01-10T11:59:00Z',
    },
    {
      name: 'west-1',
      host: '127.0.0.1:6444',
      network: 'net-west',
      region: 'us-west',
      istioRevisions: [],
      status: 'unreachable',
      lastSync: '2026-01-10T11:00:00Z',
      objectCounts: { Pod: 300 },
      istioCrdsPresent: true,
      lastError: {
        reason: 'unreachable',
        message: 'connect ECONNREFUSED 127.0.0.1:6444',
        at: '2026-01-10T11:30:00Z',
      },
    },
  ],
};

/** Fleet findings: one error, one KIA warning. */
export const fleetFindings: FindingsResponse = {
  items: [
    {
      ...reviewsView.findings[0],
      service: {
        namespace: 'bookinfo',
        name: 'reviews',
        entityRef: 'component:default/reviews-app',
      },
    },
    {
      code: 'KIA0501',
      level: 'Warning',
      analyzer: 'kiali',
      message: 'Destination Rule enabling namespace-wide mTLS is missing',
      resource: {
        cluster: 'east-1',
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        namespace: 'payments',
        name: 'default',
      },
    },
  ],
  counts: { Error: 1, Warning: 1, Info: 0 },
  problems: [
    {
      cluster: 'west-1',
      status: 'unreachable',
      stale: true,
      lastSync: '2026-01-10T11:00:00Z',
    },
  ],
  totalItems: 2,
  offset: 0,
  limit: 1000,
};

/** Services, first page. */
export const serviceList: ServiceListResponse = {
  items: [
    {
      namespace: 'bookinfo',
      name: 'reviews',
      entityRef: 'component:default/reviews-app',
      host: 'reviews.bookinfo.svc.cluster.local',
      gateway: false,
      calls: [],
      findings: { Error: 1, Warning: 0, Info: 0 },
      clusters: [
        {
          cluster: 'east-1',
          ports: [{ port: 9080 }],
          workloads: 1,
          readyPods: 2,
          totalPods: 2,
          sidecar: 'all',
          vms: [],
        },
        {
          cluster: 'west-1',
          ports: [{ port: 9080 }],
          workloads: 1,
          readyPods: 1,
          totalPods: 3,
          sidecar: 'all',
          vms: [],
        },
      ],
    },
  ],
  problems: [],
  totalItems: 1,
  offset: 0,
  limit: 25,
};

/** Migration readiness of a namespace in east-1: one thing breaks, one changes. */
export function readiness(namespace: string): NamespaceReadiness[] {
  return [
    {
      cluster: 'east-1',
      namespace,
      dataplanes: { sidecar: 3, ambient: 0, none: 0 },
      ready: false,
      blockers: [
        {
          effect: 'breaks',
          object: {
            cluster: 'east-1',
            apiVersion: 'security.istio.io/v1',
            kind: 'AuthorizationPolicy',
            namespace,
            name: 'get-only',
          },
          path: 'spec.rules',
          reason: 'ztunnel drops its HTTP rules: every caller is denied',
          source: 'pilot/pkg/serviceregistry/ambient/authorization.go',
        },
        {
          effect: 'changes',
          object: {
            cluster: 'east-1',
            apiVersion: 'networking.istio.io/v1',
            kind: 'Sidecar',
            namespace,
            name: 'default',
          },
          reason: 'a Sidecar resource has no effect in ambient',
          source: 'pkg/config/analysis/analyzers/sidecar/selector.go',
        },
      ],
    },
  ];
}
