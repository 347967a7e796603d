import type { RenderTarget } from '../groupObjectMeta';

/** A render target in the demo's bookinfo workspace, east-1. */
export function bookinfoTarget(
  overrides: Partial<RenderTarget> = {},
): RenderTarget {
  return {
    workspace: 'system:default/bookinfo',
    groupType: 'security',
    groupName: 'storefront',
    cluster: 'east-1',
    namespace: 'bookinfo',
    workspaceNamespaces: ['bookinfo', 'bookinfo-canary'],
    trustDomain: 'cluster.local',
    rootNamespace: 'istio-system',
    ...overrides,
  };
}
