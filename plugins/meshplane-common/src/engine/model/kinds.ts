import { KubeObject } from './types';

/**
 * Kind keys: `<group>/<Kind>` with the empty group for core objects, so that
 * Istio's `Gateway` and the Gateway API's `Gateway` never collide.
 */
export const K = {
  Namespace: '/Namespace',
  Service: '/Service',
  Pod: '/Pod',
  ServiceAccount: '/ServiceAccount',
  ConfigMap: '/ConfigMap',
  Secret: '/Secret',
  Node: '/Node',
  Deployment: 'apps/Deployment',
  ReplicaSet: 'apps/ReplicaSet',
  StatefulSet: 'apps/StatefulSet',
  DaemonSet: 'apps/DaemonSet',
  Job: 'batch/Job',
  CronJob: 'batch/CronJob',
  MutatingWebhookConfiguration:
    'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  VirtualService: 'networking.istio.io/VirtualService',
  DestinationRule: 'networking.istio.io/DestinationRule',
  Gateway: 'networking.istio.io/Gateway',
  ServiceEntry: 'networking.istio.io/ServiceEntry',
  Sidecar: 'networking.istio.io/Sidecar',
  WorkloadEntry: 'networking.istio.io/WorkloadEntry',
  WorkloadGroup: 'networking.istio.io/WorkloadGroup',
  EnvoyFilter: 'networking.istio.io/EnvoyFilter',
  PeerAuthentication: 'security.istio.io/PeerAuthentication',
  AuthorizationPolicy: 'security.istio.io/AuthorizationPolicy',
  RequestAuthentication: 'security.istio.io/RequestAuthentication',
  Telemetry: 'telemetry.istio.io/Telemetry',
  WasmPlugin: 'extensions.istio.io/WasmPlugin',
  ProxyConfig: 'networking.istio.io/ProxyConfig',
  GatewayApiGateway: 'gateway.networking.k8s.io/Gateway',
  GatewayClass: 'gateway.networking.k8s.io/GatewayClass',
  HTTPRoute: 'gateway.networking.k8s.io/HTTPRoute',
  GRPCRoute: 'gateway.networking.k8s.io/GRPCRoute',
  TCPRoute: 'gateway.networking.k8s.io/TCPRoute',
  TLSRoute: 'gateway.networking.k8s.io/TLSRoute',
  ReferenceGrant: 'gateway.networking.k8s.io/ReferenceGrant',
  CustomResourceDefinition: 'apiextensions.k8s.io/CustomResourceDefinition',
  MeshNetworks: 'meshplane.io/MeshNetworks',
} as const;

/** The kinds that make pods (and the pods themselves): what analyzers of pod workloads read. */
export const POD_WORKLOAD_KINDS: readonly string[] = [
  K.Pod,
  K.ReplicaSet,
  K.Deployment,
  K.StatefulSet,
  K.DaemonSet,
  K.Job,
  K.CronJob,
];

/** The Gateway API's route kinds (istio-semantics.md §h). */
export const GATEWAY_API_ROUTE_KINDS: readonly string[] = [
  K.HTTPRoute,
  K.GRPCRoute,
  K.TCPRoute,
  K.TLSRoute,
];

/** Kinds whose objects form workloads (pods and their controllers, VMs). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  ...POD_WORKLOAD_KINDS,
  K.WorkloadEntry,
]);

/** `<group>/<Kind>` of an object. */
export function kindKey(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  return `${group}/${obj.kind}`;
}

/** Istio's own API groups. */
export function isIstioGroup(kk: string): boolean {
  return kk.includes('istio.io/');
}
