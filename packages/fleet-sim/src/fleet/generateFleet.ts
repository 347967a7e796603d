import type { KubeObject } from '../objects';
import { generateTraffic, PlacedService } from './generateTraffic';
import { ClusterDefinition, FleetDefinition } from './types';

/**
 * Options of {@link generateFleet}. Rough sizes (objects): 5 clusters × 300
 * services ≈ 5k, 20 × 2,250 ≈ 40k, 50 × 8,000 ≈ 150k.
 *
 * @public
 */
export interface GenerateFleetOptions {
  clusters: number;
  /** Logical services; each runs in 1–3 clusters. */
  services: number;
  /** Seed of the deterministic generator; default 1. */
  seed?: number;
  /** Pods per workload; default 2. */
  replicas?: number;
  /** Services per namespace; default 20. */
  servicesPerNamespace?: number;
  /** Clusters per network; default 5. */
  clustersPerNetwork?: number;
}

/**
 * Benchmark fleet presets by approximate size in objects.
 *
 * @public
 */
export const FLEET_PRESETS: Record<
  'small' | 'medium' | 'large',
  GenerateFleetOptions
> = {
  small: { clusters: 5, services: 300 },
  medium: { clusters: 20, services: 2250 },
  large: { clusters: 50, services: 8000 },
};

const ISTIO_VERSION = '1.28.1';
const REVISION = '1-28';
const TIMESTAMP = '2025-05-12T09:30:00Z';

/**
 * Deterministic pseudo-random numbers in [0, 1) (mulberry32: small, fast): the generator's
 * source, also for tests that change a generated fleet at random.
 *
 * @public
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uid(next: () => number): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(
      '',
    );
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

interface ClusterPlan {
  name: string;
  network: string;
  index: number;
  objects: KubeObject[];
  podCounter: number;
}

function podIp(cluster: ClusterPlan): string {
  cluster.podCounter++;
  const n = cluster.podCounter;
  return `10.${cluster.index % 250}.${Math.floor(n / 250) % 250}.${
    (n % 250) + 2
  }`;
}

function workloadObjects(options: {
  cluster: ClusterPlan;
  namespace: string;
  app: string;
  version: string;
  serviceAccount: string;
  port: number;
  replicas: number;
  sidecar: boolean;
  /** Captured by ztunnel: the CNI's redirection annotation on its pods. */
  ambient?: boolean;
  image: string;
  next: () => number;
  /** Labels besides app and version (a gateway's `istio` label). */
  labels?: Record<string, string>;
  /** The container's arguments (a gateway's `proxy router`). */
  args?: string[];
}): KubeObject[] {
  const { cluster, namespace, app, version, replicas, next } = options;
  const name = `${app}-${version}`;
  const labels = { app, version, ...options.labels };
  const hash = Math.floor(next() * 0xffffffffff)
    .toString(36)
    .padStart(8, '0')
    .slice(0, 10);
  const deploymentUid = uid(next);
  const replicaSetUid = uid(next);
  const container = {
    name: app,
    image: options.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: options.port, name: 'http', protocol: 'TCP' }],
    ...(options.args ? { args: options.args } : {}),
    resources: { requests: { cpu: '100m', memory: '128Mi' } },
  };
  const template = {
    metadata: { labels },
    spec: {
      serviceAccountName: options.serviceAccount,
      containers: [container],
    },
  };
  const status = {
    replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    updatedReplicas: replicas,
    observedGeneration: 1,
  };
  const objects: KubeObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace,
        uid: deploymentUid,
        labels,
        creationTimestamp: TIMESTAMP,
      },
      spec: { replicas, selector: { matchLabels: labels }, template },
      status,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        uid: replicaSetUid,
        labels: { ...labels, 'pod-template-hash': hash },
        creationTimestamp: TIMESTAMP,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: deploymentUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas,
        selector: { matchLabels: { ...labels, 'pod-template-hash': hash } },
        template,
      },
      status: { ...status, fullyLabeledReplicas: replicas },
    },
  ];
  for (let i = 0; i < replicas; i++) {
    const ready = next() > 0.02;
    const podLabels: Record<string, string> = {
      ...labels,
      'pod-template-hash': hash,
    };
    const annotations: Record<string, string> = {};
    const containers: object[] = [container];
    if (options.sidecar) {
      podLabels['security.istio.io/tlsMode'] = 'istio';
      // The ambient profile's ISTIO_META_ENABLE_HBONE: injected sidecars take HBONE too.
      podLabels['networking.istio.io/tunnel'] = 'http';
      podLabels['service.istio.io/canonical-name'] = app;
      podLabels['service.istio.io/canonical-revision'] = version;
      podLabels['topology.istio.io/network'] = cluster.network;
      annotations[
        'sidecar.istio.io/status'
      ] = `{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"${REVISION}"}`;
      annotations['prometheus.io/port'] = '15020';
      annotations['prometheus.io/scrape'] = 'true';
      containers.push({
        name: 'istio-proxy',
        image: `docker.io/istio/proxyv2:${ISTIO_VERSION}`,
        args: [
          'proxy',
          'sidecar',
          '--domain',
          '$(POD_NAMESPACE).svc.cluster.local',
        ],
        ports: [
          { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
        ],
      });
    } else if (options.ambient) {
      annotations['ambient.istio.io/redirection'] = 'enabled';
    } else {
      annotations['sidecar.istio.io/inject'] = 'false';
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-${hash}-${Math.floor(next() * 36 ** 5)
          .toString(36)
          .padStart(5, '0')}`,
        namespace,
        labels: podLabels,
        annotations,
        creationTimestamp: TIMESTAMP,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${name}-${hash}`,
            uid: replicaSetUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        serviceAccountName: options.serviceAccount,
        nodeName: `node-${i % 7}.${cluster.name}.internal`,
        containers,
      },
      status: {
        phase: 'Running',
        podIP: podIp(cluster),
        conditions: [
          { type: 'Ready', status: ready ? 'True' : 'False' },
          { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        ],
        containerStatuses: containers.map(c => ({
          name: (c as { name: string }).name,
          ready,
          restartCount: ready ? 0 : 7,
        })),
      },
    });
  }
  return objects;
}

