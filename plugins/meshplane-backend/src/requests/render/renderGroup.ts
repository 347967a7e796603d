import type {
  GatewayGroupSettings,
  MeshGroupSpec,
  MeshGroupType,
  RenderedObject,
  SecurityGroupSettings,
  TrafficGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import type { GatewayApiMode } from '../workspaces/workspaceSettings';
import type { RenderTarget } from './groupObjectMeta';
import {
  DIRECT_KINDS,
  renderDirectGroup,
  type DirectObject,
} from './renderDirectGroup';
import {
  GATEWAY_API_GROUP,
  renderGatewayApiGroup,
} from './renderGatewayApiGroup';
import { renderGatewayGroup } from './renderGatewayGroup';
import { renderSecurityGroup } from './renderSecurityGroup';
import { renderTrafficGroup } from './renderTrafficGroup';

/**
 * Kinds (`group/Kind`) a group's objects may have, whatever its mode and its
 * workspace's settings: the DIRECT kinds of its type, and for a gateway group
 * the Gateway API kinds it renders to. The rollout deletes the group's
 * objects of these kinds that a request no longer contains, so a workspace
 * switched between `istio` and `gateway-api` loses the other API's objects
 * when each group is requested again.
 */
export const GROUP_KINDS: Record<MeshGroupType, string[]> = {
  ...DIRECT_KINDS,
  gateway: [
    ...DIRECT_KINDS.gateway,
    `${GATEWAY_API_GROUP}/Gateway`,
    `${GATEWAY_API_GROUP}/HTTPRoute`,
    `${GATEWAY_API_GROUP}/ReferenceGrant`,
  ],
};

/**
 * Renders a group for every target namespace: BRIDGED settings through the
 * renderer of the group's type, DIRECT objects placed as supplied. A gateway
 * group renders to Istio's Gateway and VirtualService, or with
 * `gatewayApi: 'gateway-api'` (the workspace's setting) to the Gateway API.
 */
export function renderGroup(
  group: MeshGroupSpec,
  targets: RenderTarget[],
  directObjects: DirectObject[],
  options: { gatewayApi?: GatewayApiMode } = {},
): RenderedObject[] {
  return targets.flatMap(target => {
    let objects;
    if (group.mode === 'DIRECT') {
      objects = renderDirectGroup(directObjects, target);
    } else if (group.type === 'gateway') {
      const render =
        options.gatewayApi === 'gateway-api'
          ? renderGatewayApiGroup
          : renderGatewayGroup;
      objects = render(group.settings as GatewayGroupSettings, target);
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
