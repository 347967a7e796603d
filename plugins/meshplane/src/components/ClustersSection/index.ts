export { ClustersSection } from './ClustersSection';
export { workloadCountsStale } from './workloadCountsStale';
