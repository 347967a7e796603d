export {
  AUTHORIZATION_PICKER_FIELD_NAME,
  AuthorizationPickerField,
  validateAuthorization,
} from './AuthorizationPickerField';
export {
  GATEWAY_ROUTE_FIELD_NAME,
  GatewayRouteField,
} from './GatewayRouteField';
export {
  NAMESPACE_PICKER_FIELD_NAME,
  NamespacePickerField,
  type NamespacePickerUiOptions,
  validateNamespaces,
} from './NamespacePickerField';
export {
  REACHABILITY_PICKER_FIELD_NAME,
  ReachabilityPickerField,
  validateReachability,
} from './ReachabilityPickerField';
export {
  REQUEST_PREVIEW_FIELD_NAME,
  RequestPreviewField,
  type RequestPreviewUiOptions,
} from './RequestPreviewField';
export {
  SERVICE_PICKER_FIELD_NAME,
  ServicePickerField,
} from './ServicePickerField';
export type { WorkspaceFormOptions } from './workspaceForm';
