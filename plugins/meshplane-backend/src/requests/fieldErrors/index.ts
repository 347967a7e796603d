export { FieldErrorCollector, fieldPath } from './RequestValidationError';
