// The REST types of `/api/meshplane` are the models generated from the backend's openapi.yaml,
// documented there.
export type {
  MeshTopology,
  TopologyEdge,
  TopologyEdgeTraffic,
  TopologyEdgeType,
  TopologyGateway,
  TopologyGatewayListener,
  TopologyNode,
  TopologyNodeType,
} from '../schema/openapi';