function controlPlane(cluster: ClusterPlan, next: () => number): KubeObject[] {
  const ns = 'istio-system';
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          'topology.istio.io/network': cluster.network,
          'meshplane.io/owner': 'platform-team',
          'meshplane.io/system': 'mesh-platform',
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `istio-${REVISION}`,
        namespace: ns,
        labels: { 'istio.io/rev': REVISION },
      },
      data: {
        mesh: 'enableAutoMtls: true\nmeshId: mesh1\nrootNamespace: istio-system\ntrustDomain: cluster.local\ndefaultConfig:\n  proxyMetadata:\n    ISTIO_META_ENABLE_HBONE: "true"\n',
      },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ns },
      spec: { mtls: { mode: 'STRICT' } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'istio-eastwestgateway',
        namespace: ns,
        labels: {
          istio: 'eastwestgateway',
          'topology.istio.io/network': cluster.network,
        },
      },
      spec: {
        type: 'LoadBalancer',
        selector: { istio: 'eastwestgateway' },
        ports: [{ name: 'tls', port: 15443, targetPort: 15443 }],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'cross-network-gateway', namespace: ns },
      spec: {
        selector: { istio: 'eastwestgateway' },
        servers: [
          {
            port: { number: 15443, name: 'tls', protocol: 'TLS' },
            tls: { mode: 'AUTO_PASSTHROUGH' },
            hosts: ['*.local'],
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'istio-ingressgateway',
        namespace: ns,
        labels: { istio: 'ingressgateway' },
      },
      spec: {
        type: 'LoadBalancer',
        selector: { istio: 'ingressgateway' },
        ports: [
          { name: 'http2', port: 80, targetPort: 8080 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: ns },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            hosts: ['*.example.com'],
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'istio-ingressgateway', namespace: ns },
    },
    ...workloadObjects({
      cluster,
      namespace: ns,
      app: 'istio-ingressgateway',
      version: REVISION,
      serviceAccount: 'istio-ingressgateway',
      port: 8080,
      replicas: 1,
      sidecar: false,
      image: `docker.io/istio/proxyv2:${ISTIO_VERSION}`,
      labels: { istio: 'ingressgateway' },
      args: ['proxy', 'router'],
      next,
    }),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `istiod-${REVISION}`, namespace: ns },
    },
    {
      // The ambient profile's node proxy (its pods are left out: one per node adds nothing here).
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'ztunnel',
        namespace: ns,
        labels: { app: 'ztunnel' },
        creationTimestamp: TIMESTAMP,
      },
      spec: {
        selector: { matchLabels: { app: 'ztunnel' } },
        template: {
          metadata: {
            labels: {
              app: 'ztunnel',
              'app.kubernetes.io/name': 'ztunnel',
              'istio.io/dataplane-mode': 'none',
              'sidecar.istio.io/inject': 'false',
            },
          },
          spec: {
            serviceAccountName: 'ztunnel',
            containers: [
              {
                name: 'istio-proxy',
                image: `docker.io/istio/ztunnel:${ISTIO_VERSION}`,
              },
            ],
          },
        },
      },
      status: { desiredNumberScheduled: 7, numberReady: 7 },
    },
    ...workloadObjects({
      cluster,
      namespace: ns,
      app: 'istiod',
      version: REVISION,
      serviceAccount: `istiod-${REVISION}`,
      port: 15012,
      replicas: 1,
      sidecar: false,
      image: `docker.io/istio/pilot:${ISTIO_VERSION}`,
      next,
    }),
  ];
}

