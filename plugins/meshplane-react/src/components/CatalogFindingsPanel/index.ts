export { CatalogFindingsPanel } from './CatalogFindingsPanel';
