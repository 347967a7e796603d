import type { KubeObject } from '../objects';
import type { FleetDefinition } from './types';

/**
 * A fleet as the engine's `MeshSnapshot` reads it (the shape `MeshAnalyzer.fromSnapshot` and
 * `loadCluster` take): per cluster its name, network, region and objects. The fleet-sim does not
 * depend on the engine, so the type is spelled out here.
 *
 * @public
 */
export function fleetSnapshot(fleet: FleetDefinition): {
  clusters: Array<{
    name: string;
    network?: string;
    region?: string;
    objects: KubeObject[];
  }>;
} {
  return {
    clusters: fleet.clusters.map(c => ({
      name: c.metadata.name,
      ...(c.metadata.network ? { network: c.metadata.network } : {}),
      ...(c.metadata.region ? { region: c.metadata.region } : {}),
      objects: c.objects,
    })),
  };
}
