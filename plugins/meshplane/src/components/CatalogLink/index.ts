export { useCatalogLinks, type CatalogLink } from './useCatalogLinks';
export { useServiceEntityLink } from './useServiceEntityLink';
