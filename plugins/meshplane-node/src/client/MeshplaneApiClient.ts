import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import type {
  ClusterDetail,
  ClusterEndpointListResponse,
  ClusterListResponse,
  CreateMeshRequest,
  EntityMeshView,
  FindingsQuery,
  FindingsResponse,
  MeshRequest,
  MeshRequestDetail,
  RenderResponse,
  RequestFieldError,
  ServiceListQuery,
  ServiceListResponse,
} from '@meshplane/plugin-meshplane-common';

/**
 * Refusal of a group request by the Meshplane backend for its input (a 400
 * with field errors): one line per field, so a scaffolder log or a caller
 * can point at the field to fix.
 *
 * @public
 */
export class RequestRefusedError extends InputError {
  readonly fieldErrors: RequestFieldError[];

  constructor(fieldErrors: RequestFieldError[]) {
    super(
      `Meshplane refused the request:\n${fieldErrors
        .map(e => `  - ${e.field}: ${e.message}`)
        .join('\n')}`,
    );
    this.fieldErrors = fieldErrors;
  }
}

/**
 * Options of every {@link MeshplaneApiClient} call.
 *
 * @public
 */
export interface MeshplaneApiRequestOptions {
  /**
   * Whose request this is: the credentials of an incoming request (from
   * `httpAuth.credentials(req)`, or a scaffolder task's initiator) to call on
   * behalf of that user, so the user's permissions apply. Default: the
   * calling plugin's own service credentials.
   */
  credentials?: BackstageCredentials;
  /** Aborts the request. */
  signal?: AbortSignal;
}

type QueryValue = string | number | string[] | undefined;

/**
 * A list answer with the `ETag` of the fleet state it was computed from.
 *
 * @public
 */
export interface VersionedResponse<T> {
  etag?: string;
  body: T;
}

/**
 * Typed client for the Meshplane backend (`/api/meshplane`), for other
 * backend plugins and modules (catalog provider, scaffolder actions: group
 * requests on behalf of the user). It
 * finds the backend through discovery and authenticates with a plugin
 * request token issued per call.
 *
 * @public
 */
