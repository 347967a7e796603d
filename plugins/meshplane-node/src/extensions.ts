import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { MeshplaneClusterSource } from './types';

/**
 * Lets backend modules of the `meshplane` plugin add cluster sources.
 *
 * @public
 */
export interface MeshplaneClusterSourceExtensionPoint {
  /**
   * Adds a source of clusters, next to the configured ones. Several sources
   * may be added; cluster names must be unique across all of them (a
   * duplicate is reported and the first definition wins).
   */
  addClusterSource(source: MeshplaneClusterSource): void;
}

/**
 * Extension point for extra cluster sources. Use it from a module with
 * `pluginId: 'meshplane'`:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'meshplane',
 *   moduleId: 'my-registry',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sources: meshplaneClusterSourceExtensionPoint },
 *       async init({ sources }) {
 *         sources.addClusterSource(new MyRegistryClusterSource());
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const meshplaneClusterSourceExtensionPoint =
  createExtensionPoint<MeshplaneClusterSourceExtensionPoint>({
    id: 'meshplane.cluster-source',
  });