/**
 * A namespace's waypoint as `istioctl waypoint apply` creates it and istiod deploys it: the
 * Gateway of class `istio-waypoint` (with the status istiod writes once it is ready) and the
 * generated Deployment (`files/waypoint.yaml`).
 */
function waypointObjects(
  cluster: ClusterPlan,
  namespace: string,
  next: () => number,
): KubeObject[] {
  return [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: 'waypoint',
        namespace,
        labels: { 'istio.io/waypoint-for': 'service' },
        creationTimestamp: TIMESTAMP,
      },
      spec: {
        gatewayClassName: 'istio-waypoint',
        listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
      },
      status: {
        addresses: [{ type: 'IPAddress', value: podIp(cluster) }],
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'waypoint', namespace },
    },
    ...workloadObjects({
      cluster,
      namespace,
      app: 'waypoint',
      version: REVISION,
      serviceAccount: 'waypoint',
      port: 15008,
      replicas: 1,
      sidecar: false,
      image: `docker.io/istio/proxyv2:${ISTIO_VERSION}`,
      labels: {
        'gateway.networking.k8s.io/gateway-name': 'waypoint',
        'gateway.istio.io/managed': 'istio.io-mesh-controller',
        'istio.io/dataplane-mode': 'none',
      },
      args: ['proxy', 'waypoint'],
      next,
    }),
  ];
}

/** The Gateway API ingress of every generated cluster (class `istio`). */
const INGRESS_GATEWAY = 'public-gateway';
const INGRESS_GATEWAY_NAMESPACE = 'istio-system';

/** A service of a cluster that the Gateway API routes (every tenth; a mesh route on every fortieth). */
interface RoutePlan {
  namespace: string;
  app: string;
  mesh: boolean;
  /** Its namespace carries `istio.io/use-waypoint` (istiod's ResolvedWaypoints message). */
  waypoint: boolean;
}

/** A status condition as istiod writes it (`setConditions`: observedGeneration, transition time). */
function condition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
) {
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime: TIMESTAMP,
    observedGeneration: 1,
  };
}

/** A route parent's status as istiod 1.28 writes it with ambient on (`createRouteStatus`). */
function routeParentStatus(parentRef: object, waypointMessage: string) {
  return {
    parentRef,
    controllerName: 'istio.io/gateway-controller',
    conditions: [
      condition('Accepted', 'True', 'Accepted', 'Route was valid'),
      condition(
        'ResolvedRefs',
        'True',
        'ResolvedRefs',
        'All references resolved',
      ),
      condition(
        'ResolvedWaypoints',
        'True',
        'ResolvedWaypoints',
        waypointMessage,
      ),
    ],
  };
}

