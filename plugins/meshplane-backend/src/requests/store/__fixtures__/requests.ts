import type { NewRequest } from '../RequestStore';

/** A security-group request of the bookinfo workspace over two clusters. */
export function securityRequest(
  id: string,
  overrides: Partial<NewRequest> = {},
): NewRequest {
  const object = (cluster: string, kind: string) => ({
    cluster,
    object: {
      apiVersion: 'security.istio.io/v1',
      kind,
      metadata: { name: 'strict', namespace: 'bookinfo' },
      spec: {},
    },
  });
  return {
    id,
    workspace: 'system:default/bookinfo',
    workspaceOwner: 'group:default/bookinfo-team',
    group: {
      type: 'security',
      name: 'strict',
      mode: 'BRIDGED',
      namespaces: ['*/bookinfo'],
      settings: {
        trafficMode: 'REQUIRED',
        authorization: { mode: 'WORKSPACE' },
      },
    },
    requester: 'user:default/guest',
    objects: [
      object('east-1', 'PeerAuthentication'),
      object('east-1', 'AuthorizationPolicy'),
      object('west-1', 'PeerAuthentication'),
      object('west-1', 'AuthorizationPolicy'),
    ],
    preview: {
      computedAt: '2025-06-01T10:00:00.000Z',
      clusters: [],
      breaking: false,
    },
    clusters: ['east-1', 'west-1'],
    at: '2025-06-01T10:00:00.000Z',
    ...overrides,
  };
}
