import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  startMeshplaneBackend,
  type MeshplaneTestBackend,
} from '../__testUtils__/meshplaneBackend';
import { createGroupRequestAction } from './groupRequest';

jest.setTimeout(120_000);

const input = {
  workspace: 'system:default/bookinfo',
  groupType: 'security',
  name: 'strict',
  namespaces: ['*/bookinfo'],
  settings: { trafficMode: 'REQUIRED', authorization: { mode: 'WORKSPACE' } },
  description: 'mTLS only',
};

describe('meshplane:group:request', () => {
  let meshplane: MeshplaneTestBackend;
  beforeAll(async () => {
    meshplane = await startMeshplaneBackend();
  });
  afterAll(() => meshplane?.stop());

  async function storedRequests() {
    const response = await fetch(`${meshplane.baseUrl}/requests`, {
      headers: {
        Authorization: mockCredentials.user.header('user:default/guest'),
      },
    });
    return (await response.json()).items as Array<{
      id: string;
      requester: string;
      approval: { state: string };
    }>;
  }

  function context(isDryRun: boolean) {
    return {
      ...createMockActionContext({ input: input as any }),
      isDryRun,
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/guest'),
    };
  }

  it('validates and previews in a dry run without storing anything: allowing only the workspace breaks its outside callers', async () => {
    const action = createGroupRequestAction({
      ...meshplane,
      appBaseUrl: 'http://portal',
    });
    const ctx = context(true);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'dry-run');
    // authorization WORKSPACE renders an ALLOW of the workspace's namespaces: every caller from
    // elsewhere (another team's service, the ingress gateway) is denied.
    expect(ctx.output).toHaveBeenCalledWith('breaking', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'verdict',
      expect.stringMatching(
        /^Breaking: \d+ caller → service edges would be denied by an AuthorizationPolicy \(.*\)\. east-1: 2 to create; /,
      ),
    );
    expect(await storedRequests()).toEqual([]);
  });

  it('stores the request on behalf of the user who runs the template', async () => {
    const action = createGroupRequestAction({
      ...meshplane,
      appBaseUrl: 'http://portal',
    });
    const ctx = context(false);
    await action.handler(ctx as any);

    const [stored] = await storedRequests();
    expect(stored).toMatchObject({
      requester: 'user:default/guest',
      approval: { state: 'PENDING' },
    });
    expect(ctx.output).toHaveBeenCalledWith('requestId', stored.id);
    expect(ctx.output).toHaveBeenCalledWith('approval', 'PENDING');
    expect(ctx.output).toHaveBeenCalledWith('status', 'ACCEPTED');
    expect(ctx.output).toHaveBeenCalledWith(
      'requestUrl',
      `http://portal/mesh-requests/${stored.id}`,
    );
  });
});
