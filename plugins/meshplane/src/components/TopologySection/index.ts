export { TopologySection } from './TopologySection';
