/** Discovery that puts every plugin at `http://backend.test/api/<id>`. */
export const discoveryApi = {
  getBaseUrl: async (id: string) => `http://backend.test/api/${id}`,
};

/** A JSON answer as the backend sends it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A 403 answer in Backstage's error format, naming the denied permission. */
export function deniedResponse(permission: string, url: string): Response {
  return jsonResponse(403, {
    error: { name: 'NotAllowedError', message: `${permission} denied` },
    request: { method: 'GET', url },
    response: { statusCode: 403 },
  });
}

/** A fetch that never answers and fails only when its signal aborts, as fetch does. */
export const neverAnsweringFetchApi = {
  fetch: (_url: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      if (init?.signal?.aborted) reject(new Error('aborted'));
      init?.signal?.addEventListener('abort', () =>
        reject(new Error('aborted')),
      );
    }),
};
