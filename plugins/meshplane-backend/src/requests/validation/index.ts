export {
  checkGroupSettings,
  type SettingsCheckContext,
} from './checkGroupSettings';
export { parseCreateRequest } from './requestSchema';
export {
  FieldErrorCollector,
  RequestValidationError,
  fieldPath,
} from './RequestValidationError';
