import { Message, MessageLevel } from '../model/types';
import type { StoredObject } from '../snapshot/MeshIndex';

/**
 * Message codes with their levels: Istio's (istio/istio `pkg/config/analysis/msg/messages.yaml`),
 * Kiali's (kiali/kiali `models/istio_validation.go`) and Meshplane's own MPL codes.
 *
 * @public
 */
export const CODES: Record<string, { level: MessageLevel; name: string }> = {
  IST0002: { level: 'Warning', name: 'Deprecated' },
  IST0101: { level: 'Error', name: 'ReferencedResourceNotFound' },
  IST0102: { level: 'Info', name: 'NamespaceNotInjected' },
  IST0103: { level: 'Warning', name: 'PodMissingProxy' },
  IST0106: { level: 'Error', name: 'SchemaValidationError' },
  IST0107: { level: 'Warning', name: 'MisplacedAnnotation' },
  IST0108: { level: 'Warning', name: 'UnknownAnnotation' },
  IST0109: {
    level: 'Error',
    name: 'ConflictingMeshGatewayVirtualServiceHosts',
  },
  IST0110: { level: 'Error', name: 'ConflictingSidecarWorkloadSelectors' },
  IST0111: { level: 'Error', name: 'MultipleSidecarsWithoutWorkloadSelectors' },
  IST0112: {
    level: 'Error',
    name: 'VirtualServiceDestinationPortSelectorRequired',
  },
  IST0116: { level: 'Warning', name: 'DeploymentAssociatedToMultipleServices' },
  IST0118: { level: 'Info', name: 'PortNameIsNotUnderNamingConvention' },
  IST0123: { level: 'Warning', name: 'NamespaceMultipleInjectionLabels' },
  IST0125: { level: 'Warning', name: 'InvalidAnnotation' },
  IST0126: { level: 'Error', name: 'UnknownMeshNetworksServiceRegistry' },
  IST0127: { level: 'Warning', name: 'NoMatchingWorkloadsFound' },
  IST0128: {
    level: 'Warning',
    name: 'NoServerCertificateVerificationDestinationLevel',
  },
  IST0129: {
    level: 'Warning',
    name: 'NoServerCertificateVerificationPortLevel',
  },
  IST0130: { level: 'Warning', name: 'VirtualServiceUnreachableRule' },
  IST0131: { level: 'Info', name: 'VirtualServiceIneffectiveMatch' },
  IST0132: { level: 'Warning', name: 'VirtualServiceHostNotFoundInGateway' },
  IST0133: { level: 'Warning', name: 'SchemaWarning' },
  IST0134: { level: 'Warning', name: 'ServiceEntryAddressesRequired' },
  IST0135: { level: 'Info', name: 'DeprecatedAnnotation' },
  IST0137: { level: 'Warning', name: 'DeploymentConflictingPorts' },
  IST0138: { level: 'Warning', name: 'GatewayDuplicateCertificate' },
  IST0139: { level: 'Error', name: 'InvalidWebhook' },
  IST0140: { level: 'Warning', name: 'IngressRouteRulesNotAffected' },
  IST0144: { level: 'Warning', name: 'InvalidApplicationUID' },
  IST0145: { level: 'Error', name: 'ConflictingGateways' },
  IST0146: { level: 'Warning', name: 'ImageAutoWithoutInjectionWarning' },
  IST0147: { level: 'Error', name: 'ImageAutoWithoutInjectionError' },
  IST0148: { level: 'Info', name: 'NamespaceInjectionEnabledByDefault' },
  IST0149: { level: 'Error', name: 'JwtClaimBasedRoutingWithoutRequestAuthN' },
  IST0150: { level: 'Warning', name: 'ExternalNameServiceTypeInvalidPortName' },
  IST0151: { level: 'Warning', name: 'EnvoyFilterUsesRelativeOperation' },
  IST0152: {
    level: 'Error',
    name: 'EnvoyFilterUsesReplaceOperationIncorrectly',
  },
  IST0153: { level: 'Error', name: 'EnvoyFilterUsesAddOperationIncorrectly' },
  IST0154: {
    level: 'Error',
    name: 'EnvoyFilterUsesRemoveOperationIncorrectly',
  },
  IST0155: {
    level: 'Warning',
    name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion',
  },
  IST0158: { level: 'Warning', name: 'PodsIstioProxyImageMismatchInNamespace' },
  IST0161: { level: 'Error', name: 'InvalidGatewayCredential' },
  IST0162: { level: 'Warning', name: 'GatewayPortNotDefinedOnService' },
  IST0165: { level: 'Warning', name: 'ReferencedInternalGateway' },
  IST0166: { level: 'Warning', name: 'IneffectiveSelector' },
  IST0171: { level: 'Warning', name: 'NegativeConditionStatus' },
  IST0167: { level: 'Warning', name: 'IneffectivePolicy' },
  IST0170: { level: 'Warning', name: 'MultiClusterInconsistentService' },
  IST0173: { level: 'Error', name: 'DestinationRuleSubsetNotSelectPods' },
  IST0174: { level: 'Warning', name: 'UnknownDestinationRuleHost' },
  IST0175: { level: 'Warning', name: 'JwksUriFetchUnrestricted' },
  IST0176: { level: 'Warning', name: 'GatewayAPICRDVersionBelowMinimum' },
  IST0177: { level: 'Warning', name: 'ConflictingServiceEntryProtocol' },
  KIA0105: {
    level: 'Error',
    name: 'authorizationpolicy.mtls.needstobeenabled',
  },
  KIA0109: {
    level: 'Warning',
    name: 'authorizationpolicy.ambient.l7nowaypoint',
  },
  KIA0110: {
    level: 'Warning',
    name: 'authorizationpolicy.ambient.l7notargetrefs',
  },
  KIA0204: {
    level: 'Warning',
    name: 'destinationrules.trafficpolicy.notlssettings',
  },
  KIA0205: { level: 'Error', name: 'destinationrules.mtls.meshpolicymissing' },
  KIA0206: { level: 'Error', name: 'destinationrules.mtls.nspolicymissing' },
  KIA0207: { level: 'Error', name: 'destinationrules.mtls.policymtlsenabled' },
  KIA0208: {
    level: 'Error',
    name: 'destinationrules.mtls.meshpolicymtlsenabled',
  },
  KIA0210: { level: 'Warning', name: 'destinationrule.ambient.l7nowaypoint' },
  KIA0211: {
    level: 'Warning',
    name: 'destinationrule.ambient.servicenotcaptured',
  },
  KIA0212: {
    level: 'Warning',
    name: 'destinationrule.ambient.notinservicenamespace',
  },
  KIA0401: {
    level: 'Error',
    name: 'peerauthentication.mtls.destinationrulemissing',
  },
  KIA0501: {
    level: 'Error',
    name: 'peerauthentications.mtls.destinationrulemissing',
  },
  KIA0505: {
    level: 'Error',
    name: 'peerauthentications.mtls.disabledestinationrulemissing',
  },
  KIA0506: {
    level: 'Error',
    name: 'peerauthentications.mtls.disablemeshdestinationrulemissing',
  },
  KIA1109: { level: 'Warning', name: 'virtualservice.ambient.l7nowaypoint' },
  KIA1110: {
    level: 'Warning',
    name: 'requestauthentication.ambient.l7nowaypoint',
  },
  KIA1111: { level: 'Warning', name: 'wasmplugin.ambient.l7nowaypoint' },
  KIA1112: { level: 'Warning', name: 'telemetry.ambient.l7nowaypoint' },
  KIA1113: {
    level: 'Warning',
    name: 'virtualservice.ambient.servicenotcaptured',
  },
  KIA1114: {
    level: 'Warning',
    name: 'virtualservice.ambient.notinservicenamespace',
  },
  KIA1115: {
    level: 'Warning',
    name: 'requestauthentication.ambient.l7notargetrefs',
  },
  KIA1116: { level: 'Warning', name: 'wasmplugin.ambient.l7notargetrefs' },
  KIA1117: { level: 'Warning', name: 'telemetry.ambient.l7notargetrefs' },
  KIA1311: { level: 'Error', name: 'workload.ambient.sidecarandlabel' },
  KIA1312: { level: 'Warning', name: 'workload.ambient.waypointandnotambient' },
  KIA1313: { level: 'Error', name: 'workload.ambient.waypointnotfound' },
  KIA1314: {
    level: 'Error',
    name: 'workload.ambient.podsidecarlabelandambientredirection',
  },
  KIA1315: {
    level: 'Error',
    name: 'workload.ambient.podsidecarinjectandambientlabel',
  },
  KIA1316: {
    level: 'Warning',
    name: 'workload.ambient.sidecarinambientnamespace',
  },
  KIA1317: {
    level: 'Warning',
    name: 'workload.ambient.authpolicybutnowaypoint',
  },
  KIA1401: { level: 'Error', name: 'k8sroutes.nok8sgateway' },
  KIA1402: { level: 'Error', name: 'k8sroutes.nohost.namenotfound' },
  KIA1501: { level: 'Warning', name: 'k8sgateways.multimatch.listener' },
  KIA1502: { level: 'Warning', name: 'k8sgateways.multimatch.ip' },
  KIA1503: { level: 'Error', name: 'k8sgateways.unique.listener' },
  KIA1504: { level: 'Error', name: 'k8sgateways.gatewayclassnotfound' },
  KIA1601: {
    level: 'Error',
    name: 'k8sreferencegrants.from.namespacenotfound',
  },
  /** Kiali's `GwAPICheckerCode` (`business/checkers/k8sgateways/status_checker.go`; no catalog key). */
  GWAPI: { level: 'Warning', name: 'k8sgateways.status' },
  MPL0001: { level: 'Error', name: 'EdgeWillFail' },
  MPL0002: { level: 'Warning', name: 'StrictBlockedByPlaintextCallers' },
  MPL0003: { level: 'Warning', name: 'DuplicateObject' },
  MPL0100: { level: 'Warning', name: 'AmbientWithoutZtunnel' },
  MPL0101: { level: 'Warning', name: 'UnknownDataplaneMode' },
  MPL0102: { level: 'Error', name: 'WaypointNotBound' },
  MPL0103: { level: 'Warning', name: 'L7PolicyNarrowedByZtunnel' },
  MPL0104: { level: 'Warning', name: 'PolicyNotEnforcedByZtunnel' },
  MPL0105: { level: 'Warning', name: 'RequestAuthenticationWithoutWaypoint' },
  MPL0106: { level: 'Warning', name: 'VirtualServiceWithoutWaypoint' },
  MPL0107: { level: 'Warning', name: 'TelemetryWithoutWaypoint' },
  MPL0108: { level: 'Warning', name: 'ProxyExtensionWithoutWaypoint' },
  MPL0109: {
    level: 'Warning',
    name: 'DestinationRuleL7PolicyWithoutWaypoint',
  },
  MPL0200: { level: 'Warning', name: 'ObservedPlaintextOnMtlsEdge' },
  MPL0201: { level: 'Warning', name: 'ObservedMtlsOnPlaintextEdge' },
  MPL0202: { level: 'Error', name: 'ObservedCallerRejected' },
  MPL0203: { level: 'Info', name: 'ConfiguredAccessUnused' },
  MPL0204: { level: 'Warning', name: 'ObservedPlaintextBlocksStrict' },
  MPL0500: { level: 'Error', name: 'RouteNotAttached' },
  MPL0501: { level: 'Error', name: 'RouteBackendNotFound' },
  MPL0502: { level: 'Error', name: 'ReferenceNotPermitted' },
  MPL0503: { level: 'Warning', name: 'ConflictingRoutes' },
  MPL0504: { level: 'Warning', name: 'RouteAndVirtualServiceForHost' },
  MPL0505: { level: 'Warning', name: 'RouteParentNotAccepted' },
  MPL0506: { level: 'Warning', name: 'MeshRouteWithoutWaypoint' },
};

/** Builds a message about a stored object. */
export function message(
  code: string,
  analyzer: string,
  on: StoredObject,
  text: string,
  path?: string,
): Message {
  const def = CODES[code];
  return {
    code,
    level: def?.level ?? 'Error',
    analyzer,
    message: text,
    resource: on.ref,
    ...(path ? { path } : {}),
  };
}
