import type { ClusterDefinition, FleetDefinition } from '../fleet';
import type { KubeObject } from '../objects';
import { inferDataPlane } from './dataPlane';
import { TrafficSpecError } from './TrafficSpecError';
import type {
  DataPlaneMode,
  ObservedTls,
  TrafficDestination,
  TrafficFlow,
} from './types';

const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'WorkloadGroup',
];

/** A workload as Istio's metrics name it (the `source_*` and `destination_*` labels). */
export interface MeshWorkload {
  cluster: string;
  namespace: string;
  /** The Deployment's (StatefulSet's, …) name: Istio's workload name. */
  name: string;
  /** Its pods' labels. */
  labels: Record<string, string>;
  serviceAccount: string;
  dataPlane: DataPlaneMode;
}

/** A flow with the objects it names looked up in the fleet. */
export interface ResolvedFlow {
  flow: TrafficFlow;
  /** Absent for an `unknown` caller. */
  source?: MeshWorkload;
  /** The backends the calls reach, with the share of the calls each gets. */
  backends: Array<{ workload: MeshWorkload; share: number }>;
  service: { cluster: string; namespace: string; name: string };
  waypoint?: MeshWorkload;
  tls: ObservedTls;
}

interface WorkloadObject {
  kind: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccount: string;
}

/** One cluster's namespaces (their labels), workloads by namespace and name, Services by `namespace/name`. */
interface ClusterIndex {
  definition: ClusterDefinition;
  namespaces: Map<string, Record<string, string>>;
  workloads: Map<string, Map<string, WorkloadObject>>;
  services: Map<string, KubeObject>;
}

/** The fields of a workload's spec read here: a pod template, or a WorkloadGroup's. */
interface WorkloadSpec {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  template?: {
    metadata?: WorkloadSpec['metadata'];
    spec?: { serviceAccountName?: string };
    serviceAccount?: string;
  };
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: Array<{ port: number }>;
}

function workloadObject(object: KubeObject): WorkloadObject {
  const spec = (object.spec ?? {}) as WorkloadSpec;
  // A WorkloadGroup's pods are VMs: their labels and service account are its template's.
  const group = object.kind === 'WorkloadGroup';
  const metadata = group ? spec.metadata : spec.template?.metadata;
  return {
    kind: object.kind,
    labels: metadata?.labels ?? {},
    annotations: metadata?.annotations ?? {},
    serviceAccount:
      (group
        ? spec.template?.serviceAccount
        : spec.template?.spec?.serviceAccountName) ?? 'default',
  };
}

function indexCluster(definition: ClusterDefinition): ClusterIndex {
  const index: ClusterIndex = {
    definition,
    namespaces: new Map(),
    workloads: new Map(),
    services: new Map(),
  };
  for (const object of definition.objects) {
    const { namespace, name, labels } = object.metadata;
    if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
      index.namespaces.set(name, labels ?? {});
    } else if (namespace !== undefined) {
      if (!index.namespaces.has(namespace)) {
        index.namespaces.set(namespace, {});
      }
      if (WORKLOAD_KINDS.includes(object.kind)) {
        const inNamespace = index.workloads.get(namespace) ?? new Map();
        inNamespace.set(name, workloadObject(object));
        index.workloads.set(namespace, inNamespace);
      } else if (object.kind === 'Service' && object.apiVersion === 'v1') {
        index.services.set(`${namespace}/${name}`, object);
      }
    }
  }
  return index;
}

function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return (
    !!selector &&
    Object.keys(selector).length > 0 &&
    Object.entries(selector).every(([key, value]) => labels[key] === value)
  );
}

function meshWorkload(
  cluster: ClusterIndex,
  namespace: string,
  name: string,
  override: DataPlaneMode | undefined,
): MeshWorkload {
  const object = cluster.workloads.get(namespace)!.get(name)!;
  return {
    cluster: cluster.definition.metadata.name,
    namespace,
    name,
    labels: object.labels,
    serviceAccount: object.serviceAccount,
    dataPlane:
      override ??
      inferDataPlane({
        ...object,
        namespaceLabels: cluster.namespaces.get(namespace) ?? {},
        istio: !!cluster.definition.metadata.istio,
      }),
  };
}

