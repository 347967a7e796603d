import type {
  NamespaceReadiness,
  ClusterListResponse,
  EntityMeshView,
  FindingsResponse,
  MetricsSourceListResponse,
  MetricsSourceStatus,
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
  gateways: [],
  routes: [],
  problems: [],
  truncated: false,
  generatedAt: '2026-01-10T12:00:00Z',
};

/** The fleet's Prometheus, answering for east-1 in time. */
export const eastMetricsSource: MetricsSourceStatus = {
  source: 'meshplane.prometheus',
  clusters: ['east-1'],
  host: 'prometheus.monitoring:9090',
  status: 'ok',
  checkedAt: '2026-01-10T12:00:00Z',
  lastAnswerAt: '2026-01-10T12:00:00Z',
  durationMs: 84,
};

/** west-1's own Prometheus, timing out since 11:30. */
export const westMetricsSourceDown: MetricsSourceStatus = {
  source: 'meshplane.clusters[2].prometheus',
  clusters: ['west-1'],
  host: 'prometheus.west.example.com:9090',
  status: 'down',
  checkedAt: '2026-01-10T12:00:00Z',
  lastAnswerAt: '2026-01-10T11:29:00Z',
  lastError: {
    reason: 'timeout',
    message: 'prometheus.west.example.com:9090 did not answer within 5 s',
    at: '2026-01-10T11:30:00Z',
  },
};

/** The metrics sources of the fleet: one ok, one down, lab-1 without any. */
export const metricsSources: MetricsSourceListResponse = {
  items: [
    eastMetricsSource,
    westMetricsSourceDown,
    { clusters: ['lab-1'], status: 'not-configured' },
  ],
};

/**
 * `reviews` joined with the traffic of the last 5 minutes (callers observed): productpage's
 * mTLS calls and batch's plaintext ones are observed, the failing caller sent nothing, and an
 * out-of-mesh client calls reviews although no configuration knows it.
 */
export const observedReviewsView: EntityMeshView = {
  ...reviewsView,
  topology: {
    nodes: [
      ...reviewsView.topology.nodes,
      {
        id: 'external:east-1/unknown',
        type: 'external',
        name: 'unknown',
        own: false,
      },
    ],
    edges: [
      ...reviewsView.topology.edges.filter(e => e.type === 'selects'),
      {
        from: 'workload:east-1/bookinfo/Deployment/productpage-v1',
        to: 'service:bookinfo/reviews',
        type: 'calls',
        port: 9080,
        outcome: 'mtls',
        observed: {
          requestsPerSecond: 42.3,
          errorRate: 0.012,
          latencyP99Ms: 180,
          plaintextShare: 0,
        },
      },
      {
        from: 'workload:east-1/legacy/Deployment/batch',
        to: 'service:bookinfo/reviews',
        type: 'calls',
        port: 9080,
        outcome: 'plaintext',
        observed: {
          requestsPerSecond: 2.5,
          errorRate: 0,
          latencyP99Ms: 35,
          plaintextShare: 1,
        },
      },
      {
        from: 'external:east-1/unknown',
        to: 'service:bookinfo/reviews',
        type: 'calls',
        observedOnly: true,
        observed: { requestsPerSecond: 0.5, errorRate: 0, plaintextShare: 1 },
      },
    ],
  },
  posture: {
    ...reviewsView.posture,
    // The backend's order: worst outcome first, then by observed rate.
    inbound: [
      {
        ...reviewsView.posture.inbound[1],
        observed: {
          reporter: 'destination',
          protocol: 'http',
          requestsPerSecond: 2.5,
          errorRate: 0,
          latencyMs: { p50: 8, p95: 20, p99: 35 },
          tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
          lastSeen: '2026-01-10T11:59:45Z',
        },
      },
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
        clientTls: 'ISTIO_MUTUAL',
        clientTlsSource: 'auto',
        outcome: 'mtls',
        crossCluster: false,
        crossNetwork: false,
        reason: 'auto mTLS; the server accepts mTLS',
        observed: {
          reporter: 'destination',
          protocol: 'http',
          requestsPerSecond: 42.3,
          errorRate: 0.012,
          latencyMs: { p50: 12, p95: 80, p99: 180 },
          tls: { mutualTls: 1, plaintext: 0, unknown: 0 },
          lastSeen: '2026-01-10T11:59:58Z',
        },
      },
    ],
    outcomes: { mtls: 40, plaintext: 1, fail: 1, denied: 0, excluded: 0 },
    omitted: { inbound: 40, outbound: 0 },
    traffic: {
      window: '5m',
      observedAt: '2026-01-10T12:00:00Z',
      unobserved: { mtls: 39, plaintext: 0, fail: 1, denied: 0, excluded: 0 },
      observedOnly: [
        {
          from: {
            cluster: 'east-1',
            namespace: 'unknown',
            workload: 'unknown',
          },
          to: { cluster: 'east-1', namespace: 'bookinfo', service: 'reviews' },
          observed: {
            reporter: 'destination',
            protocol: 'http',
            requestsPerSecond: 0.5,
            errorRate: 0,
            latencyMs: { p50: 3, p95: 9, p99: 14 },
            tls: { mutualTls: 0, plaintext: 1, unknown: 0 },
          },
        },
      ],
    },
  },
  metrics: {
    window: '5m',
    callers: 'observed',
    joined: true,
    observedAt: '2026-01-10T12:00:00Z',
    sources: [eastMetricsSource],
  },
};

