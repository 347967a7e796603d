import { ResponseError } from '@backstage/errors';
import { isPermissionDenied } from './errors';
import { MeshplaneRequestsClient } from './MeshplaneRequestsClient';
import { MeshplaneTimeoutError } from './MeshplaneTimeoutError';
import {
  deniedResponse,
  discoveryApi,
  jsonResponse,
  neverAnsweringFetchApi,
} from './__testUtils__/fakeTransport';

describe('MeshplaneRequestsClient', () => {
  it('sends reads with their query and decisions as JSON POSTs', async () => {
    const calls: Array<{ url: string; method?: string; body?: unknown }> = [];
    const client = new MeshplaneRequestsClient({
      discoveryApi,
      fetchApi: {
        fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
          calls.push({
            url: String(url),
            method: init?.method,
            body: init?.body ? JSON.parse(String(init.body)) : undefined,
          });
          return jsonResponse(200, { items: [] });
        },
      },
    });
    await client.listRequests({
      workspace: 'system:default/bookinfo',
      approval: 'PENDING',
    });
    await client.getWorkspaces({ owned: true });
    await client.getWorkspaces();
    await client.approveRequest('r/1', 'ok');
    await client.retryRequest('r-2');
    await client.getWorkspaceInventory('bookinfo');
    await client.getWorkspaceInventory('system:team-a/shop');
    await client.renderRequest({
      workspace: 'bookinfo',
      group: {
        type: 'security',
        name: 'strict',
        mode: 'BRIDGED',
        namespaces: ['*/bookinfo'],
        settings: { trafficMode: 'REQUIRED' },
      },
    });
    expect(calls).toEqual([
      {
        url: 'http://backend.test/api/meshplane/requests?workspace=system%3Adefault%2Fbookinfo&approval=PENDING',
        method: 'GET',
      },
      {
        url: 'http://backend.test/api/meshplane/workspaces?owned=true',
        method: 'GET',
      },
      { url: 'http://backend.test/api/meshplane/workspaces', method: 'GET' },
      {
        url: 'http://backend.test/api/meshplane/requests/r%2F1/approve',
        method: 'POST',
        body: { comment: 'ok' },
      },
      {
        url: 'http://backend.test/api/meshplane/requests/r-2/retry',
        method: 'POST',
      },
      {
        url: 'http://backend.test/api/meshplane/workspaces/default/bookinfo/inventory',
        method: 'GET',
      },
      {
        url: 'http://backend.test/api/meshplane/workspaces/team-a/shop/inventory',
        method: 'GET',
      },
      {
        url: 'http://backend.test/api/meshplane/requests/render',
        method: 'POST',
        body: {
          workspace: 'bookinfo',
          group: {
            type: 'security',
            name: 'strict',
            mode: 'BRIDGED',
            namespaces: ['*/bookinfo'],
            settings: { trafficMode: 'REQUIRED' },
          },
        },
      },
    ]);
  });

  it('turns a 403 into a ResponseError recognised as permission denied', async () => {
    const client = new MeshplaneRequestsClient({
      discoveryApi,
      fetchApi: {
        fetch: async () =>
          deniedResponse('meshplane.request.read', '/requests'),
      },
    });
    const error = await client.listRequests().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(isPermissionDenied(error)).toBe(true);
  });

  it('fails with a timeout error instead of waiting forever, for reads and decisions', async () => {
    const client = new MeshplaneRequestsClient({
      discoveryApi,
      timeoutMs: 50,
      fetchApi: neverAnsweringFetchApi,
    });
    const read = await client.getRequest('r-1').catch(e => e);
    expect(read).toBeInstanceOf(MeshplaneTimeoutError);
    expect(read.message).toBe(
      'The Meshplane backend did not answer /requests/r-1 within 0 s',
    );
    const approve = await client.approveRequest('r-1').catch(e => e);
    expect(approve).toBeInstanceOf(MeshplaneTimeoutError);
  });
});
