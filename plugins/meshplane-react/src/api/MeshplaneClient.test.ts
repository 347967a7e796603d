import { ResponseError } from '@backstage/errors';
import { MeshplaneClient } from './MeshplaneClient';
import { isNotFound, isPermissionDenied } from './errors';
import { MeshplaneTimeoutError } from './MeshplaneTimeoutError';
import {
  deniedResponse,
  discoveryApi,
  jsonResponse,
  neverAnsweringFetchApi,
} from './__testUtils__/fakeTransport';

describe('MeshplaneClient', () => {
  it('builds entity paths and query strings as the API documents', async () => {
    const urls: string[] = [];
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          urls.push(String(url));
          return jsonResponse(200, { items: [] });
        },
      },
    });
    await client.getEntityMesh({
      kind: 'Component',
      namespace: 'default',
      name: 'reviews v2',
    });
    await client.getFindings({
      code: ['IST0101', 'KIA0501'],
      level: 'Warning',
      q: '',
    });
    await client.getServices({ q: 'book', limit: 25, offset: 50 });
    await client.getCluster('east/1');
    await client.getNamespaceReadiness('shop&x');
    expect(urls).toEqual([
      'http://backend.test/api/meshplane/entity/Component/default/reviews%20v2',
      'http://backend.test/api/meshplane/findings?code=IST0101%2CKIA0501&level=Warning',
      'http://backend.test/api/meshplane/services?q=book&limit=25&offset=50',
      'http://backend.test/api/meshplane/clusters/east%2F1',
      'http://backend.test/api/meshplane/readiness?namespace=shop%26x',
    ]);
  });

  it("asks for an entity's traffic window and callers, leaving out what is not chosen", async () => {
    const urls: string[] = [];
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          urls.push(String(url));
          return jsonResponse(200, { items: [] });
        },
      },
    });
    const reviews = {
      kind: 'Component',
      namespace: 'default',
      name: 'reviews',
    };
    await client.getEntityMesh(reviews, { window: '1h', callers: 'all' });
    await client.getEntityMesh(reviews, { callers: 'observed' });
    await client.getEntityMesh(reviews, { window: '24h' });
    expect(urls).toEqual([
      'http://backend.test/api/meshplane/entity/Component/default/reviews?window=1h&callers=all',
      'http://backend.test/api/meshplane/entity/Component/default/reviews?callers=observed',
      'http://backend.test/api/meshplane/entity/Component/default/reviews?window=24h',
    ]);
  });

  it('passes the signal of an entity request on with its traffic query', async () => {
    const controller = new AbortController();
    let received: AbortSignal | null | undefined;
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: (_url: RequestInfo | URL, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            received = init?.signal;
            init?.signal?.addEventListener('abort', () =>
              reject(new Error('aborted by caller')),
            );
          }),
      },
    });
    const pending = client
      .getEntityMesh(
        { kind: 'Component', namespace: 'default', name: 'reviews' },
        { window: '5m', signal: controller.signal },
      )
      .catch(e => e);
    await new Promise(resolve => setTimeout(resolve, 0));
    controller.abort();
    expect((await pending).message).toBe('aborted by caller');
    expect(received?.aborted).toBe(true);
  });

  it('reads the status of every metrics source', async () => {
    const urls: string[] = [];
    const sources = {
      items: [
        {
          source: 'meshplane.prometheus',
          clusters: ['east-1', 'west-1'],
          host: 'prometheus.monitoring:9090',
          status: 'down',
          lastError: {
            reason: 'timeout',
            message: 'prometheus.monitoring:9090 did not answer within 5 s',
            at: '2026-01-10T12:00:00Z',
          },
        },
      ],
    };
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          urls.push(String(url));
          return jsonResponse(200, sources);
        },
      },
    });
    expect(await client.getMetricsSources()).toEqual(sources);
    expect(urls).toEqual(['http://backend.test/api/meshplane/metrics/sources']);
  });

  it('turns a 403 answer into a ResponseError recognised as permission denied', async () => {
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: async () => deniedResponse('meshplane.fleet.read', '/clusters'),
      },
    });
    const error = await client.getClusters().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(isPermissionDenied(error)).toBe(true);
    expect(isNotFound(error)).toBe(false);
  });

  it('fails with a timeout error instead of waiting forever', async () => {
    const client = new MeshplaneClient({
      discoveryApi,
      timeoutMs: 50,
      fetchApi: neverAnsweringFetchApi,
    });
    const error = await client.getHealth().catch(e => e);
    expect(error).toBeInstanceOf(MeshplaneTimeoutError);
    expect(error.message).toBe(
      'The Meshplane backend did not answer /health within 0 s',
    );
  });

  it('passes the caller’s abort through without calling it a timeout', async () => {
    const controller = new AbortController();
    const client = new MeshplaneClient({
      discoveryApi,
      fetchApi: {
        fetch: (_url: RequestInfo | URL, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            // As fetch does: an already aborted signal rejects at once.
            if (init?.signal?.aborted) reject(new Error('aborted by caller'));
            init?.signal?.addEventListener('abort', () =>
              reject(new Error('aborted by caller')),
            );
          }),
      },
    });
    const pending = client
      .getClusters({ signal: controller.signal })
      .catch(e => e);
    controller.abort();
    const error = await pending;
    expect(error).not.toBeInstanceOf(MeshplaneTimeoutError);
    expect(error.message).toBe('aborted by caller');
  });
});
