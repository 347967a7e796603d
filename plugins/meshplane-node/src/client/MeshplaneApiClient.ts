import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import {
  type ClusterDetail,
  type ClusterEndpointListResponse,
  type ClusterListResponse,
  type CreateMeshRequest,
  DefaultApiClient,
  type EntityMeshView,
  type FindingsQuery,
  type FindingsResponse,
  type MeshRequest,
  type MeshRequestDetail,
  type RenderResponse,
  type RequestFieldError,
  type RequestOptions,
  type ServiceListQuery,
  type ServiceListResponse,
  type TypedResponse,
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

/**
 * A list answer with the `ETag` of the fleet state it was computed from.
 *
 * @public
 */
export interface VersionedResponse<T> {
  etag?: string;
  body: T;
}

/** The JSON of a 2xx answer; any other answer rejects with a `ResponseError`. */
async function answerOf<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  return response.json();
}

/**
 * Typed client for the Meshplane backend (`/api/meshplane`), for other
 * backend plugins and modules (catalog provider, scaffolder actions: group
 * requests on behalf of the user): the client generated from the backend's
 * openapi.yaml, authenticated with a plugin request token issued per call.
 *
 * @public
 */
export class MeshplaneApiClient {
  private readonly api: DefaultApiClient;
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
    this.api = new DefaultApiClient({ discoveryApi: options.discovery });
    this.auth = options.auth;
  }

  /** `GET /clusters`: every configured cluster with its connection status. */
  async listClusters(
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterListResponse> {
    return answerOf(
      await this.api.listClusters({}, await this.requestOptions(options)),
    );
  }

  /** `GET /clusters/:name`; rejects with a 404 `ResponseError` for an unknown cluster. */
  async getCluster(
    name: string,
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterDetail> {
    return answerOf(
      await this.api.getCluster(
        { path: { name } },
        await this.requestOptions(options),
      ),
    );
  }

  /** `GET /services`: logical services, filtered and paged. */
  async listServices(
    query: ServiceListQuery = {},
    options?: MeshplaneApiRequestOptions,
  ): Promise<ServiceListResponse> {
    return answerOf(
      await this.api.listServices(
        { query },
        await this.requestOptions(options),
      ),
    );
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
    const response = await this.api.listServices(
      { query, header: { 'If-None-Match': etag } },
      await this.requestOptions(options),
    );
    if (response.status === 304) {
      return undefined;
    }
    return {
      etag: response.headers.get('ETag') ?? undefined,
      body: await answerOf(response),
    };
  }

  /** `GET /catalog/clusters`: API server URL and CA of every cluster, for catalog entities. */
  async listClusterEndpoints(
    options?: MeshplaneApiRequestOptions,
  ): Promise<ClusterEndpointListResponse> {
    return answerOf(
      await this.api.listClusterEndpoints(
        {},
        await this.requestOptions(options),
      ),
    );
  }

  /** `GET /findings`: fleet-wide findings, filtered and paged. */
  async listFindings(
    query: FindingsQuery = {},
    options?: MeshplaneApiRequestOptions,
  ): Promise<FindingsResponse> {
    return answerOf(
      await this.api.listFindings(
        { query },
        await this.requestOptions(options),
      ),
    );
  }

  /**
   * `GET /entity/:kind/:namespace/:name`: the mesh view of one catalog entity.
   * Accepts a ref string (`component:default/reviews`) or a compound ref.
   */
  async getEntityMeshView(
    entityRef: string | CompoundEntityRef,
    options?: MeshplaneApiRequestOptions,
  ): Promise<EntityMeshView> {
    const { kind, namespace, name } =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    return answerOf(
      await this.api.getEntityMeshView(
        { path: { kind, namespace, name } },
        await this.requestOptions(options),
      ),
    );
  }

  /**
   * `POST /requests/render`: checks, renders and previews a group request
   * without storing it. Call it on behalf of the user (`credentials`): their
   * permissions apply.
   * @throws RequestRefusedError when the backend refuses the input, field by field.
   */
  async renderRequest(
    body: CreateMeshRequest,
    options?: MeshplaneApiRequestOptions,
  ): Promise<RenderResponse> {
    return refusedByField(
      await this.api.renderRequest(
        { body },
        await this.requestOptions(options),
      ),
    );
  }

  /**
   * `POST /requests`: stores a group request, pending approval.
   * @throws RequestRefusedError when the backend refuses the input, field by field.
   */
  async createRequest(
    body: CreateMeshRequest,
    options?: MeshplaneApiRequestOptions,
  ): Promise<MeshRequest> {
    return refusedByField(
      await this.api.createRequest(
        { body },
        await this.requestOptions(options),
      ),
    );
  }

  /** `GET /requests/:id`: a request with its approval, per-cluster rollout status, preview and audit trail. */
  async getRequest(
    id: string,
    options?: MeshplaneApiRequestOptions,
  ): Promise<MeshRequestDetail> {
    return answerOf(
      await this.api.getRequest(
        { path: { id } },
        await this.requestOptions(options),
      ),
    );
  }

  /** A plugin request token for the call, on behalf of the given credentials or of the calling plugin. */
  private async requestOptions(
    options: MeshplaneApiRequestOptions = {},
  ): Promise<RequestOptions> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf:
        options.credentials ?? (await this.auth.getOwnServiceCredentials()),
      targetPluginId: 'meshplane',
    });
    return { token, signal: options.signal };
  }
}

/** {@link answerOf}, with a 400 that carries field errors as a {@link RequestRefusedError}. */
async function refusedByField<T>(response: TypedResponse<T>): Promise<T> {
  try {
    return await answerOf(response);
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
