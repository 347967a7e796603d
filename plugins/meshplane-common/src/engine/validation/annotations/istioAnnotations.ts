/**
 * Istio's annotation catalogue (istio/api `annotation/annotations.yaml`): the resource kinds each
 * annotation belongs on, deprecation, and value types that are validated.
 */
export interface AnnotationDef {
  kinds: string[];
  deprecated?: boolean;
  type?: 'int' | 'bool';
}

const POD = ['Pod'];
const pod = (
  names: string[],
  extra: Partial<AnnotationDef> = {},
): Array<[string, AnnotationDef]> =>
  names.map(n => [n, { kinds: POD, ...extra }]);

export const ISTIO_ANNOTATIONS: ReadonlyMap<string, AnnotationDef> = new Map<
  string,
  AnnotationDef
>([
  ...pod([
    'sidecar.istio.io/inject',
    'sidecar.istio.io/status',
    'sidecar.istio.io/proxyImage',
    'sidecar.istio.io/proxyImageType',
    'sidecar.istio.io/proxyCPU',
    'sidecar.istio.io/proxyCPULimit',
    'sidecar.istio.io/proxyMemory',
    'sidecar.istio.io/proxyMemoryLimit',
    'sidecar.istio.io/interceptionMode',
    'sidecar.istio.io/logLevel',
    'sidecar.istio.io/componentLogLevel',
    'sidecar.istio.io/agentLogLevel',
    'sidecar.istio.io/bootstrapOverride',
    'sidecar.istio.io/discoveryAddress',
    'sidecar.istio.io/rewriteAppHTTPProbers',
    'sidecar.istio.io/statsHistogramBuckets',
    'sidecar.istio.io/userVolume',
    'sidecar.istio.io/userVolumeMount',
    'sidecar.istio.io/extraStatTags',
    'sidecar.istio.io/nativeSidecar',
    'traffic.sidecar.istio.io/includeOutboundIPRanges',
    'traffic.sidecar.istio.io/excludeOutboundIPRanges',
    'traffic.sidecar.istio.io/includeInboundPorts',
    'traffic.sidecar.istio.io/excludeInboundPorts',
    'traffic.sidecar.istio.io/includeOutboundPorts',
    'traffic.sidecar.istio.io/excludeOutboundPorts',
    'traffic.sidecar.istio.io/excludeInterfaces',
    'traffic.sidecar.istio.io/kubevirtInterfaces',
    'readiness.status.sidecar.istio.io/applicationPorts',
    'proxy.istio.io/config',
    'proxy.istio.io/overrides',
    'inject.istio.io/templates',
    'prometheus.istio.io/merge-metrics',
    'ambient.istio.io/redirection',
    'ambient.istio.io/bypass-inbound-capture',
    'istio.io/rev',
  ]),
  ...pod(
    [
      'sidecar.istio.io/enableCoreDump',
      'sidecar.istio.io/holdApplicationUntilProxyStarts',
    ],
    { type: 'bool' },
  ),
  ...pod(
    [
      'readiness.status.sidecar.istio.io/initialDelaySeconds',
      'readiness.status.sidecar.istio.io/periodSeconds',
      'readiness.status.sidecar.istio.io/failureThreshold',
      'status.sidecar.istio.io/port',
    ],
    { type: 'int' },
  ),
  ...pod(
    [
      'sidecar.istio.io/statsInclusionPrefixes',
      'sidecar.istio.io/statsInclusionSuffixes',
      'sidecar.istio.io/statsInclusionRegexps',
    ],
    { deprecated: true },
  ),
  ['networking.istio.io/exportTo', { kinds: ['Service'] }],
  ['networking.istio.io/traffic-distribution', { kinds: ['Service'] }],
  ['networking.istio.io/gatewayPort', { kinds: ['Service'] }],
  ['alpha.istio.io/kubernetes-serviceaccounts', { kinds: ['Service'] }],
  ['alpha.istio.io/canonical-serviceaccounts', { kinds: ['Service'] }],
  ['kubernetes.io/ingress.class', { kinds: ['Ingress'] }],
  ['istio.io/dry-run', { kinds: ['AuthorizationPolicy'] }],
  ['topology.istio.io/controlPlaneClusters', { kinds: ['Namespace'] }],
]);

/** Annotations the analyzer considers Istio's (any `*istio.io/` key, and the catalogue). */
export function isIstioAnnotation(key: string): boolean {
  return key.includes('istio.io/') || ISTIO_ANNOTATIONS.has(key);
}