/**
 * A cluster's Gateway API objects: istiod's GatewayClass `istio`, the ingress Gateway
 * `istio-system/public-gateway` (HTTP 80, `*.example.com`, routes from all namespaces) with the
 * status istiod writes, the ServiceAccount, Deployment (one `proxy router` pod) and
 * LoadBalancer Service its deployment controller generates (`files/kube-gateway.yaml`), and the
 * planned routes: an HTTPRoute per service on the Gateway, and on some a mesh (GAMMA) HTTPRoute
 * splitting 90/10 between two backendRefs of the service itself. Built after every other object,
 * from its own random stream, so that the rest of the fleet stays as it was without them.
 */
function gatewayApiObjects(
  cluster: ClusterPlan,
  routes: RoutePlan[],
  next: () => number,
): KubeObject[] {
  const name = INGRESS_GATEWAY;
  const ns = INGRESS_GATEWAY_NAMESPACE;
  const generated = `${name}-istio`;
  const gatewayUid = uid(next);
  const deploymentUid = uid(next);
  const replicaSetUid = uid(next);
  const hash = Math.floor(next() * 0xffffffffff)
    .toString(36)
    .padStart(8, '0')
    .slice(0, 10);
  const address = `203.0.${Math.floor(cluster.index / 250) % 250}.${
    (cluster.index % 250) + 1
  }`;
  const ownerReferences = [
    {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'Gateway',
      name,
      uid: gatewayUid,
    },
  ];
  const labels = {
    'gateway.istio.io/managed': 'istio.io-gateway-controller',
    'gateway.networking.k8s.io/gateway-class-name': 'istio',
    'gateway.networking.k8s.io/gateway-name': name,
    'istio.io/dataplane-mode': 'none',
  };
  const podLabels = {
    ...labels,
    'service.istio.io/canonical-name': generated,
    'service.istio.io/canonical-revision': 'latest',
    'sidecar.istio.io/inject': 'false',
  };
  const podAnnotations = {
    'istio.io/rev': REVISION,
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
  };
  const podSpec = {
    serviceAccountName: generated,
    containers: [
      {
        name: 'istio-proxy',
        image: `docker.io/istio/proxyv2:${ISTIO_VERSION}`,
        args: [
          'proxy',
          'router',
          '--domain',
          '$(POD_NAMESPACE).svc.cluster.local',
        ],
        ports: [
          { containerPort: 15020, name: 'metrics', protocol: 'TCP' },
          { containerPort: 15021, name: 'status-port', protocol: 'TCP' },
          { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
        ],
      },
    ],
  };
  const workloadStatus = {
    replicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    updatedReplicas: 1,
    observedGeneration: 1,
  };
  const gatewayRef = {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name,
    namespace: ns,
  };
  const listenerConditions = [
    condition('Accepted', 'True', 'Accepted', 'No errors found'),
    condition('Conflicted', 'False', 'NoConflicts', 'No errors found'),
    condition('Programmed', 'True', 'Programmed', 'No errors found'),
    condition('ResolvedRefs', 'True', 'ResolvedRefs', 'No errors found'),
  ];
  const backend = (app: string, weight: number) => ({
    group: '',
    kind: 'Service',
    name: app,
    port: 8080,
    weight,
  });
  const objects: KubeObject[] = [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'istio' },
      spec: {
        controllerName: 'istio.io/gateway-controller',
        description: 'The default Istio GatewayClass',
      },
      status: {
        conditions: [
          condition(
            'Accepted',
            'True',
            'Accepted',
            'Handled by Istio controller',
          ),
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name,
        namespace: ns,
        uid: gatewayUid,
        creationTimestamp: TIMESTAMP,
      },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'http',
            hostname: '*.example.com',
            port: 80,
            protocol: 'HTTP',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
      status: {
        addresses: [{ type: 'IPAddress', value: address }],
        conditions: [
          condition('Accepted', 'True', 'Accepted', 'Resource accepted'),
          condition(
            'Programmed',
            'True',
            'Programmed',
            `Resource programmed, assigned to service(s) ${generated}.${ns}.svc.cluster.local:80`,
          ),
        ],
        listeners: [
          {
            name: 'http',
            attachedRoutes: routes.length,
            supportedKinds: [
              { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' },
              { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' },
            ],
            conditions: listenerConditions,
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: generated, namespace: ns, labels, ownerReferences },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: generated,
        namespace: ns,
        uid: deploymentUid,
        labels,
        creationTimestamp: TIMESTAMP,
        ownerReferences,
      },
      spec: {
        replicas: 1,
        selector: {
          matchLabels: { 'gateway.networking.k8s.io/gateway-name': name },
        },
        template: {
          metadata: { labels: podLabels, annotations: podAnnotations },
          spec: podSpec,
        },
      },
      status: workloadStatus,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${generated}-${hash}`,
        namespace: ns,
        uid: replicaSetUid,
        labels: { ...podLabels, 'pod-template-hash': hash },
        creationTimestamp: TIMESTAMP,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: generated,
            uid: deploymentUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 1,
        selector: {
          matchLabels: {
            'gateway.networking.k8s.io/gateway-name': name,
            'pod-template-hash': hash,
          },
        },
        template: {
          metadata: {
            labels: { ...podLabels, 'pod-template-hash': hash },
            annotations: podAnnotations,
          },
          spec: podSpec,
        },
      },
      status: { ...workloadStatus, fullyLabeledReplicas: 1 },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${generated}-${hash}-${Math.floor(next() * 36 ** 5)
          .toString(36)
          .padStart(5, '0')}`,
        namespace: ns,
        labels: { ...podLabels, 'pod-template-hash': hash },
        annotations: podAnnotations,
        creationTimestamp: TIMESTAMP,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: `${generated}-${hash}`,
            uid: replicaSetUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { ...podSpec, nodeName: `node-0.${cluster.name}.internal` },
      status: {
        phase: 'Running',
        podIP: podIp(cluster),
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'ContainersReady', status: 'True' },
        ],
        containerStatuses: [
          { name: 'istio-proxy', ready: true, restartCount: 0 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: generated, namespace: ns, labels, ownerReferences },
      spec: {
        type: 'LoadBalancer',
        selector: { 'gateway.networking.k8s.io/gateway-name': name },
        ports: [
          {
            name: 'status-port',
            port: 15021,
            protocol: 'TCP',
            appProtocol: 'tcp',
          },
          { name: 'http', port: 80, protocol: 'TCP', appProtocol: 'http' },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: address }] } },
    },
  ];
  for (const route of routes) {
    objects.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: route.app, namespace: route.namespace },
      spec: {
        parentRefs: [gatewayRef],
        hostnames: [`${route.app}.example.com`],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [backend(route.app, 1)],
          },
        ],
      },
      status: {
        parents: [routeParentStatus(gatewayRef, 'All waypoints resolved')],
      },
    });
    if (route.mesh) {
      const serviceRef = {
        group: '',
        kind: 'Service',
        name: route.app,
        port: 8080,
      };
      objects.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `${route.app}-mesh`, namespace: route.namespace },
        spec: {
          parentRefs: [serviceRef],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [backend(route.app, 90), backend(route.app, 10)],
            },
          ],
        },
        status: {
          parents: [
            routeParentStatus(
              serviceRef,
              route.waypoint
                ? 'All waypoints resolved'
                : 'istio.io/use-waypoint label missing from parent and parent namespace; in ambient mode, route will not be respected',
            ),
          ],
        },
      });
    }
  }
  return objects;
}

