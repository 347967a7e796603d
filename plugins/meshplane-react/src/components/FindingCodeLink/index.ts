export { FindingCodeLink } from './FindingCodeLink';
export { findingDocumentationUrl } from './findingDocumentationUrl';
