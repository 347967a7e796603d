import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_MESHPLANE_CLUSTER,
  ANNOTATION_MESHPLANE_SERVICES,
  ANNOTATION_MESHPLANE_WORKLOAD_ENTRY,
  type ClusterEndpoint,
  type ClusterProblem,
  type ClusterSummary,
  type GatewayApiGateway,
  type ServiceClaims,
  type ServiceRef,
  type ServiceSummary,
  type VmWorkloadSummary,
} from '@meshplane/plugin-meshplane-common';
import { EntityNameRegistry } from './EntityNameRegistry';
import { toLabelValue } from './entityNames';
import {
  annotateFindings,
  type CatalogFinding,
  type LocatedCatalogFinding,
} from './findings';
import type { FleetEntityOptions } from './options';
import {
  type NamespaceLabels,
  type ResolvedOwnership,
  resolveOwnership,
} from './ownership';
import { findDefinitionConflicts } from './serviceDefinitions';

const serviceKey = (service: ServiceRef) =>
  `${service.namespace}/${service.name}`;
/**
 * Annotation with the clusters a service, gateway or VM entity is present in,
 * comma-separated.
 *
 * @public
 */
export const ANNOTATION_MESHPLANE_CLUSTERS = 'meshplane.io/clusters';

/** Catalog labels the provider writes (values mapped to valid label values). */
export const LABEL_MESHPLANE_NETWORK = 'meshplane.io/network';
export const LABEL_MESHPLANE_REGION = 'meshplane.io/region';
export const LABEL_MESHPLANE_ENVIRONMENT = 'meshplane.io/environment';
export const LABEL_MESHPLANE_ISTIO_REVISION = 'meshplane.io/istio-revision';
export const LABEL_MESHPLANE_MESH_ROLE = 'meshplane.io/mesh-role';
export const LABEL_MESHPLANE_NAMESPACE = 'meshplane.io/namespace';

/**
 * Annotations of a `mesh-gateway` Resource whose Service serves Gateway API Gateways: the
 * Gateways (`<namespace>/<name>`, comma-separated), their class, listeners
 * (`<name> <protocol>/<port> <hostname or *>`, comma-separated), hostnames and the `Accepted` and
 * `Programmed` conditions istiod wrote (`Accepted=True (Accepted), Programmed=False
 * (AddressNotAssigned)`). A value that differs between clusters is given per cluster
 * (`east-1: …; west-1: …`).
 */
export const ANNOTATION_MESHPLANE_GATEWAY_API_GATEWAY =
  'meshplane.io/gateway-api-gateway';
export const ANNOTATION_MESHPLANE_GATEWAY_CLASS = 'meshplane.io/gateway-class';
export const ANNOTATION_MESHPLANE_GATEWAY_LISTENERS =
  'meshplane.io/gateway-listeners';
export const ANNOTATION_MESHPLANE_GATEWAY_HOSTNAMES =
  'meshplane.io/gateway-hostnames';
export const ANNOTATION_MESHPLANE_GATEWAY_STATUS =
  'meshplane.io/gateway-status';

/** The Kubernetes plugin's annotation naming the OIDC provider for a catalog cluster. */
const ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER =
  'kubernetes.io/oidc-token-provider';

/**
 * What the provider reads from the meshplane backend for one build.
 *
 * @public
 */
export interface FleetSnapshot {
  clusters: ClusterSummary[];
  endpoints: ClusterEndpoint[];
  services: ServiceSummary[];
  /**
   * Clusters the backend had not synced when `services` was read, with their
   * status and error in that reading: their services are missing from
   * `services`, so what was built from them is kept (`incomplete-fleet` on
   * their cluster Resource).
   */
  unsyncedClusters?: ClusterProblem[];
}

/**
 * The entities of one build and every finding, each finding also written on
 * the entity it concerns (annotation `meshplane.io/catalog-findings`).
 *
 * @public
 */
export interface FleetEntities {
  entities: Entity[];
  findings: LocatedCatalogFinding[];
}

/** A VM (WorkloadEntry) by namespace/name, with its registrations per cluster. */
interface VmGroup {
  namespace: string;
  name: string;
  instances: Array<{ cluster: string; vm: VmWorkloadSummary }>;
  services: Set<string>;
}

