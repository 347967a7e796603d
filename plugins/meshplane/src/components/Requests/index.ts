export {
  EntityRequestsContent,
  hasMeshWorkspace,
  workspaceOf,
} from './EntityRequestsContent';
export {
  NAMESPACE_PICKER_FIELD_NAME,
  NamespacePickerField,
  type NamespacePickerUiOptions,
} from './NamespacePickerField';
export { PreviewSection } from './PreviewSection';
export { RequestDetailView } from './RequestDetailView';
export { RequestsPage, RequestsPageContent } from './RequestsPage';
export { RequestsTable } from './RequestsTable';
