import type {
  KubeObject,
  SecurityGroupSettings,
} from '@meshplane/plugin-meshplane-common';
import { groupObjectMeta, type RenderTarget } from './groupObjectMeta';

function callers(
  settings: NonNullable<SecurityGroupSettings['authorization']>,
  target: RenderTarget,
): Record<string, string[]> | undefined {
  switch (settings.mode) {
    case 'NAMESPACE':
      return { namespaces: [target.namespace] };
    case 'WORKSPACE':
      return { namespaces: [...target.workspaceNamespaces].sort() };
    case 'CLUSTER':
      // Principals are `<trust domain>/ns/<ns>/sa/<sa>`; a prefix match admits
      // every mesh identity of the cluster's trust domain.
      return { principals: [`${target.trustDomain}/*`] };
    case 'CUSTOM':
      return {
        principals: (settings.serviceAccounts ?? []).map(ref => {
          const [namespace, account] = ref.split('/');
          return `${target.trustDomain}/ns/${namespace}/sa/${account}`;
        }),
      };
    default:
      return undefined;
  }
}

/**
 * Renders a BRIDGED security group for one namespace (TSB SecuritySetting):
 *
 * - `trafficMode` REQUIRED/OPTIONAL → a namespace-wide PeerAuthentication
 *   (no selector) with mTLS mode STRICT/PERMISSIVE;
 * - `authorization` → a namespace-wide ALLOW AuthorizationPolicy whose only
 *   rule admits the mode's callers, so every other request is denied
 *   (Istio: with an ALLOW policy present, requests matching none are denied —
 *   `pilot/pkg/security/authz/builder/builder.go`). Source namespaces and
 *   principals come from the peer certificate, so they only match mTLS callers.
 */
export function renderSecurityGroup(
  settings: SecurityGroupSettings,
  target: RenderTarget,
): KubeObject[] {
  const objects: KubeObject[] = [];
  if (settings.trafficMode) {
    objects.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: groupObjectMeta(target, target.groupName),
      spec: {
        mtls: {
          mode: settings.trafficMode === 'REQUIRED' ? 'STRICT' : 'PERMISSIVE',
        },
      },
    });
  }
  const source =
    settings.authorization && callers(settings.authorization, target);
  if (source) {
    objects.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: groupObjectMeta(target, target.groupName),
      spec: { action: 'ALLOW', rules: [{ from: [{ source }] }] },
    });
  }
  return objects;
}