const byName = (a: string, b: string) => a.localeCompare(b);

function compareServices(a: ServiceSummary, b: ServiceSummary): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byName);
}

function namespaceSelected(
  namespace: string,
  filter: FleetEntityOptions['namespaces'],
): boolean {
  if (filter.include && !filter.include.some(re => re.test(namespace))) {
    return false;
  }
  return !filter.exclude.some(re => re.test(namespace));
}

/** Catalog labels from fleet values, mapping values the catalog rejects. */
function catalogLabels(
  values: Record<string, string | undefined>,
  subject: string,
): { labels: Record<string, string>; findings: CatalogFinding[] } {
  const labels: Record<string, string> = {};
  const findings: CatalogFinding[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!value) {
      continue;
    }
    const mapped = toLabelValue(value);
    labels[key] = mapped.value;
    if (mapped.mapped) {
      findings.push({
        code: 'invalid-name',
        message: `The catalog rejects "${value}" as the value of label ${key} of ${subject}; it is mapped to "${mapped.value}"`,
      });
    }
  }
  return { labels, findings };
}

/** Groups the ownership labels of each namespace, one entry per cluster. */
function namespaceLabels(
  services: ServiceSummary[],
): Map<string, NamespaceLabels[]> {
  const labels = new Map<string, Map<string, NamespaceLabels>>();
  for (const service of services) {
    const perCluster =
      labels.get(service.namespace) ?? new Map<string, NamespaceLabels>();
    labels.set(service.namespace, perCluster);
    for (const instance of service.clusters) {
      perCluster.set(instance.cluster, {
        cluster: instance.cluster,
        owner: instance.owner,
        system: instance.system,
      });
    }
  }
  return new Map(
    [...labels].map(([namespace, perCluster]) => [
      namespace,
      [...perCluster.values()].sort((a, b) =>
        a.cluster.localeCompare(b.cluster),
      ),
    ]),
  );
}

