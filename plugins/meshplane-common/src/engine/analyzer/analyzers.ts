import { kialiAmbientValidations } from '../kiali/ambient';
import { kialiGatewayApiValidations } from '../kiali/gatewayApi';
import { kialiValidations } from '../kiali/validations';
import { ambientAnalyzer } from '../meshplane/ambient';
import {
  gatewayApiAnalyzer,
  gatewayApiConflictAnalyzer,
} from '../meshplane/gatewayApi';
import { conditionAnalyzer } from '../validation/conditions/conditions';
import { failingDestinationRuleAnalyzer } from '../meshplane/failingDestinationRules';
import { strictBlockedAnalyzer } from '../meshplane/strictBlocked';
import { Analyzer } from '../validation/Analyzer';
import { k8sAnnotationsAnalyzer } from '../validation/annotations/k8sAnnotations';
import { authorizationPoliciesAnalyzer } from '../validation/auth/authorizationPolicies';
import { blockedCidrsAnalyzer } from '../validation/auth/blockedCidrs';
import { applicationUidAnalyzer } from '../validation/deployment/applicationUid';
import { multiServiceAnalyzer } from '../validation/deployment/multiService';
import { deprecationAnalyzer } from '../validation/deprecation/deprecation';
import { caCertificateAnalyzer } from '../validation/destinationRule/caCertificate';
import { subsetSelectPodAnalyzer } from '../validation/destinationRule/subsetSelectPod';
import { envoyPatchAnalyzer } from '../validation/envoyFilter/envoyPatch';
import { certificateAnalyzer } from '../validation/gateway/certificate';
import { conflictingGatewayAnalyzer } from '../validation/gateway/conflictingGateway';
import { ingressGatewayPortAnalyzer } from '../validation/gateway/ingressGatewayPort';
import { secretAnalyzer } from '../validation/gateway/secret';
import { imageAnalyzer } from '../validation/injection/image';
import { imageAutoAnalyzer } from '../validation/injection/imageAuto';
import { injectionAnalyzer } from '../validation/injection/injection';
import { meshNetworksAnalyzer } from '../validation/multicluster/meshNetworks';
import { multiClusterServiceAnalyzer } from '../validation/multicluster/multiClusterService';
import { schemaAnalyzers } from '../validation/schema/schemaValidation';
import { conflictingServiceEntryProtocolAnalyzer } from '../validation/serviceEntry/conflictingProtocol';
import { serviceEntryAddressesAnalyzer } from '../validation/serviceEntry/protocolAddresses';
import { portNameAnalyzer } from '../validation/service/portName';
import { sidecarSelectorAnalyzer } from '../validation/sidecar/selector';
import { conflictingMeshGatewayHostsAnalyzer } from '../validation/virtualService/conflictingMeshGatewayHosts';
import { destinationHostAnalyzer } from '../validation/virtualService/destinationHost';
import { destinationRuleAnalyzer } from '../validation/virtualService/destinationRule';
import { gatewayAnalyzer } from '../validation/virtualService/gateway';
import { jwtClaimRouteAnalyzer } from '../validation/virtualService/jwtClaimRoute';
import { webhookAnalyzer } from '../validation/webhook/webhook';
import { k8sGatewaySelectorAnalyzer } from '../validation/k8sGateway/selector';
import { k8sGatewayCrdVersionAnalyzer } from '../validation/k8sGateway/crdVersion';

/** Every analyzer the engine runs (istioctl's networking/security analyzers, Kiali's mTLS checks, Meshplane's). */
export const ALL_ANALYZERS: readonly Analyzer[] = [
  k8sAnnotationsAnalyzer,
  authorizationPoliciesAnalyzer,
  blockedCidrsAnalyzer,
  applicationUidAnalyzer,
  multiServiceAnalyzer,
  deprecationAnalyzer,
  caCertificateAnalyzer,
  subsetSelectPodAnalyzer,
  envoyPatchAnalyzer,
  certificateAnalyzer,
  conflictingGatewayAnalyzer,
  ingressGatewayPortAnalyzer,
  secretAnalyzer,
  injectionAnalyzer,
  imageAnalyzer,
  imageAutoAnalyzer,
  meshNetworksAnalyzer,
  multiClusterServiceAnalyzer,
  ...schemaAnalyzers,
  conflictingServiceEntryProtocolAnalyzer,
  serviceEntryAddressesAnalyzer,
  portNameAnalyzer,
  sidecarSelectorAnalyzer,
  conflictingMeshGatewayHostsAnalyzer,
  destinationHostAnalyzer,
  destinationRuleAnalyzer,
  gatewayAnalyzer,
  jwtClaimRouteAnalyzer,
  webhookAnalyzer,
  k8sGatewaySelectorAnalyzer,
  kialiValidations,
  kialiAmbientValidations,
  kialiGatewayApiValidations,
  failingDestinationRuleAnalyzer,
  strictBlockedAnalyzer,
  ambientAnalyzer,
  conditionAnalyzer,
  gatewayApiAnalyzer,
  gatewayApiConflictAnalyzer,
  k8sGatewayCrdVersionAnalyzer,
];