const inMesh = (workload: MeshWorkload | undefined) =>
  !!workload && workload.dataPlane !== 'none';

/**
 * Looks up what every flow of the fleet's traffic spec names: clusters, namespaces, workloads
 * (their data planes inferred unless overridden, see `inferDataPlane`), Services and their
 * ports, the backends of a Service (the workloads its selector matches, in equal shares, when
 * the flow names none) and the waypoint. A waypoint is inferred as ztunnel picks one
 * (`istio-semantics.md` §g.3; istio `pilot/pkg/serviceregistry/ambient/waypoints.go`, ztunnel
 * `src/proxy/outbound.rs`): for an ambient caller of a Service labelled
 * `istio.io/use-waypoint` (else its namespace; `none` opts out), or for a gateway when the
 * Service (else namespace) also has `istio.io/ingress-use-waypoint: "true"`; sidecars and
 * out-of-mesh callers go straight to the pods.
 *
 * @throws TrafficSpecError naming the flow and field that names something absent.
 */
export function resolveTraffic(fleet: FleetDefinition): ResolvedFlow[] {
  const clusters = new Map(
    fleet.clusters.map(c => [c.metadata.name, indexCluster(c)]),
  );
  const clusterOf = (name: string, field: string) => {
    const cluster = clusters.get(name);
    if (!cluster) {
      throw new TrafficSpecError(
        field,
        `no cluster "${name}" in the fleet (clusters: ${[
          ...clusters.keys(),
        ].join(', ')})`,
      );
    }
    return cluster;
  };
  const namespaceOf = (
    cluster: ClusterIndex,
    namespace: string,
    field: string,
  ) => {
    if (!cluster.namespaces.has(namespace)) {
      throw new TrafficSpecError(
        field,
        `no namespace "${namespace}" in cluster ${cluster.definition.metadata.name}`,
      );
    }
  };
  const workloadOf = (
    cluster: ClusterIndex,
    namespace: string,
    name: string,
    field: string,
    override?: DataPlaneMode,
  ) => {
    if (!cluster.workloads.get(namespace)?.has(name)) {
      throw new TrafficSpecError(
        field,
        `no workload "${name}" (${WORKLOAD_KINDS.join(', ')}) in ${
          cluster.definition.metadata.name
        }/${namespace}`,
      );
    }
    return meshWorkload(cluster, namespace, name, override);
  };
  return (fleet.traffic?.flows ?? []).map((flow, index) => {
    const field = `flows[${index}]`;
    let source: MeshWorkload | undefined;
    if (flow.source !== 'unknown') {
      const cluster = clusterOf(flow.source.cluster, `${field}.source.cluster`);
      namespaceOf(cluster, flow.source.namespace, `${field}.source.namespace`);
      source = workloadOf(
        cluster,
        flow.source.namespace,
        flow.source.workload,
        `${field}.source.workload`,
        flow.source.dataPlane,
      );
    }
    const { cluster, service, backends } = resolveDestination(
      flow.destination,
      `${field}.destination`,
      { clusterOf, namespaceOf, workloadOf },
    );
    const waypoint = resolveWaypoint(flow, source, cluster, service, field, {
      namespaceOf,
      workloadOf,
    });
    const tls =
      flow.tls ??
      (inMesh(source) && backends.every(b => inMesh(b.workload))
        ? 'mutual_tls'
        : 'none');
    if (
      tls === 'mutual_tls' &&
      !(inMesh(source) && backends.every(b => inMesh(b.workload)))
    ) {
      throw new TrafficSpecError(
        `${field}.tls`,
        'mutual_tls needs both sides in the mesh, but one is out of it (unknown or data plane none)',
      );
    }
    return {
      flow,
      source,
      backends,
      service: {
        cluster: cluster.definition.metadata.name,
        namespace: flow.destination.namespace,
        name: flow.destination.service,
      },
      waypoint,
      tls,
    };
  });
}

