import { ClusterInput, KubeObject, MeshSnapshot } from '../model/types';

/** Size and shape of a generated fleet. */
export interface FleetShape {
  clusters: number;
  namespacesPerCluster: number;
  /** Workloads per namespace (two Deployment versions per Service). */
  workloadsPerNamespace: number;
  /** Pods per workload. */
  podsPerWorkload?: number;
  seed?: number;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A fleet of several clusters with services, sidecar and sidecar-less workloads, DestinationRules
 * with subsets, VirtualServices, PeerAuthentications at every level and AuthorizationPolicies;
 * used by the benchmark and the incremental-analysis test.
 */
export function generateFleet(shape: FleetShape): MeshSnapshot {
  const rnd = random(shape.seed ?? 1);
  const pods = shape.podsPerWorkload ?? 1;
  const clusters: ClusterInput[] = [];
  for (let c = 0; c < shape.clusters; c++) {
    const objects: KubeObject[] = [];
    const network = `net-${c % 2}`;
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'istio-system',
          labels: {
            'topology.istio.io/network': network,
            'istio-injection': 'enabled',
          },
        },
      },
      {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        metadata: { name: 'default', namespace: 'istio-system' },
        spec: { mtls: { mode: c === 0 ? 'STRICT' : 'PERMISSIVE' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'istio-ingressgateway',
          namespace: 'istio-system',
          labels: { istio: 'ingressgateway' },
        },
        spec: {
          selector: { istio: 'ingressgateway' },
          ports: [
            { name: 'http2', port: 80, targetPort: 8080 },
            { name: 'https', port: 443, targetPort: 8443 },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'istio-eastwestgateway',
          namespace: 'istio-system',
          labels: { 'topology.istio.io/network': network },
        },
        spec: {
          selector: { istio: 'eastwestgateway' },
          ports: [{ name: 'tls', port: 15443 }],
        },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
        spec: {
          template: {
            metadata: {
              labels: {
                istio: 'ingressgateway',
                'sidecar.istio.io/inject': 'false',
              },
            },
            spec: {
              containers: [
                {
                  name: 'istio-proxy',
                  image: 'auto',
                  args: ['proxy', 'router'],
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'public', namespace: 'istio-system' },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [
            {
              port: { number: 8080, name: 'http', protocol: 'HTTP' },
              hosts: ['*.example.com'],
            },
          ],
        },
      },
    );
    for (let n = 0; n < shape.namespacesPerCluster; n++) {
      const ns = `team-${n}`;
      const injected = rnd() < 0.85;
      objects.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: ns,
          labels: injected ? { 'istio-injection': 'enabled' } : {},
        },
      });
      if (rnd() < 0.25) {
        objects.push({
          apiVersion: 'security.istio.io/v1',
          kind: 'PeerAuthentication',
          metadata: { name: 'default', namespace: ns },
          spec: { mtls: { mode: rnd() < 0.5 ? 'STRICT' : 'PERMISSIVE' } },
        });
      }
      objects.push({
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: 'allow-team', namespace: ns },
        spec: {
          rules: [{ from: [{ source: { namespaces: [ns, 'istio-system'] } }] }],
        },
      });
      const services = Math.max(1, Math.floor(shape.workloadsPerNamespace / 2));
      for (let s = 0; s < services; s++) {
        const app = `svc-${s}`;
        objects.push({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: app, namespace: ns },
          spec: {
            selector: { app },
            ports: [
              { name: 'http', port: 80, targetPort: 8080 },
              { name: 'grpc', port: 9090 },
            ],
          },
        });
        const tls = rnd();
        objects.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: app, namespace: ns },
          spec: {
            host: app,
            trafficPolicy:
              tls < 0.2
                ? { tls: { mode: 'ISTIO_MUTUAL' } }
                : { loadBalancer: { simple: 'ROUND_ROBIN' } },
            subsets: [
              { name: 'v1', labels: { version: 'v1' } },
              { name: 'v2', labels: { version: 'v2' } },
            ],
          },
        });
        objects.push({
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: app, namespace: ns },
          spec: {
            hosts: [app],
            http: [
              {
                route: [
                  {
                    destination: {
                      host: app,
                      subset: 'v1',
                      port: { number: 80 },
                    },
                    weight: 90,
                  },
                  {
                    destination: {
                      host: app,
                      subset: 'v2',
                      port: { number: 80 },
                    },
                    weight: 10,
                  },
                ],
              },
            ],
          },
        });
        if (s === 0) {
          objects.push({
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: `${app}-ingress`, namespace: ns },
            spec: {
              hosts: [`${ns}.example.com`],
              gateways: ['istio-system/public'],
              http: [
                {
                  route: [{ destination: { host: app, port: { number: 80 } } }],
                },
              ],
            },
          });
        }
        for (const version of ['v1', 'v2']) {
          if (s * 2 + (version === 'v1' ? 0 : 1) >= shape.workloadsPerNamespace)
            continue;
          const name = `${app}-${version}`;
          const naked = rnd() < 0.1;
          const labels: Record<string, string> = {
            app,
            version,
            ...(naked ? { 'sidecar.istio.io/inject': 'false' } : {}),
          };
          objects.push({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: ns },
            spec: {
              selector: { matchLabels: { app, version } },
              template: {
                metadata: { labels },
                spec: {
                  serviceAccountName: app,
                  containers: [
                    {
                      name: 'app',
                      image: 'app:1',
                      ports: [{ containerPort: 8080 }, { containerPort: 9090 }],
                    },
                  ],
                },
              },
            },
          });
          for (let p = 0; p < pods; p++) {
            objects.push({
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: {
                name: `${name}-6f7d-${p}`,
                namespace: ns,
                labels: {
                  ...labels,
                  'pod-template-hash': '6f7d',
                  ...(naked || !injected
                    ? {}
                    : { 'security.istio.io/tlsMode': 'istio' }),
                },
                ownerReferences: [
                  {
                    kind: 'ReplicaSet',
                    name: `${name}-6f7d`,
                    controller: true,
                  },
                ],
              },
              spec: {
                serviceAccountName: app,
                containers: [
                  {
                    name: 'app',
                    image: 'app:1',
                    ports: [{ containerPort: 8080 }, { containerPort: 9090 }],
                  },
                  ...(naked || !injected
                    ? []
                    : [{ name: 'istio-proxy', image: 'proxyv2' }]),
                ],
              },
              status: {
                phase: 'Running',
                conditions: [{ type: 'Ready', status: 'True' }],
              },
            });
          }
          if (rnd() < 0.1) {
            objects.push({
              apiVersion: 'security.istio.io/v1',
              kind: 'PeerAuthentication',
              metadata: { name, namespace: ns },
              spec: {
                selector: { matchLabels: { app, version } },
                mtls: { mode: 'STRICT' },
                portLevelMtls: { 9090: { mode: 'PERMISSIVE' } },
              },
            });
          }
        }
      }
    }
    clusters.push({ name: `cluster-${c}`, objects });
  }
  return { clusters };
}
