import type {
  ClusterError,
  ClusterErrorReason,
} from '@meshplane/plugin-meshplane-common';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/**
 * A failed request to a cluster, classified, with a message that never
 * carries credentials (no headers, no URL query, no request body).
 */
export class KubeRequestError extends Error {
  readonly reason: ClusterErrorReason;
  readonly statusCode?: number;

  constructor(options: {
    reason: ClusterErrorReason;
    message: string;
    statusCode?: number;
  }) {
    super(options.message);
    this.name = 'KubeRequestError';
    this.reason = options.reason;
    this.statusCode = options.statusCode;
  }

  /** From an HTTP status and the Kubernetes `Status` body (if any). */
  static fromStatus(
    operation: string,
    statusCode: number,
    status?: unknown,
  ): KubeRequestError {
    const detail =
      typeof status === 'object' && status !== null && 'message' in status
        ? `: ${String((status as { message: unknown }).message).slice(0, 300)}`
        : '';
    let reason: ClusterErrorReason = 'server-error';
    if (statusCode === 401) reason = 'unauthorized';
    else if (statusCode === 403) reason = 'forbidden';
    else if (statusCode === 404) reason = 'not-found';
    else if (statusCode === 410) reason = 'gone';
    return new KubeRequestError({
      reason,
      statusCode,
      message: `${operation}: HTTP ${statusCode}${detail}`,
    });
  }

  /** From whatever a request threw (socket, TLS, timeout, parse errors). */
  static from(operation: string, error: unknown): KubeRequestError {
    if (error instanceof KubeRequestError) return error;
    const code = (error as { code?: unknown })?.code;
    const message = error instanceof Error ? error.message : String(error);
    let reason: ClusterErrorReason = 'unreachable';
    if (error instanceof SyntaxError) reason = 'malformed';
    else if (
      typeof code === 'string' &&
      /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO/.test(code)
    )
      reason = 'tls';
    else if (typeof code === 'string' && NETWORK_CODES.has(code))
      reason = 'unreachable';
    return new KubeRequestError({
      reason,
      message: `${operation}: ${message}`,
    });
  }

  /** The sanitised form the API reports. */
  toClusterError(kind?: string, at: Date = new Date()): ClusterError {
    return {
      reason: this.reason,
      message: this.message,
      ...(kind ? { kind } : {}),
      ...(this.statusCode ? { statusCode: this.statusCode } : {}),
      at: at.toISOString(),
    };
  }
}