/** The demo's Gateway API Gateway istio-ingress/public-gateway with three of its routes. */
export const publicGatewayView: EntityMeshView = {
  ...reviewsView,
  entityRef: 'resource:default/public-gateway-istio.istio-ingress',
  links: [
    {
      source: 'meshplane.io/services',
      value: 'istio-ingress/public-gateway-istio',
    },
  ],
  findings: [],
  findingCounts: { Error: 0, Warning: 0, Info: 0 },
  gateways: [
    {
      cluster: 'east-1',
      namespace: 'istio-ingress',
      name: 'public-gateway',
      className: 'istio',
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          hostname: 'bookinfo.example.com',
          attachedRoutes: 4,
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
            { type: 'Programmed', status: 'True', reason: 'Programmed' },
          ],
        },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: 'bookinfo.example.com',
          attachedRoutes: 1,
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
            {
              type: 'Programmed',
              status: 'False',
              reason: 'Invalid',
              message: 'Bad TLS configuration',
            },
            {
              type: 'ResolvedRefs',
              status: 'False',
              reason: 'RefNotPermitted',
              message:
                'certificateRef bookinfo-credential/bookinfo not accessible to a Gateway in namespace "istio-ingress" (missing a ReferenceGrant?)',
            },
          ],
        },
      ],
      hostnames: ['bookinfo.example.com'],
      addresses: ['203.0.113.10'],
      conditions: [
        { type: 'Accepted', status: 'True', reason: 'Accepted' },
        {
          type: 'Programmed',
          status: 'False',
          reason: 'AddressNotAssigned',
          message: 'Assigned to service(s) but no address',
        },
      ],
    },
  ],
  routes: [
    {
      clusters: ['east-1'],
      kind: 'HTTPRoute',
      namespace: 'bookinfo',
      name: 'bookinfo',
      hostnames: ['bookinfo.example.com'],
      relations: ['gateway'],
      parents: [
        {
          kind: 'Gateway',
          namespace: 'istio-ingress',
          name: 'public-gateway',
          accepted: true,
          reason: 'Accepted',
          message: 'Route was valid',
          listeners: ['http', 'https'],
        },
      ],
      backends: [
        {
          rule: 0,
          kind: 'Service',
          namespace: 'bookinfo',
          name: 'productpage',
          port: 9080,
          weight: 1,
          host: 'productpage.bookinfo.svc.cluster.local',
          resolved: true,
          reason: 'ResolvedRefs',
          message: 'All references resolved',
          path: 'spec.rules[0].backendRefs[0]',
          findingCodes: [],
        },
      ],
    },
    {
      clusters: ['east-1'],
      kind: 'HTTPRoute',
      namespace: 'bookinfo',
      name: 'details-v2',
      hostnames: ['bookinfo.example.com'],
      relations: ['gateway'],
      parents: [
        {
          kind: 'Gateway',
          namespace: 'istio-ingress',
          name: 'public-gateway',
          sectionName: 'http',
          accepted: true,
          reason: 'Accepted',
          message: 'Route was valid',
          listeners: ['http'],
        },
      ],
      backends: [
        {
          rule: 0,
          kind: 'Service',
          namespace: 'bookinfo',
          name: 'details-v2',
          port: 9080,
          weight: 1,
          host: 'details-v2.bookinfo.svc.cluster.local',
          resolved: false,
          reason: 'BackendNotFound',
          message: 'backend(details-v2.bookinfo.svc.cluster.local) not found',
          path: 'spec.rules[0].backendRefs[0]',
          findingCodes: ['MPL0501', 'KIA1402'],
        },
      ],
    },
    {
      clusters: ['east-1'],
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'elsewhere',
      hostnames: ['shop.example.com'],
      relations: ['gateway'],
      parents: [
        {
          kind: 'Gateway',
          namespace: 'istio-ingress',
          name: 'public-gateway',
          sectionName: 'http',
          accepted: false,
          reason: 'NoMatchingListenerHostname',
          message:
            'no hostnames matched parent hostname "bookinfo.example.com"',
          listeners: [],
        },
      ],
      backends: [
        {
          rule: 0,
          kind: 'Service',
          namespace: 'shop',
          name: 'cart-v1',
          port: 8080,
          weight: 3,
          host: 'cart-v1.shop.svc.cluster.local',
          resolved: true,
          reason: 'ResolvedRefs',
          message: 'All references resolved',
          path: 'spec.rules[0].backendRefs[0]',
          findingCodes: [],
        },
        {
          rule: 0,
          kind: 'Service',
          namespace: 'shop',
          name: 'cart-v2',
          port: 8080,
          weight: 1,
          host: 'cart-v2.shop.svc.cluster.local',
          resolved: true,
          reason: 'ResolvedRefs',
          message: 'All references resolved',
          path: 'spec.rules[0].backendRefs[1]',
          findingCodes: [],
        },
      ],
    },
  ],
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