export class MeshplaneApiClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }): MeshplaneApiClient {
    return new MeshplaneApiClient(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
  }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  /** `GET /clusters`: every configured cluster with its connection status. */
  listClusters(
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterListResponse> {
    return this.get('/clusters', {}, options);
  }

  /** `GET /clusters/:name`; rejects with a 404 `ResponseError` for an unknown cluster. */
  getCluster(
    name: string,
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterDetail> {
    return this.get(`/clusters/${encodeURIComponent(name)}`, {}, options);
  }

  /** `GET /services`: logical services, filtered and paged. */
  listServices(
    query: ServiceListQuery = {},
    options?: MeshplaneApiRequestOptions,
  ): Promise<ServiceListResponse> {
    return this.get('/services', { ...query }, options);
  }

  /**
   * `GET /services` with `If-None-Match: etag`: resolves `undefined` while the
   * fleet is unchanged (304), else the page with the new `ETag`.
   */
  async listServicesIfChanged(
    query: ServiceListQuery,
    etag: string | undefined,
    options?: MeshplaneApiRequestOptions,
  ): Promise<VersionedResponse<ServiceListResponse> | undefined> {
    const response = await this.request(
      '/services',
      { ...query },
      options,
      etag ? { 'If-None-Match': etag } : {},
    );
    if (response.status === 304) {
      return undefined;
    }
    return {
      etag: response.headers.get('ETag') ?? undefined,
      body: (await response.json()) as ServiceListResponse,
    };
  }

  /** `GET /catalog/clusters`: API server URL and CA of every cluster, for catalog entities. */
  listClusterEndpoints(
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterEndpointListResponse> {
    return this.get('/catalog/clusters', {}, options);
  }

  /** `GET /findings`: fleet-wide findings, filtered and paged. */
  listFindings(
    query: FindingsQuery = {},
    options?: MeshplaneApiRequestOptions,
  ): Promise<FindingsResponse> {
    const { code, ...rest } = query;
    return this.get(
      '/findings',
      { ...rest, code: code?.length ? code.join(',') : undefined },
      options,
    );
  }

  /**
   * `GET /entity/:kind/:namespace/:name`: the mesh view of one catalog entity.
   * Accepts a ref string (`component:default/reviews`) or a compound ref.
   */
  getEntityMeshView(
    entityRef: string | CompoundEntityRef,
    options?: MeshplaneApiRequestOptions,
  ): Promise<EntityMeshView> {
    const ref =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    const path = [ref.kind, ref.namespace, ref.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    return this.get(`/entity/${path}`, {}, options);
  }

  /**
   * `POST /requests/render`: checks, renders and previews a group request
   * without storing it. Call it on behalf of the user (`credentials`): their
   * permissions apply.
   * @throws RequestRefusedError when the backend refuses the input, field by field.
   */
  renderRequest(
    body: CreateMeshRequest,
    options?: MeshplaneApiRequestOptions,
  ): Promise<RenderResponse> {
    return this.send('POST', '/requests/render', body, options);
  }

  /**
   * `POST /requests`: stores a group request, pending approval.
   * @throws RequestRefusedError when the backend refuses the input, field by field.
   */
  createRequest(
    body: CreateMeshRequest,
    options?: MeshplaneApiRequestOptions,
  ): Promise<MeshRequest> {
    return this.send('POST', '/requests', body, options);
  }

  /** `GET /requests/:id`: a request with its approval, per-cluster rollout status, preview and audit trail. */
  getRequest(
    id: string,
    options?: MeshplaneApiRequestOptions,
  ): Promise<MeshRequestDetail> {
    return this.get(`/requests/${encodeURIComponent(id)}`, {}, options);
  }

  /** Sends a JSON body; maps a 400 with field errors to {@link RequestRefusedError}. */
  private async send<T>(
    method: 'POST',
    path: string,
    body: unknown,
    options?: MeshplaneApiRequestOptions,
  ): Promise<T> {
    try {
      const response = await this.request(
        path,
        {},
        options,
        { 'Content-Type': 'application/json' },
        {
          method,
          body: JSON.stringify(body),
        },
      );
      return (await response.json()) as T;
    } catch (error) {
      const fieldErrors =
        error instanceof ResponseError
          ? (
              error.body?.error as
                | { fieldErrors?: RequestFieldError[] }
                | undefined
            )?.fieldErrors
          : undefined;
      if (
        error instanceof ResponseError &&
        error.statusCode === 400 &&
        Array.isArray(fieldErrors) &&
        fieldErrors.length > 0
      ) {
        throw new RequestRefusedError(fieldErrors);
      }
      throw error;
    }
  }

  private async get<T>(
    path: string,
    query: Record<string, QueryValue>,
    options?: MeshplaneApiRequestOptions,
  ): Promise<T> {
    const response = await this.request(path, query, options);
    return (await response.json()) as T;
  }

  /** Sends an authenticated request (GET by default); resolves a 2xx or 304 answer, rejects with a `ResponseError` otherwise. */
  private async request(
    path: string,
    query: Record<string, QueryValue>,
    options: MeshplaneApiRequestOptions = {},
    headers: Record<string, string> = {},
    init: { method?: 'GET' | 'POST'; body?: string } = {},
  ): Promise<Response> {
    const baseUrl = await this.discovery.getBaseUrl('meshplane');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await this.auth.getOwnServiceCredentials()),
      targetPluginId: 'meshplane',
    });
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params}` : '';
    const response = await fetch(`${baseUrl}${path}${search}`, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: {
        ...headers,
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
      },
      signal: options.signal,
    });
    if (!response.ok && response.status !== 304) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
