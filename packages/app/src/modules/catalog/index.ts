export { meshplaneCatalogPlugin } from './catalogPlugin';
