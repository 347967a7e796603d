import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  meshplaneFleetReadPermission,
  meshplaneRequestApprovePermission,
  meshplaneRequestCreatePermission,
  meshplaneRequestReadPermission,
  meshplaneRequestRetryPermission,
} from '@meshplane/plugin-meshplane-common';
import {
  RequestPermissionPolicy,
  withRequestPermissions,
} from './requestPermissions';

const memberships: Record<string, string[]> = {
  'user:default/guest': ['group:default/bookinfo-team'],
  'user:default/alice': ['group:default/platform-team'],
};

const userInfo = {
  async getUserInfo(credentials: any) {
    const userEntityRef = credentials.principal.userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: [
        userEntityRef,
        ...(memberships[userEntityRef] ?? []),
      ],
    };
  },
};

function policy(allowSelfApproval = false) {
  return new RequestPermissionPolicy(userInfo, {
    platformAdmins: ['group:default/platform-team'],
    allowSelfApproval,
  });
}

function asUser(ref: string) {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [] },
  } as any;
}

const guestOwns = {
  rule: 'IS_WORKSPACE_OWNER',
  resourceType: 'meshplane-request',
  params: { claims: ['user:default/guest', 'group:default/bookinfo-team'] },
};
const guestRequested = {
  rule: 'IS_REQUESTER',
  resourceType: 'meshplane-request',
  params: { userRefs: ['user:default/guest'] },
};

describe('RequestPermissionPolicy', () => {
  it.each([
    [
      'read',
      meshplaneRequestReadPermission,
      { anyOf: [guestOwns, guestRequested] },
    ],
    [
      'retry',
      meshplaneRequestRetryPermission,
      { anyOf: [guestOwns, guestRequested] },
    ],
    [
      'approve',
      meshplaneRequestApprovePermission,
      { allOf: [guestOwns, { not: guestRequested }] },
    ],
  ])(
    'lets a team member %s conditionally on ownership',
    async (_name, permission, conditions) => {
      expect(
        await policy().decide({ permission }, asUser('user:default/guest')),
      ).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'meshplane',
        resourceType: 'meshplane-request',
        conditions,
      });
    },
  );

  it('lets owners approve their own requests only when configured', async () => {
    expect(
      await policy(true).decide(
        { permission: meshplaneRequestApprovePermission },
        asUser('user:default/guest'),
      ),
    ).toEqual(
      expect.objectContaining({
        result: AuthorizeResult.CONDITIONAL,
        conditions: guestOwns,
      }),
    );
  });

  it('asks the catalog whether the user owns the workspace to create a request', async () => {
    expect(
      await policy().decide(
        { permission: meshplaneRequestCreatePermission },
        asUser('user:default/guest'),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/bookinfo-team'],
        },
      },
    });
  });

  it('allows platform admins everything but approving their own requests', async () => {
    const alice = asUser('user:default/alice');
    for (const permission of [
      meshplaneRequestCreatePermission,
      meshplaneRequestReadPermission,
      meshplaneRequestRetryPermission,
    ]) {
      expect(await policy().decide({ permission }, alice)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    expect(
      await policy().decide(
        { permission: meshplaneRequestApprovePermission },
        alice,
      ),
    ).toEqual(
      expect.objectContaining({
        result: AuthorizeResult.CONDITIONAL,
        conditions: {
          not: {
            rule: 'IS_REQUESTER',
            resourceType: 'meshplane-request',
            params: { userRefs: ['user:default/alice'] },
          },
        },
      }),
    );
    expect(
      await policy(true).decide(
        { permission: meshplaneRequestApprovePermission },
        alice,
      ),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets services (no user) read but never act on requests', async () => {
    expect(
      await policy().decide({ permission: meshplaneRequestReadPermission }),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy().decide({ permission: meshplaneRequestApprovePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy().decide({ permission: meshplaneRequestCreatePermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('leaves other permissions to the wrapped policy', async () => {
    const base = {
      handle: jest.fn().mockResolvedValue({ result: AuthorizeResult.DENY }),
    };
    const combined = withRequestPermissions(base, policy());
    expect(
      await combined.handle(
        { permission: meshplaneFleetReadPermission },
        asUser('user:default/guest'),
      ),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(base.handle).toHaveBeenCalledTimes(1);
    expect(
      await combined.handle(
        { permission: meshplaneRequestReadPermission },
        asUser('user:default/alice'),
      ),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(base.handle).toHaveBeenCalledTimes(1);
  });

  it('reads its options from config', async () => {
    const fromConfig = RequestPermissionPolicy.fromConfig(
      mockServices.rootConfig({
        data: {
          meshplane: {
            permissions: {
              platformAdmins: ['group:default/platform-team'],
              allowSelfApproval: true,
            },
          },
        },
      }),
      { userInfo },
    );
    expect(
      await fromConfig.decide(
        { permission: meshplaneRequestApprovePermission },
        asUser('user:default/alice'),
      ),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
