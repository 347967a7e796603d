import type {
  GatewayGroupSettings,
  MeshGroupSpec,
  RenderedObject,
  SecurityGroupSettings,
  TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import type { RenderTarget } from './groupObjectMeta';
import { renderDirectGroup, type DirectObject } from './renderDirectGroup';
import { renderGatewayGroup } from './renderGatewayGroup';
import { renderSecurityGroup } from './renderSecurityGroup';
import { renderTrafficGroup } from './renderTrafficGroup';

/**
 * Renders a group for every target namespace: BRIDGED settings through the
 * renderer of the group's type, DIRECT objects placed as supplied.
 */
export function renderGroup(
  group: MeshGroupSpec,
  targets: RenderTarget[],
  directObjects: DirectObject[],
): RenderedObject[] {
  return targets.flatMap(target => {
    let objects;
    if (group.mode === 'DIRECT') {
      objects = renderDirectGroup(directObjects, target);
    } else if (group.type === 'gateway') {
      objects = renderGatewayGroup(
        group.settings as GatewayGroupSettings,
        target,
      );
    } else if (group.type === 'traffic') {
      objects = renderTrafficGroup(
        group.settings as TrafficGroupSettings,
        target,
      );
    } else {
      objects = renderSecurityGroup(
        group.settings as SecurityGroupSettings,
        target,
      );
    }
    return objects.map(object => ({ cluster: target.cluster, object }));
  });
}
