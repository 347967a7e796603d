export { ClustersSection } from './ClustersSection';