function groupVms(services: ServiceSummary[]): VmGroup[] {
  const groups = new Map<string, VmGroup>();
  for (const service of services) {
    for (const instance of service.clusters) {
      for (const vm of instance.vms) {
        const key = `${service.namespace}/${vm.name}`;
        const group = groups.get(key) ?? {
          namespace: service.namespace,
          name: vm.name,
          instances: [],
          services: new Set<string>(),
        };
        groups.set(key, group);
        if (
          !group.instances.some(known => known.cluster === instance.cluster)
        ) {
          group.instances.push({ cluster: instance.cluster, vm });
        }
        group.services.add(serviceKey(service));
      }
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
}

function vmConflicts(group: VmGroup): CatalogFinding[] {
  const addresses = uniqueSorted(
    group.instances.map(({ vm }) => vm.address ?? '(none)'),
  );
  if (addresses.length < 2) {
    return [];
  }
  const variants = group.instances
    .map(({ cluster, vm }) => `${cluster}: ${vm.address ?? '(none)'}`)
    .join('; ');
  return [
    {
      code: 'conflicting-vm',
      message: `WorkloadEntry ${group.namespace}/${group.name} has different addresses across clusters (${variants}); they are shown as one virtual machine`,
    },
  ];
}

/** The Gateway status conditions a gateway Resource shows. */
const GATEWAY_CONDITIONS = ['Accepted', 'Programmed'];

function gatewayStatus(gateway: GatewayApiGateway): string {
  const shown = gateway.conditions.filter(c =>
    GATEWAY_CONDITIONS.includes(c.type),
  );
  return shown.length
    ? shown
        .map(c => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`)
        .join(', ')
    : 'not reported by istiod';
}

/**
 * The annotations of a gateway Resource whose Service serves Gateway API Gateways (see
 * {@link ANNOTATION_MESHPLANE_GATEWAY_API_GATEWAY}); none for other services.
 */
function gatewayApiAnnotations(
  service: ServiceSummary,
): Record<string, string> {
  const gateways = service.gatewayApi ?? [];
  if (!gateways.length) return {};
  // One value when every cluster of the service has one Gateway that says the same.
  const oneEach =
    gateways.length === service.clusters.length &&
    service.clusters.every(c => gateways.some(g => g.cluster === c.cluster));
  const value = (of: (gateway: GatewayApiGateway) => string) => {
    const values = gateways.map(of);
    return oneEach && new Set(values).size === 1
      ? values[0]
      : gateways.map((g, i) => `${g.cluster}: ${values[i]}`).join('; ');
  };
  return {
    [ANNOTATION_MESHPLANE_GATEWAY_API_GATEWAY]: uniqueSorted(
      gateways.map(g => `${g.namespace}/${g.name}`),
    ).join(','),
    [ANNOTATION_MESHPLANE_GATEWAY_CLASS]: value(g => g.className),
    [ANNOTATION_MESHPLANE_GATEWAY_LISTENERS]: value(g =>
      g.listeners
        .map(l => `${l.name} ${l.protocol}/${l.port} ${l.hostname ?? '*'}`)
        .join(', '),
    ),
    [ANNOTATION_MESHPLANE_GATEWAY_HOSTNAMES]: value(g =>
      g.hostnames.length ? g.hostnames.join(', ') : '*',
    ),
    [ANNOTATION_MESHPLANE_GATEWAY_STATUS]: value(gatewayStatus),
  };
}

/** What a service's entity says it is. */
function serviceDescription(service: ServiceSummary): string {
  const clusterList = service.clusters.map(instance => instance.cluster);
  const where = `in ${
    clusterList.length === 1 ? 'cluster' : 'clusters'
  } ${clusterList.join(', ')}`;
  const gateways = uniqueSorted(
    (service.gatewayApi ?? []).map(
      g => `${g.namespace}/${g.name} (class ${g.className})`,
    ),
  );
  if (gateways.length) {
    return `Gateway API ${
      gateways.length === 1 ? 'Gateway' : 'Gateways'
    } ${gateways.join(', ')}, served by ${service.host} ${where}`;
  }
  return `${service.gateway ? 'Mesh gateway' : 'Mesh service'} ${
    service.host
  } ${where}`;
}

/**
 * The finding on the Resource of a cluster missing from the services read,
 * quoting its status and error as that read saw them (the cluster list,
 * read a moment later, may already say `synced`).
 */
function incompleteFleet(problem?: ClusterProblem): CatalogFinding[] {
  if (!problem) {
    return [];
  }
  return [
    {
      code: 'incomplete-fleet',
      message: `Cluster ${
        problem.cluster
      } is not synced by the meshplane backend yet (status ${problem.status}${
        problem.error ? `: ${problem.error.message}` : ''
      }); the catalog keeps the services, gateways and VMs built from it until it syncs`,
    },
  ];
}

/**
 * Turns the fleet into catalog entities (DESIGN §5):
 *
 * - each cluster → `Resource` `kubernetes-cluster`, with the annotations the
 *   Kubernetes plugin's catalog cluster locator reads;
 * - each logical service not claimed by another catalog entity → `Component`
 *   `service` (or `Resource` `mesh-gateway` when its workloads are Istio
 *   gateways) that `dependsOn` its clusters and the services it calls;
 * - each VM (WorkloadEntry) → `Resource` `virtual-machine` with
 *   `dependencyOf` its services.
 *
 * The result depends only on the inputs (sorted, hashed names), so two builds
 * of the same fleet are equal and a diff between builds is a real change.
 *
 * @public
 */
export function buildFleetEntities(
  snapshot: FleetSnapshot,
  claims: ServiceClaims,
  options: FleetEntityOptions,
): FleetEntities {
  const registry = new EntityNameRegistry();
  const findings: LocatedCatalogFinding[] = [...claims.findings];
  const entities: Entity[] = [];
  const locationAnnotations = {
    [ANNOTATION_LOCATION]: options.location,
    [ANNOTATION_ORIGIN_LOCATION]: options.location,
  };

  const emit = (entity: Entity, entityFindings: CatalogFinding[]) => {
    const entityRef = stringifyEntityRef(entity);
    entities.push(annotateFindings(entity, entityFindings));
    findings.push(
      ...entityFindings.map(finding => ({ ...finding, entityRef })),
    );
  };

  // Names are handed out clusters first, then services, then VMs, each sorted:
  // an object keeps its name as long as no earlier object takes it.
  const clusters = [...snapshot.clusters].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const clusterNames = new Map(
    clusters.map(cluster => [
      cluster.name,
      registry.assign('Resource', `cluster ${cluster.name}`, cluster.name),
    ]),
  );
  const clusterRef = (name: string) => {
    const assigned = clusterNames.get(name);
    return assigned
      ? stringifyEntityRef({ kind: 'Resource', name: assigned.name })
      : undefined;
  };

  const services = snapshot.services
    .filter(service => namespaceSelected(service.namespace, options.namespaces))
    .sort(compareServices);
  const serviceRefs = new Map<string, string>();
  const serviceNames = new Map<
    string,
    ReturnType<EntityNameRegistry['assign']>
  >();
  for (const service of services) {
    const key = serviceKey(service);
    const claimant = claims.claimedBy.get(key);
    if (claimant) {
      serviceRefs.set(key, claimant);
      continue;
    }
    const kind = service.gateway ? 'Resource' : 'Component';
    const assigned = registry.assign(
      kind,
      `service ${key}`,
      `${service.name}.${service.namespace}`,
    );
    serviceNames.set(key, assigned);
    serviceRefs.set(key, stringifyEntityRef({ kind, name: assigned.name }));
  }
  const vms = groupVms(services);
  const vmNames = vms.map(group =>
    registry.assign(
      'Resource',
      `WorkloadEntry ${group.namespace}/${group.name}`,
      `${group.name}.${group.namespace}`,
    ),
  );

  const ownershipByNamespace = new Map<string, ResolvedOwnership>();
  const labelsByNamespace = namespaceLabels(services);
  const ownershipOf = (namespace: string): ResolvedOwnership => {
    let resolved = ownershipByNamespace.get(namespace);
    if (!resolved) {
      resolved = resolveOwnership(
        namespace,
        labelsByNamespace.get(namespace) ?? [],
        options.ownership,
      );
      ownershipByNamespace.set(namespace, resolved);
    }
    return resolved;
  };

  const endpoints = new Map(snapshot.endpoints.map(e => [e.name, e]));
  const unsynced = new Map(
    (snapshot.unsyncedClusters ?? []).map(problem => [
      problem.cluster,
      problem,
    ]),
  );
  for (const cluster of clusters) {
    const assigned = clusterNames.get(cluster.name)!;
    const endpoint = endpoints.get(cluster.name);
    const { labels, findings: labelFindings } = catalogLabels(
      {
        [LABEL_MESHPLANE_NETWORK]: cluster.network,
        [LABEL_MESHPLANE_REGION]: cluster.region,
        [LABEL_MESHPLANE_ENVIRONMENT]: cluster.environment,
        [LABEL_MESHPLANE_ISTIO_REVISION]: cluster.istioRevision,
        [LABEL_MESHPLANE_MESH_ROLE]: cluster.meshRole,
      },
      `cluster ${cluster.name}`,
    );
    const facts = [
      cluster.network && `network ${cluster.network}`,
      cluster.region && `region ${cluster.region}`,
      cluster.environment && `environment ${cluster.environment}`,
      cluster.istioVersion && `Istio ${cluster.istioVersion}`,
    ].filter(Boolean);
    emit(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: assigned.name,
          ...(assigned.name !== cluster.name ? { title: cluster.name } : {}),
          description: `Kubernetes cluster ${cluster.name} of the mesh fleet${
            facts.length ? ` (${facts.join(', ')})` : ''
          }`,
          annotations: {
            ...locationAnnotations,
            [ANNOTATION_MESHPLANE_CLUSTER]: cluster.name,
            ...(endpoint
              ? { [ANNOTATION_KUBERNETES_API_SERVER]: endpoint.url }
              : {}),
            ...(endpoint?.caData
              ? { [ANNOTATION_KUBERNETES_API_SERVER_CA]: endpoint.caData }
              : {}),
            [ANNOTATION_KUBERNETES_AUTH_PROVIDER]:
              options.clusters.authProvider,
            ...(options.clusters.oidcTokenProvider
              ? {
                  [ANNOTATION_KUBERNETES_OIDC_TOKEN_PROVIDER]:
                    options.clusters.oidcTokenProvider,
                }
              : {}),
          },
          labels,
        },
        spec: {
          type: 'kubernetes-cluster',
          owner: options.clusters.owner,
          ...(options.clusters.system
            ? { system: options.clusters.system }
            : {}),
        },
      },
      [
        ...assigned.findings,
        ...labelFindings,
        ...incompleteFleet(unsynced.get(cluster.name)),
      ],
    );
  }

  for (const service of services) {
    const key = serviceKey(service);
    const assigned = serviceNames.get(key);
    if (!assigned) {
      continue;
    }
    const ownership = ownershipOf(service.namespace);
    const ownRef = serviceRefs.get(key);
    const dependsOn = [
      ...uniqueSorted(
        service.clusters
          .map(instance => clusterRef(instance.cluster))
          .filter((ref): ref is string => ref !== undefined),
      ),
      ...uniqueSorted(
        service.calls
          .map(callee => serviceRefs.get(serviceKey(callee)))
          .filter((ref): ref is string => ref !== undefined && ref !== ownRef),
      ),
    ];
    const clusterList = service.clusters.map(instance => instance.cluster);
    emit(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: service.gateway ? 'Resource' : 'Component',
        metadata: {
          name: assigned.name,
          ...(assigned.name !== `${service.name}.${service.namespace}`
            ? { title: key }
            : {}),
          description: serviceDescription(service),
          annotations: {
            ...locationAnnotations,
            [ANNOTATION_MESHPLANE_SERVICES]: key,
            [ANNOTATION_MESHPLANE_CLUSTERS]: clusterList.join(','),
            ...(service.kubernetesId
              ? {
                  [ANNOTATION_KUBERNETES_ID]: service.kubernetesId,
                  [ANNOTATION_KUBERNETES_NAMESPACE]: service.namespace,
                }
              : {}),
            ...gatewayApiAnnotations(service),
          },
          labels: { [LABEL_MESHPLANE_NAMESPACE]: service.namespace },
        },
        spec: service.gateway
          ? {
              type: 'mesh-gateway',
              owner: ownership.owner,
              ...(ownership.system ? { system: ownership.system } : {}),
              dependsOn,
            }
          : {
              type: 'service',
              lifecycle: options.lifecycle,
              owner: ownership.owner,
              ...(ownership.system ? { system: ownership.system } : {}),
              dependsOn,
            },
      },
      [
        ...assigned.findings,
        ...ownership.findings,
        ...findDefinitionConflicts(service),
      ],
    );
  }

  vms.forEach((group, index) => {
    const assigned = vmNames[index];
    const ownership = ownershipOf(group.namespace);
    const clusterList = group.instances
      .map(instance => instance.cluster)
      .sort(byName);
    const first = group.instances[0].vm;
    const { labels, findings: labelFindings } = catalogLabels(
      {
        [LABEL_MESHPLANE_NAMESPACE]: group.namespace,
        [LABEL_MESHPLANE_NETWORK]: first.network,
      },
      `WorkloadEntry ${group.namespace}/${group.name}`,
    );
    emit(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: assigned.name,
          ...(assigned.name !== `${group.name}.${group.namespace}`
            ? { title: `${group.namespace}/${group.name}` }
            : {}),
          description: `Virtual machine ${group.name}${
            first.address ? ` (${first.address})` : ''
          } in the mesh, registered as a WorkloadEntry in ${clusterList.join(
            ', ',
          )}`,
          annotations: {
            ...locationAnnotations,
            [ANNOTATION_MESHPLANE_WORKLOAD_ENTRY]: `${group.namespace}/${group.name}`,
            [ANNOTATION_MESHPLANE_CLUSTERS]: clusterList.join(','),
          },
          labels,
        },
        spec: {
          type: 'virtual-machine',
          owner: ownership.owner,
          ...(ownership.system ? { system: ownership.system } : {}),
          // Resources have no partOf field for Components: dependencyOf makes
          // the catalog relate the service to the VM (service dependsOn VM).
          dependencyOf: uniqueSorted(
            [...group.services]
              .map(key => serviceRefs.get(key))
              .filter((ref): ref is string => ref !== undefined),
          ),
        },
      },
      [
        ...assigned.findings,
        ...ownership.findings,
        ...labelFindings,
        ...vmConflicts(group),
      ],
    );
  });

  return { entities, findings };
}
