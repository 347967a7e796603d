export { CatalogServiceClaims } from './CatalogServiceClaims';
