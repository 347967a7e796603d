/** `details` of a Kubernetes Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
  retryAfterSeconds?: number;
}

/** A Kubernetes `Status` object (kind Status, apiVersion v1). */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** What a resource-scoped error names: resource (plural), group and object name. */
interface ResourceRef {
  resource: string;
  group: string;
  name: string;
}

/** `<resource>.<group>` (just `<resource>` in the core group). */
function qualified(ref: Pick<ResourceRef, 'resource' | 'group'>): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

/**
 * An error the simulated API server answers with a Kubernetes `Status` body,
 * shaped exactly like kube-apiserver's (apimachinery `errors.New*`).
 */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusDetails;

  constructor(options: {
    code: number;
    reason: string;
    message: string;
    details?: StatusDetails;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.reason = options.reason;
    this.details = options.details;
  }

  toStatus(): KubeStatus {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  private static forResource(
    code: number,
    reason: string,
    ref: ResourceRef,
    message: string,
    causes?: StatusDetails['causes'],
  ): ApiError {
    return new ApiError({
      code,
      reason,
      message,
      details: {
        name: ref.name,
        group: ref.group,
        kind: ref.resource,
        ...(causes ? { causes } : {}),
      },
    });
  }

  static badRequest(message: string): ApiError {
    return new ApiError({ code: 400, reason: 'BadRequest', message });
  }

  static unauthorized(): ApiError {
    return new ApiError({
      code: 401,
      reason: 'Unauthorized',
      message: 'Unauthorized',
    });
  }

  static forbidden(options: {
    resource: string;
    group: string;
    name?: string;
    message: string;
  }): ApiError {
    return new ApiError({
      code: 403,
      reason: 'Forbidden',
      message: options.message,
      details: {
        ...(options.name ? { name: options.name } : {}),
        group: options.group,
        kind: options.resource,
      },
    });
  }

  /** `<resource>.<group> "<name>" not found`, as kube-apiserver words it. */
  static notFound(ref: ResourceRef): ApiError {
    return ApiError.forResource(
      404,
      'NotFound',
      ref,
      `${qualified(ref)} "${ref.name}" not found`,
    );
  }

  static noSuchResource(): ApiError {
    return new ApiError({
      code: 404,
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
      details: {},
    });
  }

  static methodNotAllowed(message: string): ApiError {
    return new ApiError({
      code: 405,
      reason: 'MethodNotAllowed',
      message,
      details: {},
    });
  }

  static notAcceptable(message: string): ApiError {
    return new ApiError({ code: 406, reason: 'NotAcceptable', message });
  }

  static alreadyExists(ref: ResourceRef): ApiError {
    return ApiError.forResource(
      409,
      'AlreadyExists',
      ref,
      `${qualified(ref)} "${ref.name}" already exists`,
    );
  }

  static conflict(
    options: ResourceRef & {
      message: string;
      causes?: StatusDetails['causes'];
    },
  ): ApiError {
    return ApiError.forResource(
      409,
      'Conflict',
      options,
      `Operation cannot be fulfilled on ${qualified(options)} "${
        options.name
      }": ${options.message}`,
      options.causes,
    );
  }

  static expired(message: string): ApiError {
    return new ApiError({ code: 410, reason: 'Expired', message });
  }

  static tooLarge(limit: number): ApiError {
    return new ApiError({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: `Request entity too large: limit is ${limit}`,
    });
  }

  static unsupportedMediaType(contentType: string): ApiError {
    return new ApiError({
      code: 415,
      reason: 'UnsupportedMediaType',
      message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml${
        contentType ? ` (got ${contentType})` : ''
      }`,
    });
  }

  /** `<Kind>.<group> "<name>" is invalid: <field>: <message>` with one cause per field. */
  static invalid(options: {
    kind: string;
    group: string;
    name: string;
    causes: Array<{ field: string; message: string }>;
  }): ApiError {
    const kind = qualified({ resource: options.kind, group: options.group });
    const summary = options.causes
      .map(c => `${c.field}: ${c.message}`)
      .join(', ');
    return new ApiError({
      code: 422,
      reason: 'Invalid',
      message: `${kind} "${options.name}" is invalid: ${summary}`,
      details: {
        name: options.name,
        group: options.group,
        kind: options.kind,
        causes: options.causes.map(c => ({
          reason: 'FieldValueInvalid',
          message: c.message,
          field: c.field,
        })),
      },
    });
  }

  static internal(message: string): ApiError {
    return new ApiError({
      code: 500,
      reason: 'InternalError',
      message: `Internal error occurred: ${message}`,
      details: { causes: [{ message }] },
    });
  }
}
