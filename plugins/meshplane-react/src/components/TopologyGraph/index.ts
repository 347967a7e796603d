export { TopologyGraph } from './TopologyGraph';
export type { TopologyGraphProps } from './TopologyGraph';
