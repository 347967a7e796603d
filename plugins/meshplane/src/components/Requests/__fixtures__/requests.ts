import type {
  CreateMeshRequest,
  MeshRequest,
  MeshRequestDetail,
  MeshRequestListQuery,
  RenderResponse,
  Workspace,
  WorkspaceInventory,
} from '@meshplane/plugin-meshplane-common';
import type { MeshplaneRequestsApi } from '@meshplane/plugin-meshplane-react';

const edge = (outcome: 'mtls' | 'fail', reason: string) => ({
  from: {
    cluster: 'east-1',
    namespace: 'bookinfo',
    workload: 'productpage-v1',
  },
  to: {
    cluster: 'east-1',
    namespace: 'bookinfo',
    service: 'reviews',
    port: 9080,
    subset: 'v1',
  },
  clientTls:
    outcome === 'mtls' ? ('ISTIO_MUTUAL' as const) : ('DISABLE' as const),
  clientTlsSource: 'destinationRule' as const,
  outcome,
  crossCluster: false,
  crossNetwork: false,
  reason,
});

/** A pending DIRECT traffic request whose preview breaks productpage → reviews. */
export function pendingRequest(
  overrides: Partial<MeshRequestDetail> = {},
): MeshRequestDetail {
  return {
    id: 'r-1',
    workspace: 'system:default/bookinfo',
    workspaceOwner: 'group:default/bookinfo-team',
    group: {
      type: 'traffic',
      name: 'reviews-plain',
      mode: 'DIRECT',
      namespaces: ['east-1/bookinfo'],
      objects: 'kind: DestinationRule',
    },
    requester: 'user:default/guest',
    createdAt: '2025-06-01T10:00:00.000Z',
    updatedAt: '2025-06-01T10:00:00.000Z',
    approval: { state: 'PENDING' },
    status: 'ACCEPTED',
    clusters: [
      {
        cluster: 'east-1',
        status: 'ACCEPTED',
        objectCount: 1,
        appliedCount: 0,
        attempts: 0,
        updatedAt: '2025-06-01T10:00:00.000Z',
      },
    ],
    objects: [],
    preview: {
      computedAt: '2025-06-01T10:00:00.000Z',
      breaking: true,
      clusters: [
        {
          cluster: 'east-1',
          objects: [
            {
              kind: 'DestinationRule',
              namespace: 'bookinfo',
              name: 'reviews-plain',
              change: 'create',
              diff: '+spec:\n+  host: reviews',
            },
          ],
          impact: {
            startFailing: [
              {
                before: edge('mtls', 'auto mTLS'),
                after: edge(
                  'fail',
                  'tls.mode DISABLE; reviews-v1 port 9080 is STRICT and rejects plaintext',
                ),
              },
            ],
            startDenied: [],
            stopMtls: [],
            improved: [],
            findingsAdded: [],
            findingsRemoved: [],
            namespaces: [],
          },
        },
      ],
    },
    events: [
      {
        at: '2025-06-01T10:00:00.000Z',
        actor: 'user:default/guest',
        action: 'created',
        message: 'requested traffic group reviews-plain',
      },
    ],
    actions: { approve: true, retry: false },
    selfApproval: false,
    ...overrides,
  };
}

/** The bookinfo workspace in three clusters. */
export const bookinfoWorkspace: Workspace = {
  ref: 'system:default/bookinfo',
  owner: 'group:default/bookinfo-team',
  claims: ['*/bookinfo'],
  namespaces: [
    { cluster: 'east-1', namespace: 'bookinfo' },
    { cluster: 'west-1', namespace: 'bookinfo' },
  ],
  conflicts: [],
};

