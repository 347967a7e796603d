import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { RequestRefusedError } from '@meshplane/plugin-meshplane-node';
import {
  startMeshplaneBackend,
  type MeshplaneTestBackend,
} from '../__testUtils__/meshplaneBackend';
import { createGroupRenderAction } from './groupRender';

jest.setTimeout(120_000);

describe('meshplane:group:render', () => {
  let meshplane: MeshplaneTestBackend;
  let workspacePath: string;
  beforeAll(async () => {
    meshplane = await startMeshplaneBackend();
  });
  afterAll(() => meshplane?.stop());
  beforeEach(() => {
    workspacePath = mkdtempSync(join(tmpdir(), 'meshplane-render-'));
  });
  afterEach(() => rmSync(workspacePath, { recursive: true, force: true }));

  function context(input: Record<string, unknown>) {
    return {
      ...createMockActionContext({ input: input as any, workspacePath }),
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/guest'),
    };
  }

  it('writes the rendered objects into the workspace for a pull request', async () => {
    const action = createGroupRenderAction(meshplane);
    const ctx = context({
      workspace: 'system:default/bookinfo',
      groupType: 'security',
      name: 'strict',
      namespaces: ['east-1/bookinfo', 'west-1/bookinfo'],
      settings: {
        trafficMode: 'REQUIRED',
        authorization: { mode: 'NAMESPACE' },
      },
      targetPath: 'istio',
    });
    await action.handler(ctx as any);

    expect(ctx.output).toHaveBeenCalledWith('objectCount', 4);
    expect(ctx.output).toHaveBeenCalledWith('clusters', ['east-1', 'west-1']);
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'istio/east-1/bookinfo/peerauthentication-strict.yaml',
      'istio/east-1/bookinfo/authorizationpolicy-strict.yaml',
      'istio/west-1/bookinfo/peerauthentication-strict.yaml',
      'istio/west-1/bookinfo/authorizationpolicy-strict.yaml',
    ]);
    const written = YAML.parse(
      readFileSync(
        join(
          workspacePath,
          'istio/west-1/bookinfo/authorizationpolicy-strict.yaml',
        ),
        'utf8',
      ),
    );
    expect(written).toMatchObject({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: {
        name: 'strict',
        namespace: 'bookinfo',
        labels: { 'app.kubernetes.io/managed-by': 'meshplane' },
      },
      spec: {
        action: 'ALLOW',
        rules: [{ from: [{ source: { namespaces: ['bookinfo'] } }] }],
      },
    });
    // Nothing was stored or applied.
    const stored = await fetch(`${meshplane.baseUrl}/requests`, {
      headers: {
        Authorization: mockCredentials.user.header('user:default/guest'),
      },
    });
    expect((await stored.json()).items).toEqual([]);
  });

  it('reports a breaking preview', async () => {
    const action = createGroupRenderAction(meshplane);
    const ctx = context({
      workspace: 'bookinfo',
      groupType: 'traffic',
      name: 'reviews-plain',
      mode: 'DIRECT',
      namespaces: ['east-1/bookinfo'],
      objects:
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews-plain\nspec:\n  host: reviews.bookinfo.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n',
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('breaking', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'verdict',
      expect.stringMatching(
        /^Breaking: \d+ caller → service edges? would start failing \(.*bookinfo\/productpage-v1 → reviews\.bookinfo:9080.*\)\. east-1: 1 to create\.$/,
      ),
    );
    expect(ctx.output).toHaveBeenCalledWith('files', []);
  });

  it('fails with one line per refused field', async () => {
    const action = createGroupRenderAction(meshplane);
    const ctx = context({
      workspace: 'bookinfo',
      groupType: 'gateway',
      name: 'shop',
      namespaces: ['east-1/payments'],
      settings: {
        hosts: ['Shop.example.com'],
        routes: [{ service: 'productpage', port: 9080 }],
      },
    });
    const failure = action.handler(ctx as any);
    await expect(failure).rejects.toBeInstanceOf(RequestRefusedError);
    await expect(failure).rejects.toThrow(
      /group\.settings\.hosts\[0\]: "Shop\.example\.com" is not a valid DNS name/,
    );
  });
});
