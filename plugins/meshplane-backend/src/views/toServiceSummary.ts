import type {
  FindingCounts,
  MeshAnalyzer,
  MeshService,
  MeshWorkload,
  Message,
  ServiceRef,
  ServiceSummary,
  SidecarCoverage,
} from '@meshplane/plugin-meshplane-common';
import type { Fleet } from '../fleet/Fleet';

/** Counts of findings by level. */
export function countFindings(findings: Iterable<Message>): FindingCounts {
  const counts: FindingCounts = { Error: 0, Warning: 0, Info: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

function coverage(workloads: MeshWorkload[]): SidecarCoverage {
  if (workloads.length === 0) return 'no-workloads';
  const proxied = workloads.filter(w => w.proxy !== 'none').length;
  if (proxied === workloads.length) return 'all';
  return proxied === 0 ? 'none' : 'some';
}

/** The `backstage.io/kubernetes-id` label of a logical service: the first its clusters' Services carry. */
export function serviceKubernetesId(
  analyzer: Pick<MeshAnalyzer, 'serviceClusters'>,
  namespace: string,
  name: string,
): string | undefined {
  return analyzer.serviceClusters(namespace, name).find(c => c.kubernetesId)
    ?.kubernetesId;
}

/** The API's summary of a logical service, from the engine's view of it. */
export function toServiceSummary(options: {
  service: MeshService;
  fleet: Fleet;
  findings: Message[];
  calls: ServiceRef[];
}): ServiceSummary {
  const { service, fleet } = options;
  const kubernetesId = serviceKubernetesId(
    fleet.state.analyzer,
    service.namespace,
    service.name,
  );
  const workloads = service.clusters.flatMap(c => c.workloads);
  const gatewayApi = fleet.state.analyzer.gatewayApiGateways(
    service.namespace,
    service.name,
  );
  return {
    namespace: service.namespace,
    name: service.name,
    host: service.host,
    clusters: [...service.clusters]
      .sort((a, b) => a.cluster.localeCompare(b.cluster))
      .map(c => {
        const ns = fleet.get(c.cluster)?.inventory.namespace(service.namespace);
        return {
          cluster: c.cluster,
          ...(c.network ? { network: c.network } : {}),
          type: c.type,
          ports: c.ports,
          workloads: c.workloads.length,
          readyPods: c.readyPods,
          totalPods: c.totalPods,
          sidecar: coverage(c.workloads),
          vms: c.workloads
            .filter(w => w.vm)
            .map(w => ({
              name: w.name,
              ...(w.network ? { network: w.network } : {}),
              ...(w.serviceAccount ? { serviceAccount: w.serviceAccount } : {}),
              sidecar: w.proxy !== 'none',
            })),
          ...(ns?.owner ? { owner: ns.owner } : {}),
          ...(ns?.system ? { system: ns.system } : {}),
        };
      }),
    // A Gateway API Gateway's Service is its gateway even before its deployment has pods.
    gateway:
      (workloads.length > 0 && workloads.every(w => w.proxy === 'gateway')) ||
      gatewayApi.length > 0,
    ...(gatewayApi.length > 0 ? { gatewayApi } : {}),
    ...(kubernetesId ? { kubernetesId } : {}),
    calls: options.calls,
    findings: countFindings(options.findings),
  };
}
