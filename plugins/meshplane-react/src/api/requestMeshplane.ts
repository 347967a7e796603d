import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  type TypedResponse,
} from '@meshplane/plugin-meshplane-common';
import { MeshplaneTimeoutError } from './MeshplaneTimeoutError';

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
 * The generated client of `/api/meshplane` as the frontend's clients use it:
 * it resolves the backend through discovery and sends every request through
 * the fetch API (which adds the user's Backstage token), failing with a
 * {@link MeshplaneTimeoutError} when the backend does not answer in time. The
 * caller's `signal` aborts the call without calling it a timeout.
 */
export function meshplaneApiClient(
  http: MeshplaneHttpOptions,
): DefaultApiClient {
  const timeoutMs = http.timeoutMs ?? DEFAULT_MESHPLANE_TIMEOUT_MS;
  const fetchWithTimeout = async (
    input: RequestInfo | URL,
    init: RequestInit = {},
  ): Promise<Response> => {
    const { signal } = init;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const abortFromCaller = () => timeout.abort();
    // The caller may have aborted while the base URL was being resolved.
    if (signal?.aborted) abortFromCaller();
    signal?.addEventListener('abort', abortFromCaller);
    try {
      return await http.fetchApi.fetch(input, {
        ...init,
        signal: timeout.signal,
      });
    } catch (error) {
      if (timeout.signal.aborted && !signal?.aborted) {
        const baseUrl = await http.discoveryApi.getBaseUrl('meshplane');
        const path = String(input).slice(baseUrl.length).split('?')[0];
        throw new MeshplaneTimeoutError(path, timeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abortFromCaller);
    }
  };
  return new DefaultApiClient({
    discoveryApi: http.discoveryApi,
    fetchApi: { fetch: fetchWithTimeout },
  });
}

/** The JSON of a 2xx answer; any other answer rejects with a `ResponseError`. */
export async function answerOf<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as Response);
  }
  return response.json();
}
