export {
  EntityRequestsContent,
  hasMeshWorkspace,
  workspaceOf,
} from './EntityRequestsContent';
export {
  AUTHORIZATION_PICKER_FIELD_NAME,
  AuthorizationPickerField,
  GATEWAY_ROUTE_FIELD_NAME,
  GatewayRouteField,
  NAMESPACE_PICKER_FIELD_NAME,
  NamespacePickerField,
  type NamespacePickerUiOptions,
  REACHABILITY_PICKER_FIELD_NAME,
  ReachabilityPickerField,
  REQUEST_PREVIEW_FIELD_NAME,
  RequestPreviewField,
  type RequestPreviewUiOptions,
  SERVICE_PICKER_FIELD_NAME,
  ServicePickerField,
  validateAuthorization,
  validateNamespaces,
  validateReachability,
  type WorkspaceFormOptions,
} from './formFields';
export { PreviewSection } from './PreviewSection';
export { PreviewVerdict } from './PreviewVerdict';
export { RequestDetailView } from './RequestDetailView';
export { RequestsPage, RequestsPageContent } from './RequestsPage';
export { RequestsTable } from './RequestsTable';
