import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { MeshplaneTimeoutError } from './MeshplaneTimeoutError';

/** A query parameter; lists travel comma-separated (`code=IST0101,KIA0501`), as the API documents. */
export type MeshplaneQueryValue =
  | string
  | number
  | boolean
  | string[]
  | undefined;

/** Default time a call may take before it fails with {@link MeshplaneTimeoutError}. */
export const DEFAULT_MESHPLANE_TIMEOUT_MS = 30_000;

/**
 * How the clients reach the backend.
 *
 * @public
 */
export interface MeshplaneHttpOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  /** Time a call may take; default 30 s. */
  timeoutMs?: number;
}

/**
 * One call to the Meshplane backend (`/api/meshplane`), shared by the
 * clients: resolves the base URL through discovery, sends the request through
 * the fetch API (which adds the user's Backstage token), fails with a
 * `ResponseError` for a non-2xx answer, and with a
 * {@link MeshplaneTimeoutError} when the backend does not answer in time. The
 * caller's `signal` aborts the call without calling it a timeout.
 */
export async function requestMeshplane<T>(
  http: MeshplaneHttpOptions,
  request: {
    method?: 'GET' | 'POST';
    path: string;
    query?: Record<string, MeshplaneQueryValue>;
    /** Sent as JSON. */
    body?: unknown;
    signal?: AbortSignal;
  },
): Promise<T> {
  const { method = 'GET', path, query = {}, body, signal } = request;
  const timeoutMs = http.timeoutMs ?? DEFAULT_MESHPLANE_TIMEOUT_MS;
  const baseUrl = await http.discoveryApi.getBaseUrl('meshplane');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const url = `${baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const abortFromCaller = () => timeout.abort();
  // The caller may have aborted while the base URL was being resolved.
  if (signal?.aborted) abortFromCaller();
  signal?.addEventListener('abort', abortFromCaller);
  try {
    const response = await http.fetchApi.fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: timeout.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  } catch (error) {
    if (timeout.signal.aborted && !signal?.aborted) {
      throw new MeshplaneTimeoutError(path, timeoutMs);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abortFromCaller);
  }
}