function resolveDestination(
  destination: TrafficDestination,
  field: string,
  lookups: {
    clusterOf: (name: string, field: string) => ClusterIndex;
    namespaceOf: (cluster: ClusterIndex, ns: string, field: string) => void;
    workloadOf: (
      cluster: ClusterIndex,
      namespace: string,
      name: string,
      field: string,
      override?: DataPlaneMode,
    ) => MeshWorkload;
  },
) {
  const { namespace } = destination;
  const cluster = lookups.clusterOf(destination.cluster, `${field}.cluster`);
  const clusterName = cluster.definition.metadata.name;
  lookups.namespaceOf(cluster, namespace, `${field}.namespace`);
  const service = cluster.services.get(`${namespace}/${destination.service}`);
  if (!service) {
    throw new TrafficSpecError(
      `${field}.service`,
      `no Service "${destination.service}" in ${clusterName}/${namespace}`,
    );
  }
  const spec = (service.spec ?? {}) as ServiceSpec;
  const ports = spec.ports ?? [];
  if (!ports.some(p => p.port === destination.port)) {
    throw new TrafficSpecError(
      `${field}.port`,
      `Service ${namespace}/${destination.service} has no port ${
        destination.port
      } (ports: ${ports.map(p => p.port).join(', ') || 'none'})`,
    );
  }
  const selector = spec.selector;
  let names: string[];
  if (destination.workload) {
    const labels = cluster.workloads
      .get(namespace)
      ?.get(destination.workload)?.labels;
    if (labels && !selects(selector, labels)) {
      throw new TrafficSpecError(
        `${field}.workload`,
        `Service ${namespace}/${destination.service} does not select workload ${destination.workload}`,
      );
    }
    names = [destination.workload];
  } else {
    const inNamespace =
      cluster.workloads.get(namespace) ?? new Map<string, WorkloadObject>();
    names = [...inNamespace.entries()]
      .filter(([, workload]) => selects(selector, workload.labels))
      .map(([name]) => name);
    if (names.length === 0) {
      throw new TrafficSpecError(
        field,
        `Service ${namespace}/${destination.service} selects no workload in cluster ${clusterName}; name one in workload`,
      );
    }
  }
  const backends = names.map(name => ({
    workload: lookups.workloadOf(
      cluster,
      namespace,
      name,
      `${field}.workload`,
      destination.dataPlane,
    ),
    share: 1 / names.length,
  }));
  return { cluster, service, backends };
}

function resolveWaypoint(
  flow: TrafficFlow,
  source: MeshWorkload | undefined,
  cluster: ClusterIndex,
  service: KubeObject,
  field: string,
  lookups: {
    namespaceOf: (cluster: ClusterIndex, ns: string, field: string) => void;
    workloadOf: (
      cluster: ClusterIndex,
      namespace: string,
      name: string,
      field: string,
    ) => MeshWorkload;
  },
): MeshWorkload | undefined {
  const destinationNamespace = flow.destination.namespace;
  let reference: string | undefined;
  if (flow.waypoint !== undefined) {
    reference = flow.waypoint || undefined;
  } else {
    const serviceLabels = service.metadata.labels ?? {};
    const namespaceLabels = cluster.namespaces.get(destinationNamespace) ?? {};
    const label = (key: string) => serviceLabels[key] ?? namespaceLabels[key];
    const bound = label('istio.io/use-waypoint');
    const takesWaypoint =
      source?.dataPlane === 'ambient' ||
      (source?.dataPlane === 'gateway' &&
        label('istio.io/ingress-use-waypoint') === 'true');
    if (bound && bound !== 'none' && takesWaypoint) {
      reference = `${
        label('istio.io/use-waypoint-namespace') ?? destinationNamespace
      }/${bound}`;
    }
  }
  if (!reference) {
    return undefined;
  }
  const [namespace, name] = reference.includes('/')
    ? reference.split('/', 2)
    : [destinationNamespace, reference];
  lookups.namespaceOf(cluster, namespace, `${field}.waypoint`);
  // The Gateway's Deployment carries its name (istiod's `files/waypoint.yaml`).
  const deployed = [...(cluster.workloads.get(namespace) ?? [])].find(
    ([, workload]) =>
      workload.labels['gateway.networking.k8s.io/gateway-name'] === name,
  );
  return lookups.workloadOf(
    cluster,
    namespace,
    deployed?.[0] ?? name,
    `${field}.waypoint`,
  );
}