/**
 * Builds a deterministic synthetic fleet, the one both benchmarks (engine and
 * backend) and the engine's incremental-analysis test use: per cluster an Istio
 * control plane with east-west and ingress gateways (Gateway `public`); per
 * service (in 1–3 clusters) a Service, ServiceAccount, Deployment, ReplicaSet
 * and pods with sidecars (none in every ninth namespace, which is not
 * injected; a third of the namespaces are ambient — ztunnel captures their pods, and every other
 * one has a waypoint), a DestinationRule (ISTIO_MUTUAL, or auto mTLS on every fifth), a
 * canary v2 on every fourth, and on some services a VirtualService (90/10 for
 * canaries), an ingress VirtualService (a namespace's first service), a
 * workload PeerAuthentication with a port-level exception, an
 * AuthorizationPolicy or a ServiceEntry; per namespace a PeerAuthentication
 * (every fifth PERMISSIVE). The Gateway API: per cluster the ingress Gateway
 * `istio-system/public-gateway` (class `istio`, with its generated Deployment and Service), an
 * HTTPRoute on it for every tenth service and a mesh HTTPRoute on every fortieth (see
 * `gatewayApiObjects`). Traffic: every service is called by 1–3 callers of its cluster (see
 * `generateTraffic`). The same options always give the same fleet.
 *
 * @public
 */
