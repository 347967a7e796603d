import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { MeshplaneApiClient } from '@meshplane/plugin-meshplane-node';
import {
  startMeshplaneBackend,
  type MeshplaneTestBackend,
} from '../__testUtils__/meshplaneBackend';
import { createRequestStatusAction } from './requestStatus';

jest.setTimeout(120_000);

describe('meshplane:request:status', () => {
  let meshplane: MeshplaneTestBackend;
  let baseUrl: string;
  let requestId: string;

  beforeAll(async () => {
    meshplane = await startMeshplaneBackend();
    baseUrl = meshplane.baseUrl;
    const created = await fetch(`${baseUrl}/requests`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header('user:default/guest'),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        workspace: 'bookinfo',
        group: {
          type: 'security',
          name: 'permissive',
          mode: 'BRIDGED',
          namespaces: ['east-1/bookinfo'],
          settings: { trafficMode: 'OPTIONAL' },
        },
      }),
    });
    requestId = (await created.json()).id;
  });
  afterAll(() => meshplane?.stop());

  function context(requestInput: Record<string, unknown>, isDryRun = false) {
    return {
      ...createMockActionContext({ input: requestInput as any }),
      isDryRun,
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/guest'),
    };
  }

  it('gives up waiting for a decision at the timeout, then follows the rollout once approved', async () => {
    const action = createRequestStatusAction({
      ...meshplane,
      pollIntervalMs: 100,
    });
    const waiting = context({
      requestId,
      waitFor: 'decision',
      timeoutSeconds: 1,
    });
    await action.handler(waiting as any);
    expect(waiting.output).toHaveBeenCalledWith('approval', 'PENDING');
    expect(waiting.output).toHaveBeenCalledWith('settled', false);

    const approved = await fetch(`${baseUrl}/requests/${requestId}/approve`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header('user:default/alice'),
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(approved.status).toBe(200);

    const rollout = context({
      requestId,
      waitFor: 'rollout',
      timeoutSeconds: 60,
    });
    await action.handler(rollout as any);
    expect(rollout.output).toHaveBeenCalledWith('approval', 'APPROVED');
    expect(rollout.output).toHaveBeenCalledWith('status', 'READY');
    expect(rollout.output).toHaveBeenCalledWith('clusters', [
      { cluster: 'east-1', status: 'READY' },
    ]);
    expect(rollout.output).toHaveBeenCalledWith('settled', true);
  });

  it("calls nothing in a dry run, and reads a real run's id from the backend", async () => {
    // A client for a backend that does not exist: any call would fail the action.
    const nowhere = 'http://127.0.0.1:9/api/meshplane';
    const offline = createRequestStatusAction({
      meshplane: MeshplaneApiClient.create({
        discovery: {
          getBaseUrl: async () => nowhere,
          getExternalBaseUrl: async () => nowhere,
        },
        auth: mockServices.auth({ pluginId: 'scaffolder' }),
      }),
    });
    const fetchSpy = jest.spyOn(global, 'fetch');
    try {
      for (const id of ['dry-run', requestId]) {
        const ctx = context({ requestId: id, waitFor: 'rollout' }, true);
        const info = jest.spyOn(ctx.logger, 'info');
        await offline.handler(ctx as any);
        expect(info).toHaveBeenCalledWith(`Dry run: request ${id} is not read`);
        expect(ctx.output).toHaveBeenCalledWith('settled', false);
      }
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }

    // Outside a dry run, the id `dry-run` is looked up like any other: the backend knows no such request.
    const action = createRequestStatusAction(meshplane);
    const real = context({ requestId: 'dry-run' });
    await expect(action.handler(real as any)).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
