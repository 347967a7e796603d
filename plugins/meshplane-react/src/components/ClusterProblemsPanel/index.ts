export { ClusterProblemsPanel } from './ClusterProblemsPanel';
