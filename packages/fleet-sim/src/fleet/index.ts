export { loadFleet } from './loadFleet';
export { FleetLoadError } from './FleetLoadError';
export {
  FLEET_PRESETS,
  fleetObjectCount,
  generateFleet,
  seededRandom,
} from './generateFleet';
export { fleetSnapshot } from './fleetSnapshot';
export type { GenerateFleetOptions } from './generateFleet';
export { writeFleet } from './writeFleet';
export type {
  AccessRule,
  ClusterDefinition,
  ClusterMetadata,
  FleetDefinition,
  FleetToken,
  IstioInstallation,
} from './types';