/** What the bookinfo workspace runs: two Services and their service accounts, in two clusters. */
export const bookinfoInventory: WorkspaceInventory = {
  workspace: 'system:default/bookinfo',
  services: [
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'productpage',
      ports: [{ port: 9080, name: 'http' }],
    },
    {
      cluster: 'west-1',
      namespace: 'bookinfo',
      name: 'productpage',
      ports: [{ port: 9080, name: 'http' }],
    },
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'reviews',
      ports: [
        { port: 9080, name: 'http' },
        { port: 9443, name: 'https' },
      ],
    },
  ],
  serviceAccounts: [
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'bookinfo-productpage',
      workloads: ['Deployment productpage-v1'],
    },
    {
      cluster: 'west-1',
      namespace: 'bookinfo',
      name: 'bookinfo-productpage',
      workloads: ['Deployment productpage-v1'],
    },
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'bookinfo-reviews',
      workloads: ['Deployment reviews-v1', 'Deployment reviews-v2'],
    },
    {
      cluster: 'east-1',
      namespace: 'bookinfo',
      name: 'default',
      workloads: [],
    },
  ],
};

/**
 * An in-memory requests API recording reads and decisions: answers from one
 * request, or fails every read with `failure`, or never answers when
 * `pending`; `overrides` replace single calls.
 */
export class FakeRequestsApi implements MeshplaneRequestsApi {
  readonly approvals: Array<{ id: string; comment?: string }> = [];
  readonly listQueries: MeshRequestListQuery[] = [];
  readonly renders: CreateMeshRequest[] = [];
  requestReads = 0;
  private request: MeshRequestDetail;

  constructor(
    private readonly options: {
      request?: MeshRequestDetail;
      /** What `GET /requests` lists; default the one request. */
      items?: MeshRequest[];
      failure?: Error;
      pending?: boolean;
      overrides?: Partial<MeshplaneRequestsApi>;
    } = {},
  ) {
    this.request = options.request ?? pendingRequest();
  }

  private answer<T>(value: T): Promise<T> {
    if (this.options.pending) return new Promise<T>(() => {});
    if (this.options.failure) return Promise.reject(this.options.failure);
    return Promise.resolve(value);
  }

  listRequests: MeshplaneRequestsApi['listRequests'] = async (query = {}) => {
    this.listQueries.push(query);
    return this.answer({ items: this.options.items ?? [this.request] });
  };
  getRequest: MeshplaneRequestsApi['getRequest'] = async () => {
    this.requestReads++;
    return this.answer(this.request);
  };
  approveRequest: MeshplaneRequestsApi['approveRequest'] = async (
    id,
    comment,
  ) => {
    this.approvals.push({ id, comment });
    this.request = {
      ...this.request,
      approval: { state: 'APPROVED', decidedBy: 'user:default/dave', comment },
      actions: { approve: false, retry: false },
      status: 'READY',
      clusters: this.request.clusters.map(c => ({
        ...c,
        status: 'READY' as const,
        appliedCount: 1,
        attempts: 1,
      })),
    };
    return this.request;
  };
  rejectRequest: MeshplaneRequestsApi['rejectRequest'] = async () => {
    throw new Error('not used');
  };
  retryRequest: MeshplaneRequestsApi['retryRequest'] = async () => {
    throw new Error('not used');
  };
  refreshPreview: MeshplaneRequestsApi['refreshPreview'] = async id =>
    this.options.overrides?.refreshPreview?.(id) ?? this.request;
  getWorkspaces: MeshplaneRequestsApi['getWorkspaces'] = async () => ({
    items: [bookinfoWorkspace],
  });
  getWorkspaceInventory: MeshplaneRequestsApi['getWorkspaceInventory'] =
    async () => this.answer(bookinfoInventory);
  renderRequest: MeshplaneRequestsApi['renderRequest'] = async body => {
    this.renders.push(body);
    if (this.options.overrides?.renderRequest)
      return this.options.overrides.renderRequest(body);
    const rendered: RenderResponse = {
      objects: this.request.objects,
      preview: this.request.preview!,
    };
    return this.answer(rendered);
  };
}