export function generateFleet(options: GenerateFleetOptions): FleetDefinition {
  const next = seededRandom(options.seed ?? 1);
  const replicas = options.replicas ?? 2;
  const perNamespace = options.servicesPerNamespace ?? 20;
  const perNetwork = options.clustersPerNetwork ?? 5;
  if (!(options.clusters >= 1) || !(options.services >= 0)) {
    throw new Error('generateFleet needs clusters >= 1 and services >= 0');
  }
  const plans: ClusterPlan[] = Array.from(
    { length: options.clusters },
    (_, index) => ({
      name: `cluster-${String(index + 1).padStart(3, '0')}`,
      network: `net-${Math.floor(index / perNetwork) + 1}`,
      index: index + 1,
      objects: [],
      podCounter: 0,
    }),
  );
  for (const plan of plans) {
    plan.objects.push(...controlPlane(plan, next));
  }
  const namespacesIn = plans.map(() => new Set<string>());
  const routesIn = plans.map((): RoutePlan[] => []);
  const servicesIn = plans.map((): PlacedService[] => []);
  for (let s = 0; s < options.services; s++) {
    const namespaceIndex = Math.floor(s / perNamespace);
    const namespace = `team-${String(namespaceIndex + 1).padStart(3, '0')}`;
    const app = `svc-${String(s + 1).padStart(5, '0')}`;
    // Every ninth namespace is outside the mesh (no injection), a third of them are ambient
    // (every other one behind a waypoint); every fourth service runs a canary v2 that its
    // VirtualService sends 10 % to; every fifth leaves TLS to auto mTLS.
    const ambient = namespaceIndex % 3 === 1;
    const waypoint = namespaceIndex % 6 === 1;
    const injected = namespaceIndex % 9 !== 8 && !ambient;
    const canary = s % 4 === 0;
    const versions = canary ? ['v1', 'v2'] : ['v1'];
    const placements = 1 + Math.floor(next() * 3);
    const first = Math.floor(next() * plans.length);
    for (let p = 0; p < Math.min(placements, plans.length); p++) {
      const clusterIndex = (first + p) % plans.length;
      const cluster = plans[clusterIndex];
      const objects = cluster.objects;
      if (!namespacesIn[clusterIndex].has(namespace)) {
        namespacesIn[clusterIndex].add(namespace);
        objects.push(
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: {
              name: namespace,
              labels: {
                ...(injected ? { 'istio.io/rev': REVISION } : {}),
                ...(ambient ? { 'istio.io/dataplane-mode': 'ambient' } : {}),
                ...(waypoint ? { 'istio.io/use-waypoint': 'waypoint' } : {}),
                'meshplane.io/owner': `group-${(namespaceIndex % 40) + 1}`,
                'meshplane.io/system': namespace,
              },
            },
          },
          // Its own random stream: the rest of the fleet stays as it was without waypoints.
          ...(waypoint
            ? waypointObjects(
                cluster,
                namespace,
                seededRandom(namespaceIndex * 1009 + clusterIndex + 1),
              )
            : []),
          {
            apiVersion: 'security.istio.io/v1',
            kind: 'PeerAuthentication',
            metadata: { name: 'default', namespace },
            spec: {
              mtls: {
                mode: namespaceIndex % 5 === 4 ? 'PERMISSIVE' : 'STRICT',
              },
            },
          },
        );
      }
      const host = `${app}.${namespace}.svc.cluster.local`;
      servicesIn[clusterIndex].push({
        namespace,
        app,
        workloads: versions.map(version => `${app}-${version}`),
        port: 8080,
        sidecarless: injected && s % 50 === 49,
        ingress: s % perNamespace === 0,
      });
      // Every tenth service is routed by the cluster's Gateway API ingress, every fortieth also
      // by a mesh route (objects built after the loop, so that nothing above changes).
      if (s % 10 === 5) {
        routesIn[clusterIndex].push({
          namespace,
          app,
          mesh: s % 40 === 5,
          waypoint,
        });
      }
      objects.push(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: app, namespace, labels: { app } },
          spec: {
            selector: { app },
            ports: [
              { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' },
            ],
          },
        },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: app, namespace },
        },
        ...versions.flatMap(version =>
          workloadObjects({
            cluster,
            namespace,
            app,
            version,
            serviceAccount: app,
            port: 8080,
            replicas,
            sidecar: injected && s % 50 !== 49,
            ambient,
            image: `registry.example.com/${namespace}/${app}:1.${s % 10}.0`,
            next,
          }),
        ),
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: app, namespace },
          spec: {
            host,
            trafficPolicy:
              s % 5 === 1
                ? { loadBalancer: { simple: 'ROUND_ROBIN' } }
                : { tls: { mode: 'ISTIO_MUTUAL' } },
            subsets: versions.map(version => ({
              name: version,
              labels: { version },
            })),
          },
        },
      );
      if (s % 2 === 0) {
        objects.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: app, namespace },
          spec: {
            hosts: [host],
            http: [
              {
                timeout: '5s',
                route: versions.map(version => ({
                  destination: {
                    host,
                    subset: version,
                    port: { number: 8080 },
                  },
                  ...(canary ? { weight: version === 'v1' ? 90 : 10 } : {}),
                })),
              },
            ],
          },
        });
      }
      if (s % perNamespace === 0) {
        objects.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: `${app}-ingress`, namespace },
          spec: {
            hosts: [`${namespace}.example.com`],
            gateways: ['istio-system/public'],
            http: [
              { route: [{ destination: { host, port: { number: 8080 } } }] },
            ],
          },
        });
      }
      if (s % 10 === 3) {
        objects.push({
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: { name: app, namespace },
          spec: {
            selector: { matchLabels: { app } },
            mtls: { mode: 'STRICT' },
            portLevelMtls: { 8080: { mode: 'PERMISSIVE' } },
          },
        });
      }
      if (s % 3 === 0) {
        objects.push({
          apiVersion: 'security.istio.io/v1',
          kind: 'AuthorizationPolicy',
          metadata: { name: app, namespace },
          spec: {
            selector: { matchLabels: { app } },
            action: 'ALLOW',
            rules: [{ from: [{ source: { namespaces: [namespace] } }] }],
          },
        });
      }
      if (s % 10 === 0) {
        objects.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'ServiceEntry',
          metadata: { name: `${app}-external`, namespace },
          spec: {
            hosts: [`${app}.partner.example.com`],
            location: 'MESH_EXTERNAL',
            ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
            resolution: 'DNS',
          },
        });
      }
    }
  }
  plans.forEach((plan, clusterIndex) =>
    plan.objects.push(
      ...gatewayApiObjects(
        plan,
        routesIn[clusterIndex],
        seededRandom(2_000_003 + clusterIndex),
      ),
    ),
  );
  const clusters: ClusterDefinition[] = plans.map(plan => ({
    metadata: {
      name: plan.name,
      network: plan.network,
      region: `region-${((plan.index - 1) % 3) + 1}`,
      environment: 'benchmark',
      istio: {
        revision: REVISION,
        version: ISTIO_VERSION,
        meshId: 'mesh1',
        role: 'primary',
      },
    },
    objects: plan.objects,
    tokens: [],
  }));
  // From its own random stream, after every object: the objects stay as they were without it.
  const traffic = generateTraffic({
    clusters: plans.map((plan, clusterIndex) => ({
      name: plan.name,
      services: servicesIn[clusterIndex],
    })),
    ingressGateway: {
      namespace: 'istio-system',
      workload: `istio-ingressgateway-${REVISION}`,
    },
    next: seededRandom(4_000_037 + (options.seed ?? 1)),
  });
  return { clusters, tokens: [], traffic };
}

/**
 * Number of objects a fleet definition holds (the served clusters add their
 * implicit system namespaces and Istio CRDs on top).
 *
 * @public
 */
export function fleetObjectCount(fleet: FleetDefinition): number {
  return fleet.clusters.reduce(
    (sum, cluster) => sum + cluster.objects.length,
    0,
  );
}
